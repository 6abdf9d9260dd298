"""Typed extraction records: the SCHEMA.md shape plus evidence for every value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Evidence:
    """Where one value came from: the field, the value, its span and its sentence.

    ``start``/``end`` index the original document text; ``sentence`` is the
    whole sentence (``sentence_start`` is its offset in the original text).
    ``attributed_to`` names who the text says gave the figure, when it does.
    """

    field: str
    value: Any
    start: int
    end: int
    sentence: str
    sentence_start: int
    party: str | None = None
    attributed_to: str | None = None

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "party": self.party,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "attributed_to": self.attributed_to,
        }


@dataclass
class Event:
    """One specific swap between two sides, as one document reports it."""

    status: str = "completed"  # completed | agreed | failed
    date: date | None = None
    date_text: str | None = None
    parties: list[str] = field(default_factory=list)
    returned: dict[str, list[int]] = field(default_factory=dict)
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)
    promised: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)
    absent: dict[str, int] = field(default_factory=dict)
    total: int | None = None
    mediators: list[str] = field(default_factory=list)
    location: str | None = None
    main: bool = True
    # receiving side -> names of the individuals freed, when the text names them (not scored)
    people: dict[str, list[str]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, evidence: bool = True) -> dict:
        out: dict[str, Any] = {
            "status": self.status,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "parties": list(self.parties),
            "returned": {p: list(v) for p, v in self.returned.items()},
            "breakdown": {p: dict(v) for p, v in self.breakdown.items()},
        }
        for name in ("promised", "refused", "absent"):
            value = getattr(self, name)
            if value:
                out[name] = dict(value)
        if self.total is not None:
            out["total"] = self.total
        out["mediators"] = list(self.mediators)
        out["location"] = self.location
        out["main"] = self.main
        if self.people:
            out["people"] = {p: list(v) for p, v in self.people.items()}
        if evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


@dataclass
class Held:
    """A stated figure of captives one side still holds of the other."""

    held_by: str
    of: str
    count: int
    qualifier: str = "exact"  # exact | at_least | about | more_than
    date: date | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, evidence: bool = True) -> dict:
        out: dict[str, Any] = {
            "held_by": self.held_by,
            "of": self.of,
            "count": self.count,
            "qualifier": self.qualifier,
            "date": self.date.isoformat() if self.date else None,
        }
        if evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


@dataclass
class Record:
    """Everything extracted from one document (one JSON Lines row of output)."""

    id: str
    relevant: bool
    events: list[Event] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    url: str | None = None
    published: date | None = None

    @property
    def main(self) -> Event | None:
        return next((e for e in self.events if e.main), None)

    def to_dict(self, evidence: bool = True) -> dict:
        return {
            "id": self.id,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "relevant": self.relevant,
            "events": [e.to_dict(evidence) for e in self.events],
            "held": [h.to_dict(evidence) for h in self.held],
        }


def record_from_dict(row: dict) -> Record:
    """The Record that ``Record.to_dict()`` (with evidence) wrote: the inverse of it.

    Used to load records extracted elsewhere (the Spark job's Parquet) into the ledger.
    """
    return Record(
        id=row["id"],
        relevant=bool(row["relevant"]),
        events=[_event_from_dict(e) for e in row.get("events") or []],
        held=[_held_from_dict(h) for h in row.get("held") or []],
        url=row.get("url"),
        published=_date_or_none(row.get("published")),
    )


def _date_or_none(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _evidence_from_dict(e: dict) -> Evidence:
    return Evidence(field=e["field"], value=e["value"], start=e["start"], end=e["end"],
                    sentence=e["sentence"], sentence_start=e["sentence_start"],
                    party=e.get("party"), attributed_to=e.get("attributed_to"))


def _event_from_dict(e: dict) -> Event:
    return Event(
        status=e["status"], date=_date_or_none(e.get("date")), date_text=e.get("date_text"),
        parties=list(e.get("parties") or []),
        returned={p: list(v) for p, v in (e.get("returned") or {}).items()},
        breakdown={p: dict(v) for p, v in (e.get("breakdown") or {}).items()},
        promised=dict(e.get("promised") or {}), refused=dict(e.get("refused") or {}),
        absent=dict(e.get("absent") or {}), total=e.get("total"),
        mediators=list(e.get("mediators") or []), location=e.get("location"),
        main=bool(e.get("main", True)),
        people={p: list(v) for p, v in (e.get("people") or {}).items()},
        evidence=[_evidence_from_dict(x) for x in e.get("evidence") or []],
    )


def _held_from_dict(h: dict) -> Held:
    return Held(held_by=h["held_by"], of=h["of"], count=h["count"],
                qualifier=h.get("qualifier", "exact"), date=_date_or_none(h.get("date")),
                evidence=[_evidence_from_dict(x) for x in h.get("evidence") or []])
