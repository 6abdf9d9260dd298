"""The ledger commands: ingest, resolve, exchanges, show, totals, check, export."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from ledger_data import add, snapshot, swap, write_articles
from powtrack.cli import cli
from powtrack.store import Store

ROOT = Path(__file__).resolve().parents[1]


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def ledger(db_url):
    """A ledger with two swaps (one disputed and with broken books) and an agreement."""
    with Store.open(db_url) as s:
        add(s, "Kyiv: 230 home.", swap("2024-01-03", 230, 248, said_by={"Ukraine": "Kyiv"},
                                       breakdown={"Ukraine": {"military": 220,
                                                              "civilians": 6}}),
            id="a1", url="https://kyiv.example/a1")
        add(s, "Moscow: 248 home.", swap("2024-01-03", 225, 248), id="a2",
            url="https://moscow.example/a2", published="2024-01-03")
        add(s, "Baku: 32 home.", swap("2024-01-11", 32, 2, parties=("Armenia", "Azerbaijan")),
            id="b1", url="https://baku.example/b1", published="2024-01-12")
        add(s, "Agreed.", swap(None, 75, 75, status="agreed"), id="c1", published="2024-03-01")
        s.resolve()
        ids = {r["pair"] + ":" + r["status"]: r["id"] for r in s.exchanges()}
    return db_url, ids


def test_exchanges_prints_a_table_of_consensus_figures(ledger):
    db, ids = ledger
    result = run("exchanges", "--db", db)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["ID", "DATE", "STATUS", "RETURNED", "DOCS", "NOTES"]
    assert ids["Russia / Ukraine:completed"] in lines[2]
    assert "Russia 248 / Ukraine 230" in lines[2] and "1 conflict" in lines[2]
    assert "Armenia 32 / Azerbaijan 2" in lines[3]
    assert "~2024-03-01" in lines[4] and "agreed" in lines[4]


def test_exchanges_filters_and_json(ledger):
    db, ids = ledger
    result = run("exchanges", "--db", db, "--party", "Baku", "--json")
    [row] = [json.loads(line) for line in result.output.splitlines()]
    assert row["id"] == ids["Armenia / Azerbaijan:completed"]
    assert row["date"] == "2024-01-11"
    result = run("exchanges", "--db", db, "--status", "agreed", "--since", "2024-02-01",
                 "--until", "2024-12-31", "--json")
    assert len(result.output.splitlines()) == 1


def test_exchanges_says_what_to_do_when_the_ledger_is_empty(tmp_path):
    result = run("exchanges", "--db", tmp_path / "empty.db")
    assert result.exit_code == 0
    assert "powtrack ingest" in result.output


def test_show_lists_every_claim_with_its_sentence_and_article(ledger):
    db, ids = ledger
    xid = ids["Russia / Ukraine:completed"]
    result = run("show", xid[:6], "--db", db)
    assert result.exit_code == 0
    out = result.output
    assert out.startswith(f"exchange {xid}: Russia / Ukraine, completed, 2024-01-03")
    assert "CONFLICT: 230 (1 source); 225 (1 source)" in out
    assert "tie broken by Ukraine's own figure" in out
    assert "returned Ukraine = 230 (Kyiv)  [a1]" in out
    assert '"230 people came home to Ukraine."' in out
    assert "a2  2024-01-03  moscow.example  https://moscow.example/a2" in out


def test_show_an_unknown_exchange_says_how_to_find_one(ledger):
    db, _ = ledger
    result = run("show", "abcdef0123", "--db", db)
    assert result.exit_code == 1
    assert "no exchange 'abcdef0123'; list them with `powtrack exchanges`" in result.output


def test_totals_prints_per_year_and_cumulative(ledger):
    db, _ = ledger
    result = run("totals", "--db", db, "--json")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {(r["party"], r["returned"], r["cumulative"]) for r in rows} == {
        ("Armenia", 32, 32), ("Azerbaijan", 2, 2), ("Russia", 248, 248), ("Ukraine", 230, 230)}
    table = run("totals", "--db", db).output
    assert table.splitlines()[0].split() == ["YEAR", "PARTY", "EXCHANGES", "RETURNED",
                                             "UNKNOWN", "CUMULATIVE"]


def test_check_names_the_exchange_figures_and_sources_and_exits_1(ledger):
    db, ids = ledger
    result = run("check", "--db", db)
    assert result.exit_code == 1
    assert (f"{ids['Russia / Ukraine:completed']}  breakdown: Ukraine: 220 military + "
            "6 civilians = 226, but 230 returned  [sources: a1]") in result.output
    [finding] = [json.loads(line) for line in run("check", "--db", db, "--json").output
                 .splitlines()]
    assert finding["figures"]["military"] == 220


def test_json_export_lists_consensus_claims_and_documents_with_input_ids(ledger):
    db, ids = ledger
    result = run("export", "--db", db)
    data = json.loads(result.output)
    x = next(e for e in data["exchanges"] if e["id"] == ids["Russia / Ukraine:completed"])
    assert x["consensus"]["returned"]["Ukraine"]["value"] == 230
    assert x["consensus"]["returned"]["Ukraine"]["conflict"] is True
    assert x["consensus"]["returned"]["Ukraine"]["stated"][1] == {
        "value": "225", "sources": 1, "documents": ["a2"]}
    assert x["consensus"]["date"]["value"] == "2024-01-03"
    assert {(d["id"], d["url"]) for d in x["documents"]} == {
        ("a1", "https://kyiv.example/a1"), ("a2", "https://moscow.example/a2")}
    claim = next(c for c in x["claims"] if c["field"] == "returned" and c["document"] == "a1"
                 and c["party"] == "Ukraine")
    assert claim["sentence"] == "230 people came home to Ukraine."
    assert claim["attributed_to"] == "Kyiv"


def test_csv_export_writes_a_table_or_view(ledger, tmp_path):
    db, _ = ledger
    result = run("export", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 3
    assert {r["returned_to_b"] for r in rows} >= {"230", "2"}
    out = tmp_path / "claims.csv"
    run("export", "--db", db, "--format", "csv", "--table", "claim_evidence", "-o", out)
    assert "230 people came home to Ukraine." in out.read_text()


def test_parquet_export_writes_a_file(ledger, tmp_path):
    import pyarrow.parquet as pq

    db, _ = ledger
    out = tmp_path / "x.parquet"
    result = run("export", "--db", db, "--format", "parquet", "-o", out)
    assert result.exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert "returned_to_a" in table.column_names
    assert run("export", "--db", db, "--format", "parquet").exit_code == 2


def test_export_refuses_an_unknown_table(ledger):
    db, _ = ledger
    result = run("export", "--db", db, "--format", "csv", "--table", "nope")
    assert result.exit_code == 2
    assert "choose one of" in result.output


def test_a_database_that_cannot_be_opened_is_one_line_with_what_to_do(tmp_path):
    result = run("exchanges", "--db", tmp_path / "no" / "such" / "x.db")
    assert result.exit_code == 1
    assert "does not exist; create it or choose another --db path" in result.output


def test_the_db_comes_from_the_environment_when_not_given(tmp_path, monkeypatch):
    monkeypatch.setenv("POWTRACK_DB", str(tmp_path / "env.db"))
    run("resolve")
    assert (tmp_path / "env.db").exists()


def test_datasette_serves_the_views_with_the_metadata(tmp_path):
    datasette_app = pytest.importorskip("datasette.app")
    path = tmp_path / "ledger.db"
    with Store.open(str(path)) as s:
        add(s, "A.", swap("2024-01-03", 230, 248), id="a1")
        add(s, "B.", swap("2024-01-03", 225, 248), id="a2")
        s.resolve()
    meta = json.loads(run("datasette-metadata", "--db", path).output)
    assert "ledger" in meta["databases"]

    async def fetch():
        ds = datasette_app.Datasette([str(path)], metadata=meta)
        figures = await ds.client.get("/ledger/exchange_figures.json?_shape=array")
        evidence = await ds.client.get("/ledger/claim_evidence.json?_shape=array")
        conflicts = await ds.client.get("/ledger/conflicts.json?_shape=array")
        page = await ds.client.get("/ledger/exchange_figures")
        return figures, evidence, conflicts, page

    figures, evidence, conflicts, page = asyncio.run(fetch())
    assert figures.status_code == 200
    [row] = figures.json()
    assert (row["party_b"], row["returned_to_b"], row["returned_to_a"]) == ("Ukraine", 230, 248)
    assert {r["document"] for r in evidence.json()} == {"a1", "a2"}
    [conflict] = conflicts.json()
    assert conflict["stated"] == "230 (1 source); 225 (1 source)"
    assert "One row per resolved exchange" in page.text


# --- end to end: real articles through extraction --------------------------


def test_ingesting_a_folder_gives_one_exchange_per_swap_and_again_changes_nothing(
        db_url, tmp_path):
    n = write_articles(tmp_path / "articles", n_swaps=6, reports=3)
    (tmp_path / "articles" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("ingest", tmp_path / "articles", "--db", db_url)
    assert result.exit_code == 1  # the broken file
    assert "broken.txt: binary file" in result.output
    assert f"{n} documents read: {n} stored" in result.output
    with Store.open(db_url) as s:
        rows = s.exchanges()
        assert len(rows) == 6
        assert all(r["n_documents"] == 3 and r["status"] == "completed" for r in rows)
        before = snapshot(s)
    again = run("ingest", tmp_path / "articles", "--db", db_url)
    assert f"{n} documents read: 0 stored, {n} already stored; 1 input skipped" in again.output
    assert "exchanges up to date" in again.output
    with Store.open(db_url) as s:
        assert snapshot(s) == before


def test_ingest_shows_a_progress_bar_when_asked(tmp_path):
    n = write_articles(tmp_path / "articles", n_swaps=2, reports=2)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "articles"), "--db",
                                      str(tmp_path / "l.db"), "--progress"])
    assert result.exit_code == 0
    assert f"{n}/{n}" in result.stderr and "/s" in result.stderr


def _count_documents(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
    except sa.exc.SQLAlchemyError:
        return 0  # not created yet
    finally:
        engine.dispose()


def _ingest_process(folder: Path, url: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen([sys.executable, "-m", "powtrack", "ingest", str(folder),
                             "--db", url, "--no-progress"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_after(folder: Path, url: str, committed: int) -> int:
    """Run ingest and SIGKILL it once ``committed`` documents are stored; returns rc."""
    proc = _ingest_process(folder, url)
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if _count_documents(url) >= committed:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode


@pytest.mark.slow
def test_an_ingest_killed_mid_run_completes_on_rerun_without_duplicates(db_url, tmp_path):
    folder = tmp_path / "articles"
    n = write_articles(folder, n_swaps=150, reports=3)
    # a clean run, for reference, in its own SQLite file
    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    assert run("ingest", folder, "--db", clean_url).exit_code == 0

    first = _kill_after(folder, db_url, committed=20)
    assert first == -signal.SIGKILL, "the first run finished before it could be killed"
    stored = _count_documents(db_url)
    assert 20 <= stored < n
    second = _kill_after(folder, db_url, committed=n // 2)
    assert second == -signal.SIGKILL, "the second run finished before it could be killed"
    proc = _ingest_process(folder, db_url)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert f"{n} documents read" in out.decode()

    with Store.open(db_url) as killed, Store.open(clean_url) as clean:
        assert killed.counts() == clean.counts()
        assert killed.counts()["documents"] == n
        assert snapshot(killed, skip=("ingested_at", "source")) == \
            snapshot(clean, skip=("ingested_at", "source"))
        assert len(killed.exchanges()) == 150


@pytest.mark.slow
def test_the_ledger_benchmark_runs_small(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ledger.py"), "--docs", "400",
         "--exchanges", "200", "--workdir", str(tmp_path), "--json", str(out)],
        capture_output=True, text=True, timeout=300,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["ingest"]["documents"] == 400
    assert report["ingest"]["docs_per_s"] > 0
    assert report["queries"]["exchanges"] >= 150
    assert report["queries"]["exchanges_ms"]["median"] > 0
