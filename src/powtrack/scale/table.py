"""Records with evidence as a table: the Parquet the Spark job writes and ingest loads.

One row per document read: the record (``id``, ``url``, ``published``,
``relevant``, and ``events`` and ``held`` as the JSON that ``powtrack extract``
prints), and what the ledger keeps of the document (``input_id``, ``title``,
``lang``, ``source``, ``text``). An input that could not be read is a row
with ``error`` set and ``source`` naming it; every other column is null.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from powtrack.document import Document
from powtrack.records import Record, record_from_dict

# (name, type): the types are Spark SQL's; ``arrow_schema`` maps them for pyarrow.
COLUMNS = [
    ("id", "string"),
    ("url", "string"),
    ("published", "date"),
    ("relevant", "boolean"),
    ("events", "string"),
    ("held", "string"),
    ("input_id", "string"),
    ("title", "string"),
    ("lang", "string"),
    ("source", "string"),
    ("text", "string"),
    ("error", "string"),
]


@dataclass
class Extracted:
    """A document read together with the record extracted from it elsewhere."""

    document: Document
    record: Record


def to_row(doc: Document, record: Record) -> dict:
    """The table row of a document and its record."""
    out = record.to_dict(evidence=True)
    return {
        "id": out["id"],
        "url": out["url"],
        "published": record.published,
        "relevant": out["relevant"],
        "events": json.dumps(out["events"], ensure_ascii=False),
        "held": json.dumps(out["held"], ensure_ascii=False),
        "input_id": doc.id,
        "title": doc.title,
        "lang": doc.lang,
        "source": doc.source,
        "text": doc.text,
        "error": None,
    }


def error_row(source: str, message: str) -> dict:
    """The table row of an input that could not be read."""
    row: dict = {name: None for name, _ in COLUMNS}
    row.update(source=source, error=message)
    return row


def record_dict(row: dict) -> dict:
    """The row's record as ``powtrack extract`` prints it (SCHEMA.md plus evidence)."""
    published = row["published"]
    return {
        "id": row["id"],
        "url": row["url"],
        "published": published.isoformat() if isinstance(published, date) else published,
        "relevant": bool(row["relevant"]),
        "events": json.loads(row["events"]),
        "held": json.loads(row["held"]),
    }


def from_row(row: dict) -> Extracted:
    """The document and record a row holds."""
    record = record_from_dict(record_dict(row))
    doc = Document(text=row["text"], id=row["input_id"], url=row["url"],
                   published=record.published, lang=row["lang"], title=row["title"],
                   source=row["source"])
    return Extracted(doc, record)


def arrow_schema():
    """The pyarrow schema of the table."""
    import pyarrow as pa

    types = {"string": pa.string(), "date": pa.date32(), "boolean": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS])


def read_table(path: Path | str, deferred: bool = False, batch_rows: int = 256):
    """Stream the rows of one Parquet file: ``Extracted`` items (or Documents) and ReadErrors.

    With ``deferred`` each row comes with its record (``Extracted``), ready to
    be stored without extracting again; without, as a plain Document.
    """
    import pyarrow.parquet as pq

    name = str(path)
    try:
        table = pq.ParquetFile(name)
        missing = {n for n, _ in COLUMNS} - set(table.schema_arrow.names)
        if missing:
            yield _error(name, f"not a powtrack records table (no {', '.join(sorted(missing))}"
                               " column); give the output of `powtrack spark`")
            return
        for batch in table.iter_batches(batch_size=batch_rows):
            for row in batch.to_pylist():
                yield from _item(row, name, deferred)
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        yield _error(name, f"cannot read the Parquet file ({exc}); check that it is whole")


def _item(row: dict, name: str, deferred: bool) -> Iterator:
    from powtrack.ingest import ReadError

    if row["error"] is not None:
        yield ReadError(row["source"] or name, row["error"])
        return
    try:
        item = from_row(row)
    except (KeyError, TypeError, ValueError) as exc:
        yield ReadError(f"{name}:{row.get('source')}", f"a row that is not a record ({exc}); "
                                                       "write the table with `powtrack spark`")
        return
    yield item if deferred else item.document


def _error(source: str, message: str):
    from powtrack.ingest import ReadError

    return ReadError(source, message)
