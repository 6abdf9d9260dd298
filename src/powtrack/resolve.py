"""Resolve stage: group mentions of the same swap into exchanges and pick consensus figures.

Everything here is a pure function over ``Mention`` values, so it is testable
without a database; ``powtrack.store.Store.resolve`` is the incremental driver
that feeds it from the tables. The rules are described for users in
docs/ledger.md; the constants below are the numbers they quote.

How the result stays the same whether resolved at once or bit by bit:
mentions are first cut into *components*: same parties, and anchor dates
chained with gaps of at most ``WINDOW`` days. No rule links two mentions
further apart than that, so each component is resolved on its own, in a
fixed order, and the incremental driver re-resolves exactly the components
that new (or withdrawn) mentions touch.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

from powtrack.records import Event

WINDOW = 45          # days: components are cut where anchors are further apart than this
NEAR = 1             # days: two dated reports of one swap may differ by this much
AGREED_WITHIN = 30   # days: an agreement is followed by its swap within this
POSTPONED_WITHIN = 14  # days: a swap called off is done later within this
SOFT_BEFORE = 7      # days: an undated report is about a swap at most this long before it
SAME_NEWS = 2        # days: two undated reports published this close may be the same news
STAGE_LEAD = 7       # days: stages may start this long before the whole swap's first report
TOLERANCE = 0.10     # relative: figures this close are "compatible" (sources often differ)

STATUS_RANK = {"agreed": 0, "failed": 1, "completed": 2}
FIGURE_FIELDS = ("returned", "promised", "refused", "absent")
_WEEKDAY_ONLY = re.compile(
    r"^\s*(on\s+)?((last|this|past|next)\s+)?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(\s+(morning|afternoon|evening|night))?\s*$", re.I)


def short_hash(*parts: object) -> str:
    """First 16 hex digits of the sha256 of the parts joined by "|"."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def pair_key(parties: Iterable[str]) -> str:
    """The parties of a swap as one key: sorted, de-duplicated, joined by " / "."""
    return " / ".join(sorted({p for p in parties if p}))


def weekday_only(date_text: str | None) -> bool:
    """True for dates such as "on Wednesday" that only name a weekday."""
    return bool(date_text and _WEEKDAY_ONLY.match(date_text))


# --- inputs ------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One value a document states about a swap, with its sentence and source."""

    field: str
    party: str | None
    value: str
    number: int | None
    document_id: str
    mention_id: str
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
    attributed_to: str | None = None
    published: date | None = None
    outlet: str | None = None

    @property
    def source(self) -> str:
        """What counts as one independent source: the outlet, else the document."""
        return self.outlet or self.document_id


@dataclass
class Mention:
    """One event as one document reports it (a row of the mentions table)."""

    id: str
    document_id: str
    status: str
    parties: tuple[str, ...]
    idx: int = 0
    date: date | None = None
    date_text: str | None = None
    returned: dict[str, list[int]] = field(default_factory=dict)
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)
    promised: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)
    absent: dict[str, int] = field(default_factory=dict)
    total: int | None = None
    mediators: list[str] = field(default_factory=list)
    location: str | None = None
    main: bool = True
    published: date | None = None
    outlet: str | None = None
    claims: list[Claim] = field(default_factory=list)

    @property
    def pair(self) -> str:
        return pair_key(self.parties)

    @property
    def soft(self) -> bool:
        """Undated or weekday-only: matched by publication date and figures."""
        return self.date is None or weekday_only(self.date_text)

    @property
    def anchor(self) -> date | None:
        """The date used for grouping."""
        if self.soft:
            return self.published or self.date
        return self.date

    @property
    def terminal(self) -> bool:
        return self.status in ("completed", "failed")

    def figures(self) -> dict[tuple[str, str], set[int]]:
        """(field, party) -> values, for the figures that identify a swap."""
        out: dict[tuple[str, str], set[int]] = defaultdict(set)
        for party, values in self.returned.items():
            out["returned", party].update(v for v in values if v is not None)
        for party, parts in self.breakdown.items():
            for category, value in parts.items():
                if value is not None:
                    out[f"breakdown.{category}", party].add(value)
        return {k: v for k, v in out.items() if v}

    @property
    def kind(self) -> str | None:
        """"people", "bodies" (remains only) or None (no figures)."""
        if any(self.returned.values()):
            return "people"
        if any("bodies" in parts for parts in self.breakdown.values()):
            return "bodies"
        return None

    def sort_key(self) -> tuple:
        return (self.anchor or date.max, STATUS_RANK.get(self.status, 0),
                self.published or date.max, self.document_id, self.idx)


