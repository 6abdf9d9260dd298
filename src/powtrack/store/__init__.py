"""Store stage: the ledger in SQLite or PostgreSQL behind one interface.

``Store.open(url)`` connects (a SQLite file by default), applies any pending
migration, and gives the operations the CLI and the benchmark use:
``add_document`` (idempotent, one transaction per document), ``resolve``
(incremental), and the queries. ``ingest`` runs read -> extract -> store for
a stream of documents.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import sqlalchemy as sa

from powtrack.document import Document
from powtrack.extraction.packs import packs
from powtrack.records import Record
from powtrack.resolve import (
    Claim,
    Exchange,
    Mention,
    components,
    mention_from_event,
    resolve,
    short_hash,
)
from powtrack.store import schema
from powtrack.store.schema import claims, consensus, documents, exchanges, held, mentions

DEFAULT_URL = "sqlite:///powtrack.db"
_CHUNK = 500  # ids per IN (...) list
# Integer columns are 32-bit on PostgreSQL: a larger figure ("1,000,000,000,000
# prisoners") is refused on SQLite too, so that both hold the same ledger.
MAX_FIGURE = 2**31 - 1
# Dates the ledger takes (as the API does): resolving and the books look weeks
# either side of a date, which must stay inside the calendar.
EARLIEST, LATEST = date(1800, 1, 1), date(2199, 12, 31)
_LANGUAGE_LENGTH = 16  # documents.language


class StoreError(Exception):
    """A problem with the database that the user can act on (one line)."""


def database_url(value: str | None = None) -> str:
    """The URL to open: the value given, else $POWTRACK_DB, else ./powtrack.db.

    A value without "://" is a path to a SQLite file.
    """
    value = value or os.environ.get("POWTRACK_DB") or DEFAULT_URL
    if "://" not in value:
        return f"sqlite:///{value}"
    return value


def outlet_of(url: str | None) -> str | None:
    """The host name of a URL without "www." ("https://www.bbc.co.uk/x" -> "bbc.co.uk")."""
    if not url:
        return None
    try:
        host = urlparse(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def _alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config


def head_revision() -> str:
    """The newest migration: what ``Store.open`` brings every database to."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@dataclass
class ResolveStats:
    components: int = 0
    mentions: int = 0
    exchanges: int = 0


@dataclass
class IngestStats:
    read: int = 0        # documents read
    added: int = 0       # new documents stored (including new versions)
    versions: int = 0    # of which new versions of a URL already stored
    unchanged: int = 0   # already stored: nothing done
    errors: int = 0      # unreadable inputs, and documents extraction failed on
    # documents in a language no pack reads (data/lang/): language -> count
    no_pack: dict[str, int] = field(default_factory=dict)
    resolved: ResolveStats = field(default_factory=ResolveStats)


