"""Ledger databases for fixtures wider than one test (module-scoped): SQLite or PostgreSQL.

PostgreSQL comes from $POWTRACK_TEST_PG,
each database is a fresh schema dropped afterwards; without the variable the
PostgreSQL case is skipped, except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_HOWTO = 'export POWTRACK_TEST_PG="$(bash scripts/postgres.sh)"'
KINDS = ["sqlite", "postgresql"]


@contextmanager
def database(kind: str, folder: Path, name: str = "ledger") -> Iterator[str]:
    """The URL of an empty ledger: ``folder/NAME.db``, or a new PostgreSQL schema."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'{name}.db'}"
        return
    base = os.environ.get("POWTRACK_TEST_PG")
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"POWTRACK_TEST_PG is not set, and CI must test PostgreSQL; "
                        f"run {PG_HOWTO} before pytest")
        pytest.skip(f"PostgreSQL: set POWTRACK_TEST_PG to test it ({PG_HOWTO})")
    import sqlalchemy as sa

    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = sa.engine.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