def mention_from_event(event: Event, document_id: str, idx: int,
                       published: date | None = None, outlet: str | None = None) -> Mention:
    """The mention (with its claims) that one extracted event gives."""
    mention = Mention(
        id=short_hash(document_id, idx), document_id=document_id, idx=idx,
        status=event.status if event.status in STATUS_RANK else "completed",
        parties=tuple(sorted(set(event.parties))),
        date=event.date, date_text=event.date_text,
        returned={p: [int(v) for v in vs] for p, vs in event.returned.items()},
        breakdown={p: {k: int(v) for k, v in parts.items()}
                   for p, parts in event.breakdown.items()},
        promised=dict(event.promised), refused=dict(event.refused), absent=dict(event.absent),
        total=event.total, mediators=list(event.mediators), location=event.location,
        main=event.main, published=published, outlet=outlet,
    )
    mention.claims = claims_from_event(event, mention)
    return mention


def claims_from_event(event: Event, mention: Mention) -> list[Claim]:
    """One claim per stated value, with the evidence span that supports it."""
    unused = list(event.evidence)

    def evidence_for(name: str, party: str | None, value: object):
        base = name.split(".")[0]
        tests = (
            lambda e: e.field == name and e.party == party and str(e.value) == str(value),
            lambda e: e.field in (name, base) and e.party == party and str(e.value) == str(value),
            lambda e: e.field in (name, base) and str(e.value) == str(value),
            lambda e: e.party == party and str(e.value) == str(value),
        )
        for test in tests:
            for ev in unused:
                if test(ev):
                    unused.remove(ev)
                    return ev
        return None

    out: list[Claim] = []

    def add(name: str, party: str | None, value: object, number: int | None) -> None:
        ev = evidence_for(name, party, value)
        out.append(Claim(
            field=name, party=party, value=str(value), number=number,
            document_id=mention.document_id, mention_id=mention.id,
            sentence=ev.sentence if ev else None,
            start=ev.start if ev else None, end=ev.end if ev else None,
            attributed_to=ev.attributed_to if ev else None,
            published=mention.published, outlet=mention.outlet,
        ))

    for party, values in sorted(mention.returned.items()):
        for v in values:
            add("returned", party, v, v)
    for party, parts in sorted(mention.breakdown.items()):
        for category, v in sorted(parts.items()):
            add(f"breakdown.{category}", party, v, v)
    for name in ("promised", "refused", "absent"):
        for party, v in sorted(getattr(mention, name).items()):
            add(name, party, v, v)
    if mention.total is not None:
        add("total", None, mention.total, mention.total)
    add("status", None, mention.status, None)
    if mention.date is not None:
        add("date", None, mention.date.isoformat(), None)
    if mention.location:
        add("location", None, mention.location, None)
    for name in mention.mediators:
        ev = evidence_for("mediators", None, name)
        if ev is None:
            ev = evidence_for("mediator", None, name)
        out.append(Claim(field="mediator", party=None, value=name, number=None,
                         document_id=mention.document_id, mention_id=mention.id,
                         sentence=ev.sentence if ev else None,
                         start=ev.start if ev else None, end=ev.end if ev else None,
                         attributed_to=ev.attributed_to if ev else None,
                         published=mention.published, outlet=mention.outlet))
    return out


# --- outputs -----------------------------------------------------------------


@dataclass
class Consensus:
    """The one value chosen for a field (and party) of an exchange, and why."""

    field: str
    party: str | None
    value: str
    number: int | None
    rule: str
    support: int               # sources stating the chosen value
    sources: int               # sources stating any value
    conflict: bool
    candidates: list[dict]     # [{"value", "sources", "documents"}], most supported first

    @property
    def stated(self) -> str:
        return "; ".join(f"{c['value']} ({c['sources']} source{'s' * (c['sources'] != 1)})"
                         for c in self.candidates)


