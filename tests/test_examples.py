"""The bundled examples: every file reads back as the text its gold annotation scores."""

from __future__ import annotations

import json
import re
from pathlib import Path

from powtrack.ingest import ReadError, read_paths

ROOT = Path(__file__).resolve().parent.parent
# examples/gold.jsonl: the first 72 (mostly English); examples/gold-intl.jsonl: the other
# languages, scored apart (tests/test_gold.py) so that each set keeps its own floors
GOLD_FILES = [p for p in (ROOT / "examples" / "gold.jsonl", ROOT / "examples" / "gold-intl.jsonl")
              if p.exists()]
GOLD = {json.loads(line)["id"]: json.loads(line)
        for path in GOLD_FILES for line in path.read_text("utf-8").splitlines() if line.strip()}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_example_file_has_gold_and_reads_as_its_gold_text():
    docs = list(read_paths([str(ROOT / "examples" / "articles")]))
    assert not [d for d in docs if isinstance(d, ReadError)]
    assert len(docs) == len(GOLD) >= 30
    for doc in docs:
        gold = GOLD[Path(doc.source).stem]
        assert squash(doc.text) == squash(gold["text"]), doc.source
        published = doc.published.isoformat() if doc.published else None
        assert published == gold["published"], doc.source


def test_examples_cover_negatives_failed_agreed_and_background_swaps():
    golds = list(GOLD.values())
    statuses = {e["status"] for g in golds for e in g["events"]}
    assert statuses == {"completed", "agreed", "failed"}
    assert sum(not g["relevant"] for g in golds) >= 6
    assert sum(any(not e["main"] for e in g["events"]) for g in golds) >= 3
    assert any(len(v) > 1 for g in golds for e in g["events"] for v in e["returned"].values())
