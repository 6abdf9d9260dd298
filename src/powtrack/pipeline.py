"""The pipeline in one screen: ingest -> clean -> extract (-> resolve -> store)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from powtrack.clean import clean
from powtrack.document import Document
from powtrack.extraction import extract_document
from powtrack.records import Record


def process(doc: Document) -> Record:
    """Run one document through the extraction stages and return its record."""
    # 1. clean: blank web clutter, keeping every offset into the original text
    clean(doc)
    # 2. extract: events, figures, dates, mediators, held figures, with evidence
    return extract_document(doc)


def process_all(docs: Iterable[Document]) -> Iterator[Record]:
    for doc in docs:
        yield process(doc)


def extract(text: str, published: date | str | None = None, url: str | None = None,
            id: str | None = None) -> Record:
    """Extract the exchange record from one article's text.

    ``published`` (a date or ISO string) anchors relative dates such as
    "on Wednesday"; without it such dates stay null.
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return process(Document(text=text, id=id, url=url, published=published))