class Store:
    """The ledger database. Use ``Store.open(url)``; close it (or use ``with``)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.url = engine.url

    # --- opening ----------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, migrate: bool = True) -> Store:
        """Connect to ``url`` (see ``database_url``) and bring its schema up to date."""
        url = database_url(url)
        try:
            parsed = sa.engine.make_url(url)
        except sa.exc.ArgumentError:
            raise StoreError(f"{url!r} is not a database URL; use sqlite:///PATH or "
                             "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB") from None
        dumps = partial(json.dumps, sort_keys=True, ensure_ascii=False)
        try:
            if parsed.get_backend_name() == "sqlite":
                engine = _sqlite_engine(parsed, dumps)
            else:
                engine = sa.create_engine(parsed, json_serializer=dumps, pool_pre_ping=True)
        except (ImportError, sa.exc.NoSuchModuleError) as exc:
            raise StoreError(f"no driver for {parsed.drivername} ({exc}); use sqlite:///PATH "
                             "or postgresql+psycopg://...") from None
        store = cls(engine)
        try:
            if migrate:
                store.migrate()
            else:
                with engine.connect():
                    pass
        except sa.exc.OperationalError as exc:
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot open {parsed.render_as_string(hide_password=True)} "
                             f"({reason}); check the URL, the path and that the server "
                             "is running") from None
        return store

    def migrate(self) -> None:
        """Apply pending migrations (recorded in alembic_version), all in one transaction."""
        from alembic import command

        config = _alembic_config()
        with self._write() as conn:
            if conn.dialect.name == "postgresql":
                # two processes opening a new database must not both create tables
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(4711)"))
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def revision(self) -> str | None:
        """The migration the database is at."""
        with self.engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A write transaction (BEGIN IMMEDIATE on SQLite, so writers queue, not fail)."""
        with self.engine.connect() as conn:
            conn.execution_options(powtrack_write=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # writers queue here too: two processes resolving the same swap
                    # must not both insert its exchange
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(4712)"))
                yield conn

    # --- documents --------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id))
            return found.first() is not None

    def add_document(self, doc: Document, record: Record) -> bool:
        """Store a document and what was extracted from it; False if already stored.

        One transaction: the document, its mentions, claims and held figures
        are all stored or none is. The same text again changes nothing; a new
        text at a URL already stored becomes its next version, and the older
        version stays, marked ``superseded_by`` and left out of resolving.
        """
        return self._add(doc, record) > 0

    def _add(self, doc: Document, record: Record) -> int:
        """Like add_document; returns the version stored (1, 2, ...) or 0 if none."""
        doc_id = doc.content_hash
        outlet = outlet_of(doc.url)
        try:
            with self._write() as conn:
                found = conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id))
                if found.first() is not None:
                    return 0
                previous = None
                if doc.url:
                    previous = conn.execute(
                        sa.select(documents.c.id, documents.c.version)
                        .where(documents.c.url == doc.url, documents.c.superseded_by.is_(None))
                        .order_by(documents.c.version.desc())).first()
                conn.execute(documents.insert().values(
                    id=doc_id, input_id=doc.id, source=doc.source, url=doc.url,
                    title=doc.title, outlet=outlet, published=doc.published,
                    # a "language" longer than a language tag is not one: unknown
                    language=doc.lang if doc.lang and len(doc.lang) <= _LANGUAGE_LENGTH
                    else None, text=doc.text, relevant=bool(record.relevant),
                    version=previous.version + 1 if previous else 1,
                    superseded_by=None, ingested_at=datetime.now(UTC)))
                if previous is not None:
                    conn.execute(documents.update().where(documents.c.id == previous.id)
                                 .values(superseded_by=doc_id))
                    # the old version's mentions leave their exchanges at the next resolve
                    conn.execute(mentions.update().where(mentions.c.document_id == previous.id)
                                 .values(active=False, resolved=False))
                    conn.execute(held.update().where(held.c.document_id == previous.id)
                                 .values(active=False))
                self._insert_extraction(conn, doc_id, doc, record, outlet)
        except sa.exc.IntegrityError:
            # another process stored the same text between our check and insert
            if self.has_document(doc_id):
                return 0
            raise
        return previous.version + 1 if previous else 1

    def _insert_extraction(self, conn: sa.Connection, doc_id: str, doc: Document,
                           record: Record, outlet: str | None) -> None:
        mention_rows, claim_rows, held_rows = [], [], []
        for idx, event in enumerate(record.events):
            m = mention_from_event(event, doc_id, idx, doc.published, outlet)
            mention_rows.append(dict(
                id=m.id, document_id=doc_id, idx=idx, main=m.main, status=m.status,
                date=m.date, date_text=m.date_text, parties=list(m.parties), pair=m.pair,
                returned=m.returned, breakdown=m.breakdown, promised=m.promised,
                refused=m.refused, absent=m.absent, total=m.total, mediators=m.mediators,
                location=m.location, evidence=[e.to_dict() for e in event.evidence],
                people={p: list(v) for p, v in event.people.items()} or None,
                published=doc.published, soft=m.soft, anchor=m.anchor, active=True,
                resolved=False, exchange_id=None))
            for i, cl in enumerate(m.claims):
                claim_rows.append(dict(
                    id=short_hash(m.id, i), exchange_id=None, mention_id=m.id,
                    document_id=doc_id, field=cl.field, party=cl.party, value=cl.value,
                    number=cl.number, sentence=cl.sentence, start=cl.start, end=cl.end,
                    attributed_to=cl.attributed_to))
        for idx, h in enumerate(record.held):
            ev = h.evidence[0] if h.evidence else None
            held_rows.append(dict(
                id=short_hash(doc_id, "held", idx), document_id=doc_id, idx=idx,
                held_by=h.held_by, of=h.of, count=h.count, qualifier=h.qualifier,
                date=h.date, published=doc.published, anchor=h.date or doc.published,
                sentence=ev.sentence if ev else None,
                attributed_to=ev.attributed_to if ev else None, active=True))
        _check_values([dict(published=doc.published)] + mention_rows + claim_rows + held_rows)
        for table, rows in ((mentions, mention_rows), (claims, claim_rows), (held, held_rows)):
            if rows:
                conn.execute(table.insert(), rows)

    # --- resolving --------------------------------------------------------

    def resolve(self, full: bool = False) -> ResolveStats:
        """Group mentions into exchanges, re-resolving only what new documents touch.

        Each component (see ``powtrack.resolve``) is replaced in its own
        transaction, so a resolve killed half-way resumes where it stopped.
        ``full`` drops every exchange and resolves everything again; the
        result is the same as the incremental one.
        """
        stats = ResolveStats()
        if full:
            with self._write() as conn:
                conn.execute(consensus.delete())
                conn.execute(exchanges.delete())
                conn.execute(claims.update().values(exchange_id=None))
                conn.execute(mentions.update().values(resolved=False, exchange_id=None))
        with self.engine.connect() as conn:
            pairs = conn.execute(sa.select(mentions.c.pair).distinct()
                                 .where(mentions.c.resolved.is_(False))
                                 .order_by(mentions.c.pair)).scalars().all()
        for pair in pairs:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    sa.select(mentions.c.id, mentions.c.anchor, mentions.c.active,
                              mentions.c.resolved, mentions.c.exchange_id)
                    .where(mentions.c.pair == pair,
                           sa.or_(mentions.c.active.is_(True), mentions.c.resolved.is_(False)))
                ).all()
            by_id = {r.id: r for r in rows}
            # withdrawn mentions take part in cutting components, so that the
            # exchanges they held together are re-resolved as a whole
            for comp in components((r.id, pair, r.anchor) for r in rows):
                if all(by_id[i].resolved for i in comp):
                    continue
                placed, made = self._resolve_component([by_id[i] for i in comp])
                stats.components += 1
                stats.mentions += placed
                stats.exchanges += made
        return stats

    def _resolve_component(self, rows: Sequence[Any]) -> tuple[int, int]:
        with self._write() as conn:
            # read the rows again inside the write transaction: another process
            # may have resolved them since they were listed
            fresh = []
            for chunk in _chunks([r.id for r in rows]):
                fresh += conn.execute(
                    sa.select(mentions.c.id, mentions.c.active, mentions.c.resolved,
                              mentions.c.exchange_id).where(mentions.c.id.in_(chunk))).all()
            if all(r.resolved for r in fresh):
                return 0, 0
            active_ids = sorted(r.id for r in fresh if r.active)
            withdrawn = sorted(r.id for r in fresh if not r.active)
            old = sorted({r.exchange_id for r in fresh if r.exchange_id})
            loaded = self._load_mentions(conn, active_ids)
            result = resolve(loaded)
            for ids in _chunks(old):
                conn.execute(consensus.delete().where(consensus.c.exchange_id.in_(ids)))
                conn.execute(exchanges.delete().where(exchanges.c.id.in_(ids)))
            if result.exchanges:
                conn.execute(exchanges.insert(), [_exchange_row(x) for x in result.exchanges])
                rows_c = [_consensus_row(x.id, c) for x in result.exchanges for c in x.consensus]
                if rows_c:
                    conn.execute(consensus.insert(), rows_c)
            updates = [{"mid": mid, "xid": result.assignment.get(mid)} for mid in active_ids]
            updates += [{"mid": mid, "xid": None} for mid in withdrawn]
            if updates:
                conn.execute(mentions.update().where(mentions.c.id == sa.bindparam("mid"))
                             .values(exchange_id=sa.bindparam("xid"), resolved=True), updates)
                conn.execute(claims.update().where(claims.c.mention_id == sa.bindparam("mid"))
                             .values(exchange_id=sa.bindparam("xid")), updates)
        return len(active_ids), len(result.exchanges)

    def _load_mentions(self, conn: sa.Connection, ids: Sequence[str]) -> list[Mention]:
        out: dict[str, Mention] = {}
        for chunk in _chunks(list(ids)):
            query = (sa.select(mentions, documents.c.outlet)
                     .join(documents, documents.c.id == mentions.c.document_id)
                     .where(mentions.c.id.in_(chunk)))
            for r in conn.execute(query).mappings():
                out[r["id"]] = Mention(
                    id=r["id"], document_id=r["document_id"], idx=r["idx"], status=r["status"],
                    parties=tuple(r["parties"]), date=r["date"], date_text=r["date_text"],
                    returned=r["returned"], breakdown=r["breakdown"], promised=r["promised"],
                    refused=r["refused"], absent=r["absent"], total=r["total"],
                    mediators=r["mediators"], location=r["location"], main=r["main"],
                    published=r["published"], outlet=r["outlet"])
            query = sa.select(claims).where(claims.c.mention_id.in_(chunk)).order_by(claims.c.id)
            for r in conn.execute(query).mappings():
                m = out[r["mention_id"]]
                m.claims.append(Claim(
                    field=r["field"], party=r["party"], value=r["value"], number=r["number"],
                    document_id=r["document_id"], mention_id=r["mention_id"],
                    sentence=r["sentence"], start=r["start"], end=r["end"],
                    attributed_to=r["attributed_to"], published=m.published, outlet=m.outlet))
        return [out[i] for i in sorted(out)]

    # --- queries ----------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.engine.connect() as conn:
            return {name: conn.execute(sa.select(sa.func.count()).select_from(
                schema.metadata.tables[name])).scalar_one() for name in schema.TABLES}

    def exchanges(self, party: str | None = None, since: date | None = None,
                  until: date | None = None, status: str | None = None,
                  limit: int | None = None) -> list[dict]:
        """Exchanges with their consensus figures, oldest first (rows of exchange_figures)."""
        v = schema.exchange_figures
        when = sa.func.coalesce(v.c.date, v.c.first_reported)
        query = sa.select(v)
        if party:
            names = {party.lower(), *(p.lower() for p in _canonical(party))}
            query = query.where(sa.or_(sa.func.lower(v.c.party_a).in_(names),
                                       sa.func.lower(v.c.party_b).in_(names)))
        if since:
            query = query.where(when >= since)
        if until:
            query = query.where(when <= until)
        if status:
            query = query.where(v.c.status == status)
        query = query.order_by(when.is_(None), when, v.c.id)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def find_exchange(self, prefix: str) -> str:
        """The full id of the exchange whose id starts with ``prefix``."""
        prefix = prefix.strip().lower()
        if not prefix or not all(ch in "0123456789abcdef" for ch in prefix):
            raise StoreError(f"{prefix!r} is not an exchange id; ids are hexadecimal, "
                             "list them with `powtrack exchanges`")
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(exchanges.c.id)
                                 .where(exchanges.c.id.like(prefix + "%"))
                                 .order_by(exchanges.c.id).limit(5)).scalars().all()
        if not found:
            raise StoreError(f"no exchange {prefix!r}; list them with `powtrack exchanges`")
        if len(found) > 1:
            raise StoreError(f"{prefix!r} matches several exchanges ({', '.join(found)}); "
                             "give more of the id")
        return found[0]

    def exchange(self, exchange_id: str) -> dict:
        """One exchange with its consensus, claims (with sentences), documents and stages."""
        xid = self.find_exchange(exchange_id)
        with self.engine.connect() as conn:
            row = dict(conn.execute(sa.select(schema.exchange_figures)
                                    .where(schema.exchange_figures.c.id == xid)).mappings().one())
            row["consensus"] = [dict(r) for r in conn.execute(
                sa.select(consensus).where(consensus.c.exchange_id == xid)
                .order_by(consensus.c.field, consensus.c.party)).mappings()]
            row["claims"] = [dict(r) for r in conn.execute(
                sa.select(claims, documents.c.input_id, documents.c.url, documents.c.outlet,
                          documents.c.published, documents.c.title)
                .join(documents, documents.c.id == claims.c.document_id)
                .where(claims.c.exchange_id == xid)
                .order_by(claims.c.field, claims.c.party, documents.c.published,
                          claims.c.document_id, claims.c.id)).mappings()]
            row["documents"] = [dict(r) for r in conn.execute(
                sa.select(documents.c.id, documents.c.input_id, documents.c.url,
                          documents.c.title, documents.c.outlet, documents.c.published,
                          documents.c.version)
                .where(documents.c.id.in_(sa.select(mentions.c.document_id)
                                          .where(mentions.c.exchange_id == xid)))
                .order_by(documents.c.published, documents.c.id)).mappings()]
            stage_rows = conn.execute(sa.select(schema.exchange_figures)
                                      .where(schema.exchange_figures.c.parent_id == xid)
                                      .order_by(schema.exchange_figures.c.stage)).mappings()
            row["stages"] = [dict(r) for r in stage_rows]
        return row

    def all_exchanges(self) -> list[dict]:
        """Every exchange with consensus, claims and documents, for export (by id)."""
        with self.engine.connect() as conn:
            rows = {r["id"]: dict(r, consensus=[], claims=[], documents=[]) for r in
                    conn.execute(sa.select(schema.exchange_figures)
                                 .order_by(schema.exchange_figures.c.id)).mappings()}
            for r in conn.execute(sa.select(consensus).order_by(
                    consensus.c.exchange_id, consensus.c.field, consensus.c.party)).mappings():
                rows[r["exchange_id"]]["consensus"].append(dict(r))
            docs = {r["id"]: dict(r) for r in conn.execute(sa.select(
                documents.c.id, documents.c.input_id, documents.c.url, documents.c.title,
                documents.c.outlet, documents.c.published, documents.c.version)
                .where(documents.c.id.in_(sa.select(claims.c.document_id)
                                          .where(claims.c.exchange_id.is_not(None)))))
                .mappings()}
            seen: dict[str, set[str]] = defaultdict(set)
            for r in conn.execute(sa.select(claims).where(claims.c.exchange_id.is_not(None))
                                  .order_by(claims.c.exchange_id, claims.c.field,
                                            claims.c.party, claims.c.document_id,
                                            claims.c.id)).mappings():
                x = rows[r["exchange_id"]]
                x["claims"].append(dict(r))
                if r["document_id"] not in seen[x["id"]]:
                    seen[x["id"]].add(r["document_id"])
                    x["documents"].append(docs[r["document_id"]])
        return list(rows.values())

    def table(self, name: str) -> tuple[list[str], Iterator[tuple]]:
        """Column names and rows of a table or view, for flat exports."""
        if name not in schema.TABLES + schema.VIEWS:
            raise StoreError(f"no table {name!r}; choose one of "
                             f"{', '.join(schema.TABLES + schema.VIEWS)}")
        table = schema.metadata.tables.get(name)
        if table is not None:
            query = sa.select(table).order_by(*table.primary_key.columns)
        else:
            query = sa.text(f"SELECT * FROM {name}")  # a view; the name was checked above
        conn = self.engine.connect()
        result = conn.execution_options(stream_results=True).execute(query)
        columns = list(result.keys())

        def rows() -> Iterator[tuple]:
            try:
                yield from (tuple(r) for r in result)
            finally:
                conn.close()

        return columns, rows()

    def held_figures(self) -> list[dict]:
        """Figures of captives held, current document versions only, in date order."""
        with self.engine.connect() as conn:
            query = (sa.select(held, documents.c.input_id, documents.c.url, documents.c.outlet)
                     .join(documents, documents.c.id == held.c.document_id)
                     .where(held.c.active.is_(True))
                     .order_by(held.c.held_by, held.c.of, held.c.anchor, held.c.id))
            return [dict(r) for r in conn.execute(query).mappings()]

    def mentions_of(self, exchange_ids: Iterable[str] | None = None) -> list[dict]:
        """Mention rows (active) of the given exchanges, or of all exchanges."""
        query = (sa.select(mentions, documents.c.input_id, documents.c.url, documents.c.outlet)
                 .join(documents, documents.c.id == mentions.c.document_id)
                 .where(mentions.c.exchange_id.is_not(None))
                 .order_by(mentions.c.exchange_id, mentions.c.id))
        with self.engine.connect() as conn:
            if exchange_ids is None:
                return [dict(r) for r in conn.execute(query).mappings()]
            out = []
            for chunk in _chunks(sorted(set(exchange_ids))):
                out += [dict(r) for r in conn.execute(
                    query.where(mentions.c.exchange_id.in_(chunk))).mappings()]
            return out

    def totals(self, party: str | None = None) -> list[dict]:
        """People returned to each side per year, and cumulatively.

        Counts completed exchanges by their consensus ``returned`` figure; an
        agreement carried out in stages counts once: its own figure when it
        has one, else the sum of its completed stages. Exchanges without a
        figure for a side are counted in ``unknown``, never as 0.
        """
        per: dict[tuple[int, str], dict[str, int]] = defaultdict(
            lambda: {"exchanges": 0, "returned": 0, "unknown": 0})
        for r, side, when, figure, stages in side_figures(self.exchanges()):
            if r["status"] == "completed" and figure is not None:
                value: int | None = figure
            elif stages:
                known = [f for _, f in stages if f is not None]
                value = sum(known) if known else None
            elif r["status"] == "completed":
                value = None
            else:
                continue
            cell = per[when.year, side]
            cell["exchanges"] += 1
            if value is None:
                cell["unknown"] += 1
            else:
                cell["returned"] += value
        out = []
        running: dict[str, int] = defaultdict(int)
        for (year, side) in sorted(per):
            if party and side.lower() not in {party.lower(), *(p.lower()
                                                              for p in _canonical(party))}:
                continue
            cell = per[year, side]
            running[side] += cell["returned"]
            out.append({"year": year, "party": side, **cell, "cumulative": running[side]})
        return out


