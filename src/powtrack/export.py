"""Export the ledger (JSON, CSV, Parquet), terminal tables and Datasette metadata."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from importlib.resources import files
from typing import IO, Any

from powtrack import __version__
from powtrack.store import Store

FLAT_TABLES = ("exchange_figures", "exchanges", "consensus", "claims", "claim_evidence",
               "conflicts", "documents", "mentions", "held")


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def ledger(store: Store) -> dict:
    """The whole ledger as one JSON-ready object.

    For each exchange: its consensus figures (with the rule used), its claims
    (with sentence and document) and its source documents. Documents are
    named by the ``id`` they were given in a JSON Lines input (their content
    hash when they had none), with their URL.
    """
    out = []
    for x in store.all_exchanges():
        names = {d["id"]: d["input_id"] or d["id"] for d in x["documents"]}
        figures: dict[str, Any] = {}
        for c in x["consensus"]:
            entry = {"value": c["number"] if c["number"] is not None else c["value"],
                     "rule": c["rule"], "support": c["support"], "sources": c["sources"],
                     "conflict": bool(c["conflict"]),
                     "stated": [{"value": k["value"], "sources": k["sources"],
                                 "documents": [names.get(d, d) for d in k["documents"]]}
                                for k in c["candidates"]]}
            if c["party"]:
                figures.setdefault(c["field"], {})[c["party"]] = entry
            else:
                figures[c["field"]] = entry
        out.append({
            "id": x["id"],
            "parties": [p for p in (x["party_a"], x["party_b"]) if p],
            "status": x["status"],
            "date": _plain(x["date"]),
            "first_reported": _plain(x["first_reported"]),
            "last_reported": _plain(x["last_reported"]),
            "parent_id": x["parent_id"],
            "stage": x["stage"],
            "mediators": x["mediators"] or [],
            "location": x["location"],
            "consensus": figures,
            "claims": [{
                "field": c["field"], "party": c["party"],
                "value": c["number"] if c["number"] is not None else c["value"],
                "attributed_to": c["attributed_to"], "sentence": c["sentence"],
                "start": c["start"], "end": c["end"],
                "document": names.get(c["document_id"], c["document_id"]),
            } for c in x["claims"]],
            "documents": [{
                "id": d["input_id"] or d["id"], "hash": d["id"], "url": d["url"],
                "title": d["title"], "outlet": d["outlet"], "published": _plain(d["published"]),
                "version": d["version"],
            } for d in x["documents"]],
        })
    return {"powtrack": __version__, "exchanges": out}


def write_json(store: Store, out: IO[str]) -> None:
    json.dump(ledger(store), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _plain(value)


def write_csv(store: Store, table: str, out: IO[str]) -> int:
    """Write one table or view as CSV (JSON cells as JSON text); returns rows written."""
    columns, rows = store.table(table)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([_cell(v) for v in row])
        n += 1
    return n


def write_parquet(store: Store, table: str, path: Any, batch: int = 10_000) -> int:
    """Write one table or view as Parquet, in batches (memory stays flat)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns, rows = store.table(table)
    writer = None
    n = 0
    chunk: list[tuple] = []

    def flush() -> None:
        nonlocal writer
        data = {c: [_cell(r[i]) for r in chunk] for i, c in enumerate(columns)}
        arrays = {c: pa.array(v) if any(x is not None for x in v) else pa.array(v, pa.string())
                  for c, v in data.items()}
        part = pa.table(arrays)
        if writer is None:
            writer = pq.ParquetWriter(path, part.schema)
        elif part.schema != writer.schema:
            part = part.cast(writer.schema)
        writer.write_table(part)

    for row in rows:
        chunk.append(row)
        n += 1
        if len(chunk) >= batch:
            flush()
            chunk = []
    if chunk or writer is None:
        flush()
    assert writer is not None
    writer.close()
    return n


def datasette_metadata(database: str = "powtrack") -> dict:
    """Datasette metadata describing the tables, views and columns.

    ``database`` is the name Datasette gives the file: its name without
    ".db" (``powtrack.db`` -> ``powtrack``).
    """
    text = files("powtrack").joinpath("data/datasette-metadata.json").read_text("utf-8")
    meta = json.loads(text)
    meta["databases"] = {database: meta["databases"]["powtrack"]}
    return meta


def format_table(rows: Sequence[Sequence[Any]], headers: Sequence[str],
                 right: Iterable[int] = ()) -> str:
    """A plain text table with a header rule; ``right`` lists columns to right-align."""
    right = set(right)
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if i in right else v.ljust(w)
                 for i, (v, w) in enumerate(zip(values, widths, strict=True))]
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)