@dataclass
class Exchange:
    """One resolved swap: its mentions, its consensus and its place in an agreement."""

    id: str
    pair: str
    parties: tuple[str, ...]
    status: str
    date: date | None
    first_reported: date | None
    last_reported: date | None
    mention_ids: list[str]
    document_ids: list[str]
    consensus: list[Consensus]
    status_history: dict[str, str]
    mediators: list[str] = field(default_factory=list)
    location: str | None = None
    parent_id: str | None = None
    stage: int | None = None

    def figure(self, name: str, party: str | None = None) -> int | None:
        for c in self.consensus:
            if c.field == name and c.party == party:
                return c.number
        return None

    @property
    def n_conflicts(self) -> int:
        return sum(c.conflict for c in self.consensus)


@dataclass
class Resolution:
    exchanges: list[Exchange]
    assignment: dict[str, str | None]   # mention id -> exchange id (None: left unplaced)


# --- components --------------------------------------------------------------


def components(points: Iterable[tuple[str, str, date | None]]) -> list[list[str]]:
    """Cut (id, pair, anchor) points into components: same pair, anchor gaps <= WINDOW.

    Points without an anchor are components of their own. Ids come back
    sorted within a component; components in a fixed order.
    """
    by_pair: dict[str, list[tuple[date, str]]] = defaultdict(list)
    out: list[list[str]] = []
    for pid, pair, anchor in points:
        if anchor is None:
            out.append([pid])
        else:
            by_pair[pair].append((anchor, pid))
    gap = timedelta(days=WINDOW)
    for pair in sorted(by_pair):
        current: list[str] = []
        last: date | None = None
        for anchor, pid in sorted(by_pair[pair]):
            if last is not None and anchor - last > gap:
                out.append(sorted(current))
                current = []
            current.append(pid)
            last = anchor
        if current:
            out.append(sorted(current))
    return sorted(out)


def resolve(mentions: Sequence[Mention]) -> Resolution:
    """Resolve every mention at once (the reference for incremental resolving)."""
    by_id = {m.id: m for m in mentions}
    exchanges: list[Exchange] = []
    assignment: dict[str, str | None] = {}
    for comp in components((m.id, m.pair, m.anchor) for m in mentions):
        part = resolve_component([by_id[i] for i in comp])
        exchanges.extend(part.exchanges)
        assignment.update(part.assignment)
    exchanges.sort(key=lambda x: x.id)
    return Resolution(exchanges, assignment)


# --- grouping ----------------------------------------------------------------


class _Cluster:
    def __init__(self, order: int, seed: Mention) -> None:
        self.order = order
        self.members: list[Mention] = []
        self.figures: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.kind: str | None = None
        self.children: list[_Cluster] = []
        self.parent: _Cluster | None = None
        self.add(seed)

    def add(self, m: Mention) -> None:
        self.members.append(m)
        for key, values in m.figures().items():
            self.figures[key].update(values)
        self.kind = self.kind or m.kind

    def dated(self, statuses: tuple[str, ...]) -> list[date]:
        return [m.date for m in self.members
                if not m.soft and m.status in statuses and m.date is not None]

    def soft_anchors(self, statuses: tuple[str, ...]) -> list[date]:
        return [m.anchor for m in self.members
                if m.soft and m.status in statuses and m.anchor is not None]

    @property
    def first_anchor(self) -> date | None:
        anchors = [m.anchor for m in self.members if m.anchor is not None]
        return min(anchors) if anchors else None

    @property
    def has_agreement(self) -> bool:
        return any(m.status == "agreed" for m in self.members)


def _close(a: int, b: int) -> bool:
    return abs(a - b) <= max(1, TOLERANCE * max(a, b))


