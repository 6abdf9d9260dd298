"""Books: check that each exchange's figures add up, and match the held figures.

Three checks, on the consensus figures of every exchange (docs/ledger.md):

- ``breakdown``: parts (military + civilians) equal the side's ``returned``;
  a single part, or the wounded, is not more than it; ``total`` equals the
  two sides' figures added up.
- ``promised``: a side promised N received ``returned`` + ``refused`` +
  ``absent`` = N.
- ``held``: a figure of captives one side held before a swap, less the
  people of the other side returned by it (and by any swap in between),
  matches the held figure after it.

Each finding names the exchange, the figures and the documents that state them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

HELD_WINDOW = 90       # days before and after a swap to look for held figures
HELD_TOLERANCE = 0.05  # relative slack for held figures stated as exact
PARTS = ("military", "civilians")


@dataclass
class Finding:
    """One way an exchange's books do not balance."""

    exchange_id: str
    check: str                       # breakdown | total | promised | held
    message: str
    figures: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)   # documents: input id, else hash

    def to_dict(self) -> dict:
        return asdict(self)


def _fmt(n: int) -> str:
    return f"{n:,}"


def check(exchanges: list[dict], held: list[dict]) -> list[Finding]:
    """Findings for exchanges (as ``Store.all_exchanges`` gives) and held figures."""
    findings: list[Finding] = []
    for x in exchanges:
        findings += _check_exchange(x)
    findings += _check_held(exchanges, held)
    return sorted(findings, key=lambda f: (f.exchange_id, f.check, f.message))


def _source_names(x: dict) -> dict[str, str]:
    return {d["id"]: d.get("input_id") or d["id"] for d in x.get("documents", [])}


def _figures(x: dict) -> dict[tuple[str, str | None], dict]:
    return {(c["field"], c["party"]): c for c in x["consensus"] if c["number"] is not None}


def _sources(x: dict, *rows: dict) -> list[str]:
    """Documents that state the chosen value of each consensus row."""
    names = _source_names(x)
    out: list[str] = []
    for row in rows:
        for cand in row["candidates"]:
            if cand["value"] == row["value"]:
                out += [names.get(d, d) for d in cand["documents"]]
    return sorted(set(out))


def _check_exchange(x: dict) -> list[Finding]:
    out: list[Finding] = []
    figs = _figures(x)
    xid = x["id"]
    parties = sorted({p for (_, p) in figs if p})
    for party in parties:
        returned = figs.get(("returned", party))
        parts = {cat: figs[f"breakdown.{cat}", party] for cat in PARTS
                 if (f"breakdown.{cat}", party) in figs}
        if returned and len(parts) == len(PARTS):
            added = sum(r["number"] for r in parts.values())
            if added != returned["number"]:
                out.append(Finding(
                    xid, "breakdown",
                    f"{party}: {' + '.join(_fmt(r['number']) + ' ' + c for c, r in parts.items())}"
                    f" = {_fmt(added)}, but {_fmt(returned['number'])} returned",
                    {"party": party, "returned": returned["number"],
                     **{c: r["number"] for c, r in parts.items()}},
                    _sources(x, returned, *parts.values())))
        if returned:
            for cat in (*PARTS, "wounded"):
                part = figs.get((f"breakdown.{cat}", party))
                if part and part["number"] > returned["number"]:
                    out.append(Finding(
                        xid, "breakdown",
                        f"{party}: {_fmt(part['number'])} {cat}, more than the "
                        f"{_fmt(returned['number'])} returned",
                        {"party": party, "returned": returned["number"], cat: part["number"]},
                        _sources(x, returned, part)))
        promised = figs.get(("promised", party))
        if promised and returned:
            refused = figs.get(("refused", party))
            absent = figs.get(("absent", party))
            balance = returned["number"] + sum(r["number"] for r in (refused, absent) if r)
            if balance != promised["number"]:
                terms = [f"{_fmt(returned['number'])} returned"]
                terms += [f"{_fmt(r['number'])} {name}" for name, r in
                          (("refused", refused), ("absent", absent)) if r]
                out.append(Finding(
                    xid, "promised",
                    f"{party}: {_fmt(promised['number'])} promised, but "
                    f"{' + '.join(terms)} = {_fmt(balance)}",
                    {"party": party, "promised": promised["number"],
                     "returned": returned["number"],
                     "refused": refused["number"] if refused else None,
                     "absent": absent["number"] if absent else None},
                    _sources(x, *(r for r in (promised, returned, refused, absent) if r))))
    total = figs.get(("total", None))
    sides = [figs[("returned", p)] for p in (x.get("party_a"), x.get("party_b"))
             if p and ("returned", p) in figs]
    if total and len(sides) == 2:
        added = sides[0]["number"] + sides[1]["number"]
        if added != total["number"]:
            out.append(Finding(
                xid, "total",
                f"total {_fmt(total['number'])}, but {_fmt(sides[0]['number'])} + "
                f"{_fmt(sides[1]['number'])} = {_fmt(added)} returned",
                {"total": total["number"], "returned": {r["party"]: r["number"] for r in sides}},
                _sources(x, total, *sides)))
    return out


def _check_held(exchanges: list[dict], held: list[dict]) -> list[Finding]:
    """Held before a swap - returned = held after, per direction (held_by -> of)."""
    series: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for h in held:
        if h["anchor"] is not None:
            series[h["held_by"], h["of"]].append(h)
    # people of `of` who came home from `held_by`, by day, from completed exchanges
    flows: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for x in exchanges:
        if x["status"] != "completed" or x["date"] is None or x.get("parent_id"):
            continue
        figs = _figures(x)
        for party in (x.get("party_a"), x.get("party_b")):
            other = x["party_b"] if party == x.get("party_a") else x.get("party_a")
            row = figs.get(("returned", party))
            if party and other and row:
                flows[other, party].append((x["date"], row["number"], x, row))
    out: list[Finding] = []
    window = timedelta(days=HELD_WINDOW)
    for key, swaps in flows.items():
        figures = sorted(series.get(key, []), key=lambda h: (h["anchor"], h["id"]))
        if not figures:
            continue
        for day, number, x, row in swaps:
            before = [h for h in figures if day - window <= h["anchor"] < day]
            after = [h for h in figures if day < h["anchor"] <= day + window]
            if not before or not after:
                continue
            b, a = before[-1], after[0]
            between = sum(n for d, n, _, _ in swaps if b["anchor"] < d < a["anchor"])
            expected = b["count"] - between
            exact = b["qualifier"] == "exact" and a["qualifier"] == "exact"
            slack = max(2, (HELD_TOLERANCE if exact else 2 * HELD_TOLERANCE) * b["count"])
            if abs(a["count"] - expected) <= slack:
                continue
            held_by, of = key
            note = "" if between == number else f" ({_fmt(between)} in all swaps between)"
            out.append(Finding(
                x["id"], "held",
                f"{held_by} held {_fmt(b['count'])} {of} captives on {b['anchor']} and "
                f"{_fmt(a['count'])} on {a['anchor']}; {_fmt(number)} came home on {day}"
                f"{note}, so about {_fmt(expected)} were expected",
                {"held_by": held_by, "of": of, "before": b["count"],
                 "before_date": b["anchor"].isoformat(), "after": a["count"],
                 "after_date": a["anchor"].isoformat(), "returned": number,
                 "returned_between": between, "expected_after": expected},
                sorted({b.get("input_id") or b["document_id"],
                        a.get("input_id") or a["document_id"], *_sources(x, row)})))
    return out