def side_figures(rows: list[dict]) -> Iterator[tuple[dict, str, date, int | None, list]]:
    """Per top-level exchange and side: (row, side, when, consensus figure, completed stages).

    ``stages`` are (stage row, its figure for that side) for the exchange's
    completed stages; exchanges with no date at all are left out. Totals and
    the dashboard's timeline count from this one walk.
    """
    children: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["parent_id"]:
            children[r["parent_id"]].append(r)
    for r in rows:
        if r["parent_id"]:
            continue
        when = r["date"] or r["first_reported"]
        if when is None:
            continue
        for side, figure in ((r["party_a"], r["returned_to_a"]),
                             (r["party_b"], r["returned_to_b"])):
            if not side:
                continue
            stages = [(c, c["returned_to_a"] if c["party_a"] == side else c["returned_to_b"])
                      for c in children.get(r["id"], []) if c["status"] == "completed"]
            yield r, side, when, figure, stages


def _check_values(rows: Iterable[dict]) -> None:
    """Raise StoreError for a figure or a date the ledger cannot hold (one line)."""
    for row in rows:
        for value in row.values():
            if type(value) is int and not -MAX_FIGURE <= value <= MAX_FIGURE:
                raise StoreError(f"a figure of {value:,} is larger than the ledger holds "
                                 f"({MAX_FIGURE:,}); check the article")
            if isinstance(value, date) and not EARLIEST <= value <= LATEST:
                raise StoreError(f"the date {value.isoformat()} is outside what the ledger "
                                 f"holds ({EARLIEST} to {LATEST}); check the article's date")