def _compare(mine: dict[tuple[str, str], set[int]],
             theirs: dict[tuple[str, str], set[int]]) -> tuple[int, int] | None:
    """(exact, close) figure matches over shared keys, or None when a figure clashes."""
    exact = close = 0
    for key in mine.keys() & theirs.keys():
        a, b = mine[key], theirs[key]
        if a & b:
            exact += 1
        elif any(_close(x, y) for x in a for y in b):
            close += 1
        else:
            return None
    return exact, close


def _distance(m: Mention, c: _Cluster, figures: tuple[int, int]) -> int | None:
    """Days between m and the nearest compatible report in c, or None if none fits."""
    exact, _ = figures
    both_counted = bool(m.figures()) and bool(c.figures)
    options: list[int] = []
    if not m.soft:
        d = m.date
        for t in c.dated(("completed", "failed", "agreed")):
            gap = abs((d - t).days)
            if gap == 0 or (gap <= NEAR and (exact or not both_counted)):
                options.append(gap)
        if m.status == "completed":
            options += [(d - f).days for f in c.dated(("failed",))
                        if 0 < (d - f).days <= POSTPONED_WITHIN]
        options += [(d - a).days for a in c.soft_anchors(("agreed",))
                    if -NEAR <= (d - a).days <= AGREED_WITHIN]
        return min(options) if options else None
    p = m.anchor
    if p is None:
        return None
    if both_counted and not sum(figures):
        return None  # an undated report must match on a figure when both give figures
    if not m.main and not exact:
        return None  # an undated background mention joins only on an exact figure
    for t in c.dated(("completed", "failed")):
        if m.date is not None and t != m.date and not exact:
            continue  # "on Saturday" resolved to another day, and no figure is the same
        lag = (p - t).days  # how long after the swap the article came out
        if m.terminal and -NEAR <= lag <= SOFT_BEFORE:
            options.append(abs(lag))
        elif m.status == "agreed" and -AGREED_WITHIN <= lag <= NEAR:
            options.append(abs(lag))
    for t in c.dated(("agreed",)):  # a planned date
        lag = (p - t).days
        if -AGREED_WITHIN <= lag <= SOFT_BEFORE:
            options.append(abs(lag))
    for q in c.soft_anchors(("completed", "failed", "agreed")):
        gap = abs((p - q).days)
        if gap <= SAME_NEWS:
            options.append(gap)
    if m.terminal:
        options += [(p - a).days for a in c.soft_anchors(("agreed",))
                    if SAME_NEWS < (p - a).days <= AGREED_WITHIN + SOFT_BEFORE]
    return min(options) if options else None


def _place(m: Mention, clusters: Iterable[_Cluster]) -> _Cluster | None:
    best: tuple | None = None
    chosen = None
    for c in clusters:
        if m.kind and c.kind and m.kind != c.kind:
            continue
        if any(x.document_id == m.document_id for x in c.members):
            continue  # one article's events are different swaps by construction
        figures = _compare(m.figures(), c.figures)
        if figures is None:
            continue
        days = _distance(m, c, figures)
        if days is None:
            continue
        score = (-figures[0], -figures[1], days, c.order)
        if best is None or score < best:
            best, chosen = score, c
    return chosen


def resolve_component(mentions: Sequence[Mention]) -> Resolution:
    """Group one component's mentions into exchanges (see docs/ledger.md, "Resolve").

    Order: reports with a full date first (in date order), then undated or
    weekday-only main reports, then undated background mentions, which may
    join an exchange but never start one; then multi-stage agreements take
    their stages.
    """
    ordered = sorted(mentions, key=Mention.sort_key)
    clusters: list[_Cluster] = []
    unplaced: list[Mention] = []
    # clusters by the days their members are dated or anchored on, so that a
    # mention is compared only with clusters near it (no rule reaches further)
    by_day: dict[date, list[_Cluster]] = defaultdict(list)
    reach = [timedelta(days=k) for k in range(-WINDOW, WINDOW + 1)]

    def near(m: Mention) -> list[_Cluster]:
        found = {id(c): c for step in reach for c in by_day.get(m.anchor + step, ())}
        return sorted(found.values(), key=lambda c: c.order)

    def index(c: _Cluster, m: Mention) -> None:
        for day in {m.anchor, m.date} - {None}:
            by_day[day].append(c)

    passes = (
        [m for m in ordered if not m.soft],
        [m for m in ordered if m.soft and m.main],
        [m for m in ordered if m.soft and not m.main],
    )
    for number, group in enumerate(passes):
        for m in group:
            target = _place(m, near(m)) if m.anchor is not None else None
            if target is not None:
                target.add(m)
            elif number < 2:
                target = _Cluster(len(clusters), m)
                clusters.append(target)
            else:
                unplaced.append(m)
                continue
            if m.anchor is not None:
                index(target, m)
    _link_stages(clusters)
    return _build(clusters, unplaced)


