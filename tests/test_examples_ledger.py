"""Ingesting the bundled examples: one exchange per dated swap, with the articles' figures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from powtrack.ingest import read_paths
from powtrack.store import Store, ingest

ROOT = Path(__file__).resolve().parent.parent

# (pair, date, status, {side: consensus figure returned to it})
EXPECTED = [
    ("Armenia / Azerbaijan", "2020-12-14", "completed", {"Armenia": 44, "Azerbaijan": 12}),
    ("Armenia / Azerbaijan", "2023-12-13", "completed", {"Armenia": 32, "Azerbaijan": 2}),
    ("Russia / Ukraine", "2023-02-04", "completed", {"Ukraine": 116, "Russia": 63}),
    ("Russia / Ukraine", "2024-01-31", "completed", {"Ukraine": 207, "Russia": 195}),
    ("Russia / Ukraine", "2025-05-24", "completed", {"Ukraine": 307, "Russia": 307}),
    ("Russia / Ukraine", "2025-05-25", "completed", {"Ukraine": 303, "Russia": 303}),
    ("Russia / Ukraine", "2022-10-17", "completed", {"Ukraine": 108, "Russia": 110}),
    ("Hamas / Israel", "2025-10-13", "completed", {"Israel": 20, "Hamas": 1968}),
    ("Hamas / Israel", "2025-02-15", "completed", {"Israel": 3, "Hamas": 369}),
    ("Iran / United States", "2023-09-18", "completed", {"United States": 5, "Iran": 2}),
    ("Ethiopia / Tigray People's Liberation Front", "2023-02-02", "failed",
     {"Ethiopia": 300, "Tigray People's Liberation Front": 250}),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("examples") / "ledger.db"
    store = Store.open(f"sqlite:///{path}")
    ingest(store, read_paths([str(ROOT / "examples" / "articles")]))
    yield store
    store.close()


def figures(row: dict) -> dict[str, int | None]:
    return {row["party_a"]: row["returned_to_a"], row["party_b"]: row["returned_to_b"]}


def test_every_dated_swap_of_the_examples_is_one_exchange(ledger):
    rows = ledger.exchanges()
    dated = Counter((r["pair"], r["date"]) for r in rows if r["date"] is not None)
    assert [key for key, n in dated.items() if n > 1] == []


@pytest.mark.parametrize("pair,day,status,returned", EXPECTED)
def test_named_swaps_come_out_with_their_consensus_figures(ledger, pair, day, status, returned):
    rows = [r for r in ledger.exchanges() if r["pair"] == pair
            and r["date"] is not None and r["date"].isoformat() == day]
    assert len(rows) == 1
    assert rows[0]["status"] == status
    assert figures(rows[0]) == returned


def test_ingesting_the_examples_again_changes_no_row(ledger):
    before = ledger.counts()
    ingest(ledger, read_paths([str(ROOT / "examples" / "articles")]))
    assert ledger.counts() == before
