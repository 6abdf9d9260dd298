"""Extraction scored against gold annotations, with floors that may only rise.

``tests/eval_baseline.json`` pins the scores on our own examples and, when the
shared sets sit beside the checkout, on the development set and on the English
records of ``real.jsonl`` (articles rewritten from real news pages: the measure
we work against). It also pins each gold file's sha256, so that an edited gold
file cannot move a score unnoticed. Raise a floor when the extractor gets better;
never lower one to make a change pass.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from powtrack import evaluate as ev
from powtrack.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
BASELINE = json.loads((ROOT / "tests" / "eval_baseline.json").read_text())
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
REAL = ROOT.parent / "shared" / "eval" / "real.jsonl"
SEEDS = ("seed-000", "seed-000-nodate", "seed-001")


def predictions(gold: list[dict]) -> list[dict]:
    return [extract(g["text"], published=g.get("published"), url=g.get("url"), id=g["id"],
                    lang=g.get("lang")).to_dict(evidence=False) for g in gold]


CEILINGS = {"invented_dates", "swaps_split_or_merged"}  # scores that may only fall


def check_floors(scores: dict, floors: dict) -> list[str]:
    failures = []
    for name, floor in floors.items():
        if name in CEILINGS:
            if scores[name] > floor:
                failures.append(f"{name} {scores[name]} > {floor}")
        elif scores[name] < floor:
            failures.append(f"{name} {scores[name]:.3f} < floor {floor}")
    return failures


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["gold.jsonl", "gold-intl.jsonl"])
def test_examples_gold_files_are_the_ones_the_floors_were_measured_on(name):
    digest = BASELINE["digests"][f"examples/{name}"]
    assert _digest(ROOT / "examples" / name) == digest, (
        f"examples/{name} changed: re-measure, record the scores in docs/accuracy.md, "
        "then update its digest in tests/eval_baseline.json")


@pytest.mark.parametrize(("name", "floors"), [("gold.jsonl", "examples"),
                                              ("gold-intl.jsonl", "examples_intl")])
def test_examples_score_at_or_above_their_floors(name, floors):
    gold = ev.load_jsonl(ROOT / "examples" / name)
    scores = ev.score(gold, predictions(gold))
    assert check_floors(scores, BASELINE[floors]) == []


needs_dev = pytest.mark.skipif(not DEV.exists(),
                               reason="the shared development set is not beside this checkout")


@needs_dev
def test_development_set_scores_at_or_above_their_floors():
    gold = ev.load_jsonl(DEV)
    scores = ev.score(gold, predictions(gold))
    assert check_floors(scores, BASELINE["dev"]) == []


needs_real = pytest.mark.skipif(not REAL.exists(),
                                reason="the shared real-news set is not beside this checkout")


@pytest.mark.parametrize(("path", "key"), [(DEV, "dev.jsonl"), (REAL, "real.jsonl")])
def test_shared_gold_files_are_the_ones_the_floors_were_measured_on(path, key):
    if not path.exists():
        pytest.skip(f"{path.name} is not beside this checkout")
    assert _digest(path) == BASELINE["digests"][key], (
        f"{path} changed: score it with `powtrack evaluate` first (its arrival score goes in "
        "docs/accuracy.md), then update its digest in tests/eval_baseline.json")


@needs_real
@pytest.mark.parametrize("floors", ["real_en", "real_other"])
def test_real_news_scores_at_or_above_their_floors(floors):
    gold = [g for g in ev.load_jsonl(REAL)
            if ((g.get("lang") or "und") == "en") == (floors == "real_en")]
    scores = ev.score(gold, predictions(gold))
    assert check_floors(scores, BASELINE[floors]) == []


@needs_dev
@pytest.mark.parametrize("doc_id", SEEDS)
def test_seed_articles_come_out_exactly_as_their_gold(doc_id):
    gold = {g["id"]: g for g in ev.load_jsonl(DEV)}[doc_id]
    got = predictions([gold])[0]
    for field in ("relevant", "events", "held"):
        assert got[field] == gold[field], field


@needs_real
def test_ledger_groups_the_real_english_reports_at_or_above_its_floors():
    """Issue #11: how the ledger groups the English reports of real.jsonl into exchanges
    (B-cubed against each event's swap_key, swaps split or merged, consensus and date)."""
    gold = [g for g in ev.load_jsonl(REAL) if (g.get("lang") or "und") == "en"]
    records = {g["id"]: extract(g["text"], published=g.get("published"), url=g.get("url"),
                                id=g["id"], lang=g.get("lang")) for g in gold}
    scores = ev.score_ledger(gold, records)
    assert check_floors(scores, BASELINE["ledger_real_en"]) == []