def _canonical(name: str) -> list[str]:
    """Canonical parties that an alias names ("Kyiv" -> ["Ukraine"])."""
    from powtrack.resolve import _party_words

    key = name.strip().lower()
    return [party for party, words in _party_words().items()
            if key in {w.lower() for w in words}]


def _exchange_row(x: Exchange) -> dict:
    parties = list(x.parties)
    return dict(
        id=x.id, pair=x.pair, party_a=parties[0] if parties else None,
        party_b=parties[1] if len(parties) > 1 else None, status=x.status, date=x.date,
        first_reported=x.first_reported, last_reported=x.last_reported,
        parent_id=x.parent_id, stage=x.stage, mediators=x.mediators, location=x.location,
        status_history=x.status_history, n_documents=len(x.document_ids),
        n_mentions=len(x.mention_ids), n_conflicts=x.n_conflicts)


def _consensus_row(exchange_id: str, c) -> dict:
    return dict(
        id=short_hash(exchange_id, c.field, c.party), exchange_id=exchange_id, field=c.field,
        party=c.party, value=c.value, number=c.number, rule=c.rule, support=c.support,
        sources=c.sources, conflict=c.conflict, stated=c.stated, candidates=c.candidates)


def _sqlite_engine(url: sa.URL, dumps: Callable[[Any], str]) -> sa.Engine:
    path = url.database
    if path and path != ":memory:" and not path.startswith("file:"):
        folder = Path(path).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreError(f"cannot create {path}: folder {folder} does not exist; "
                             "create it or choose another --db path")
    engine = sa.create_engine(url, json_serializer=dumps)

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        # let SQLAlchemy, not the sqlite3 module, decide where transactions start,
        # so DDL in migrations is transactional too
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a killed process loses no committed transaction
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        write = conn.get_execution_options().get("powtrack_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def ingest(store: Store, items: Iterable[Document | Any],
           extract: Callable[[Document], Record] | None = None,
           on_error: Callable[[str, str], None] | None = None,
           progress: Callable[[], None] | None = None,
           resolve_after: bool = True) -> IngestStats:
    """Extract and store each document; report bad inputs and go on; then resolve.

    ``items`` are Documents or ReadErrors (as ``powtrack.ingest.read_paths``
    yields them). A document already stored is not extracted again. Each
    document is committed on its own, so a killed run keeps what it stored
    and a re-run completes the rest.
    """
    if extract is None:
        from powtrack.pipeline import process as extract
    stats = IngestStats()
    for item in items:
        if progress:
            progress()
        if not isinstance(item, Document):
            stats.errors += 1
            if on_error:
                on_error(item.source, item.message)
            continue
        stats.read += 1
        if store.has_document(item.content_hash):
            stats.unchanged += 1
            continue
        try:
            record = extract(item)
        except Exception as exc:  # one article that breaks the extractor must not stop a run
            stats.errors += 1
            if on_error:
                on_error(item.source or item.key,
                         f"extraction failed ({type(exc).__name__}: {exc}); skipped it, "
                         "please report this article")
            continue
        if item.lang and item.lang not in packs():
            stats.no_pack[item.lang] = stats.no_pack.get(item.lang, 0) + 1
        try:
            version = store._add(item, record)
        except (StoreError, sa.exc.DataError, OverflowError, UnicodeError) as exc:
            # one article the database refuses must not stop a run either
            stats.errors += 1
            if on_error:
                reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
                on_error(item.source or item.key, f"not stored ({reason}); skipped it")
            continue
        if version:
            stats.added += 1
            stats.versions += version > 1
        else:
            stats.unchanged += 1
    if resolve_after:
        stats.resolved = store.resolve()
    return stats
