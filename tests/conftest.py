"""Shared fixtures: a ledger store on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from databases import KINDS, database


@pytest.fixture(params=KINDS)
def db_url(request, tmp_path):
    """A database URL for an empty ledger: a SQLite file, or a fresh PostgreSQL schema.

    PostgreSQL comes from $POWTRACK_TEST_PG. Without it the PostgreSQL case is
    skipped, except under CI (``CI`` set), where it fails: CI must test it.
    """
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url):
    from powtrack.store import Store

    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()
