"""The pipeline in one screen: ingest -> clean -> extract (-> resolve -> store)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from powtrack.clean import clean
from powtrack.document import Document
from powtrack.extraction import extract_document
from powtrack.gate import might_be_relevant
from powtrack.ingest import Page, ReadError, page_html, read_page
from powtrack.records import Record
from powtrack.scale.table import Extracted


def process(doc: Document) -> Record:
    """Run one document through the extraction stages and return its record."""
    # 1. clean: blank web clutter, keeping every offset into the original text
    clean(doc)
    # 2. extract: events, figures, dates, mediators, held figures, with evidence
    return extract_document(doc)


@dataclass
class Skipped:
    """A web page passed over: stopped at the gate, or with no article in it."""

    source: str
    reason: str  # "gate" or "no article"


def process_item(item: Document | Page | Extracted | ReadError, gate: bool = True
                 ) -> tuple[Document, Record] | Skipped | ReadError:
    """Take one item of ``read_paths(..., deferred=True)`` to its document and record.

    A web-archive page is gated and read here; a row of the Spark job's output
    already carries its record; a ReadError passes through. ``gate=False``
    reads every page, so that all of them are stored.
    """
    if isinstance(item, ReadError):
        return item
    if isinstance(item, Extracted):  # extracted already, by the Spark job
        return item.document, item.record
    if isinstance(item, Page):
        html = page_html(item)
        if isinstance(html, ReadError):
            return html
        # 0. gate: a raw page that names no captives changing hands stops before trafilatura
        if gate and not might_be_relevant(html):
            return Skipped(item.source, "gate")
        # ingest: trafilatura reads the page (the record's URL; its WARC-Date if undated)
        doc = read_page(item, html)
        if doc is None:
            return Skipped(item.source, "no article")
        if isinstance(doc, ReadError):
            return doc
        item = doc
    return item, process(item)


def process_all(docs: Iterable[Document]) -> Iterator[Record]:
    for doc in docs:
        yield process(doc)


def extract(text: str, published: date | str | None = None, url: str | None = None,
            id: str | None = None, lang: str | None = None) -> Record:
    """Extract the exchange record from one article's text.

    ``published`` (a date or ISO string) anchors relative dates such as
    "on Wednesday"; without it such dates stay null. ``lang`` (ISO 639-1) is
    identified from the text when not given.
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return process(Document(text=text, id=id, url=url, published=published, lang=lang))
