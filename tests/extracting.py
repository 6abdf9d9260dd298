"""Helpers for the extraction tests: run the public API on a short article, pick its events."""

from __future__ import annotations

from datetime import date

import powtrack
from powtrack.records import Event, Record


def run(text: str, published: str | date | None = None) -> Record:
    return powtrack.extract(text, published=published)


def only_event(record: Record) -> Event:
    assert record.relevant, "expected a relevant record"
    assert len(record.events) == 1, [e.to_dict(evidence=False) for e in record.events]
    return record.events[0]


def main_event(record: Record) -> Event:
    assert record.relevant, "expected a relevant record"
    mains = [e for e in record.events if e.main]
    assert len(mains) == 1, [e.to_dict(evidence=False) for e in record.events]
    return mains[0]