def _returned(c: _Cluster) -> dict[str, int]:
    out = {}
    for party in sorted({p for m in c.members for p in m.returned}):
        chosen = _choose([cl for m in c.members for cl in m.claims
                          if cl.field == "returned" and cl.party == party], "returned", party)
        if chosen is not None and chosen.number is not None:
            out[party] = chosen.number
        else:  # claims missing (built by hand): the most common value
            values = [v for m in c.members for v in m.returned.get(party, [])]
            if values:
                out[party] = max(sorted(set(values)), key=values.count)
    return out


def _cluster_day(c: _Cluster) -> date | None:
    days = c.dated(("completed", "failed")) or c.dated(("agreed",))
    return max(days) if days else None


def _link_stages(clusters: list[_Cluster]) -> None:
    """Attach stages to multi-stage agreements ("1,000 for 1,000 over three days").

    A stage is a smaller swap of the same kind dated within the agreement's
    span; the stages' figures must not add up to more than the whole.
    """
    figures = {id(c): _returned(c) for c in clusters}
    parents = sorted((c for c in clusters if figures[id(c)]),
                     key=lambda c: (-max(figures[id(c)].values()), c.order))
    timeline = sorted(((_cluster_day(c) or c.first_anchor, c.order, c) for c in clusters
                       if figures[id(c)] and (_cluster_day(c) or c.first_anchor)),
                      key=lambda t: (t[0], t[1]))
    days = [t[0] for t in timeline]
    for parent in parents:
        if parent.parent is not None or parent.children:
            continue
        whole = figures[id(parent)]
        start = parent.first_anchor
        if start is None:
            continue
        day = max(parent.dated(("completed", "failed")), default=None)
        end = day if day is not None else start + timedelta(days=AGREED_WITHIN)
        lo = start - timedelta(days=STAGE_LEAD)
        candidates = []
        for when, order, c in timeline[bisect_left(days, lo):bisect_right(days, end)]:
            if c is parent or c.parent is not None or c.children or c.kind != parent.kind:
                continue
            mine = figures[id(c)]
            shared = mine.keys() & whole.keys()
            if shared and all(mine[p] < whole[p] * (1 - TOLERANCE) for p in shared):
                candidates.append((when, order, c))
        chosen: list[_Cluster] = []
        sums: dict[str, int] = defaultdict(int)
        for _, _, c in candidates:
            mine = figures[id(c)]
            if all(sums[p] + mine[p] <= whole[p] * (1 + TOLERANCE)
                   for p in mine.keys() & whole.keys()):
                chosen.append(c)
                for p in mine:
                    sums[p] += mine[p]
        # one smaller swap near a big one is a stage only if an agreement was reported
        if len(chosen) >= 2 or (chosen and parent.has_agreement):
            parent.children = chosen
            for c in chosen:
                c.parent = parent


# --- consensus ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _party_words() -> dict[str, tuple[str, ...]]:
    """canonical party -> names of the side and its people (from data/parties.tsv)."""
    out: dict[str, tuple[str, ...]] = {}
    try:
        text = files("powtrack").joinpath("data/parties.tsv").read_text("utf-8")
    except FileNotFoundError:  # pragma: no cover - the file ships with the package
        return out
    rows = [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]
    for row in rows[1:]:
        words = [row[0]]
        for cell in row[1:3]:
            words += [w.strip().lstrip("~") for w in cell.split("|") if w.strip()]
        out[row[0]] = tuple(w for w in words if w)
    return out


