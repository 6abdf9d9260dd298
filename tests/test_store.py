"""The ledger store on SQLite and PostgreSQL: migrations, idempotent storing, resolving."""

from __future__ import annotations

import random
from datetime import date

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_data import add, article, corpus, record, snapshot, swap
from powtrack.records import Evidence, Held
from powtrack.store import (
    Store,
    StoreError,
    database_url,
    head_revision,
    ingest,
    outlet_of,
    schema,
)


def test_opening_applies_every_migration_and_records_it(store):
    assert store.revision() == head_revision() == "0004"
    names = set(sa.inspect(store.engine).get_table_names())
    assert set(schema.TABLES) | {"alembic_version"} <= names
    assert set(schema.VIEWS) <= set(sa.inspect(store.engine).get_view_names())


def test_the_migrated_database_matches_the_schema_module(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_a_database_at_an_older_migration_is_upgraded_on_open(db_url):
    from alembic import command

    from powtrack.store import _alembic_config

    with Store.open(db_url, migrate=False) as s:
        config = _alembic_config()
        with s.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
        assert s.revision() == "0001"
    with Store.open(db_url) as s:
        assert s.revision() == head_revision()
        assert "exchange_figures" in sa.inspect(s.engine).get_view_names()


def test_opening_again_changes_nothing(db_url):
    with Store.open(db_url) as s:
        add(s, "One.", swap("2024-01-03", 5, 5))
        before = snapshot(s)
    with Store.open(db_url) as s:
        assert s.revision() == head_revision()
        assert snapshot(s) == before


def test_the_same_article_twice_changes_no_row(store):
    doc = article("Ukraine and Russia swapped 230 for 248.", url="https://a.example/1", id="d1")
    rec = record(doc, swap("2024-01-03", 230, 248))
    assert store.add_document(doc, rec) is True
    store.resolve()
    before = snapshot(store)
    assert store.add_document(doc, rec) is False
    assert store.resolve().mentions == 0
    assert snapshot(store) == before


def test_a_document_is_stored_with_its_metadata(store):
    doc = article("Text of the article.", published="2024-01-04",
                  url="https://www.kyivindependent.example/news/1", id="d7")
    doc.title, doc.lang, doc.source = "Swap", "en", "feed.jsonl:3"
    store.add_document(doc, record(doc))
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(schema.documents)).mappings().one()
    assert row["id"] == doc.content_hash
    assert (row["input_id"], row["url"], row["title"], row["language"], row["source"]) == \
        ("d7", "https://www.kyivindependent.example/news/1", "Swap", "en", "feed.jsonl:3")
    assert row["outlet"] == "kyivindependent.example"
    assert row["published"] == date(2024, 1, 4)
    assert row["text"] == "Text of the article."
    assert (row["version"], row["superseded_by"], row["relevant"]) == (1, None, False)


def test_a_changed_text_at_the_same_url_is_a_new_version_and_the_old_one_is_kept(store):
    url = "https://a.example/swap"
    first = add(store, "Early: 100 came home.", swap("2024-01-03", 100, 100), url=url)
    add(store, "Other outlet: 104 came home.", swap("2024-01-03", 104, 100),
        url="https://b.example/x")
    store.resolve()
    assert store.exchanges()[0]["n_documents"] == 2
    second = add(store, "Updated: 104 came home.", swap("2024-01-03", 104, 100), url=url)
    store.resolve()
    with store.engine.connect() as conn:
        docs = {r.id: r for r in conn.execute(sa.select(schema.documents))}
        active = dict(conn.execute(sa.select(schema.mentions.c.document_id,
                                             schema.mentions.c.active)).all())
    assert docs[first].superseded_by == second
    assert (docs[first].version, docs[second].version) == (1, 2)
    assert not active[first] and active[second]
    [x] = store.exchanges()
    # the old version no longer counts: both current reports say 104, no conflict
    assert x["returned_to_a"] == 100 and x["returned_to_b"] == 104
    assert x["n_conflicts"] == 0
    assert x["n_documents"] == 2


