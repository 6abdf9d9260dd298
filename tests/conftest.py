"""Shared fixtures: a ledger store on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid

import pytest

PG_HOWTO = 'export POWTRACK_TEST_PG="$(bash scripts/postgres.sh)"'


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A database URL for an empty ledger: a SQLite file, or a fresh PostgreSQL schema.

    PostgreSQL comes from $POWTRACK_TEST_PG. Without it the PostgreSQL case is
    skipped, except under CI (``CI`` set), where it fails: CI must test it.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
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


@pytest.fixture
def store(db_url):
    from powtrack.store import Store

    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()