def speaks_for(attributed_to: str | None, party: str | None) -> bool:
    """True when the attribution names the party itself ("Ukraine's ombudsman", "Kyiv")."""
    if not attributed_to or not party:
        return False
    words = _party_words().get(party, (party,))
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", attributed_to) for w in words)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _choose(claims: Sequence[Claim], name: str, party: str | None) -> Consensus | None:
    """Pick one value from claims; the rule chain is documented in docs/ledger.md."""
    if not claims:
        return None
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for cl in claims:
        by_value[cl.value].append(cl)
    all_sources = {cl.source for cl in claims}

    def sources(value: str) -> set[str]:
        return {cl.source for cl in by_value[value]}

    def latest(value: str) -> date:
        return max((cl.published for cl in by_value[value] if cl.published), default=date.min)

    def number(value: str) -> int | None:
        return by_value[value][0].number

    values = sorted(by_value)
    top = max(len(sources(v)) for v in values)
    leaders = [v for v in values if len(sources(v)) == top]
    n = len(all_sources)
    if len(values) == 1:
        rule = f"unanimous ({_plural(n, 'source')})"
    elif len(leaders) == 1:
        rule = f"majority ({top} of {_plural(n, 'source')})"
    else:
        own = [v for v in leaders if any(speaks_for(cl.attributed_to, party) for cl in by_value[v])]
        if name in FIGURE_FIELDS and len(own) == 1:
            leaders, rule = own, f"tie broken by {party}'s own figure"
        else:
            newest = max(latest(v) for v in leaders)
            recent = [v for v in leaders if latest(v) == newest]
            if len(recent) == 1 and newest != date.min:
                leaders, rule = recent, "tie broken by the latest report"
            elif all(number(v) is not None for v in leaders):
                leaders = [max(leaders, key=lambda v: number(v) or 0)]
                rule = "tie broken by the larger figure"
            else:
                leaders = leaders[:1]
                rule = "tie broken alphabetically"
    chosen = leaders[0]
    ranked = sorted(values, key=lambda v: (v != chosen, -len(sources(v)), v))
    candidates = [{"value": v, "sources": len(sources(v)),
                   "documents": sorted({cl.document_id for cl in by_value[v]})} for v in ranked]
    return Consensus(field=name, party=party, value=chosen, number=number(chosen), rule=rule,
                     support=len(sources(chosen)), sources=n, conflict=len(values) > 1,
                     candidates=candidates)


def consensus(members: Sequence[Mention]) -> tuple[list[Consensus], str, dict[str, str]]:
    """Consensus values for one exchange, its status and its status history."""
    claims = [cl for m in members for cl in m.claims]
    out: list[Consensus] = []
    keys = sorted({(cl.field, cl.party or "") for cl in claims
                   if cl.field not in ("status", "date", "mediator")})
    for name, party in keys:
        chosen = _choose([cl for cl in claims if cl.field == name and (cl.party or "") == party],
                         name, party or None)
        if chosen:
            out.append(chosen)

    history: dict[str, str] = {}
    for m in sorted(members, key=Mention.sort_key):
        when = m.date or m.published
        if when and (m.status not in history or when.isoformat() < history[m.status]):
            history[m.status] = when.isoformat()
    statuses = {m.status for m in members}
    status = max(statuses, key=lambda s: STATUS_RANK.get(s, 0))
    status_claims = [cl for cl in claims if cl.field == "status"]
    if status_claims:
        base = _choose(status_claims, "status", None)
        assert base is not None
        base.value, base.number = status, None
        base.support = len({cl.source for cl in status_claims if cl.value == status})
        base.rule = "furthest status reported (agreed, then failed, then completed)"
        # failed before completed is a postponed swap done later: history, not a
        # conflict; a failure reported on or after the swap's day contradicts it
        done = [m.date or m.published for m in members if m.status == "completed"]
        failed = [m.date or m.published for m in members if m.status == "failed"]
        first_done = min((d for d in done if d), default=None)
        base.conflict = bool(done and failed) and (
            first_done is None or any(d is None or d >= first_done for d in failed))
        out.append(base)

    # The swap's date comes from the reports of its final status that give a
    # full date; weekday-only dates are used only when nothing better exists.
    pools = (
        ([m for m in members if m.status == status and not m.soft],
         f"among {status} reports with a full date"),
        ([m for m in members if not m.soft], "among reports with a full date"),
        ([m for m in members if m.status == status], f"among {status} reports"),
        (list(members), "among all reports"),
    )
    for pool, where in pools:
        date_claims = [cl for m in pool for cl in m.claims if cl.field == "date"]
        chosen = _choose(date_claims, "date", None)
        if chosen:
            chosen.rule += f", {where}"
            out.append(chosen)
            break

    mediators = [cl for cl in claims if cl.field == "mediator"]
    if mediators:
        counted = defaultdict(set)
        for cl in mediators:
            counted[cl.value].add(cl.source)
        names = sorted(counted, key=lambda v: (-len(counted[v]), v))
        out.append(Consensus(
            field="mediator", party=None, value="; ".join(names), number=None,
            rule="every mediator any source names", support=len({cl.source for cl in mediators}),
            sources=len({cl.source for cl in mediators}), conflict=False,
            candidates=[{"value": v, "sources": len(counted[v]),
                         "documents": sorted({cl.document_id for cl in mediators
                                              if cl.value == v})} for v in names]))
    out.sort(key=lambda c: (c.field, c.party or ""))
    return out, status, history


