"""Builders for ledger tests: documents and records made by hand, and table snapshots.

Records are built directly (no extraction), so these tests do not depend on
how well the extractor reads articles.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import sqlalchemy as sa

from powtrack.document import Document
from powtrack.records import Event, Evidence, Held, Record
from powtrack.store import schema

D = date.fromisoformat


def swap(day: str | None = None, ua: int | None = None, ru: int | None = None, *,
         status: str = "completed", parties=("Ukraine", "Russia"), date_text: str | None = None,
         main: bool = True, said_by: dict | None = None, **fields) -> Event:
    """An event: ``ua``/``ru`` are the figures returned to the first/second party."""
    returned = {}
    if ua is not None:
        returned[parties[0]] = [ua]
    if ru is not None:
        returned[parties[1]] = [ru]
    evidence = []
    for party, values in returned.items():
        for v in values:
            sentence = f"{v} people came home to {party}."
            evidence.append(Evidence("returned", v, 0, len(str(v)), sentence, 0, party=party,
                                     attributed_to=(said_by or {}).get(party)))
    return Event(status=status, date=D(day) if day else None,
                 date_text=date_text or (day if day else None), parties=list(parties),
                 returned=returned, main=main, evidence=evidence, **fields)


def article(text: str, published: str | None = "2024-01-04", url: str | None = None,
            id: str | None = None) -> Document:
    return Document(text=text, id=id, url=url, published=D(published) if published else None,
                    source=id)


def record(doc: Document, *events: Event, held: list[Held] | None = None) -> Record:
    return Record(id=doc.key, relevant=bool(events), events=list(events), held=held or [],
                  url=doc.url, published=doc.published)


def add(store, text: str, *events: Event, published: str | None = "2024-01-04",
        url: str | None = None, id: str | None = None, held: list[Held] | None = None) -> str:
    """Store one article with the given events; returns its document id."""
    doc = article(text, published, url, id)
    store.add_document(doc, record(doc, *events, held=held))
    return doc.content_hash


def snapshot(store, tables=schema.TABLES, skip=()) -> dict[str, list[tuple]]:
    """Every row of the tables, sorted, for comparing two databases."""
    out = {}
    with store.engine.connect() as conn:
        for name in tables:
            table = schema.metadata.tables[name]
            cols = [c for c in table.columns if c.name not in skip]
            rows = conn.execute(sa.select(*cols)).all()
            out[name] = sorted(tuple(_norm(v) for v in r) for r in rows)
    return out


def _norm(value):
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, sort_keys=True)
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return value.replace(tzinfo=None).isoformat()
    return "" if value is None else str(value)


PAIRS = [("Ukraine", "Russia"), ("Armenia", "Azerbaijan"), ("Israel", "Hamas")]
OUTLETS = ["kyivpost.example", "tass.example", "reuters.example", "bbc.example",
           "aljazeera.example", "apnews.example"]


def corpus(n_swaps: int, seed: int = 7) -> list[tuple[Document, Record]]:
    """Articles about ``n_swaps`` swaps: several reports each, disagreeing now and then.

    Some reports are undated, some announce the swap before it happens, some
    give a slightly different figure, and some swaps are done in two stages
    under one agreement.
    """
    rng = random.Random(seed)
    items: list[tuple[Document, Record]] = []
    day = date(2022, 3, 1)
    for s in range(n_swaps):
        parties = PAIRS[s % len(PAIRS)]
        day += timedelta(days=rng.choice([3, 9, 20, 40, 60]))
        a, b = rng.randrange(20, 400), rng.randrange(20, 400)
        # (status, published, swap day or None, figure to a, figure to b)
        reports: list[tuple[str, date, date | None, int, int]] = []
        if rng.random() < 0.3:  # announced a few days before
            reports.append(("agreed", day - timedelta(days=rng.randrange(2, 10)), None, a, b))
        for _ in range(rng.randrange(1, 5)):
            shown = a if rng.random() < 0.85 else a - rng.randrange(1, 5)
            undated = rng.random() < 0.25
            reports.append(("completed", day + timedelta(days=rng.randrange(0, 3)),
                            None if undated else day, shown, b))
        if rng.random() < 0.15:  # a later agreement carried out in two stages
            day += timedelta(days=200)
            whole = rng.randrange(300, 900)
            first = whole // 2
            reports += [("agreed", day - timedelta(days=5), None, whole, whole),
                        ("completed", day, day, first, first),
                        ("completed", day + timedelta(days=2), day + timedelta(days=2),
                         whole - first, whole - first)]
            day += timedelta(days=2)
        for i, (status, published, swap_day, x, y) in enumerate(reports):
            outlet = OUTLETS[(s + i) % len(OUTLETS)]
            text = (f"Report {s}-{i}: {parties[0]} and {parties[1]}, {status}: "
                    f"{x} and {y} people ({outlet}).")
            doc = Document(text=text, id=f"s{s}r{i}", url=f"https://{outlet}/{s}/{i}",
                           published=published, source=f"s{s}r{i}")
            ev = swap(swap_day.isoformat() if swap_day else None, x, y, status=status,
                      parties=parties)
            items.append((doc, record(doc, ev)))
    return items


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SIDES = [("Ukraine", "Russia", "Ukrainians", "Russian servicemen"),
         ("Armenia", "Azerbaijan", "Armenians", "Azerbaijani soldiers")]


def write_articles(folder, n_swaps: int, reports: int = 3, seed: int = 11) -> int:
    """Write short news articles (front matter + text) about n_swaps swaps; returns the count.

    Every swap is reported by ``reports`` outlets in different words, with the
    same figures, plus one article in four that is not about a swap at all.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    day = date(2022, 1, 10)
    n = 0
    for s in range(n_swaps):
        a, b, a_people, b_people = SIDES[s % len(SIDES)]
        day += timedelta(days=rng.randrange(50, 90))
        x, y = rng.randrange(10, 400), rng.randrange(10, 400)
        when = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        texts = [
            f"{a} and {b} exchanged prisoners on {when}. {a} said {x} {a_people} came "
            f"home, and {b} said {y} {b_people} were returned.",
            f"A prisoner swap between {b} and {a} took place on {when}, officials said. "
            f"{x} {a_people} were freed in exchange for {y} {b_people}.",
            f"On {when}, {a} brought home {x} {a_people} in a swap with {b}, which "
            f"received {y} {b_people}, according to officials in both countries.",
        ]
        for r in range(reports):
            published = day + timedelta(days=r % 2)
            text = texts[r % len(texts)]
            (folder / f"swap{s:03d}-{r}.txt").write_text(
                f"---\nurl: https://outlet{r}.example/{s}\npublished: {published}\n"
                f"id: swap{s:03d}-{r}\n---\n{text}\n", encoding="utf-8")
            n += 1
        if s % 4 == 0:
            (folder / f"other{s:03d}.txt").write_text(
                f"---\npublished: {day}\nid: other{s:03d}\n---\n"
                f"Officials in {a} met to discuss the budget on {when}.\n", encoding="utf-8")
            n += 1
    return n