def test_mentions_keep_every_field_with_its_evidence(store):
    ev = swap("2024-01-03", 230, 248, mediators=["United Arab Emirates"], location="Sumy",
              breakdown={"Ukraine": {"military": 224, "civilians": 6}},
              promised={"Russia": 250}, refused={"Russia": 2}, total=478)
    ev.evidence.append(Evidence("mediators", "United Arab Emirates", 10, 30,
                                "The UAE mediated.", 0))
    doc_id = add(store, "Article.", ev)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(schema.mentions)).mappings().one()
        fields = conn.execute(sa.select(schema.claims.c.field, schema.claims.c.party,
                                        schema.claims.c.value,
                                        schema.claims.c.sentence)).all()
    assert row["document_id"] == doc_id
    assert row["returned"] == {"Ukraine": [230], "Russia": [248]}
    assert row["breakdown"] == {"Ukraine": {"military": 224, "civilians": 6}}
    assert (row["promised"], row["refused"], row["absent"]) == ({"Russia": 250},
                                                                {"Russia": 2}, {})
    assert (row["total"], row["location"], row["mediators"]) == (478, "Sumy",
                                                                 ["United Arab Emirates"])
    assert (row["status"], row["date"], row["pair"]) == ("completed", date(2024, 1, 3),
                                                         "Russia / Ukraine")
    assert row["evidence"][0]["sentence"] == "230 people came home to Ukraine."
    assert ("mediator", None, "United Arab Emirates", "The UAE mediated.") in fields
    assert ("returned", "Ukraine", "230", "230 people came home to Ukraine.") in fields
    assert {f for f, *_ in fields} >= {"breakdown.military", "breakdown.civilians", "promised",
                                       "refused", "total", "location", "date", "status"}


def test_held_figures_are_stored_over_time(store):
    add(store, "Held.", held=[Held("Russia", "Ukraine", 1200, "about", date(2024, 1, 1),
                                   [Evidence("held", 1200, 0, 4, "About 1,200 remain.", 0,
                                             attributed_to="Kyiv")])])
    [h] = store.held_figures()
    assert (h["held_by"], h["of"], h["count"], h["qualifier"], h["anchor"]) == \
        ("Russia", "Ukraine", 1200, "about", date(2024, 1, 1))
    assert (h["sentence"], h["attributed_to"]) == ("About 1,200 remain.", "Kyiv")


def test_reports_from_different_documents_resolve_into_one_exchange(store):
    add(store, "A.", swap("2024-01-03", 230, 248, said_by={"Russia": "Russia's Defence Ministry"}))
    add(store, "B.", swap("2024-01-03", 230, 248), published="2024-01-05")
    add(store, "C.", swap("2024-03-01", 50, 50), published="2024-03-01")
    stats = store.resolve()
    assert (stats.mentions, stats.exchanges) == (3, 2)
    rows = store.exchanges()
    assert [(r["date"], r["returned_to_a"], r["returned_to_b"]) for r in rows] == \
        [(date(2024, 1, 3), 248, 230), (date(2024, 3, 1), 50, 50)]
    x = store.exchange(rows[0]["id"])
    claim = next(c for c in x["claims"] if c["field"] == "returned" and c["party"] == "Russia"
                 and c["attributed_to"])
    assert claim["attributed_to"] == "Russia's Defence Ministry"
    assert claim["sentence"] == "248 people came home to Russia."
    assert len(x["documents"]) == 2


def test_incremental_resolving_gives_the_same_result_as_resolving_from_scratch(db_url):
    items = corpus(40)
    random.Random(3).shuffle(items)
    with Store.open(db_url) as s:
        for i, (doc, rec) in enumerate(items):
            s.add_document(doc, rec)
            if i % 7 == 0:
                s.resolve()
        s.resolve()
        incremental = snapshot(s, skip=("ingested_at",))
        ids = sorted(r["id"] for r in s.exchanges())
        s.resolve(full=True)
        assert snapshot(s, skip=("ingested_at",)) == incremental
        assert sorted(r["id"] for r in s.exchanges()) == ids
        assert any(r["parent_id"] for r in s.exchanges())  # the corpus has staged swaps


def test_resolving_twice_changes_nothing(store):
    for doc, rec in corpus(10):
        store.add_document(doc, rec)
    store.resolve()
    before = snapshot(store)
    assert store.resolve().components == 0
    assert snapshot(store) == before


