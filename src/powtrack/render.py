"""Terminal renderings of records."""

from __future__ import annotations

from powtrack.document import Document
from powtrack.records import Record


def _figures(returned: dict[str, list[int]]) -> str:
    return "; ".join(f"{p} {'/'.join(str(v) for v in vals)}" for p, vals in returned.items())


def format_table_row(doc: Document, record: Record) -> str:
    """One line per event (or one line saying the document has none)."""
    name = doc.source or record.id
    if not record.events:
        return f"{name}\tnot relevant"
    lines = []
    for e in record.events:
        lines.append("\t".join([
            name,
            "main" if e.main else "background",
            e.status,
            e.date.isoformat() if e.date else (e.date_text or "-"),
            " vs ".join(e.parties),
            _figures(e.returned) or "-",
            ", ".join(e.mediators) or "-",
            e.location or "-",
        ]))
    return "\n".join(lines)
