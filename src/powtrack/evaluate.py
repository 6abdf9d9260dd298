"""Evaluate stage: score predicted exchange records against gold (SCHEMA.md).

Documents are matched by ``id``. Scoring runs over the gold documents: a gold
document missing from the predictions counts as predicted not relevant with no
events and no held figures; predicted documents absent from gold are ignored.
Every F1 is micro-averaged over the whole set (each item carries its document
id) and is 1.0 when gold and prediction are both empty; every share is 1.0
when it has nothing to count (the ``n_*`` counts show when that happens).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

Canonical = Callable[[str], str]

SHORTFALL_FIELDS = ("promised", "refused", "absent")
# Capitalised words that say nothing about where a handover was.
_LOCATION_STOPWORDS = {"The", "A", "An"}


def load_jsonl(path: str | Path) -> list[dict]:
    """Read a JSON Lines file of records, skipping blank lines.

    Raises ``ValueError`` naming ``path:LINE`` for a line that is not a JSON object.
    """
    rows = []
    with open(path, encoding="utf-8-sig") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc.msg}); "
                                 "fix the line or remove it") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{lineno}: not a JSON object; each line must be a record")
            rows.append(row)
    return rows


def score(gold: list[dict], pred: list[dict], *,
          canonical: Canonical | None = None) -> dict[str, float | int]:
    """Every score SCHEMA.md defines, plus the counts behind them.

    ``canonical`` maps a party or mediator name to its canonical form; by
    default ``powtrack.extraction.lexicon.canonical_party`` when it exists, else
    names are compared as written (whitespace collapsed).

    Main events are paired per document, one to one: each gold main event, in
    order, takes the unpaired predicted main event sharing the most canonical
    parties, then the most ``returned`` figures, then the earliest. A gold main
    event left without a partner counts as wrong date, status and location.
    ``invented_dates`` counts paired predicted main events that have a date
    where the gold date is null. Events and held figures count as given,
    whatever the record's ``relevant`` says.
    """
    sets = _Sets(gold, pred, canonical or _default_canonical())
    return {
        "relevance_f1": _f1(sets.gold["relevance"], sets.pred["relevance"]),
        "count_f1": _f1(sets.gold["count"], sets.pred["count"]),
        "all_count_f1": _f1(sets.gold["all_count"], sets.pred["all_count"]),
        "date_accuracy": _share(sets.dates_right, sets.dates_total),
        "invented_dates": sets.invented_dates,
        "mediator_f1": _f1(sets.gold["mediator"], sets.pred["mediator"]),
        "status_accuracy": _share(sets.status_right, sets.n_main),
        "shortfall_f1": _f1(sets.gold["shortfall"], sets.pred["shortfall"]),
        "held_f1": _f1(sets.gold["held"], sets.pred["held"]),
        "location_recall": _share(sets.locations_right, sets.locations_total),
        "n_docs": len(sets.ids),
        "n_pred_missing": sets.n_missing,
        "n_gold_relevant": len(sets.gold["relevance"]),
        "n_gold_main_events": sets.n_main,
        "n_gold_main_dates": sets.dates_total,
        "n_gold_main_locations": sets.locations_total,
    }


def errors(gold: list[dict], pred: list[dict], *,
           canonical: Canonical | None = None) -> list[dict]:
    """What each score got wrong, per document: one entry per (document, score).

    Each entry is ``{"id", "score", "missed", "extra"}``; ``missed`` lists gold
    items the prediction lacks and ``extra`` predicted items gold lacks, as
    short strings ("Ukraine=195"). ``all_count`` lists only what ``count`` has
    not listed already. Documents come in gold order; entries with nothing
    missed or extra are left out.
    """
    sets = _Sets(gold, pred, canonical or _default_canonical())
    out = []
    for doc_id in sets.ids:
        count_missed: list[str] = []
        count_extra: list[str] = []
        for name in ("relevance", "count", "all_count", "date", "status", "mediator",
                     "shortfall", "held", "location"):
            if name in sets.diffs:
                missed, extra = sets.diffs[name].get(doc_id, ([], []))
            else:
                missed = _items(name, sets.gold[name], sets.pred[name], doc_id)
                extra = _items(name, sets.pred[name], sets.gold[name], doc_id)
            if name == "count":
                count_missed, count_extra = missed, extra
            elif name == "all_count":
                missed = [m for m in missed if m not in count_missed]
                extra = [x for x in extra if x not in count_extra]
            if missed or extra:
                out.append({"id": doc_id, "score": name, "missed": missed, "extra": extra})
    return out


def score_by_language(gold: list[dict], pred: list[dict], *,
                      canonical: Canonical | None = None) -> dict[str, dict[str, float | int]]:
    """``score`` per language of the gold documents (``lang``; "und" when missing), plus "all"."""
    by: dict[str, list[dict]] = {}
    for g in gold:
        by.setdefault(g.get("lang") or "und", []).append(g)
    table = {code: score(rows, pred, canonical=canonical) for code, rows in sorted(by.items())}
    table["all"] = score(gold, pred, canonical=canonical)
    return table


TABLE_COLUMNS = ("n_docs", "relevance_f1", "count_f1", "all_count_f1", "date_accuracy",
                 "invented_dates", "mediator_f1", "status_accuracy", "shortfall_f1", "held_f1",
                 "location_recall")


def format_table(table: dict[str, dict[str, float | int]]) -> str:
    """One line per language: the scores of ``score_by_language`` in aligned columns."""
    heads = ["lang"] + [c.replace("_accuracy", "_acc").replace("invented_dates", "invented")
                        for c in TABLE_COLUMNS]
    rows = [heads] + [[code] + [f"{s[c]:.3f}" if isinstance(s[c], float) else str(s[c])
                                for c in TABLE_COLUMNS] for code, s in table.items()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(heads))]
    return "\n".join("  ".join(cell.rjust(w) if i else cell.ljust(w)
                               for i, (cell, w) in enumerate(zip(r, widths, strict=True)))
                     for r in rows)


def format_scores(scores: dict[str, float | int]) -> str:
    """Aligned ``name  value`` lines; floats with 3 decimals, counts as integers."""
    width = max((len(name) for name in scores), default=0)
    lines = []
    for name, value in scores.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"{name:<{width}}  {shown}")
    return "\n".join(lines)


def format_errors(errs: list[dict]) -> str:
    """One line per (document, score): ``w001  count  missed Ukraine=195  extra Russia=207``."""
    if not errs:
        return "no errors"
    id_width = max(len(str(e["id"])) for e in errs)
    score_width = max(len(e["score"]) for e in errs)
    lines = []
    for e in errs:
        parts = [f"{e['id']!s:<{id_width}}", f"{e['score']:<{score_width}}"]
        if e["missed"]:
            parts.append("missed " + ", ".join(e["missed"]))
        if e["extra"]:
            parts.append("extra " + ", ".join(e["extra"]))
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


# --- the sets behind the scores --------------------------------------------------


class _Sets:
    """Gold and predicted items for every score, built once for score() and errors()."""

    def __init__(self, gold: list[dict], pred: list[dict], canonical: Canonical) -> None:
        self.canonical = canonical
        self.ids: list[str] = []
        self.gold: dict[str, set[tuple]] = {name: set() for name in _SET_SCORES}
        self.pred: dict[str, set[tuple]] = {name: set() for name in _SET_SCORES}
        # per-document (missed, extra) strings for the paired-event scores
        self.diffs: dict[str, dict[str, tuple[list[str], list[str]]]] = {
            "date": {}, "status": {}, "location": {}}
        self.n_missing = self.n_main = 0
        self.dates_total = self.dates_right = self.invented_dates = 0
        self.status_right = self.locations_total = self.locations_right = 0

        by_id: dict[str, dict] = {}
        for row in pred:
            by_id.setdefault(str(row.get("id")), row)
        seen = set()
        for g in gold:
            doc_id = str(g.get("id"))
            if doc_id in seen:
                continue  # a repeated gold id would be counted twice
            seen.add(doc_id)
            self.ids.append(doc_id)
            p = by_id.get(doc_id)
            if p is None:
                self.n_missing += 1
                p = {"id": doc_id, "relevant": False, "events": [], "held": []}
            self._add(doc_id, g, self.gold)
            self._add(doc_id, p, self.pred)
            self._pair(doc_id, _events(g, main=True), _events(p, main=True))

    def _party(self, name: Any) -> str:
        name = " ".join(str(name).split())
        mapped = self.canonical(name)
        return mapped if isinstance(mapped, str) and mapped else name

    def _add(self, doc_id: str, row: dict, into: dict[str, set[tuple]]) -> None:
        if row.get("relevant"):
            into["relevance"].add((doc_id, "relevant"))
        for event in _events(row):
            main = bool(event.get("main"))
            for party, values in (event.get("returned") or {}).items():
                for value in _as_list(values):
                    item = (doc_id, self._party(party), _number(value))
                    into["all_count"].add(item)
                    if main:
                        into["count"].add(item)
            if not main:
                continue
            for mediator in event.get("mediators") or []:
                into["mediator"].add((doc_id, self._party(mediator)))
            for field in SHORTFALL_FIELDS:
                for party, value in (event.get(field) or {}).items():
                    into["shortfall"].add((doc_id, field, self._party(party), _number(value)))
            for party, parts in (event.get("breakdown") or {}).items():
                for category, value in (parts or {}).items():
                    into["shortfall"].add(
                        (doc_id, f"breakdown.{category}", self._party(party), _number(value)))
        for held in row.get("held") or []:
            into["held"].add((doc_id, self._party(held.get("held_by")),
                              self._party(held.get("of")), _number(held.get("count"))))

    def _pair(self, doc_id: str, gold_main: list[dict], pred_main: list[dict]) -> None:
        free = list(pred_main)
        for g in gold_main:
            p = max(free, key=lambda e: self._likeness(g, e, free), default=None)
            if p is not None:
                free.remove(p)
            self.n_main += 1
            g_date, p_date = g.get("date"), (p or {}).get("date")
            if g_date is not None:
                self.dates_total += 1
                if p_date == g_date:
                    self.dates_right += 1
                else:
                    self._diff("date", doc_id, [str(g_date)], [str(p_date)] if p_date else [])
            elif p_date is not None:
                self.invented_dates += 1
                self._diff("date", doc_id, [], [f"{p_date} (gold has no date)"])
            p_status = (p or {}).get("status")
            if p_status == g.get("status"):
                self.status_right += 1
            else:
                self._diff("status", doc_id, [str(g.get("status"))], [str(p_status or "none")])
            if g.get("location"):
                self.locations_total += 1
                p_location = (p or {}).get("location")
                if _capitalised(g["location"]) & _capitalised(p_location or ""):
                    self.locations_right += 1
                else:
                    self._diff("location", doc_id, [g["location"]],
                               [p_location] if p_location else [])

    def _likeness(self, g: dict, p: dict, order: list[dict]) -> tuple[int, int, int]:
        g_parties = {self._party(x) for x in g.get("parties") or []}
        p_parties = {self._party(x) for x in p.get("parties") or []}
        return (len(g_parties & p_parties),
                len(self._figures(g) & self._figures(p)),
                -next(i for i, e in enumerate(order) if e is p))

    def _figures(self, event: dict) -> set[tuple[str, Any]]:
        return {(self._party(party), _number(v))
                for party, values in (event.get("returned") or {}).items()
                for v in _as_list(values)}

    def _diff(self, name: str, doc_id: str, missed: list[str], extra: list[str]) -> None:
        old_missed, old_extra = self.diffs[name].setdefault(doc_id, ([], []))
        old_missed.extend(missed)
        old_extra.extend(extra)


_SET_SCORES = ("relevance", "count", "all_count", "mediator", "shortfall", "held")


def _default_canonical() -> Canonical:
    try:
        from powtrack.extraction.lexicon import canonical_party
    except ImportError:  # the lexicon is not there yet: compare names as written
        return lambda name: name
    return canonical_party


def _events(row: dict, main: bool = False) -> list[dict]:
    events = [e for e in row.get("events") or [] if isinstance(e, dict)]
    return [e for e in events if e.get("main")] if main else events


def _as_list(values: Any) -> list:
    return list(values) if isinstance(values, list | tuple) else [values]


def _number(value: Any) -> Any:
    """200.0 and 200 are the same figure."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _capitalised(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return {w for w in words if w[0].isupper() and w not in _LOCATION_STOPWORDS}


