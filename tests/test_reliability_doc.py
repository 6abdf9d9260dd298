"""docs/reliability.md: every row of its tables names a test that exists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reliability.md"
NODE = re.compile(r"`(tests/[\w/]+\.py::[^`]+)`")


def test_every_row_of_the_reliability_tables_names_a_collected_test():
    text = DOC.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines()
            if line.startswith("| ") and not line.startswith(("| fault", "|---"))]
    assert len(rows) > 40
    for row in rows:
        assert NODE.search(row.split(" | ")[1]), f"no test named in: {row}"
    named = sorted({m.group(1) for m in NODE.finditer(text)})
    files = sorted({n.split("::")[0] for n in named})
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                           "-p", "no:cacheprovider", *files], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    collected = set(done.stdout.split())
    missing = [n for n in named if n not in collected]
    assert not missing, missing
