"""Why each number is, or is not, in a record: the figure frames behind `powtrack explain`.

For every sentence the extractor read as speaking of a swap or a return, each
number with its frame (what it counts, its qualifier, the side it goes to or
comes from, who said it, the rule that decided the side) and where assembly put
it (a side's ``returned``, a breakdown part, a total, and the rule); or the rule
that dropped it.
"""

from __future__ import annotations

from powtrack.clean import clean
from powtrack.document import Document
from powtrack.extraction import extract_document
from powtrack.extraction.figures import BOTH, Figure
from powtrack.records import Record


def explain(doc: Document) -> tuple[Record, list[str]]:
    """Extract ``doc`` and return its record with the lines that explain each number."""
    clean(doc)
    sentences: list = []
    record = extract_document(doc, trace=sentences)
    lines: list[str] = []
    if not sentences:
        lines.append("gate: no captives changing hands or held; nothing read further")
        return record, lines
    for s in sentences:
        figures = s.data.get("figures", [])
        dropped = s.data.get("dropped", [])
        if not figures and not dropped:
            continue
        flags = [name for name in ("swap", "cumulative", "irrealis", "failed", "agreed_only")
                 if s.data.get(name)]
        lines.append(f"[{s.index}] {_clip(s.text)}")
        if flags:
            lines.append(f"    sentence: {', '.join(flags)}")
        items = [(f.start, _figure_line(f)) for f in figures]
        items += [(n.start, f"{n.value}: dropped ({reason})") for n, reason in dropped]
        for _, line in sorted(items):
            lines.append("    " + line)
    for e in record.events:
        lines.append(f"event ({'main' if e.main else 'background'}, {e.status}): "
                     f"{' vs '.join(e.parties)}; returned {e.returned or '{}'}"
                     + (f"; breakdown {e.breakdown}" if e.breakdown else "")
                     + (f"; total {e.total}" if e.total is not None else "")
                     + (f"; date {e.date} ({e.date_text!r})" if e.date_text else ""))
    if not record.events:
        lines.append("no event: " + ("no figure or dated swap made one" if sentences else
                                      "the gate stopped it"))
    return record, lines


def _figure_line(f: Figure) -> str:
    if f.party == BOTH:
        side = "both sides"
    elif f.party:
        side = f"-> {f.party}"
    elif f.other_of and f.other_of.startswith("*"):
        side = {"*previous*": "-> the other side of the figure before",
                "*same*": "-> the side of the figure before",
                "*fewer*": "-> fewer than the figure before"}.get(f.other_of, f.other_of)
    elif f.other_of:
        side = f"-> the side opposite {f.other_of}"
    elif f.combined:
        side = "both sides together"
    else:
        side = "side not stated"
    frame = [f.kind]
    if f.category:
        frame.append(f.category)
    if f.qualifier != "exact":
        frame.append(f.qualifier)
    if f.extra:
        frame.append("extra group")
    if f.speaker:
        frame.append(f"said by {f.speaker}")
    placed = "; ".join(f.placed) if f.placed else "not placed in any event"
    return f"{f.value}: {', '.join(frame)}, {side} (rule {f.rule}) => {placed}"


def _clip(text: str, width: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."