def test_exchanges_filter_by_party_alias_dates_and_status(store):
    add(store, "A.", swap("2024-01-03", 230, 248))
    add(store, "B.", swap("2024-05-03", 20, 20, parties=("Armenia", "Azerbaijan")))
    add(store, "C.", swap(None, 75, 75, status="agreed"), published="2024-08-01")
    store.resolve()
    assert len(store.exchanges()) == 3
    assert [r["pair"] for r in store.exchanges(party="Kyiv")] == ["Russia / Ukraine"] * 2
    assert [r["pair"] for r in store.exchanges(party="azerbaijan")] == ["Armenia / Azerbaijan"]
    assert len(store.exchanges(since=date(2024, 5, 1))) == 2
    assert len(store.exchanges(until=date(2024, 5, 3))) == 2
    assert [r["status"] for r in store.exchanges(status="agreed")] == ["agreed"]
    assert len(store.exchanges(limit=1)) == 1


def test_an_exchange_is_found_by_any_unique_prefix(store):
    add(store, "A.", swap("2024-01-03", 230, 248))
    store.resolve()
    xid = store.exchanges()[0]["id"]
    assert store.exchange(xid[:4])["id"] == xid
    with pytest.raises(StoreError, match="no exchange"):
        store.exchange("ffffffffffffffff" if xid[0] != "f" else "0000000000000000")
    with pytest.raises(StoreError, match="not an exchange id"):
        store.exchange("zz")


def test_totals_count_each_side_per_year_and_cumulatively(store):
    add(store, "A.", swap("2023-06-01", 100, 90))
    add(store, "B.", swap("2024-01-03", 230, 248))
    add(store, "C.", swap("2024-03-03", 10, None))
    add(store, "D.", swap(None, 500, 500, status="agreed"), published="2024-09-01")
    store.resolve()
    rows = {(r["year"], r["party"]): r for r in store.totals()}
    assert rows[2023, "Ukraine"]["returned"] == 100
    assert rows[2024, "Ukraine"]["returned"] == 240
    assert rows[2024, "Ukraine"]["cumulative"] == 340
    assert rows[2024, "Russia"]["returned"] == 248
    assert rows[2024, "Russia"]["unknown"] == 1  # the March swap gives no Russian figure
    assert rows[2024, "Russia"]["cumulative"] == 338
    assert [r["party"] for r in store.totals(party="Moscow")] == ["Russia", "Russia"]


def test_totals_count_a_staged_agreement_once(store):
    add(store, "Agreed.", swap(None, 1000, 1000, status="agreed"), published="2025-05-16")
    add(store, "Whole.", swap("2025-05-25", 1000, 1000), published="2025-05-25")
    add(store, "S1.", swap("2025-05-23", 390, 390))
    add(store, "S2.", swap("2025-05-24", 307, 307))
    add(store, "S3.", swap("2025-05-25", 303, 303))
    store.resolve()
    assert {r["party"]: r["returned"] for r in store.totals()} == {"Russia": 1000,
                                                                   "Ukraine": 1000}


def test_ingest_reports_bad_inputs_and_goes_on(store):
    from powtrack.ingest import ReadError

    errors = []
    doc = article("Fine article.")
    stats = ingest(store, [ReadError("bad.txt", "binary file"), doc],
                   extract=lambda d: record(d, swap("2024-01-03", 1, 1)),
                   on_error=lambda source, message: errors.append(source))
    assert (stats.read, stats.added, stats.errors) == (1, 1, 1)
    assert errors == ["bad.txt"]
    assert stats.resolved.exchanges == 1


def test_ingest_skips_an_article_the_extractor_fails_on(store):
    def broken(doc):
        if "boom" in doc.text:
            raise ValueError("boom")
        return record(doc)

    errors = []
    stats = ingest(store, [article("boom"), article("fine")], extract=broken,
                   on_error=lambda source, message: errors.append(message))
    assert (stats.added, stats.errors) == (1, 1)
    assert "extraction failed (ValueError: boom)" in errors[0]


def test_ingest_does_not_extract_an_article_already_stored(store):
    calls = []

    def counting(doc):
        calls.append(doc.key)
        return record(doc)

    ingest(store, [article("same")], extract=counting)
    stats = ingest(store, [article("same")], extract=counting)
    assert len(calls) == 1
    assert stats.unchanged == 1


def test_a_bad_database_url_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="does not exist; create it"):
        Store.open(f"sqlite:///{tmp_path}/missing/ledger.db")
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("x y://")
    with pytest.raises(StoreError, match="no driver for nonsense"):
        Store.open("nonsense://")
    with pytest.raises(StoreError, match="cannot open .*check the URL"):
        Store.open("postgresql+psycopg://nobody:wrong@127.0.0.1:1/none")


