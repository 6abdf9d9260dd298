"""Cut article text into plain and highlighted segments for the templates.

Templates print each segment through Jinja2's autoescaping, so no markup is
ever built from article text here: a segment is text plus what kind of
highlight (if any) it gets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CONTEXT = 240  # characters of article shown before and after an evidence sentence


@dataclass
class Segment:
    """A run of text; ``kind`` is None for plain text, else the highlight's CSS class."""

    text: str
    kind: str | None = None
    title: str | None = None
    href: str | None = None
    id: str | None = None


@dataclass
class Span:
    start: int
    end: int
    kind: str
    title: str | None = None
    href: str | None = None
    id: str | None = None


def mark(text: str, spans: list[Span]) -> list[Segment]:
    """Segments of ``text`` with each span highlighted.

    Spans are taken in the order given; one that overlaps a span already
    taken, or falls outside the text, is left out.
    """
    taken: list[Span] = []
    for s in spans:
        if not 0 <= s.start < s.end <= len(text):
            continue
        if any(s.start < t.end and t.start < s.end for t in taken):
            continue
        taken.append(s)
    out: list[Segment] = []
    pos = 0
    for s in sorted(taken, key=lambda s: s.start):
        if s.start > pos:
            out.append(Segment(text[pos:s.start]))
        out.append(Segment(text[s.start:s.end], s.kind, s.title, s.href, s.id))
        pos = s.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def find_number(text: str, number: int, lo: int = 0,
                hi: int | None = None) -> tuple[int, int] | None:
    """Where ``number`` is written (as 1,234 or 1234) in ``text[lo:hi]``."""
    hi = len(text) if hi is None else hi
    for form in (f"{number:,}", str(number)):
        for m in re.finditer(rf"(?<![\d,.]){re.escape(form)}(?![\d]|,\d)", text[lo:hi]):
            return lo + m.start(), lo + m.end()
    return None


def sentence_bounds(text: str, sentence: str | None, start: int | None) -> tuple[int, int] | None:
    """Where ``sentence`` sits in ``text``: the occurrence holding ``start``, else the first."""
    if not sentence:
        return None
    first = None
    at = text.find(sentence)
    while at != -1:
        if first is None:
            first = at
        if start is None or at <= start < at + len(sentence):
            return at, at + len(sentence)
        at = text.find(sentence, at + 1)
    if first is not None:
        return first, first + len(sentence)
    return None


def in_context(text: str | None, sentence: str | None, start: int | None, end: int | None,
               radius: int = CONTEXT) -> list[Segment]:
    """The evidence sentence highlighted, its value marked, with article text around it.

    Falls back to the sentence alone when it is not found in the text (or no
    text is stored), and to nothing when there is no sentence.
    """
    if not text:
        return [Segment(sentence, "sentence")] if sentence else []
    bounds = sentence_bounds(text, sentence, start)
    if bounds is None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            return [Segment(sentence, "sentence")] if sentence else []
        bounds = (start, end)
    s0, s1 = bounds
    lo, hi = max(0, s0 - radius), min(len(text), s1 + radius)
    # start and end the excerpt on a word boundary
    if lo > 0:
        cut = text.find(" ", lo, s0)
        lo = cut + 1 if cut != -1 else lo
    if hi < len(text):
        cut = text.rfind(" ", s1, hi)
        hi = cut if cut != -1 else hi
    out: list[Segment] = []
    if lo > 0:
        out.append(Segment("… "))
    out.append(Segment(text[lo:s0]))
    if start is not None and end is not None and s0 <= start < end <= s1:
        out += [Segment(text[s0:start], "sentence"), Segment(text[start:end], "value"),
                Segment(text[end:s1], "sentence")]
    else:
        out.append(Segment(text[s0:s1], "sentence"))
    out.append(Segment(text[s1:hi]))
    if hi < len(text):
        out.append(Segment(" …"))
    return [s for s in out if s.text]


def describe(field: str, party: str | None, value: Any) -> str:
    """A short label for a highlighted value: "returned to Ukraine: 230"."""
    name = field.replace("breakdown.", "").replace("_", " ")
    if field == "held":
        return f"held ({party} captives): {value}"
    if party:
        joiner = "to" if field in ("returned", "promised") or field.startswith("breakdown.") \
            else "by" if field in ("refused", "absent") else "for"
        return f"{name} {joiner} {party}: {value}"
    return f"{name}: {value}"


def kind_of(field: str) -> str:
    """CSS class for a highlighted value of this field."""
    if field == "returned" or field.startswith("breakdown.") or field == "total":
        return "figure"
    if field in ("promised", "refused", "absent"):
        return "shortfall"
    if field == "held":
        return "held"
    return "detail"