def _f1(gold: set, pred: set) -> float:
    if not gold and not pred:
        return 1.0
    tp = len(gold & pred)
    return 2 * tp / (len(gold) + len(pred))


def _share(right: int, total: int) -> float:
    return right / total if total else 1.0


def _items(name: str, have: Iterable[tuple], other: set[tuple], doc_id: str) -> list[str]:
    """Readable strings for one document's items in ``have`` but not in ``other``."""
    out = []
    for item in sorted((i for i in have if i[0] == doc_id and i not in other), key=repr):
        rest = item[1:]
        if name == "held":
            out.append(f"{rest[0]} holds {rest[1]}={rest[2]}")
        elif name == "shortfall":
            out.append(f"{rest[0]} {rest[1]}={rest[2]}")
        elif name in ("count", "all_count"):
            out.append(f"{rest[0]}={rest[1]}")
        else:  # relevance, mediator
            out.append(str(rest[0]))
    return out


# --- ledger resolution against the gold swaps (issue #11) ---------------------


def score_ledger(gold: list[dict], records: dict[str, Any]) -> dict[str, float | int]:
    """How the ledger groups the gold documents' events into exchanges, against the
    gold ``swap_key`` of each event (the real-world swap it reports).

    ``records`` maps a gold document id to its extracted ``Record``. The events of every
    document become mentions and are resolved at once, as the ledger does
    (``resolve.resolve`` is the reference of its incremental resolving). Each gold event
    is matched to the document's predicted event (main to main; another by its date,
    else by a shared figure); an unmatched gold event is an exchange of its own.

    Scores: B-cubed precision, recall and F1 over gold events; the share of swaps split
    over several exchanges or merged with another swap; consensus_right, the share of
    (swap, side) whose consensus returned figure is the gold one; date_right, the share
    of dated swaps whose exchange has the gold date.
    """
    from powtrack.resolve import mention_from_event, resolve
    from powtrack.store import outlet_of

    mentions, where = [], {}
    for row in gold:
        record = records.get(row["id"])
        if record is None:
            continue
        published = _day(row.get("published"))
        for idx, event in enumerate(record.events):
            m = mention_from_event(event, row["id"], idx, published, outlet_of(row.get("url")))
            mentions.append(m)
            where[row["id"], idx] = m.id
    resolution = resolve(mentions)
    exchanges = {x.id: x for x in resolution.exchanges}

    items: list[tuple[str, str]] = []  # (gold swap, predicted exchange) per gold event
    truth: dict[str, list[dict]] = defaultdict(list)
    for row in gold:
        if not row.get("relevant") or row["id"] not in records:
            continue
        predicted = records[row["id"]].events
        for gi, ge in enumerate(row.get("events") or []):
            key = ge.get("swap_key")
            if not key:
                continue
            idx = _match_event(ge, predicted)
            exchange = resolution.assignment.get(where.get((row["id"], idx))) \
                if idx is not None else None
            items.append((key, exchange or f"unplaced:{row['id']}:{gi}"))
            truth[key].append(ge)

    by_swap: dict[str, list[str]] = defaultdict(list)
    by_exchange: dict[str, list[str]] = defaultdict(list)
    for key, exchange in items:
        by_swap[key].append(exchange)
        by_exchange[exchange].append(key)
    precision = recall = 0.0
    for key, exchange in items:
        both = sum(1 for k in by_exchange[exchange] if k == key)
        precision += both / len(by_exchange[exchange])
        recall += both / len(by_swap[key])
    n = len(items) or 1
    precision, recall = precision / n, recall / n
    split = {k for k, xs in by_swap.items() if len(set(xs)) > 1}
    merged = {k for xs in by_exchange.values() if len(set(xs)) > 1 for k in xs}

    sides = sides_right = dated = dates_right = 0
    for key, events in truth.items():
        exchange = exchanges.get(Counter(by_swap[key]).most_common(1)[0][0])
        figures: dict[str, Counter] = defaultdict(Counter)
        for ge in events:
            for party, values in (ge.get("returned") or {}).items():
                if _as_list(values):
                    figures[party][_number(_as_list(values)[0])] += 1
        for party, counts in figures.items():
            sides += 1
            right = counts.most_common(1)[0][0]
            sides_right += exchange is not None and exchange.figure("returned", party) == right
        days = Counter(ge["date"] for ge in events if ge.get("date"))
        if days:
            dated += 1
            day = days.most_common(1)[0][0]
            dates_right += exchange is not None and exchange.date is not None \
                and exchange.date.isoformat() == day
    return {
        "bcubed_precision": round(precision, 3),
        "bcubed_recall": round(recall, 3),
        "bcubed_f1": round(2 * precision * recall / (precision + recall), 3)
        if precision + recall else 0.0,
        "swaps_split_or_merged": _share(len(split | merged), len(by_swap)),
        "consensus_right": _share(sides_right, sides),
        "date_right": _share(dates_right, dated),
        "n_gold_events": len(items),
        "n_swaps": len(by_swap),
        "n_exchanges": len({x for _, x in items}),
    }


def _match_event(gold_event: dict, predicted: list) -> int | None:
    """The index of the document's predicted event that reports the gold event."""
    if gold_event.get("main"):
        return next((i for i, e in enumerate(predicted) if e.main), None)
    others = [(i, e) for i, e in enumerate(predicted) if not e.main]
    if gold_event.get("date"):
        for i, e in others:
            if e.date is not None and e.date.isoformat() == gold_event["date"]:
                return i
    values = {_number(v) for vs in (gold_event.get("returned") or {}).values()
              for v in _as_list(vs)}
    for i, e in others:
        if values & {v for vs in e.returned.values() for v in vs}:
            return i
    return None


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
