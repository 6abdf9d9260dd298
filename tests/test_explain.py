"""`powtrack explain`: why each number is, or is not, in the record (run as a user runs it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"

ARTICLE = (
    "Ukraine and Russia trade prisoners\n\n"
    "Moscow handed over 64 soldiers and 11 civilians to Ukraine on Tuesday, and Ukraine "
    "freed 75 Russian servicemen in return. The captives crossed ten at a time. Kyiv says "
    "it has brought 3,100 people home since the invasion began.\n"
)


def powtrack(*args: str):
    return subprocess.run([sys.executable, "-m", "powtrack", *args], capture_output=True,
                          text=True, timeout=300)


def test_explain_names_the_rule_that_placed_or_dropped_each_number(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = powtrack("explain", str(path), "--published", "2024-05-08")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # the parts, summed into Ukraine's figure by the parts rule
    assert "64: returned, military, -> Ukraine (rule side.destination) => Ukraine, returned = 75 " \
           "(rule parts.sum); Ukraine, breakdown.military = 64 (rule parts.sum)" in out
    assert "Ukraine, returned = 75 (rule parts.sum)" in out
    # the other side's figure, by the demonym in its noun phrase
    assert "75: returned, military, -> Russia (rule side.demonym_in_phrase)" in out
    # numbers that are not figures, each with its reason
    assert "10: dropped (drop.pace: 'N at a time', 'in groups of N')" in out
    assert "3100: dropped (drop.cumulative: a running total)" in out
    assert "event (main, completed): Ukraine vs Russia; returned {'Ukraine': [75], " \
           "'Russia': [75]}; breakdown {'Ukraine': {'military': 64, 'civilians': 11}}" in out


def test_explain_runs_on_every_example_article():
    result = powtrack("explain", str(EXAMPLES))
    assert result.returncode == 0, result.stderr
    articles = sorted(p for p in EXAMPLES.iterdir() if not p.name.startswith("."))
    assert result.stdout.count("\n== ") + result.stdout.startswith("== ") == len(articles)
    assert "Traceback" not in result.stderr


def test_explain_says_when_the_gate_stops_an_article(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("The central bank kept its interest rate at 4 percent on Thursday.\n",
                    encoding="utf-8")
    result = powtrack("explain", str(path))
    assert result.returncode == 0, result.stderr
    assert "gate: no captives changing hands or held" in result.stdout
