"""Clean stage: blank web clutter out of the text without moving any offset.

Clutter lines (promo, newsletter prompts, photo credits, "READ MORE", stray
ALL-CAPS headlines from other stories) are replaced by spaces of the same
length, and typographic quotes and dashes by their ASCII twins, so that the
cleaned text has exactly the length of the original: an offset found in
``doc.clean`` is the same offset in ``doc.text``. The patterns live in
``data/clutter.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from powtrack.document import Document

# One character for one character, so offsets stay put.
_TRANSLATE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ",
    "\u202f": " ", "\u2011": "-", "\u00ab": '"', "\u00bb": '"', "\u2032": "'",
    "\r": "\n", "\t": " ",
})

_LINE = re.compile(r"[^\n]+")
_LOWER_RUN = re.compile(r"[a-z\u0430-\u044f]{3}(?:\W+[a-z\u0430-\u044f]{3,}){2}")
_TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[A-Z]{2,5})?\s*[-|:]?\s*")


@lru_cache(maxsize=1)
def clutter_pattern() -> re.Pattern:
    lines = files("powtrack").joinpath("data/clutter.txt").read_text("utf-8").splitlines()
    patterns = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _is_stray_headline(line: str) -> bool:
    """An ALL-CAPS line of several words: a headline of another story."""
    if _LOWER_RUN.search(line):
        return False  # ordinary prose: the fast answer for nearly every line
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 12 or len(line.split()) < 3:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) > 0.85


def clean(doc: Document) -> Document:
    """Fill ``doc.clean`` and ``doc.clutter`` (the blanked spans) from ``doc.text``."""
    text = doc.text.translate(_TRANSLATE)
    pattern = clutter_pattern()
    spans: list[tuple[int, int]] = []
    first = True
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if not line:
            continue
        line = _TIMESTAMP.sub("", line)  # live blogs: "15:55 - READ MORE: ..."
        # clutter lines are short; a long line is a paragraph of the article
        if len(line) <= 300 and (pattern.fullmatch(line) or (
                not first and _is_stray_headline(line))):
            spans.append((m.start(), m.end()))
        first = False
    if spans:
        parts, last = [], 0
        for start, end in spans:
            parts.append(text[last:start])
            parts.append(" " * (end - start))
            last = end
        parts.append(text[last:])
        text = "".join(parts)
    doc.clean = text
    doc.clutter = spans
    return doc
