"""The Spark job in local mode, and the Parquet table of records it writes and ingest loads.

The Spark tests need PySpark (``pip install -e '.[spark]'``) and a Java 17
runtime. Without them they are skipped, except under CI (``CI`` set), where
they fail: CI must run them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawl_data import ROOT, http, iter_pages, record, warc_file, write_warc
from ledger_data import snapshot
from powtrack.cli import cli
from powtrack.ingest import ReadError, read_paths
from powtrack.pipeline import extract
from powtrack.records import record_from_dict
from powtrack.scale.table import Extracted, arrow_schema, error_row, read_table, to_row
from powtrack.store import Store

GOLD = ROOT / "examples" / "gold.jsonl"
INSTALL = "pip install -e '.[spark]' and apt-get install -y openjdk-17-jre-headless"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "no Java runtime (java not on PATH, JAVA_HOME not set)"
    return None


@pytest.fixture(scope="module")
def spark():
    """A local[2] SparkSession, its Python workers running this interpreter."""
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}, and CI must run the Spark tests; {INSTALL}")
        pytest.skip(f"{missing}; {INSTALL}")
    from powtrack.scale.spark import session

    saved = {k: os.environ.get(k) for k in ("SPARK_LOCAL_IP", "PYSPARK_PYTHON")}
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = session("local[2]", [("spark.ui.enabled", "false"),
                             ("spark.sql.shuffle.partitions", "2")])
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> list[str]:
    """Two generated archives and a truncated one."""
    folder = tmp_path_factory.mktemp("archives")
    a, b = folder / "a.warc.gz", folder / "b.warc.gz"
    write_warc(a, iter_pages(80, seed=6, swap_share=0.1))
    write_warc(b, iter_pages(60, seed=7, swap_share=0.1), version="1.0", resource_share=0.3)
    page = b"<html><body><article><p>Ukraine and Russia swapped 90 prisoners each on " \
           b"Friday, officials said in Kyiv and Moscow.</p></article></body></html>"
    cut = warc_file(folder / "cut.warc.gz", [record("response", "https://c.example/1",
                                                     http(page))] * 2)
    cut.write_bytes(cut.read_bytes()[:-40])
    return [str(a), str(b), str(cut)]


# --- the table, without Spark ----------------------------------------------------------


def test_record_from_dict_is_the_inverse_of_to_dict_for_every_example():
    for line in GOLD.read_text("utf-8").splitlines():
        g = json.loads(line)
        record = extract(g["text"], published=g.get("published"), url=g.get("url"), id=g["id"])
        assert record_from_dict(record.to_dict()).to_dict() == record.to_dict()


def test_table_rows_read_back_as_the_documents_and_records_written(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    docs = [d for d in read_paths([str(ROOT / "examples" / "articles")]) if not
            isinstance(d, ReadError)][:12]
    from powtrack.pipeline import process

    pairs = [(d, process(d)) for d in docs]
    rows = [to_row(d, r) for d, r in pairs] + [error_row("x.warc.gz", "archive damaged")]
    path = tmp_path / "records.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema()), path)
    items = list(read_table(path, deferred=True))
    assert all(isinstance(i, Extracted) for i in items[:-1])
    assert [(i.document.text, i.document.url, i.document.source, i.record.to_dict())
            for i in items[:-1]] == [(d.text, d.url, d.source, r.to_dict()) for d, r in pairs]
    assert items[-1] == ReadError("x.warc.gz", "archive damaged")
    assert [d.text for d in list(read_table(path))[:3]] == [d.text for d in docs[:3]]


def test_a_parquet_file_that_is_not_a_records_table_is_one_error(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"x": [1, 2]}), path)
    [error] = list(read_paths([str(path)]))
    assert isinstance(error, ReadError) and "not a powtrack records table" in error.message
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    [error] = list(read_paths([str(broken)]))
    assert "cannot read the Parquet file" in error.message


# --- the job on Spark local[2] -----------------------------------------------------------


@pytest.mark.slow
def test_spark_parquet_output_equals_extract_output_for_the_same_archives(spark, archives,
                                                                        tmp_path):
    from powtrack.scale.spark import run_job

    out = tmp_path / "records.parquet"
    stats = run_job(archives, str(out), spark=spark)
    extracted = run("extract", *archives, "--jobs", "1")
    expected = [json.loads(line) for line in extracted.stdout.splitlines()]
    items = list(read_paths([str(out)], deferred=True))
    rows = [i.record.to_dict() for i in items if isinstance(i, Extracted)]
    errors = [f"powtrack: {i}" for i in items if isinstance(i, ReadError)]
    assert rows == expected and len(rows) > 10
    assert errors == [line for line in extracted.stderr.splitlines()
                      if "archive damaged" in line]
    assert stats.counts["documents"] == len(rows) and stats.counts["errors"] == 1
    assert stats.counts["archives"] == 3 and stats.counts["gated"] > 100


@pytest.mark.slow
def test_ingest_of_spark_output_gives_the_same_ledger_as_ingest_of_the_archives(
        spark, archives, tmp_path):
    from powtrack.scale.spark import run_job

    out = tmp_path / "records.parquet"
    run_job(archives, str(out), spark=spark)
    direct, loaded = tmp_path / "direct.db", tmp_path / "loaded.db"
    first = run("ingest", *archives, "--db", direct, "--jobs", "2")
    second = run("ingest", out, "--db", loaded, "--jobs", "2")
    assert first.exit_code == second.exit_code == 1  # the truncated archive, both times
    assert first.stdout.splitlines()[0] == second.stdout.splitlines()[0]
    skip = ("ingested_at",)
    with Store.open(str(direct)) as a, Store.open(str(loaded)) as b:
        assert snapshot(a, skip=skip) == snapshot(b, skip=skip)


@pytest.mark.slow
def test_powtrack_spark_command_writes_parquet_and_refuses_to_overwrite(archives, tmp_path):
    if _missing():
        if os.environ.get("CI"):
            pytest.fail(f"{_missing()}, and CI must run the Spark tests; {INSTALL}")
        pytest.skip(_missing())
    out = tmp_path / "out"
    paths = tmp_path / "paths.txt"
    paths.write_text("# a list as CC-NEWS gives it\n" + "\n".join(archives[:2]) + "\n")
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
    command = [str(Path(sys.executable).parent / "powtrack"), "spark", "--paths-from",
               str(paths), "-o", str(out), "--master", "local[2]", "--conf",
               "spark.ui.enabled=false"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "2 archives:" in done.stderr and "about swaps" in done.stderr
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".parquet")
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 1 and "give another -o or --overwrite" in again.stderr
