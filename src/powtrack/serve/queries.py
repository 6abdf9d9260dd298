"""Read-only queries the dashboard and the API need beyond ``Store``'s own.

They run over ``store.engine`` and the tables of ``powtrack.store.schema``
with SQLAlchemy expressions only, so every value a user sends is a bound
parameter. Filtering, sorting and paging happen in the database.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from powtrack.extraction.lexicon import canonical_party
from powtrack.store import Store, schema, side_figures
from powtrack.store.schema import claims, documents, exchanges, held, mentions

V = schema.exchange_figures
WHEN = sa.func.coalesce(V.c.date, V.c.first_reported)
CONFLICTS = sa.table(
    "conflicts",
    sa.column("exchange_id", sa.Text), sa.column("pair", sa.Text), sa.column("date", sa.Date),
    sa.column("status", sa.Text), sa.column("field", sa.Text), sa.column("party", sa.Text),
    sa.column("consensus", sa.Text), sa.column("rule", sa.Text), sa.column("stated", sa.Text),
    sa.column("support", sa.Integer), sa.column("sources", sa.Integer),
)

SORTS: dict[str, Any] = {
    "date": WHEN,
    "status": V.c.status,
    "pair": V.c.pair,
    "returned_to_a": V.c.returned_to_a,
    "returned_to_b": V.c.returned_to_b,
    "documents": V.c.n_documents,
    "conflicts": V.c.n_conflicts,
    "id": V.c.id,
}
STATUSES = ("completed", "agreed", "failed")


class NotFound(LookupError):
    """No row has the id (or prefix) asked for."""


class Ambiguous(LookupError):
    """An id prefix that matches several rows."""


@dataclass
class ExchangeFilter:
    """What the exchanges table and ``GET /api/exchanges`` filter and sort by."""

    party: str | None = None
    status: str | None = None
    year: int | None = None
    mediator: str | None = None
    conflict: bool | None = None
    q: str | None = None
    since: date | None = None
    until: date | None = None
    sort: str = "date"
    order: str = "desc"

    def where(self) -> list[Any]:
        out: list[Any] = []
        if self.party:
            names = {self.party.strip().lower(), canonical_party(self.party).lower()}
            out.append(sa.or_(sa.func.lower(V.c.party_a).in_(names),
                              sa.func.lower(V.c.party_b).in_(names)))
        if self.status:
            out.append(V.c.status == self.status)
        if self.year:
            out.append(WHEN.between(date(self.year, 1, 1), date(self.year, 12, 31)))
        if self.since:
            out.append(WHEN >= self.since)
        if self.until:
            out.append(WHEN <= self.until)
        if self.mediator:
            # mediators is a JSON list; match one quoted name in its text form
            quoted = json.dumps(self.mediator.strip(), ensure_ascii=False).lower()
            out.append(sa.func.lower(sa.cast(V.c.mediators, sa.Text))
                       .contains(quoted, autoescape=True))
        if self.conflict is not None:
            out.append(V.c.n_conflicts > 0 if self.conflict else V.c.n_conflicts == 0)
        if self.q and self.q.strip():
            q = self.q.strip().lower()
            out.append(sa.or_(
                V.c.id.startswith(q, autoescape=True),
                sa.func.lower(V.c.pair).contains(q, autoescape=True),
                sa.func.lower(sa.func.coalesce(V.c.location, "")).contains(q, autoescape=True),
                sa.func.lower(sa.cast(V.c.mediators, sa.Text)).contains(q, autoescape=True),
                V.c.status == q,
            ))
        return out

    def order_by(self) -> list[Any]:
        col = SORTS.get(self.sort, WHEN)
        direction = col.asc() if self.order == "asc" else col.desc()
        return [col.is_(None), direction, V.c.id]  # unknown values sort last either way


def list_exchanges(store: Store, f: ExchangeFilter, page: int = 1,
                   per_page: int = 50) -> tuple[list[dict], int]:
    """One page of exchanges (rows of exchange_figures) and how many match in all."""
    where = f.where()
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(V).where(*where)).scalar_one()
        rows = conn.execute(sa.select(V).where(*where).order_by(*f.order_by())
                            .limit(per_page).offset((page - 1) * per_page)).mappings()
        return [dict(r) for r in rows], total


def iter_exchanges(store: Store, f: ExchangeFilter) -> Iterator[dict]:
    """Every exchange that matches, in order (for CSV downloads)."""
    with store.engine.connect() as conn:
        yield from (dict(r) for r in conn.execute(
            sa.select(V).where(*f.where()).order_by(*f.order_by())).mappings())


def filter_options(store: Store) -> dict[str, list]:
    """Parties, mediators and years present in the ledger, for the filter menus."""
    with store.engine.connect() as conn:
        parties = set()
        for a, b in conn.execute(sa.select(exchanges.c.party_a, exchanges.c.party_b).distinct()):
            parties.update(p for p in (a, b) if p)
        mediators = set()
        # PostgreSQL's json type has no equality: de-duplicate its text form
        for (names,) in conn.execute(sa.select(sa.cast(exchanges.c.mediators, sa.Text))
                                     .distinct()):
            mediators.update(json.loads(names) if names else [])
        when = sa.func.coalesce(exchanges.c.date, exchanges.c.first_reported)
        low, high = conn.execute(sa.select(sa.func.min(when), sa.func.max(when))).one()
    years = list(range(high.year, low.year - 1, -1)) if low and high else []
    return {"parties": sorted(parties), "mediators": sorted(mediators), "years": years}


def full_exchange_id(store: Store, prefix: str) -> str:
    """The id of the one exchange whose id starts with ``prefix``."""
    prefix = prefix.strip().lower()
    with store.engine.connect() as conn:
        found = conn.execute(sa.select(exchanges.c.id)
                             .where(exchanges.c.id.startswith(prefix, autoescape=True))
                             .order_by(exchanges.c.id).limit(2)).scalars().all()
    if not found:
        raise NotFound(f"no exchange {prefix!r}")
    if len(found) > 1 and found[0] != prefix:
        raise Ambiguous(f"{prefix!r} matches several exchanges; give more of the id")
    return found[0]


def exchange_detail(store: Store, exchange_id: str) -> dict:
    """One exchange with consensus, claims (and where each sits in its article), books."""
    x = store.exchange(full_exchange_id(store, exchange_id))
    texts = document_texts(store, [d["id"] for d in x["documents"]])
    by_key = {(c["field"], c["party"]): c for c in x["consensus"]}
    for c in x["claims"]:
        chosen = by_key.get((c["field"], c["party"]))
        c["conflict"] = bool(chosen and chosen["conflict"])
        c["agrees"] = chosen is None or _same(chosen["value"], c["value"])
        c["sentence_start"] = _sentence_start(texts.get(c["document_id"]), c)
    x["findings"] = [f.to_dict() for f in findings_for(store, x)]
    return x


def _same(a: str, b: str) -> bool:
    return str(a).strip().lower() == str(b).strip().lower()


def _sentence_start(text: str | None, claim: dict) -> int | None:
    from powtrack.serve.highlight import sentence_bounds

    bounds = sentence_bounds(text or "", claim["sentence"], claim["start"])
    return bounds[0] if bounds else None


def document_texts(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(documents.c.id, documents.c.text)
                                 .where(documents.c.id.in_(ids))).all())


def findings_for(store: Store, x: dict) -> list:
    """The books findings about one exchange, as ``powtrack check`` reports them.

    The held check needs the swaps of the same pair near this one and the
    held figures around it; only those are loaded, not the whole ledger.
    """
    from powtrack.books import HELD_WINDOW, check

    day = x["date"]
    if x["status"] != "completed" or day is None or x["parent_id"] or not x["party_b"]:
        return [f for f in check([x], []) if f.exchange_id == x["id"]]
    window = timedelta(days=HELD_WINDOW)
    sides = (x["party_a"], x["party_b"])
    with store.engine.connect() as conn:
        near = conn.execute(sa.select(exchanges.c.id).where(
            exchanges.c.pair == x["pair"], exchanges.c.status == "completed",
            exchanges.c.parent_id.is_(None), exchanges.c.id != x["id"],
            exchanges.c.date.between(day - window, day + window))).scalars().all()
        held_rows = [dict(r) for r in conn.execute(
            sa.select(held, documents.c.input_id, documents.c.url, documents.c.outlet)
            .join(documents, documents.c.id == held.c.document_id)
            .where(held.c.active.is_(True), held.c.held_by.in_(sides), held.c.of.in_(sides),
                   held.c.anchor.between(day - window, day + window))
            .order_by(held.c.held_by, held.c.of, held.c.anchor, held.c.id)).mappings()]
    if not held_rows:
        return [f for f in check([x], []) if f.exchange_id == x["id"]]
    others = [store.exchange(i) for i in near]
    return [f for f in check([x, *others], held_rows) if f.exchange_id == x["id"]]


def latest(store: Store, n: int = 8) -> list[dict]:
    rows, _ = list_exchanges(store, ExchangeFilter(sort="date", order="desc"), 1, n)
    return rows


def open_conflicts(store: Store, n: int = 10) -> tuple[list[dict], int]:
    """The newest figures that sources disagree on, and how many there are in all."""
    c = CONFLICTS
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(c)).scalar_one()
        rows = conn.execute(sa.select(c).order_by(c.c.date.is_(None), c.c.date.desc(),
                                                  c.c.exchange_id, c.c.field, c.c.party)
                            .limit(n)).mappings()
        return [dict(r) for r in rows], total


def summary(store: Store) -> dict:
    """Headline numbers: exchanges by status, documents, conflicts, people returned."""
    with store.engine.connect() as conn:
        by_status = dict(conn.execute(sa.select(exchanges.c.status, sa.func.count())
                                      .group_by(exchanges.c.status)).all())
        n_docs = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
        n_relevant = conn.execute(sa.select(sa.func.count()).select_from(documents)
                                  .where(documents.c.relevant.is_(True))).scalar_one()
        n_conflicted = conn.execute(sa.select(sa.func.count()).select_from(exchanges)
                                    .where(exchanges.c.n_conflicts > 0)).scalar_one()
    return {"exchanges": sum(by_status.values()),
            "by_status": {s: by_status.get(s, 0) for s in STATUSES},
            "documents": n_docs, "relevant_documents": n_relevant,
            "exchanges_with_conflicts": n_conflicted}


def returned_by_party(totals: list[dict]) -> list[dict]:
    """The last cumulative figure per side from ``Store.totals`` rows, largest first."""
    last: dict[str, dict] = {}
    for r in totals:
        cell = last.setdefault(r["party"], {"party": r["party"], "returned": 0,
                                             "exchanges": 0, "unknown": 0})
        cell["returned"] = r["cumulative"]
        cell["exchanges"] += r["exchanges"]
        cell["unknown"] += r["unknown"]
    return sorted(last.values(), key=lambda c: (-c["returned"], c["party"]))


def timeline(store: Store) -> list[dict]:
    """People returned to each side per swap, and cumulatively, in date order.

    Counts what ``Store.totals`` counts: completed exchanges by their
    consensus figure; an agreement carried out in stages by its completed
    stages (each on its own day). Figures nobody states are left out.
    """
    points = []
    for r, side, when, figure, stages in side_figures(store.exchanges()):
        if r["status"] == "completed":
            if figure is not None:
                points.append((when, side, figure, r))
            continue
        for c, value in stages:
            if value is not None:
                points.append((c["date"] or c["first_reported"] or when, side, value, c))
    points.sort(key=lambda p: (p[0], p[1], p[3]["id"]))
    running: dict[str, int] = defaultdict(int)
    out = []
    for when, side, value, r in points:
        running[side] += value
        out.append({"date": when.isoformat(), "side": side, "returned": value,
                    "cumulative": running[side], "exchange_id": r["id"], "pair": r["pair"]})
    return out


def list_documents(store: Store, q: str | None = None, page: int = 1,
                   per_page: int = 50) -> tuple[list[dict], int]:
    """Stored documents (without their text), newest first."""
    d = documents
    cols = [d.c.id, d.c.input_id, d.c.url, d.c.title, d.c.outlet, d.c.published, d.c.language,
            d.c.relevant, d.c.version, d.c.superseded_by, d.c.ingested_at]
    where = []
    if q and q.strip():
        needle = q.strip().lower()
        where.append(sa.or_(*(sa.func.lower(sa.func.coalesce(c, "")).contains(
            needle, autoescape=True) for c in (d.c.input_id, d.c.url, d.c.title, d.c.outlet)),
            d.c.id.startswith(needle, autoescape=True)))
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(d).where(*where)).scalar_one()
        rows = conn.execute(sa.select(*cols).where(*where)
                            .order_by(d.c.published.is_(None), d.c.published.desc(), d.c.id)
                            .limit(per_page).offset((page - 1) * per_page)).mappings()
        return [dict(r) for r in rows], total


def document_detail(store: Store, doc_id: str) -> dict:
    """One document with its text, the values read from it and the exchanges they joined.

    ``doc_id`` is the content hash (or a prefix of it) or the id it had in its input.
    """
    d = documents
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(d).where(d.c.id == doc_id)).mappings().first()
        if row is None:
            row = conn.execute(sa.select(d).where(d.c.input_id == doc_id)
                               .order_by(d.c.version.desc())).mappings().first()
        if row is None and all(ch in "0123456789abcdef" for ch in doc_id.lower()):
            found = conn.execute(sa.select(d).where(d.c.id.startswith(doc_id.lower(),
                                                                      autoescape=True))
                                 .limit(2)).mappings().all()
            if len(found) > 1:
                raise Ambiguous(f"{doc_id!r} matches several documents; give more of the id")
            row = found[0] if found else None
        if row is None:
            raise NotFound(f"no document {doc_id!r}")
        out = dict(row)
        out["claims"] = [dict(r) for r in conn.execute(
            sa.select(claims).where(claims.c.document_id == out["id"])
            .order_by(claims.c.start, claims.c.id)).mappings()]
        out["mentions"] = [dict(r) for r in conn.execute(
            sa.select(mentions.c.id, mentions.c.idx, mentions.c.main, mentions.c.status,
                      mentions.c.date, mentions.c.parties, mentions.c.returned,
                      mentions.c.mediators, mentions.c.exchange_id, mentions.c.evidence)
            .where(mentions.c.document_id == out["id"]).order_by(mentions.c.idx)).mappings()]
        out["held"] = [dict(r) for r in conn.execute(
            sa.select(held.c.held_by, held.c.of, held.c.count, held.c.qualifier, held.c.date,
                      held.c.sentence).where(held.c.document_id == out["id"])
            .order_by(held.c.idx)).mappings()]
    return out


def exchanges_of_document(store: Store, doc_id: str) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(set(conn.execute(
            sa.select(mentions.c.exchange_id).where(mentions.c.document_id == doc_id,
                                                    mentions.c.exchange_id.is_not(None))
        ).scalars()))


def document_version(store: Store, doc_id: str) -> int | None:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(documents.c.version)
                            .where(documents.c.id == doc_id)).scalar()


class LedgerCache:
    """Results of whole-ledger queries, kept until the ledger changes.

    The overview's totals and timeline read every exchange (hundreds of ms
    at 10,000). Any change to the ledger goes through storing documents
    and resolving their mentions, so a few cheap counts (documents, latest
    ingest, exchanges, mentions placed, mentions waiting to be resolved)
    tell when to compute again, whichever process wrote to the database.
    """

    def __init__(self, store: Store) -> None:
        import threading

        self.store = store
        self._lock = threading.Lock()
        self._values: dict[str, tuple[tuple, Any]] = {}

    def version(self) -> tuple:
        d, x, m = documents, exchanges, mentions
        query = sa.select(
            sa.select(sa.func.count()).select_from(d).scalar_subquery(),
            sa.select(sa.func.max(d.c.ingested_at)).scalar_subquery(),
            sa.select(sa.func.count()).select_from(x).scalar_subquery(),
            sa.select(sa.func.coalesce(sa.func.sum(x.c.n_mentions), 0)).scalar_subquery(),
            sa.select(sa.func.count()).select_from(m)
            .where(m.c.resolved.is_(False)).scalar_subquery())
        with self.store.engine.connect() as conn:
            return tuple(conn.execute(query).one())

    def get(self, name: str, compute, version: tuple | None = None) -> Any:
        """``compute()``, remembered under ``name`` until the ledger changes."""
        version = version if version is not None else self.version()
        with self._lock:
            hit = self._values.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        with self._lock:
            self._values[name] = (version, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