def _build(clusters: list[_Cluster], unplaced: list[Mention]) -> Resolution:
    ids: dict[int, str] = {}
    seen: dict[tuple, int] = defaultdict(int)
    for c in clusters:
        members = sorted(c.members, key=Mention.sort_key)
        key = (members[0].pair, c.first_anchor)
        ordinal = seen[key]
        seen[key] += 1
        ids[id(c)] = short_hash(members[0].pair, c.first_anchor or members[0].id, ordinal)

    exchanges: list[Exchange] = []
    assignment: dict[str, str | None] = {m.id: None for m in unplaced}
    for c in clusters:
        members = sorted(c.members, key=Mention.sort_key)
        figures, status, history = consensus(members)
        xid = ids[id(c)]
        parties = tuple(sorted({p for m in members for p in m.parties}))
        when = next((f for f in figures if f.field == "date"), None)
        day = date.fromisoformat(when.value) if when else None
        if c.children and status == "agreed":
            whole = _returned(c)
            done = defaultdict(int)
            stages_done = True
            for child in c.children:
                child_status = max((m.status for m in child.members),
                                   key=lambda s: STATUS_RANK.get(s, 0))
                stages_done &= child_status == "completed"
                for p, v in _returned(child).items():
                    done[p] += v
            if stages_done and whole and all(done[p] >= whole[p] * (1 - TOLERANCE)
                                             for p in whole):
                status = "completed"
                for f in figures:
                    if f.field == "status":
                        f.value, f.rule = status, "every stage completed"
                last = max((_cluster_day(ch) for ch in c.children if _cluster_day(ch)),
                           default=None)
                day = day or last
                if last:
                    history.setdefault("completed", last.isoformat())
        anchors = [m.anchor for m in members if m.anchor] + [m.published for m in members
                                                            if m.published]
        mediators = next((f.value.split("; ") for f in figures if f.field == "mediator"), [])
        location = next((f.value for f in figures if f.field == "location"), None)
        stage = None
        parent_id = None
        if c.parent is not None:
            parent_id = ids[id(c.parent)]
            stage = c.parent.children.index(c) + 1
        exchanges.append(Exchange(
            id=xid, pair=members[0].pair, parties=parties, status=status, date=day,
            first_reported=min(anchors) if anchors else None,
            last_reported=max(anchors) if anchors else None,
            mention_ids=[m.id for m in members],
            document_ids=sorted({m.document_id for m in members}),
            consensus=figures, status_history=dict(sorted(history.items())),
            mediators=mediators, location=location, parent_id=parent_id, stage=stage,
        ))
        for m in members:
            assignment[m.id] = xid
    return Resolution(exchanges, assignment)
