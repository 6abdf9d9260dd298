"""How much a relevant report costs to extract, per language (issue #10: at most 2x English).

Reads the relevant gold documents of a set (default ../shared/eval/real.jsonl, else
examples/gold.jsonl + examples/gold-intl.jsonl), extracts each one ``--repeat`` times on
one core after a warm-up, and prints the best time per document by language and the
ratio to English. Nothing fails on slowness.

    .venv/bin/python benchmarks/languages.py
    .venv/bin/python benchmarks/languages.py --gold examples/gold-intl.jsonl --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path

from powtrack.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", action="append", help="gold JSON Lines file(s)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = args.gold or ([str(ROOT.parent / "shared" / "eval" / "real.jsonl")]
                          if (ROOT.parent / "shared" / "eval" / "real.jsonl").exists()
                          else [str(ROOT / "examples" / "gold.jsonl"),
                                str(ROOT / "examples" / "gold-intl.jsonl")])
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    docs = [json.loads(line) for p in paths for line in open(p, encoding="utf-8")
            if line.strip()]
    docs = [d for d in docs if d.get("relevant")]
    for d in docs:  # warm-up: compiles every pack's patterns
        extract(d["text"], published=d.get("published"), lang=d.get("lang"))
    best: dict[str, list[float]] = defaultdict(list)
    for d in docs:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            extract(d["text"], published=d.get("published"), lang=d.get("lang"))
            times.append(time.perf_counter() - start)
        best[d.get("lang") or "und"].append(min(times))
    en = sum(best["en"]) / len(best["en"]) if best.get("en") else None
    print(f"{'lang':<5} {'docs':>5} {'ms/doc':>8} {'vs en':>6}")
    for lang in sorted(best, key=lambda k: (k != "en", k)):
        ms = sum(best[lang]) / len(best[lang]) * 1000
        ratio = f"{ms / (en * 1000):.2f}x" if en else "-"
        print(f"{lang:<5} {len(best[lang]):>5} {ms:>8.2f} {ratio:>6}")


if __name__ == "__main__":
    main()
