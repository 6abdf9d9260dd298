"""From annotated sentences to exchange events.

The article's first specific swap is the main event. A swap sentence that
dates a different day (or month) starts a background event; sentences with
no date of their own belong to the main event. Each event collects the
figures, mediators and handover places of its sentences; its two sides are
the sides its figures go to and its swap sentences name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from powtrack.extraction.dates import DateMention
from powtrack.extraction.figures import BOTH, Figure, PartyMention
from powtrack.extraction.lexicon import parties as party_table
from powtrack.extraction.lexicon import party_terms
from powtrack.extraction.text import Sentence, word_regex
from powtrack.records import Event, Evidence

# words before a date that make it the date of something other than the swap
_NOT_SWAP_DATE = re.compile(
    r"(?:\b(?:agreed|agreement|signed|talks|summit|meeting|met|ceasefire|truce|invasion|incursion|"
    r"launched|crashed|took effect|attack|sentenced|convicted|announced|statement|issued|"
    r"published|visit|visited)\b"
    # "captured" as a verb ("captured by Russia ... in 2018"), not as an adjective ("captured soldiers")
    r"|\b(?:was|were|been|being)\s+(?:captured|arrested|detained|abducted|seized|killed|taken)\b"
    r"|\b(?:captured|arrested|detained|abducted|seized|killed|surrendered|fell)\s+(?:by|in|on|at|"
    r"near|during|after|while|when)\b)[^.;,]{0,45}$"
    r"|,\s*held (?:in|at)\b[^.;,]{0,30}$", re.I)
_REPORT_DATE = re.compile(r"\b(?:said|says|told|announced|reported|wrote|added|confirmed|"
                          r"statement|issued|posted)\b[^.;,]{0,12}$", re.I)
_BACKGROUND_CUE = re.compile(
    r"\b(?:previous|prior|earlier|last|most recent|latest|an earlier)\s+(?:\w+\s+)?"
    r"(?:exchange|exchanged|swap|swapped|handover|stage|round|release)|\b(?:followed|after|since|"
    r"before)\s+(?:an?|the)\s+(?:\w+\s+)?(?:exchange|swap)\b|\bpattern\b|\bone of (?:several|many)\b"
    # a bulleted item: the recap list under a report ("Background: • On 2 May ...")
    r"|[\u2022\u25aa\u25cf\u2023\u25e6]",
    re.I)
_ANAPHORA = re.compile(r"^(?:In|Under|During|For) (?:that|this|the earlier|the previous) "
                      r"(?:operation|exchange|swap|deal|handover|round|stage)\b|^(?:That|The earlier|"
                      r"The previous) (?:operation|exchange|swap|deal|handover)\b", re.I)
# "that group was made up of ...": the distal demonstrative points back at the swap before
_THAT_GROUP = re.compile(r"\bthat (?:group|operation|exchange|swap|handover|round|stage|batch)\b",
                         re.I)
_NAME = r"(?:(?:the|a|an|[a-z-]+|[A-Z][a-z]+(?= [a-z]))\s+){0,6}[A-Z][\w'-]+(?: [A-Z][\w'-]+)+"
_NAMED_SWAP = re.compile(
    r"\b(?:freed|released|frees|releases|freeing|releasing|swapped|traded|exchanged)\b[^;]{0,140}?"
    r"\b(?:in (?:an? )?(?:[\w-]+ )?(?:exchange|swap|trade) for|in return for|for)\s+" + _NAME
    + r"|\b(?:freed|released|frees|releases)\b[^;]{0,160}?\b(?:received|receiving|got back|getting "
    r"back|took back|taking back)\s+(?:in (?:return|exchange)\s+)?" + _NAME)
# "Brittney Griner and Viktor Bout had been traded": two named people, one each
_NAMED_PAIR = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][\w'-]+)+ and [A-Z][a-z]+(?: [A-Z][\w'-]+)+ (?:had been|have been|"
                         r"were|are being) (?:traded|swapped|exchanged)\b")
_NAMED_RELEASE = re.compile(
    r"(?P<actor>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)*)\s+(?:\w+\s+){0,2}?(?:freed|released|handed over|"
    r"handed|let go|returned)\s+(?:(?:former|the|a|U\.S\.|US|[a-z-]+)\s+){0,4}"
    r"(?P<name>[A-Z][a-z][\w'-]*(?: [A-Z][\w'-]+)*)")
_NO_TERM = type("NoTerm", (), {"canonical": None})()
_WHEN_AFTER = re.compile(r"^,?\s*when\b", re.I)
_DEFINITE_DATE = re.compile(r"\b[Tt]he\s+$")


@dataclass
class Builder:
    main: bool
    date: DateMention | None = None
    date_sentence: Sentence | None = None
    weak_date: DateMention | None = None
    weak_sentence: Sentence | None = None
    segments: list[tuple[Sentence, int, int]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    status: str | None = None
    framework: bool = False  # the overall deal of a swap in stages


# the verb right before a date says the swap itself happened then
_SWAP_HAPPENED = re.compile(r"\b(?:went ahead|took place|was carried out|were carried out|happened|"
                            r"was completed|(?:were|was) (?:freed|released|exchanged|swapped|"
                            r"handed over|returned))\s*$", re.I)


def date_key(d: DateMention) -> str:
    if d.value is not None:
        return d.value.isoformat()
    words = re.sub(r"^(?i:(?:late |early )?(?:on|in|at|by|for|the|of)\s+)+", "", d.text)
    return words.lower().rstrip("'s")


def strong_dates(s: Sentence) -> list[DateMention]:
    out = []
    for d in s.data["dates"]:
        before = s.text[:d.start - s.start]
        if _NOT_SWAP_DATE.search(before[-60:]) and not re.search(
                r"\b(?:exchange|swap|handover|release)[ds]?\s+(?:\w+\s+){0,3}$", before[-50:], re.I) \
                and not _SWAP_HAPPENED.search(before[-30:]):
            continue
        if _REPORT_DATE.search(before[-40:]):
            continue
        if s.data["cumulative"] and d.kind == "month":
            continue
        out.append(d)
    return out


def reporting_dates(s: Sentence) -> list[DateMention]:
    return [d for d in s.data["dates"] if _REPORT_DATE.search(s.text[:d.start - s.start][-40:])]


_ALSO = re.compile(r"\b(?:also|another|separately|in addition|added that|a second|in a separate)\b",
                   re.I)


def _sides_counted(figures: list[Figure]) -> dict[str, int]:
    """side -> figure of the returned figures that name their side ("N each" names both)."""
    out: dict[str, int] = {}
    for f in figures:
        if f.kind == "returned" and f.party == BOTH:
            out["*one side*"] = out["*other side*"] = f.value
        elif f.kind == "returned" and f.party and not f.party.startswith("*"):
            out[f.party] = f.value
    return out


def _dated_item(s: Sentence) -> list[DateMention]:
    """Rule segment.dated_item: a line that opens with a day and a colon ("Friday 24
    November: 13 hostages ..., 39 prisoners ...") is the record of that day."""
    lead = []
    for d in strong_dates(s):
        if re.fullmatch(r"[\W\d]{0,3}", s.text[lead[-1].end - s.start if lead else 0:d.start - s.start]):
            lead.append(d)
    if lead and re.match(r"\s*[:\u2013\u2014-]", s.text[lead[-1].end - s.start:]):
        return lead
    return []


def _background(builders: list[Builder], dm: DateMention, s: Sentence) -> Builder:
    """The background event of the day ``dm`` names, opened by ``s`` when there is none yet."""
    key = date_key(dm)
    target = next((bb for bb in builders if not bb.main and bb.date and date_key(bb.date) == key),
                  None)
    if target is None:
        target = Builder(main=False, date=dm, date_sentence=s)
        builders.append(target)
    return target


def _stale(dm: DateMention, published: date | None) -> bool:
    """A day well before publication: not the day of the swap a report is about."""
    return dm.value is not None and published is not None and \
        (published - dm.value).days > _NEWS_AGE


def _counts_others(main: Builder, s: Sentence, empty_ok: bool = False) -> bool:
    """The main event already counts people, and this sentence counts others (or none)."""
    have = {f.value for x, _, _ in main.segments for f in x.data["figures"] if f.kind == "returned"}
    mine = {f.value for f in s.data["figures"] if f.kind == "returned" and (f.party or f.other_of)}
    return bool(have) and (bool(mine) or empty_ok) and not have & mine


def _second_pair(main: Builder, s: Sentence, a: int, b: int) -> bool:
    """A clause that counts both sides again, with other figures, after an "also": a second
    swap of the same day, not new figures for the first one."""
    mine = _sides_counted([f for f in s.data["figures"] if a <= f.start < b])
    if len(mine) < 2 or not (_ALSO.search(s.text) or word_regex("extra").search(s.text)):
        return False
    for x, xa, xb in main.segments:
        theirs = [f.value for f in x.data["figures"] if xa <= f.start < xb
                  and f.kind == "returned" and (f.party or f.other_of)]
        if len(_sides_counted([f for f in x.data["figures"] if xa <= f.start < xb])) + len(
                [f for f in x.data["figures"] if xa <= f.start < xb and f.kind == "returned"
                 and f.other_of and not f.party]) >= 2 and not set(theirs) & set(mine.values()):
            return True
    return False


def _segments(s: Sentence, dates: list[DateMention]) -> list[tuple[DateMention | None, int, int]]:
    """Split a sentence at dates that open a clause ("..., and on Saturday they ...")."""
    if len(dates) <= 1:
        return [(dates[0] if dates else None, s.start, s.end)]
    cuts = [s.start]
    for prev, d in zip(dates, dates[1:], strict=False):
        if re.fullmatch(r"[\s,(\u2013\u2014-]*", s.text[prev.end - s.start:d.start - s.start]):
            continue  # "Today, 26 October": one day said twice
        before = s.text[:d.start - s.start]
        m = re.search(r"(?:,\s*(?:and|while|but)?|;|\band|\bwhile)\s*$", before)
        if m:
            cuts.append(s.start + m.start())
    cuts.append(s.end)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        inside = [d for d in dates if a <= d.start < b]
        out.append((_closest_to_swap(s, inside) if inside else None, a, b))
    return out


_SWAP_VERB = re.compile(r"\b(?:exchanged|swapped|traded|freed|released|handed over|returned|"
                        r"exchange|swap|handover|repatriation|came home|were freed)\b", re.I)


def _closest_to_swap(s: Sentence, dates: list[DateMention]) -> DateMention:
    """Of several dates in one clause, the one nearest a swap verb ("released ... yesterday").

    Rule date.planned_day: a day the swap was planned for ("was supposed to happen
    on Sunday but took place on Wednesday") gives way to another day in the clause.
    """
    if len(dates) == 1:
        return dates[0]
    # "Today, 26 October": of one day said twice, the words that name it
    dates = [d for d in dates if not any(
        x is not d and x.kind != d.kind and d.kind in ("today", "yesterday", "weekday")
        and re.fullmatch(r"[\s,(\u2013\u2014-]*", s.text[min(d.end, x.end) - s.start:
                                                        max(d.start, x.start) - s.start])
        for x in dates)] or dates
    if len(dates) == 1:
        return dates[0]
    ends = [max([x.end for x in dates if x.end <= d.start], default=s.start) for d in dates]
    held = [d for d, e in zip(dates, ends, strict=True) if not re.search(
        r"\b(?:was|were|had been) (?:supposed|due|scheduled|planned|set|slated|meant|expected) "
        r"(?:to|for)\b[^.;,]{0,45}$", s.text[e - s.start:d.start - s.start][-70:], re.I)]
    dates = held or dates
    if len(dates) == 1:
        return dates[0]
    verbs = [m.start() + s.start for m in _SWAP_VERB.finditer(s.text)]
    if not verbs:
        return dates[0]
    return min(dates, key=lambda d: (min(abs(d.start - v) for v in verbs), d.start))


_SECTION_HEADING = re.compile(
    r"^(?:background|context|related(?: articles| stories| news)?|read more|read also|see also|"
    r"previously|more on this story|recommended)\b\s*:?", re.I)


_NEWS_AGE = 7  # days: a swap dated earlier than this before publication is not the news


def build_events(sentences: list[Sentence], published: date | None = None) -> list[Builder]:
    """Group swap sentences into a main event and background events."""
    builders: list[Builder] = []
    main: Builder | None = None
    any_swap = any(s.data["swap"] and not s.data["irrealis"] for s in sentences)
    last_target: Builder | None = None
    in_background = False
    earlier_lead = word_regex("earlier_lead", prefix=r"^\W*")  # "Before that, ...", "Ранее ..."
    credits: list[Sentence] = []  # mediators credited before the swap is told
    for s in sentences:
        d = s.data
        # segment.background_section: after a "Background:" or "Related:" heading, every
        # swap is an earlier one; undated ones say nothing of this swap
        if _SECTION_HEADING.match(s.text):
            in_background = True
        if in_background and main is not None:
            dated = [x for x in strong_dates(s) if x.kind != "month"] if d["figures"] else []
            if dated:
                _background(builders, dated[0], s).segments.append((s, s.start, s.end))
            continue
        if not (d["swap"] or d["figures"] or d["mediators"] or d["place"]):
            continue
        if main is None and not d["swap"]:
            # a headline or lead that counts one side home opens the main event
            # when the article goes on to speak of the swap
            if not (any_swap and not d["irrealis"] and any(
                    f.kind in ("returned", "bodies") and (f.party or f.other_of)
                    for f in d["figures"])):
                if d["mediators"] and not d["figures"]:
                    credits.append(s)
                continue
            main = Builder(main=True)
            builders.append(main)
        if not (d["swap"] or d["figures"]):
            main.segments.append((s, s.start, s.end))
            continue
        sd = strong_dates(s) if d["swap"] else []
        counted = any(f.kind in ("returned", "bodies") and (f.party or f.other_of)
                      for f in d["figures"])
        force_background = False
        if not d["swap"] and main.date is None and counted and _counts_others(main, s):
            # "On April 19, 76 were brought home", after this swap's own figures
            sd = [x for x in strong_dates(s) if x.kind != "month"][:1]
            # only a day well before publication: a report's own swap is days old at most
            force_background = bool(sd) and _stale(sd[0], published)
        elif not d["swap"] and main.date is None and counted:
            sd = [x for x in strong_dates(s) if x.kind != "month"][:1]
        elif not d["swap"] and counted:
            # segment.dated_return: "On 23 May, 390 were freed" is that day's swap, not this one
            sd = [x for x in strong_dates(s) if x.kind != "month" and x.value is not None
                  and main.date.value is not None and x.value != main.date.value][:1] or \
                _dated_item(s)
        for dm, a, b in _segments(s, sd):
            target: Builder | None = None
            definite = dm is not None and _DEFINITE_DATE.search(s.text[:dm.start - s.start][-6:])
            if dm is None and main is not None and main.segments and earlier_lead.match(s.text):
                # segment.earlier_lead: "Before that, officials had traded nine conscripts ..."
                target = Builder(main=False)
                builders.append(target)
                target.segments.append((s, a, b))
                last_target = target
                continue
            if dm is None and last_target is not None and not last_target.main and (
                    _ANAPHORA.match(s.text) or _THAT_GROUP.search(s.text)):
                last_target.segments.append((s, a, b))  # "In that operation, 16 prisoners ..."
                continue
            if dm is None:
                if main is None:
                    if not d["swap"] or d["irrealis"]:
                        continue
                    main = Builder(main=True)
                    builders.append(main)
                target = main
                if main.weak_date is None:
                    rd = reporting_dates(s)
                    if rd:
                        main.weak_date, main.weak_sentence = rd[0], s
            elif main is None:
                if d["irrealis"]:
                    continue  # a call or a hope for a swap is not a swap
                main = Builder(main=True, date=dm, date_sentence=s)
                builders.append(main)
                target = main
            elif force_background:
                target = _background(builders, dm, s)
            elif main.date is not None and date_key(main.date) == date_key(dm):
                target = main
            elif definite and (main.date is None or main.date.value is None or dm.value is None):
                target = main
            elif main.date is None and dm.kind != "month" and not (
                    main.weak_date is not None and (d["failed"] or d["agreed_only"])) \
                    and not (_stale(dm, published) and _counts_others(main, s, empty_ok=True)) \
                    and not _BACKGROUND_CUE.search(
                    s.text[max(a, dm.start - 80) - s.start:dm.end - s.start]) and not _WHEN_AFTER.match(
                    s.text[dm.end - s.start:]):
                main.date, main.date_sentence = dm, s
                target = main
            elif main.date is None and not any(x.data["figures"] for x, _, _ in main.segments) \
                    and not _BACKGROUND_CUE.search(s.text):
                # segment.first_counted: a figureless headline opened the main event; the
                # first counted swap is its body, even when dated only "next week"
                target = main
            else:
                target = _background(builders, dm, s)
            main_failed = main is not None and main.segments and main.segments[0][0].data["failed"]
            main_done = main is not None and any(
                x.data["completed"] and not x.data["agreed_only"] and not x.data["failed"]
                for x, _, _ in main.segments)
            if (target is main and main.segments and d["agreed_only"]
                    and (main_done or (
                        main_failed and not re.search(r"\b(?:was|were|had been) (?:to|due)\b",
                                                      s.text)))
                    and not main.segments[0][0].data["agreed_only"]):
                target = next((bb for bb in builders if bb.status == "agreed" and not bb.main),
                              None)
                if target is None:
                    target = Builder(main=False, status="agreed")
                    builders.append(target)
            if target is main and _second_pair(main, s, a, b):
                # segment.second_pair: "She added that 11 sailors were traded for 19 ..."
                target = Builder(main=False, date=main.date, date_sentence=main.date_sentence)
                builders.append(target)
            target.segments.append((s, a, b))
            last_target = target
    if main is not None and main.segments:
        # segment.credit_first: a lead that credits a mediator ("Qatar's mediation was
        # decisive.") right before the swap is told
        first = main.segments[0][0].index
        main.segments[:0] = [(c, c.start, c.end) for c in credits
                             if first - c.index == 1 and c.index <= 3]
    return builders


_FUTURE = re.compile(r"\b(?:to be|will be|would be|will|would|to|shall)\s+(?:\w+\s+)?(?:freed|released|"
                     r"exchanged|returned|handed over|swapped|free|release|exchange|return)\b",
                     re.I)


def mask_future(text: str) -> str:
    """Blank "to be freed", "will release": words of a swap still to come."""
    return _FUTURE.sub(lambda m: " " * len(m.group()), text)


def event_status(b: Builder, headline: Sentence | None) -> str:
    texts = [s.text[a - s.start:bb - s.start] for s, a, bb in b.segments[:3]]
    if b.main and headline is not None:
        texts.insert(0, headline.text)
    joined = " ".join(texts)
    failed = word_regex("failed").search(joined)
    if b.main and not failed:
        # status.failed_late: "the swap has been put on pause", however late it comes
        failed = next((word_regex("failed").search(s.text) for s, _, _ in b.segments[3:]
                       if s.data["swap"] and s.data["failed"]
                       and not _BACKGROUND_CUE.search(s.text)), None)
    completed = word_regex("completed").search(mask_future(joined))
    agreed = word_regex("agreed").search(joined)
    if failed and not re.search(r"\b(?:finally|eventually|after all|went ahead|hours later|"
                                r"after a delay)\b", joined, re.I):
        return "failed"
    if b.main and agreed and not (completed and completed.start() < agreed.start()):
        if not re.search(r"\b(?:have|has|had) been (?:freed|released|exchanged|returned)|"
                         r"\b(?:are|is) (?:back )?home\b|\bcame home\b|\btook place\b", joined):
            return "agreed"
    if not b.main:
        if agreed and not completed:
            return "agreed"
        if failed:
            return "failed"
    return "completed"


def choose_parties(b: Builder, mentions_by_sentence: dict[int, list[PartyMention]],
                   headline: Sentence | None, mediator_spans: set[int],
                   main_parties: list[str] | None = None) -> list[str]:
    """The two sides of an event: where its figures go, and who its swap sentences name."""
    score: dict[str, float] = {}
    first_pos: dict[str, int] = {}

    def add(p: str | None, w: float, pos: int) -> None:
        if not p or p == BOTH or p.startswith("*"):
            return
        score[p] = score.get(p, 0) + w
        first_pos.setdefault(p, pos)
        first_pos[p] = min(first_pos[p], pos)

    ordered = sorted(b.figures, key=lambda f: f.start)
    for i, f in enumerate(ordered):
        prev = ordered[i - 1] if i else None
        if prev is not None and prev.sentence is f.sentence and prev.party and f.party \
                and prev.party != f.party and not prev.category and not f.category \
                and _GLUED.fullmatch(f.sentence.text[prev.end - f.sentence.start:
                                                     f.start - f.sentence.start]):
            # "15 Saudis and four Sudanese": listed with a side, their demonym names no side
            # of the swap (this cancels the weight its mention gets below)
            add(f.party, -1.0, f.start)
            continue
        add(f.party, 3, f.start)
        add(f.other_of, 2, f.start)
    sents = [s for s, _, _ in b.segments]
    if b.main and headline is not None and headline not in sents:
        sents = [headline] + sents
    for s in sents:
        segs = [(a, bb) for ss, a, bb in b.segments if ss is s] or [(s.start, s.end)]
        for m in mentions_by_sentence.get(s.index, []):
            if not any(a <= m.start < bb for a, bb in segs):
                continue
            if m.start in mediator_spans:
                continue
            w = 1.0 if s.data["swap"] else 0.3
            if s is headline:
                w += 0.5
            add(m.party, w, m.start)
    if not score:
        return []
    # a side standing in for another ("Russian-backed separatists" for Russia)
    table = party_table()
    for p in list(score):
        proxy = table.get(p).stands_for if p in table else None
        if proxy and proxy in score:
            received = any(f.party == proxy for f in b.figures)
            if not received:
                score[p] += score.pop(proxy)
                first_pos.pop(proxy, None)
    ranked = sorted(score, key=lambda p: (-score[p], first_pos[p]))
    chosen = ranked[:2]
    # reading order: the side whose people the article counts first comes first
    fig_pos = {}
    for f in sorted(b.figures, key=lambda f: f.start):
        if f.kind == "returned" and f.party in chosen:
            fig_pos.setdefault(f.party, f.start)
    chosen.sort(key=lambda p: (fig_pos.get(p, 10**9), first_pos[p]))
    if len(chosen) == 1 and main_parties and chosen[0] in main_parties:
        return list(main_parties)  # a background swap of the same two sides
    if len(chosen) == 1:
        opp = table.get(chosen[0])
        if opp and opp.opponents:
            chosen.append(opp.opponents[0])
        else:
            return []
    return chosen


def assemble(b: Builder, parties: list[str],
             evidence_sentence) -> Event:
    """Turn a builder's figures into SCHEMA fields with evidence."""
    ev = Event(main=b.main, parties=list(parties))
    table = party_table()

    def canon(p: str | None) -> str | None:
        if p is None or p == BOTH:
            return p
        if p in parties:
            return p
        for q in parties:
            t = table.get(q)
            if t and t.stands_for == p:
                return q
        return p

    def other(p: str | None) -> str | None:
        p = canon(p)
        if p in parties and len(parties) == 2:
            return parties[1] if parties[0] == p else parties[0]
        return None

    resolved: list[tuple[Figure, list[str]]] = []
    last_party: str | None = None
    promise: tuple[str, int] | None = None  # (side, sentence index) of the last promise
    last_value: int | None = None
    promised_from: tuple[str, int] | None = None  # a figure that turned out to be a promise
    for f in sorted(b.figures, key=lambda f: f.start):
        if f.party == BOTH:
            targets = list(parties)
        elif f.party is not None:
            targets = [canon(f.party)]
        elif f.other_of == "*previous*":
            targets = [other(last_party)] if last_party else []
        elif f.other_of == "*same*":
            targets = [last_party] if last_party else []
        elif f.other_of == "*fewer*":
            targets = [last_party] if last_party else []
            if last_party and last_value and last_value > f.value:
                f.kind = "returned"
                promised_from = (last_party, last_value)
        elif f.other_of is not None:
            targets = [other(f.other_of)]
        else:
            targets = []
        targets = [t for t in targets if t in parties]
        if not targets and f.kind in ("refused", "absent", "promised", "wounded") and last_party:
            targets = [last_party]
        if not targets and (f.category or f.extra) and last_party and f.kind in ("returned", "part"):
            targets = [last_party]
        if not targets and f.kind == "returned" and promise and \
                f.sentence.index - promise[1] <= 1:
            targets = [promise[0]]  # "had been due to release 18 ... In the end 14 crossed"
        if len(targets) == 1 and f.kind == "promised":
            promise = (targets[0], f.sentence.index)
        if not targets and f.kind == "returned" and f.party and f.party not in parties \
                and f.party != BOTH and not f.party.startswith("*"):
            # parts.nationals: "15 Saudis and four Sudanese" freed with a side's own people
            g = next((g for g, t in reversed(resolved) if g.sentence is f.sentence and len(t) == 1
                      and g.kind == "returned" and not g.category and not f.category
                      and _GLUED.fullmatch(
                          f.sentence.text[g.end - f.sentence.start:f.start - f.sentence.start])),
                     None)
            if g is not None:
                targets = [t for h, t in resolved if h is g][0]
                f.nationals_of = g
                g.nationals.append(f)
        resolved.append((f, targets))
        if len(targets) == 1 and f.kind in ("returned", "promised"):
            last_party = targets[0]
            last_value = f.value

    used: set[int] = set()
    _sum_parts(resolved, parties, ev, used, evidence_sentence)

    for f, targets in resolved:
        if f.supersedes and f.kind == "returned":
            for g, t in resolved:
                if g is not f and g.start < f.start and t == targets and g.kind == "returned":
                    used.add(id(g))
    _sum_nationals(resolved, used)
    for f, targets in resolved:
        if id(f) in used or f.kind == "part":
            continue
        if f.kind == "returned" and f.category and not f.has_people_word and not targets:
            continue
        if not targets:
            if (f.kind == "returned" and ev.total is None and (f.category is None or f.combined)
                    and f.value > 1 and f.sentence.data["swap"]):
                ev.total = f.value
                _evidence(ev, "total", f, None, evidence_sentence)
            continue
        for p in targets:
            if f.kind == "returned":
                vals = ev.returned.setdefault(p, [])
                if f.value not in vals:
                    vals.append(f.value)
                _evidence(ev, "returned", f, p, evidence_sentence)
                for name in f.named:
                    _person(ev, p, name, f.sentence, evidence_sentence)
            elif f.kind in ("bodies", "wounded"):
                ev.breakdown.setdefault(p, {})[f.kind] = f.value
                _evidence(ev, "breakdown." + f.kind, f, p, evidence_sentence)
            elif f.kind in ("promised", "refused", "absent"):
                getattr(ev, f.kind)[p] = f.value
                _evidence(ev, f.kind, f, p, evidence_sentence)
    if promised_from is not None:
        side, value = promised_from
        if value in ev.returned.get(side, []):
            ev.returned[side].remove(value)
            ev.promised[side] = value
    # "freed Trevor Reed in exchange for Konstantin Yaroshenko": one person each
    if not ev.returned and len(parties) == 2:
        for s, a, e in b.segments:
            m = _NAMED_SWAP.search(s.text[a - s.start:e - s.start]) or _NAMED_PAIR.search(
                s.text[a - s.start:e - s.start])
            if m and s.data["swap"]:
                for p in parties:
                    ev.returned[p] = [1]
                    sentence, sstart = evidence_sentence(s)
                    ev.evidence.append(Evidence("returned", 1, a + m.start(), a + m.end(),
                                                sentence, sstart, p))
                # people.named_swap: the giver is the side named before the verb
                seg = s.text[a - s.start:e - s.start]
                terms, rx = party_terms()
                givers = [canon(terms[x.group(1)].canonical) for x in rx.finditer(seg[:m.start()])
                          if terms[x.group(1)].kind == "alias"]
                names = re.findall(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z'’]+){1,3}", m.group())
                names = [n for n in names if n not in terms]
                if givers and givers[-1] in parties and len(names) >= 2:
                    _person(ev, other(givers[-1]), names[0], s, evidence_sentence)
                    _person(ev, givers[-1], names[-1], s, evidence_sentence)
                break
    # "Washington freed Alex Saab": one named person for a side with no count of its own
    if len(parties) == 2 and ev.returned:
        for s, a, e in b.segments:
            if not s.data["swap"]:
                continue
            for m in _NAMED_RELEASE.finditer(s.text[a - s.start:e - s.start]):
                side = canon(party_terms()[0].get(m.group("actor"), _NO_TERM).canonical)
                if side not in parties or m.group("name") in party_terms()[0]:
                    continue
                receiver = other(side)
                if receiver and not ev.returned.get(receiver):
                    ev.returned[receiver] = [1]
                    sentence, sstart = evidence_sentence(s)
                    ev.evidence.append(Evidence("returned", 1, a + m.start("name"),
                                                a + m.end("name"), sentence, sstart, receiver))
                if receiver and " " in m.group("name"):
                    _person(ev, receiver, m.group("name"), s, evidence_sentence)
    _named_counterpart(b, ev, parties, other, evidence_sentence)
    # parts.restated: "24 hostages: 13 Israelis, ..." then "the 13 Israeli hostages": a part again
    part_values = {f.value for f, _ in resolved if f.kind == "part" or f.nationals_of is not None}
    for p, vals in ev.returned.items():
        if len(vals) > 1:
            ev.returned[p] = [v for v in vals if v not in part_values or v == max(vals)]
    for f, targets in resolved:  # "the first one-for-one trade" beside real counts
        for p in targets:
            if f.principle and len(ev.returned.get(p, [])) > 1 and 1 in ev.returned[p]:
                ev.returned[p].remove(1)
    _add_extra_groups(resolved, ev)
    _drop_rounded(b, ev)
    # a promise that was kept in full is not a shortfall; a plan with no shortfall
    # ("the Houthis were to release 26") is the swap's own figure
    for p, n in list(ev.promised.items()):
        short = p in ev.refused or p in ev.absent or any(v < n for v in ev.returned.get(p, []))
        if not short:
            del ev.promised[p]
            if not ev.returned.get(p):
                ev.returned[p] = [n]
    return ev


def _sum_parts(resolved: list[tuple[Figure, list[str]]], parties: list[str], ev: Event,
               used: set[int], evidence_sentence) -> None:
    """Rule parts.sum: figures by category (military, civilians) are parts of a side's figure.

    "70 soldiers and 12 civilians" gives 82 with breakdown military 70 / civilians 12;
    "150 soldiers and sergeants, 9 officers" is military 159; parts next to a stated
    whole that they add up to (or fall short of) only fill the breakdown. A lone
    category figure is a part only when the words mark it as one ("among them 4
    civilians"); otherwise "74 soldiers" is the side's whole figure.
    """
    done: set[int] = set()
    for p in parties:
        cats = [f for f, t in resolved if f.kind in ("returned", "part") and f.category
                and p in t and id(f) not in used]
        whole_figs = [f for f, t in resolved if f.kind == "returned" and not f.category
                      and p in t and id(f) not in used]
        wholes = [f.value for f in whole_figs]
        # sentences that count this side otherwise: parts do not reach across them
        counted_in = {f.sentence.index for f, t in resolved if p in t and id(f) not in used
                      and f.kind == "returned" and not f.category}
        other_side_in = {f.sentence.index for f, t in resolved if t and p not in t
                         and f.kind in ("returned", "part")}
        runs: list[list[Figure]] = []
        for f in sorted(cats, key=lambda f: f.start):
            if runs and _continues_parts(runs[-1], f, counted_in, other_side_in):
                runs[-1].append(f)
            else:
                runs.append([f])
        for run in runs:
            if len(run) >= 3 and run[0].value == sum(f.value for f in run[1:]):
                # "16 servicemen - two officers and 14 privates": the first is their whole
                wholes.append(run[0].value)
                run = run[1:]
            elif len(run) >= 4:
                same = [f for f in run[1:] if f.category == run[0].category]
                if len(same) >= 2 and run[0].value == sum(f.value for f in same):
                    # "16 soldiers - two officers and 14 privates - and one civilian"
                    done.update(id(f) for f in same)
                    run = [f for f in run if all(f is not g for g in same)]
            sums: dict[str, int] = {}
            for f in run:
                sums[f.category] = sums.get(f.category, 0) + f.value
            total = sum(sums.values())
            marked = all(f.kind == "part" for f in run)
            if not wholes and _REFERS_BACK.match(run[0].sentence.text):
                done.update(id(f) for f in run)  # "That figure comprised ...": not this swap's
                continue
            if len(run) == 1:
                f = run[0]
                # "189 freed: soldiers, border guards and also two civilians"
                marked = marked or any(w.sentence is f.sentence and w.value > f.value
                                       and w.start < f.start for w in whole_figs)
                # "among them 15 Saudi soldiers": a share by nationality, not a category split
                # a lone military subset ("five former police officers among them") splits
                # nothing; a lone civilian share does ("six civilians were also in the group")
                if marked and wholes and f.value < max(wholes) and not f.has_people_word \
                        and f.category == "civilians":
                    ev.breakdown.setdefault(p, {}).setdefault(f.category, f.value)
                    _evidence(ev, "breakdown." + f.category, f, p, evidence_sentence,
                              "parts.subcount")
                if marked:
                    done.add(id(f))
                continue
            if total in wholes or marked or (wholes and total < max(wholes)):
                rule = "parts.of_whole"
            elif not wholes:
                rule = "parts.sum"
                vals = ev.returned.setdefault(p, [])
                if total not in vals:
                    vals.append(total)
                for f in run:
                    _evidence(ev, "returned", f, p, evidence_sentence, rule, value=total)
            else:
                continue  # parts larger than every whole: another source's figures
            parts = ev.breakdown.setdefault(p, {})
            for cat, value in sums.items():
                parts[cat] = value
            for f in run:
                done.add(id(f))
                _evidence(ev, "breakdown." + f.category, f, p, evidence_sentence, rule,
                          value=sums[f.category])
    used |= done


_COUNTERPART = re.compile(
    r"\b(?:exchanged|swapped|traded|in (?:return|exchange) for)\s+(?:for\s+)?(?:the (?:release|transfer|"
    r"return) of\s+)?(?:(?P<single>an?|one)\s+(?P<side>[A-Z][\w-]+)\s+(?:figure|member|commander|"
    r"fighter|prisoner|national|citizen|officer|leader|operative)\b|(?:[a-z-]+\s+){0,3}"
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][\w'-]+)+))")


def _named_counterpart(b: Builder, ev: Event, parties: list[str], other, evidence_sentence
                       ) -> None:
    """Rule people.counterpart: "the two were exchanged for Khan Mohammed", "in return for
    the transfer of a Taliban figure": one person for the side that has no count yet."""
    if len(parties) != 2 or len([p for p in parties if ev.returned.get(p)]) != 1:
        return
    counted = next(p for p in parties if ev.returned.get(p))
    receiver = other(counted)
    terms = party_terms()[0]
    for s, a, e in b.segments:
        for m in _COUNTERPART.finditer(s.text[a - s.start:e - s.start]):
            if m.group("single"):
                term = terms.get(m.group("side"))
                if term is None or term.canonical != receiver:
                    continue
            elif m.group("name") in terms or any(w in terms for w in m.group("name").split()):
                continue
            ev.returned[receiver] = [1]
            sentence, sstart = evidence_sentence(s)
            ev.evidence.append(Evidence("returned", 1, a + m.start(), a + m.end(), sentence,
                                        sstart, receiver))
            if m.group("name"):
                _person(ev, receiver, m.group("name"), s, evidence_sentence)
            return


def _sum_nationals(resolved: list[tuple[Figure, list[str]]], used: set[int]) -> None:
    """Rule parts.nationals: a side's own people and other nationals freed with them add up.

    "24 hostages: 13 Israelis, 10 Thais and one Filipino": the pieces restate the 24;
    "13 Israelis and four Thais were released": the side's figure is 17.
    """
    for f, targets in resolved:
        if not f.nationals or id(f) in used or len(targets) != 1:
            continue
        total = f.value + sum(g.value for g in f.nationals)
        wholes = [g for g, t in resolved if t == targets and g.kind == "returned"
                  and not g.nationals_of and not g.nationals and g.value == total]
        for g in f.nationals:
            used.add(id(g))
        if wholes:
            used.add(id(f))
        else:
            f.value = total


def _add_extra_groups(resolved: list[tuple[Figure, list[str]]], ev: Event) -> None:
    """Rule parts.extra: "175 each; a further 22 wounded were handed over" gives 197.

    An extra group of the same handover adds to the side's figure; when the sum is
    already stated ("277 home: 246 in the swap and a further 31"), the pieces go.
    """
    for f, targets in resolved:
        if not f.extra or len(targets) != 1 or f.kind not in ("returned", "wounded"):
            continue
        p = targets[0]
        vals = ev.returned.get(p, [])
        others = [v for v in vals if not (v == f.value and f.kind == "returned")]
        if not others:
            continue
        base = next((v for v in others if v + f.value in others), None)
        if base is not None:
            ev.returned[p] = [v for v in vals if v not in (base, f.value)]
            continue
        near = [g.value for g, t in resolved if p in t and g.kind == "returned" and g.start < f.start
                and f.sentence.index - g.sentence.index <= 4 and g.value in others]
        if not near:
            continue
        base = near[-1]
        ev.returned[p] = [base + f.value if v == base else v for v in vals
                          if not (v == f.value and f.kind == "returned")]
        f.placed.append(f"{p}, returned = {base + f.value} (rule parts.extra)")


_REFERS_BACK = re.compile(r"^\W*(?:that|this|the) (?:figure|number|total|count|tally)\b", re.I)
_GLUED = re.compile(r"\s+[\w'-]+(?:\s+[\w'-]+)?\s*(?:,|and|,\s*and)\s*")
_ADDITIVE = re.compile(r"\b(?:also|as well|in addition|additionally|another|too|plus|besides)\b",
                       re.I)


def _continues_parts(run: list[Figure], f: Figure, counted_in: set[int],
                     other_side_in: set[int]) -> bool:
    """Whether figure ``f`` is one more part of the run of parts before it.

    Parts of one whole sit in one sentence, or in the next one when it adds a group
    of another kind ("... 17 servicemen. Eight civilians were also freed"), or in the
    one after when the sentence between speaks only of the other side's people. The
    same count restated, or a second source's count, is not a part.
    """
    last = run[-1]
    if f.speaker and last.speaker and f.speaker != last.speaker:
        return False
    if any(g.value == f.value and g.category == f.category and g.sentence is not f.sentence
           for g in run):
        return False
    if f.sentence is last.sentence:
        return True
    gap = f.sentence.index - last.sentence.index
    if gap == 2 and f.category not in {g.category for g in run} and not any(
            last.sentence.index < i < f.sentence.index for i in counted_in) and \
            last.sentence.index + 1 in other_side_in:
        return True
    if gap != 1:
        return False
    return f.category not in {g.category for g in run} or bool(_ADDITIVE.search(f.sentence.text))


def _drop_rounded(b: Builder, ev: Event) -> None:
    """Rule figures.rounded: a rounded or bounded figure beside the exact one is the same figure.

    "nearly 2,000" beside 1,968, "more than 100" beside 139, "over 200" beside 230.
    """
    for p, vals in ev.returned.items():
        exact = [v for v in vals if _qualifier(b, v, p) == "exact"]
        if not exact:
            continue
        keep = []
        for v in vals:
            q = _qualifier(b, v, p)
            same = v not in exact and (
                any(abs(v - e) <= 0.1 * e for e in exact)
                or (q in ("more_than", "at_least") and any(v < e <= 1.5 * v for e in exact))
                or (q == "about" and any(e < v <= 1.2 * e for e in exact)))
            if not same:
                keep.append(v)
        ev.returned[p] = keep


def _person(ev: Event, party: str, name: str, s: Sentence, evidence_sentence) -> None:
    """Keep a freed person's name for ``people``, with the sentence that names them."""
    names = ev.people.setdefault(party, [])
    if name in names:
        return
    names.append(name)
    sentence, sstart = evidence_sentence(s)
    at = sentence.find(name)
    ev.evidence.append(Evidence("people", name, sstart + max(at, 0), sstart + max(at, 0) + len(name),
                                sentence, sstart, party))


def _qualifier(b: Builder, value: int, party: str) -> str:
    quals = {f.qualifier for f in b.figures if f.value == value}
    return "exact" if "exact" in quals or not quals else quals.pop()


def _evidence(ev: Event, fieldname: str, f: Figure, party: str | None, evidence_sentence,
              rule: str | None = None, value: int | None = None) -> None:
    sentence, sstart = evidence_sentence(f.sentence)
    ev.evidence.append(Evidence(fieldname, f.value if value is None else value, f.start, f.end,
                                sentence, sstart, party, f.speaker))
    f.placed.append(f"{party or '-'}, {fieldname}" + (f" = {value}" if value is not None else "")
                    + f" (rule {rule or f.rule})")
