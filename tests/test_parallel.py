"""Many processes on one machine: the same output, in order, whatever the number of jobs."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

import powtrack.pipeline
from crawl_data import ROOT, iter_pages, write_warc
from ledger_data import snapshot
from powtrack.cli import cli
from powtrack.document import Document
from powtrack.ingest import ReadError, read_paths
from powtrack.pipeline import Skipped
from powtrack.scale.parallel import Failed, default_jobs, map_ordered, process_items
from powtrack.store import Store

EXAMPLES = ROOT / "examples" / "articles"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Example articles, a generated archive and a bad file, in one folder."""
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(EXAMPLES, folder / "articles")
    write_warc(folder / "crawl.warc.gz", iter_pages(120, seed=4, swap_share=0.1))
    (folder / "broken.jsonl").write_text('{"text": "fine"}\nnot json\n')
    return folder


def _double(chunk: list) -> list:
    return [2 * x for x in chunk]


def test_map_ordered_gives_results_in_input_order_for_any_number_of_jobs():
    items = list(range(1000))
    expected = [2 * x for x in items]
    for jobs in (1, 2, 3):
        for chunk in (1, 7, 64):
            assert list(map_ordered(_double, iter(items), jobs, chunk)) == expected


def test_map_ordered_reads_ahead_only_a_few_chunks():
    consumed = 0

    def source():
        nonlocal consumed
        for i in range(10_000):
            consumed += 1
            yield i

    results = map_ordered(_double, source(), jobs=2, chunk=10, ahead=4)
    assert next(results) == 0
    assert consumed <= 4 * 10 + 10  # not the whole input: memory stays flat
    results.close()


def test_process_items_outcomes_are_the_same_with_one_job_and_with_two(inputs):
    def outcomes(jobs):
        out = []
        for o in process_items(read_paths([str(inputs)], deferred=True), jobs=jobs):
            if isinstance(o, tuple):
                out.append((o[0].key, o[0].source, o[1].to_dict()))
            else:
                out.append(o)
        return out

    one, two = outcomes(1), outcomes(2)
    assert one == two
    kinds = {type(o).__name__ for o in one}
    assert kinds == {"tuple", "Skipped", "ReadError"}


def test_extract_output_is_identical_for_jobs_1_and_2(inputs):
    one = run("extract", inputs, "--jobs", "1")
    two = run("extract", inputs, "--jobs", "2")
    assert one.exit_code == two.exit_code == 1  # broken.jsonl
    assert one.stdout == two.stdout and one.stdout.count("\n") > 50
    assert one.stderr == two.stderr
    assert "broken.jsonl:2: not valid JSON" in one.stderr


def test_ingest_gives_the_same_ledger_for_jobs_1_and_2(inputs, tmp_path):
    dbs = []
    for jobs in (1, 2):
        db = tmp_path / f"jobs{jobs}.db"
        result = run("ingest", inputs, "--db", db, "--jobs", jobs)
        assert result.exit_code == 1, result.output
        dbs.append(db)
    skip = ("ingested_at",)
    with Store.open(str(dbs[0])) as a, Store.open(str(dbs[1])) as b:
        assert snapshot(a, skip=skip) == snapshot(b, skip=skip)


def test_ingest_again_extracts_nothing_already_stored(inputs, tmp_path, monkeypatch):
    db = tmp_path / "l.db"
    run("ingest", inputs / "articles", "--db", db, "--jobs", "2")

    def boom(doc):
        raise AssertionError(f"extracted again: {doc.source}")

    monkeypatch.setattr(powtrack.pipeline, "process", boom)
    result = run("ingest", inputs / "articles", "--db", db, "--jobs", "1")
    assert result.exit_code == 0 and " 0 stored" in result.stdout


def test_an_article_that_breaks_the_extractor_is_one_error_line_and_the_rest_goes_on(
        tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Ukraine and Russia swapped prisoners on Wednesday.\n")
    (tmp_path / "b.txt").write_text("BOOM\n")
    (tmp_path / "c.txt").write_text("Armenia and Azerbaijan swapped prisoners on Monday.\n")
    real = powtrack.pipeline.process

    def fragile(doc: Document):
        if "BOOM" in doc.text:
            raise ValueError("cannot parse this")
        return real(doc)

    # in this process (jobs 1): a worker started by forkserver would not see the patch
    monkeypatch.setattr(powtrack.pipeline, "process", fragile)
    outcomes = list(process_items(read_paths([str(tmp_path)], deferred=True), jobs=1))
    assert [type(o).__name__ for o in outcomes] == ["tuple", "Failed", "tuple"]
    assert isinstance(outcomes[1], Failed) and "ValueError: cannot parse this" in outcomes[1].error
    result = run("extract", tmp_path, "--jobs", "1")
    assert result.exit_code == 1 and result.stdout.count("\n") == 2
    assert f"{tmp_path / 'b.txt'}: extraction failed (ValueError: cannot parse this)" in \
        result.stderr


def test_progress_bar_shows_records_per_second_on_stderr(inputs):
    result = run("extract", inputs / "crawl.warc.gz", "--jobs", "2", "--progress")
    assert "record/s" in result.stderr and "record/s" not in result.stdout


def test_jobs_default_to_every_core_the_process_may_use():
    assert default_jobs() == len(os.sched_getaffinity(0))


def test_jobs_must_be_a_positive_number():
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES), "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output


def test_outcomes_of_bad_inputs_keep_their_place(tmp_path):
    (tmp_path / "1.txt").write_text("One article.\n")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text("Another article.\n")
    out = list(process_items(read_paths([str(tmp_path)], deferred=True), jobs=2, chunk=1))
    assert [type(o) for o in out] == [tuple, ReadError, tuple]
    assert not any(isinstance(o, Skipped) for o in out)
