"""The `powtrack extract` and `powtrack evaluate` commands, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "Armenia and Azerbaijan swap prisoners at the border\n\n"
    "Azerbaijan handed over thirty-two Armenian soldiers on Wednesday and Armenia freed "
    "two Azerbaijani servicemen in return, officials in both capitals said.\n\n"
    "The handover took place at the Margara crossing point on the state border.\n"
)


def powtrack(*args: str, stdin: str | None = None, cwd: Path | None = None):
    return subprocess.run([sys.executable, "-m", "powtrack", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return tmp_path


def test_extract_prints_one_schema_record_per_article_with_evidence(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = powtrack("extract", str(path), "--published", "2023-12-13")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    event = record["events"][0]
    assert record["relevant"] is True
    assert event["returned"] == {"Armenia": [32], "Azerbaijan": [2]}
    assert event["date"] == "2023-12-13"
    spans = [e for e in event["evidence"] if e["field"] == "returned"]
    assert {ARTICLE[e["start"]:e["end"]] for e in spans} == {"thirty-two", "two"}


def test_bad_files_get_one_line_each_and_the_good_ones_still_come_out(folder):
    result = powtrack("extract", str(folder), "--published", "2023-12-13", "--no-evidence")
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert any("empty.txt" in line and "empty" in line for line in errors)
    assert any("image.txt" in line for line in errors)
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1 and records[0]["relevant"] is True


def test_extract_reads_json_lines_from_stdin_and_keeps_their_ids():
    line = json.dumps({"id": "doc-7", "text": ARTICLE, "published": "2023-12-13"})
    result = powtrack("extract", "-", "--no-evidence", stdin=line + "\n")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "doc-7"
    assert "evidence" not in record["events"][0]


def test_table_format_shows_sides_figures_and_place(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = powtrack("extract", str(path), "--format", "table", "--published", "2023-12-13")
    assert result.returncode == 0
    assert "Armenia 32" in result.stdout and "Azerbaijan 2" in result.stdout
    assert "Margara crossing point" in result.stdout


def test_a_bad_published_date_is_a_usage_error_that_says_the_format():
    result = powtrack("extract", "x.txt", "--published", "27/12/2017")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize("command", ["extract", "evaluate"])
def test_every_command_has_help_with_an_example(command):
    result = powtrack(command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout and f"powtrack {command}" in result.stdout


def test_evaluate_with_errors_lists_what_was_missed(tmp_path):
    gold = {"id": "g1", "text": ARTICLE, "published": "2023-12-13", "relevant": True,
            "events": [{"status": "completed", "date": "2023-12-13",
                        "parties": ["Armenia", "Azerbaijan"],
                        "returned": {"Armenia": [32], "Azerbaijan": [2, 3]}, "breakdown": {},
                        "mediators": [], "location": None, "main": True}], "held": []}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    result = powtrack("evaluate", str(path), "--errors")
    assert result.returncode == 0, result.stderr
    assert "count_f1" in result.stdout
    assert "missed Azerbaijan=3" in result.stdout
