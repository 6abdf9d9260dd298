"""Date expressions and their resolution against the publication date.

Rules (SCHEMA.md): a weekday means the most recent such day on or before the
publication date (the same day when it is that weekday), or the next one when
the words point forward ("scheduled for Saturday", "will ... on Saturday");
"Dec. 27" takes the publication year unless that would fall after the
publication date by more than a week; a year nothing states is never guessed.
Month-only or year-only expressions keep their words but no day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

from powtrack.extraction.text import READING

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}

_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|"
        r"Nov\.?|Dec\.?)(?![a-z])")  # "Jun" is no month inside "June"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PREP = r"(?:(?i:(?:late |early )?(?:on|by|since|until|from|for|in|at|as of|before|after)) (?:the )?)?"

DATE_RE = re.compile(
    rf"(?P<full_md>{_PREP}(?:{_WD},? )?{_MON} {_DAY},? {_YEAR})"
    rf"|(?P<full_dm>{_PREP}(?:{_WD},? )?{_DAY}\.? {_MON},? {_YEAR})"
    rf"|(?P<md>{_PREP}(?:{_WD},? )?{_MON} {_DAY})(?![\d,]*\s*{_YEAR})(?!\d)"
    rf"|(?P<dm>{_PREP}(?:{_WD},? )?{_DAY}\.? (?:of )?{_MON})(?!,? {_YEAR})"
    rf"|(?P<today>(?:[Tt]oday|[Tt]onight|[Tt]his (?:morning|afternoon|evening)|"
    rf"(?:[Ee]arly )?[Oo]vernight)(?:'s)?)"
    rf"|(?P<tomorrow>[Tt]omorrow(?:'s)?)"
    rf"|(?P<yesterday>(?:[Yy]esterday|[Ll]ast night)(?:'s)?)"
    rf"|(?P<wd>{_PREP}(?:next |last |this (?:coming )?|coming )?{_WD}(?:'s)?"
    rf"(?: (?:morning|afternoon|evening|night))?)"
    rf"|(?P<month_year>{_PREP}(?:(?:the )?(?:end|beginning|start|middle) of )?{_MON} {_YEAR})"
    rf"|(?P<rel_month>(?:[Ll]ast|[Nn]ext|[Tt]his) (?:month|week))"
    rf"|(?P<month>{_PREP}(?:(?:the )?(?:end|beginning|start|middle) of )?"
    rf"(?:January|February|March|April|June|July|August|September|October|November|December)(?! \d)"
    rf"|(?i:in|of|since|until|during|early|late|mid-) May(?! \d))"
)

_FORWARD = re.compile(
    r"\b(?:will|would|is to|are to|is due|are due|scheduled for|planned for|set for|expected|"
    r"next|coming|(?:supposed|set|slated|meant|poised)\W{0,2} to)\b", re.I)
_BACKWARD_TENSE = re.compile(r"\b(?:was|were|had been) (?:due|scheduled|planned|set|expected|"
                             r"supposed|slated|meant)\b", re.I)


@dataclass
class DateMention:
    start: int
    end: int
    text: str            # as written, with its preposition ("on Wednesday")
    kind: str            # full | md | today | yesterday | tomorrow | weekday | month
    value: date | None   # resolved day, or None
    forward: bool = False


def _month(tok: str) -> int:
    return MONTHS[tok.lower().rstrip(".")]


def _day(tok: str) -> int:
    return int(re.match(r"\d+", tok).group())


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None  # "Feb. 30" is not a day


def _infer_year(month: int, day: int, published: date | None) -> date | None:
    if published is None:
        return None
    for year in (published.year, published.year - 1, published.year + 1):
        d = _safe_date(year, month, day)
        if d is not None and -7 <= (published - d).days <= 300:
            return d
    return _safe_date(published.year, month, day)


def resolve_weekday(weekday: int, published: date, forward: bool) -> date | None:
    delta = (published.weekday() - weekday) % 7
    try:
        if forward:
            return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
        return published - timedelta(days=delta)
    except OverflowError:  # a publication date at the edge of the calendar
        return None


def _day_before(published: date | None) -> date | None:
    try:
        return published - timedelta(days=1) if published else None
    except OverflowError:
        return None


def _day_after(published: date | None) -> date | None:
    try:
        return published + timedelta(days=1) if published else None
    except OverflowError:
        return None


# Words every date expression contains: the full pattern runs only near them.
_ANCHOR = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|"
    r"[Tt]oday|[Tt]onight|[Tt]his|[Yy]esterday|[Ll]ast|[Nn]ext|[Tt]omorrow|[Oo]vernight)")


def _matches(text: str):
    """DATE_RE matches, searched only in windows around anchor words (much faster)."""
    pos = 0
    for a in _ANCHOR.finditer(text):
        if a.start() < pos:
            continue
        lo = max(pos, a.start() - 24)
        m = DATE_RE.search(text, lo, min(len(text), a.end() + 30))
        while m is not None and m.end() <= a.start():
            m = DATE_RE.search(text, m.end(), min(len(text), a.end() + 30))
        if m is None:
            continue
        # re-run from the match start without the window end, to get the full span
        m = DATE_RE.match(text, m.start())
        if m is None or not m.group():
            continue
        pos = m.end()
        yield m


@lru_cache(maxsize=1)
def _foreign() -> tuple[re.Pattern, dict[str, tuple[str, int]]]:
    """Weekday, month, today and yesterday words of the language packs (weekday.N, month.N,
    today, yesterday rows of data/lang/*.tsv)."""
    from powtrack.extraction.packs import keyed, merged

    words: dict[str, tuple[str, int]] = {}

    for kind in ("weekday", "month"):
        for number, cell in keyed(kind).items():
            for w in cell:
                words.setdefault(w.lower(), (kind, int(number)))
    for kind in ("today", "yesterday"):
        for w in merged(kind):
            words.setdefault(w.lower(), (kind, 0 if kind == "today" else 1))
    from powtrack.extraction.text import _trie

    alt = _trie(sorted(words))
    # "29 грудня", "24. August 2024", "le 24 août"; and month first, as Hungarian writes
    # it: "augusztus 24-én", "2025. augusztus 24."
    rx = re.compile(rf"(?<!\w)(?:(?P<year0>(?:19|20)\d\d)\.\s+)?"
                    rf"(?:(?P<day>[12]\d|3[01]|0?[1-9])\.?\s+(?:de\s+)?)?(?P<word>{alt})"
                    rf"(?:\s+(?P<day2>[12]\d|3[01]|0?[1-9])(?:\.|-?(?:án|én|jén|ján|ai|ei|a|e|i)\b)?"
                    rf"(?![\d]))?"
                    rf"(?:,?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d))?(?!\w)", re.IGNORECASE)
    return rx, words


def _find_foreign(text: str, published: date | None) -> list[DateMention]:
    rx, words = _foreign()
    out = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        pos = m.end()
        kind, number = words[m.group("word").lower()]
        value = None
        if kind == "weekday" and m.group("day2"):
            # "Vendredi 24 novembre": the day number belongs to the month after it
            after = rx.match(text, m.start("day2"))
            if after and words[after.group("word").lower()][0] == "month":
                pos = m.start("day2")
                m = rx.match(text[:m.end("word")], m.start())
        if kind == "weekday":
            value = resolve_weekday(number, published, False) if published else None
            kind = "weekday"
        elif kind == "month":
            day_text = m.group("day") or m.group("day2")
            if not day_text:
                out.append(DateMention(m.start(), m.end(), m.group(), "month", None))
                continue
            day = int(day_text)
            year_text = m.group("year") or m.group("year0")
            if year_text:
                value = _safe_date(int(year_text), number, day)
                kind = "full"
            else:
                value = _infer_year(number, day, published)
                kind = "md"
        elif kind == "today":
            value = published
        else:
            value = _day_before(published)
        out.append(DateMention(m.start(), m.end(), m.group(), kind, value))
    return out


@lru_cache(maxsize=1)
def _holidays() -> tuple[re.Pattern, dict[str, tuple[int, int]]]:
    """Named days that fall on one date every year (data/dates.tsv rows ``holiday``)."""
    days: dict[str, tuple[int, int]] = {}
    text = files("powtrack").joinpath("data/dates.tsv").read_text("utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for kind, number, cell in rows[1:]:
        if kind == "holiday":
            for w in cell.split("|"):
                days[w.strip()] = divmod(int(number), 100)
    alt = "|".join(re.escape(w) for w in sorted(days, key=len, reverse=True))
    rx = re.compile(rf"(?<!\w)(?:(?:on|by|before|after|until|since) (?:the )?)?(?P<word>{alt})"
                    rf"(?:,? (?P<year>{_YEAR}))?(?!\w)", re.IGNORECASE)
    return rx, days


def _find_holidays(text: str, published: date | None) -> list[DateMention]:
    """ "on Christmas Day", "on Ukraine's Independence Day": a day once the year is known."""
    rx, days = _holidays()
    out = []
    for m in rx.finditer(text):
        month, day = days[m.group("word").lower()]
        if m.group("year"):
            value, kind = _safe_date(int(m.group("year")), month, day), "full"
        else:
            value, kind = _infer_year(month, day, published), "md"
        out.append(DateMention(m.start(), m.end(), m.group(), kind, value))
    return out


_NON_ASCII_WORD = re.compile(r"[^\x00-\x7f]|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|"
                             r"dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
                             r"sonntag|lunes|martes|jueves|viernes|domingo|heute|gestern|hier|"
                             r"hoy|ayer|oggi|ieri)\b", re.I)


_HOLIDAY_HINT = re.compile(r"[Dd]ay\b|\b[Ee]ve\b|[Cc]hristmas")


def find_dates(text: str, published: date | None, context: str = "") -> list[DateMention]:
    """Every date expression in ``text`` (one sentence) resolved against ``published``.

    ``context`` is the sentence text used to decide whether a weekday points
    forward ("scheduled for Saturday") or back ("on Saturday").
    """
    context = context or text
    out = []
    for m in _matches(text):
        kind = m.lastgroup
        raw = m.group()
        value: date | None = None
        forward = False
        if kind in ("full_md", "full_dm"):
            mon = re.search(_MON, raw).group()
            year = int(re.search(_YEAR, raw).group())
            day_tok = re.search(rf"(?<!\d){_DAY}(?!\d)", raw.replace(str(year), "")).group()
            value = _safe_date(year, _month(mon), _day(day_tok))
            kind = "full"
        elif kind in ("md", "dm"):
            mon = re.search(_MON, raw).group()
            day_tok = re.search(rf"(?<!\d){_DAY}(?!\d)", raw).group()
            value = _infer_year(_month(mon), _day(day_tok), published)
            kind = "md"
        elif kind == "today":
            value = published
        elif kind == "yesterday":
            value = _day_before(published)
        elif kind == "tomorrow":
            value = _day_after(published)
            forward = True
        elif kind == "wd":
            wd = WEEKDAYS[re.search(_WD, raw).group().lower()]
            low = raw.lower()
            before = context[max(0, m.start() - 60):m.start()]
            if "next " in low or "coming" in low:
                forward = True
            elif "last " in low:
                forward = False
            elif low.startswith("for ") or (
                _FORWARD.search(before) and not _BACKWARD_TENSE.search(before)
            ):
                forward = True
            if published is not None:
                if "last " in low:
                    before = _day_before(published)
                    value = resolve_weekday(wd, before, False) if before else None
                else:
                    value = resolve_weekday(wd, published, forward)
            kind = "weekday"
            if re.match(rf"\s+(?:and|to|through|until)\s+(?:on\s+)?{_WD}", text[m.end():]):
                value = None  # "on Thursday and Friday": two days, not one
        elif kind in ("month_year", "month", "rel_month"):
            kind = "month"
        out.append(DateMention(m.start(), m.end(), raw, kind, value, forward))
    extra = _find_holidays(text, published) if _HOLIDAY_HINT.search(text) else []
    reading = READING.get()
    if _NON_ASCII_WORD.search(text) or (reading is not None and reading != ("en",)):
        # other languages' date words: in any text with a non-English letter, and in every
        # sentence of a document read with another language's pack ("Sabato", "w piątek")
        extra += _find_foreign(text, published)
    if extra:
        taken = [(d.start, d.end) for d in out]
        out += [d for d in extra if not any(a < d.end and d.start < b for a, b in taken)]
        out.sort(key=lambda d: d.start)
    return out


def anchor_in_text(d: DateMention, full_dates: list[DateMention]) -> date | None:
    """Rule date.anchored: with no publication date, a full date in the text fixes a weekday.

    "on Thursday" is the day of the text's latest full date ("December 8, 2022")
    when that date is a Thursday; "Dec. 27" is the full date of the same month
    and day. Anything else stays unresolved: a year nothing states is never guessed.
    """
    days = [x.value for x in full_dates if x.kind == "full" and x.value is not None]
    if d.value is not None or not days:
        return None
    if d.kind == "weekday":
        wd = re.search(_WD, d.text)
        latest = max(days)
        if wd and not d.forward and latest.weekday() == WEEKDAYS[wd.group().lower()]:
            return latest
    elif d.kind == "md":
        mon, day = re.search(_MON, d.text), re.search(rf"(?<!\d){_DAY}(?!\d)", d.text)
        if mon and day:
            same = {x for x in days if (x.month, x.day) == (_month(mon.group()), _day(day.group()))}
            if len(same) == 1:
                return same.pop()
    return None


def sole_day(mentions: list[tuple[DateMention, bool]], published: date | None) -> DateMention | None:
    """Rule date.sole_day: the one day a text names, when it names no other.

    ``mentions`` are every date of the text with whether it may date the swap
    (not the day of a capture, a truce or another swap). A completed swap that
    the text dates nowhere else happened, or was announced, on the only day the
    text names; one other day, a date in the future or a date that belongs to
    something else leaves it undated.
    """
    days = [(d, ok) for d, ok in mentions if d.kind != "month" and d.value is not None]
    if not days or len({d.value for d, _ in days}) != 1 or not all(ok for _, ok in days):
        return None
    first = days[0][0]
    if any(d.forward for d, _ in days) or (published is not None and first.value > published):
        return None
    return first