def test_database_url_defaults_to_a_sqlite_file_and_reads_the_environment(monkeypatch):
    monkeypatch.delenv("POWTRACK_DB", raising=False)
    assert database_url() == "sqlite:///powtrack.db"
    assert database_url("ledger.db") == "sqlite:///ledger.db"
    monkeypatch.setenv("POWTRACK_DB", "postgresql+psycopg://u:p@h/db")
    assert database_url() == "postgresql+psycopg://u:p@h/db"


def test_outlet_is_the_host_without_www():
    assert outlet_of("https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert outlet_of(None) is None
    assert outlet_of("not a url") is None


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), batch=st.integers(1, 12))
def test_any_order_and_batching_of_ingest_resolves_like_one_full_resolve(seed, batch):
    import tempfile

    items = corpus(15, seed=seed)
    random.Random(seed).shuffle(items)
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"{tmp}/x.db") as s:
        for i, (doc, rec) in enumerate(items):
            s.add_document(doc, rec)
            if i % batch == 0:
                s.resolve()
        s.resolve()
        incremental = snapshot(s, skip=("ingested_at",))
        s.resolve(full=True)
        assert snapshot(s, skip=("ingested_at",)) == incremental


# --- values the ledger cannot hold --------------------------------------------------


def test_a_figure_larger_than_the_ledger_holds_is_refused_and_the_run_goes_on(store):
    from powtrack.store import MAX_FIGURE

    huge, fine = article("Kyiv said 1,000,000,000,000 came home."), article("Kyiv: 5 home.")
    figures = {huge.text: swap("2024-01-03", 1_000_000_000_000, 5),
               fine.text: swap("2024-01-03", 5, 5)}
    errors = []
    stats = ingest(store, [huge, fine], extract=lambda d: record(d, figures[d.text]),
                   on_error=lambda source, message: errors.append(message))
    assert (stats.read, stats.added, stats.errors) == (2, 1, 1)
    assert errors == [f"not stored (a figure of 1,000,000,000,000 is larger than the ledger "
                      f"holds ({MAX_FIGURE:,}); check the article); skipped it"]
    assert not store.has_document(huge.content_hash) and store.has_document(fine.content_hash)
    assert store.counts()["exchanges"] == 1
    with pytest.raises(StoreError, match="larger than the ledger holds"):
        store.add_document(huge, record(huge, figures[huge.text]))


@pytest.mark.parametrize("published", ["0001-01-01", "1799-12-31", "2200-01-01", "9999-12-31"])
def test_a_date_outside_1800_to_2199_is_refused_so_resolving_stays_in_the_calendar(
        store, published):
    doc = article("Kyiv said 5 came home.", published=published)
    later = article("Kyiv said 6 came home.", published="2024-01-04")
    errors = []
    stats = ingest(store, [doc, later], extract=lambda d: record(d, swap(published, 5, 5)
                                                                if d is doc else
                                                                swap("2024-01-03", 6, 6)),
                   on_error=lambda source, message: errors.append(message))
    assert (stats.added, stats.errors) == (1, 1)
    assert f"the date {published} is outside what the ledger holds" in errors[0]
    assert stats.resolved.exchanges == 1


def test_a_language_longer_than_a_language_tag_is_stored_as_unknown(store):
    doc = article("Kyiv said 5 came home.")
    doc.lang = "x" * 40
    store.add_document(doc, record(doc))
    other = article("Kyiv said 6 came home.")
    other.lang = "uk"
    store.add_document(other, record(other))
    with store.engine.connect() as conn:
        languages = dict(conn.execute(sa.select(schema.documents.c.text,
                                                schema.documents.c.language)).all())
    assert languages == {doc.text: None, other.text: "uk"}


def test_named_people_are_stored_with_their_mention(store):
    from powtrack.document import Document

    text = ("Swap frees politician\n\nUkraine handed over 55 Russian servicemen as well as the "
            "politician Viktor Medvedchuk on Wednesday, and received 215 of its defenders in "
            "return.")
    ingest(store, [Document(text=text, published=date(2022, 9, 22), source="a.txt")])
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.mentions.c.people, schema.mentions.c.returned)).all()
    assert rows[0].people == {"Russia": ["Viktor Medvedchuk"]}
    assert rows[0].returned["Russia"] == [56]
