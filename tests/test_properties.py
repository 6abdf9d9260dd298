"""Properties of the parsers that take any text: numbers, dates, cleaning, extraction.

Hypothesis writes the inputs; each test stays under a couple of seconds by
capping ``max_examples``.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import powtrack
from powtrack.clean import clean
from powtrack.document import Document
from powtrack.extraction.dates import find_dates
from powtrack.extraction.numbers import find_numbers, parse_number

FAST = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ---------------------------------------------------------------------------
# numbers

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    if not ones:
        return _TENS[tens]
    return _TENS[tens] + ("-" if hyphen else " ") + _ONES[ones]


def _below_thousand(n: int, use_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest, hyphen)
    out = _ONES[hundreds] + " hundred"
    if rest:
        out += (" and " if use_and else " ") + _below_hundred(rest, hyphen)
    return out


def int_to_words(n: int, use_and: bool = True, hyphen: bool = True) -> str:
    """0..999,999 in English words: 207 -> "two hundred and seven"."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(_below_thousand(thousands, use_and, hyphen) + " thousand")
    if rest:
        if thousands and rest < 100 and use_and:
            parts.append("and")
        parts.append(_below_thousand(rest, use_and, hyphen))
    return " ".join(parts)


def test_int_to_words_helper_spells_known_numbers():
    assert int_to_words(207) == "two hundred and seven"
    assert int_to_words(32) == "thirty-two"
    assert int_to_words(1000) == "one thousand"
    assert int_to_words(999_999) == ("nine hundred and ninety-nine thousand nine hundred and "
                                     "ninety-nine")
    assert int_to_words(120_005, use_and=False, hyphen=False) == "one hundred twenty thousand five"


@FAST
@given(n=st.integers(0, 999_999), use_and=st.booleans(), hyphen=st.booleans(),
       capital=st.booleans())
@example(n=207, use_and=True, hyphen=True, capital=True)
@example(n=1005, use_and=True, hyphen=True, capital=False)
def test_numbers_in_words_round_trip(n, use_and, hyphen, capital):
    phrase = int_to_words(n, use_and, hyphen)
    if capital:
        phrase = phrase[0].upper() + phrase[1:]
    assert parse_number(phrase) == n
    text = f"Officials said {phrase} prisoners were freed."
    found = find_numbers(text)
    assert [(x.value, text[x.start:x.end], x.words) for x in found] == [(n, phrase, True)]


@FAST
@given(n=st.integers(0, 999_999))
@example(n=1000)
@example(n=999_999)
def test_numbers_in_digits_with_commas_round_trip(n):
    for written in (f"{n:,}", str(n)):
        assert parse_number(written) == n
        text = f"Kyiv said {written} soldiers came home."
        found = find_numbers(text)
        assert [(x.value, text[x.start:x.end], x.words) for x in found] == [(n, written, False)]


# ---------------------------------------------------------------------------
# dates

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_PUBLISHED = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


@FAST
@given(published=_PUBLISHED, weekday=st.integers(0, 6))
def test_past_weekday_resolves_within_the_week_before_publication(published, weekday):
    text = f"The two sides exchanged prisoners on {_WEEKDAYS[weekday]}."
    (d,) = find_dates(text, published)
    assert d.value is not None
    assert d.value.weekday() == weekday
    assert 0 <= (published - d.value).days <= 6
    assert text[d.start:d.end] == f"on {_WEEKDAYS[weekday]}"


@FAST
@given(published=_PUBLISHED, weekday=st.integers(0, 6))
def test_forward_weekday_resolves_within_the_week_after_publication(published, weekday):
    text = f"The exchange is scheduled for {_WEEKDAYS[weekday]}, officials said."
    (d,) = find_dates(text, published)
    assert d.forward
    assert d.value is not None
    assert d.value.weekday() == weekday
    assert 1 <= (d.value - published).days <= 7


@FAST
@given(weekday=st.integers(0, 6), forward=st.booleans())
def test_weekday_without_publication_date_resolves_to_nothing(weekday, forward):
    words = "is scheduled for" if forward else "took place on"
    (d,) = find_dates(f"The swap {words} {_WEEKDAYS[weekday]}.", None)
    assert d.value is None


_MONTH_NAMES = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
                "Oct.", "Nov.", "Dec."]


@FAST
@given(published=st.none() | _PUBLISHED, month=st.integers(1, 12), day=st.integers(1, 31))
@example(published=date(2024, 3, 4), month=2, day=30)
@example(published=date(2018, 1, 5), month=12, day=27)
def test_month_day_resolves_to_that_day_or_to_nothing(published, month, day):
    text = f"The swap took place on {_MONTH_NAMES[month - 1]} {day}, officials said."
    (d,) = find_dates(text, published)
    if published is None:
        assert d.value is None
        return
    try:
        date(2000, month, day)  # a leap year: any day that can exist
    except ValueError:
        assert d.value is None
        return
    if d.value is not None:
        assert (d.value.month, d.value.day) == (month, day)
        assert abs(d.value.year - published.year) <= 1


@SLOW
@given(published=_PUBLISHED, weekday=st.integers(0, 6))
def test_extracted_swap_on_a_weekday_is_dated_within_the_week_before(published, weekday):
    text = (f"Ukraine and Russia exchanged prisoners on {_WEEKDAYS[weekday]}, freeing 90 "
            f"prisoners each.")
    record = powtrack.extract(text, published=published)
    (ev,) = record.events
    assert ev.date is not None
    assert ev.date.weekday() == weekday
    assert 0 <= (published - ev.date).days <= 6


# ---------------------------------------------------------------------------
# cleaning

# Characters that cleaning swaps for an ASCII twin of the same length (clean.py).
_TYPOGRAPHIC = "\u2018\u2019\u201c\u201d\u201e\u2013\u2014\u2212\u00a0\u2009\u202f\u2011" \
               "\u00ab\u00bb\u2032\r\t"
_ASCII_TWINS = "'\"- \n"

_CLEAN_ALPHABET = st.characters(
    categories=["L", "N", "P", "Zs"], include_characters=_TYPOGRAPHIC + "\n")


def _assert_clean_keeps_offsets(text: str, doc: Document) -> None:
    assert len(doc.clean) == len(text)
    blank = set()
    for start, end in doc.clutter:
        assert 0 <= start < end <= len(text)
        assert "\n" not in text[start:end]
        assert doc.clean[start:end] == " " * (end - start)
        blank.update(range(start, end))
    for i, (before, after) in enumerate(zip(text, doc.clean, strict=True)):
        if i in blank:
            continue
        if before in _TYPOGRAPHIC:
            assert after in _ASCII_TWINS, (i, before, after)
        else:
            assert after == before, (i, before, after)


@FAST
@given(text=st.text(alphabet=_CLEAN_ALPHABET, max_size=400))
def test_cleaning_keeps_length_and_every_non_clutter_character(text):
    doc = clean(Document(text=text))
    _assert_clean_keeps_offsets(text, doc)


_BODY_WORDS = ["Ukraine", "Russia", "exchanged", "prisoners", "on", "Wednesday", "the", "swap",
               "freed", "207", "1,000", "soldiers", "said", "Kyiv", "Moscow", "officials", "of",
               "hostages", "in", "return", "Qatar", "\u201cour", "people\u201d", "\u2014",
               "two", "hundred", "and", "seven"]
_CLUTTER_LINES = [
    "READ MORE: Grain exports climb as ships leave the ports",
    "Read also: Talks stall over the front line",
    "CLICK HERE TO GET THE NEWSWIRE APP",
    "Sign up for our morning newsletter",
    "Photo: Reuters",
    "Advertisement",
    "MARKETS SLUMP AS FIRMS REPORT LOSSES IN THE SECOND QUARTER",
]


@st.composite
def article_with_clutter(draw):
    """Lines of news words with clutter lines in between; the first line is a body line."""
    body = st.lists(st.sampled_from(_BODY_WORDS), min_size=1, max_size=14).map(" ".join)
    lines = [("body", draw(body))]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            lines.append(("clutter", draw(st.sampled_from(_CLUTTER_LINES))))
        else:
            lines.append(("body", draw(body)))
    return lines


@FAST
@given(lines=article_with_clutter())
def test_cleaning_blanks_clutter_lines_and_keeps_body_lines(lines):
    text = "\n".join(line for _, line in lines)
    doc = clean(Document(text=text))
    _assert_clean_keeps_offsets(text, doc)
    pos = 0
    for kind, line in lines:
        got = doc.clean[pos:pos + len(line)]
        if kind == "clutter":
            assert got == " " * len(line), line
        else:
            assert got == line.translate(str.maketrans({"\u201c": '"', "\u201d": '"',
                                                        "\u2014": "-"})), line
        pos += len(line) + 1


# ---------------------------------------------------------------------------
# extraction on any text

_NEWS_WORDS = [
    "Ukraine", "Russia", "Kyiv", "Moscow", "Israel", "Hamas", "Armenia", "Azerbaijan",
    "Houthis", "Yemeni government", "United States", "Iran", "separatists", "exchanged",
    "swapped", "prisoners", "prisoner exchange", "swap", "hostages", "soldiers", "civilians",
    "servicemen", "freed", "released", "returned home", "handed over", "received", "each",
    "for", "on each side", "remains of", "bodies", "refused", "did not turn up",
    "had promised to hand over", "at least", "about", "more than", "remain in", "custody",
    "brokered by", "Qatar", "the UAE", "mediation of", "thanked", "Turkey", "took place at",
    "crossing point", "undisclosed location", "postponed", "called off", "agreed to exchange",
    "will take place", "next week", "on Wednesday", "yesterday", "today", "Dec. 27",
    "Feb. 30", "scheduled for Saturday", "since 2022", "in total", "in 50 exchanges",
    "exchange of fire", "exchange rate", "all for all", "said", "according to", "in return",
    "nothing in return", "0", "1", "12", "207", "1,000", "3,000", "146-for-146",
    "one-for-one", "two hundred and seven", "thirty-two", "six", "a dozen", "2024", ".", ",",
    ":", ";", "\n", "\n\n", "READ MORE:", "CLICK HERE TO GET THE APP", "\u2014", "\u201c",
    "\u201d", "(", ")", "'s",
]

_SCHEMA_EVENT_KEYS = {"status", "date", "date_text", "parties", "returned", "breakdown",
                      "mediators", "location", "main"}
_OPTIONAL_EVENT_KEYS = {"promised", "refused", "absent", "total", "evidence"}


def _is_iso_date(value) -> bool:
    if not isinstance(value, str):
        return False
    date.fromisoformat(value)
    return True


def _assert_schema(text: str, out: dict) -> None:
    assert {"id", "relevant", "events", "held"} <= set(out)
    assert isinstance(out["id"], str) and out["id"]
    assert isinstance(out["relevant"], bool)
    assert isinstance(out["events"], list) and isinstance(out["held"], list)
    assert out["relevant"] == bool(out["events"])
    for ev in out["events"]:
        assert _SCHEMA_EVENT_KEYS <= set(ev) <= _SCHEMA_EVENT_KEYS | _OPTIONAL_EVENT_KEYS
        assert ev["status"] in ("completed", "agreed", "failed")
        assert ev["date"] is None or _is_iso_date(ev["date"])
        assert ev["date_text"] is None or isinstance(ev["date_text"], str)
        assert isinstance(ev["parties"], list) and len(ev["parties"]) == 2
        assert all(isinstance(p, str) and p for p in ev["parties"])
        for party, values in ev["returned"].items():
            assert isinstance(party, str)
            assert all(type(v) is int and v >= 0 for v in values)
        for party, parts in ev["breakdown"].items():
            assert isinstance(party, str)
            assert set(parts) <= {"military", "civilians", "wounded", "bodies"}
            assert all(type(v) is int and v >= 0 for v in parts.values())
        for name in ("promised", "refused", "absent"):
            for party, v in ev.get(name, {}).items():
                assert isinstance(party, str) and type(v) is int
        assert "total" not in ev or type(ev["total"]) is int
        assert all(isinstance(m, str) for m in ev["mediators"])
        assert ev["location"] is None or isinstance(ev["location"], str)
        assert isinstance(ev["main"], bool)
        for e in ev.get("evidence", []):
            _assert_span(text, e)
    for h in out["held"]:
        assert isinstance(h["held_by"], str) and isinstance(h["of"], str)
        assert type(h["count"]) is int
        assert h["qualifier"] in ("exact", "at_least", "about", "more_than")
        assert h["date"] is None or _is_iso_date(h["date"])
        for e in h.get("evidence", []):
            _assert_span(text, e)


def _assert_span(text: str, e: dict) -> None:
    assert 0 <= e["start"] <= e["end"] <= len(text)
    s, ss = e["sentence"], e["sentence_start"]
    assert 0 <= ss and ss + len(s) <= len(text)
    assert text[ss:ss + len(s)] == s


_OPTIONAL_PUBLISHED = st.none() | _PUBLISHED


@SLOW
@given(text=st.text(max_size=300), published=_OPTIONAL_PUBLISHED)
@example(text="", published=None)
@example(text="\n\n\n", published=date(2024, 1, 3))
@example(text="swap prisoners held remain 0", published=None)
def test_extraction_on_random_unicode_never_raises_and_keeps_the_schema(text, published):
    out = powtrack.extract(text, published=published).to_dict()
    _assert_schema(text, out)


@st.composite
def news_word_salad(draw):
    words = draw(st.lists(st.sampled_from(_NEWS_WORDS), min_size=0, max_size=60))
    sep = draw(st.sampled_from([" ", " ", "  ", "\u00a0"]))
    return sep.join(words)


@SLOW
@given(text=news_word_salad(), published=_OPTIONAL_PUBLISHED)
@example(text="Ukraine and Russia exchanged 1,000 prisoners each on Feb. 30 .",
         published=date(2024, 3, 4))
@example(text="the remains of 12 soldiers swap Ukraine Russia remain in custody at least 23",
         published=None)
def test_extraction_on_mixed_news_words_never_raises_and_keeps_the_schema(text, published):
    record = powtrack.extract(text, published=published)
    out = record.to_dict()
    _assert_schema(text, out)
    if record.relevant:
        assert sum(1 for ev in record.events if ev.main) == 1


@SLOW
@given(text=news_word_salad(), published=_OPTIONAL_PUBLISHED)
def test_extraction_is_deterministic_on_any_text(text, published):
    first = powtrack.extract(text, published=published).to_dict()
    second = powtrack.extract(text, published=published).to_dict()
    assert first == second



# ---------------------------------------------------------------------------
# evidence spans on generated swap articles: the text at each span spells its value

_SIDES = [
    # (canonical a, names of a, people of a, canonical b, names of b, people of b)
    ("Ukraine", ["Ukraine", "Kyiv"], ["Ukrainians", "Ukrainian soldiers"],
     "Russia", ["Russia", "Moscow"], ["Russians", "Russian servicemen"]),
    ("Armenia", ["Armenia", "Yerevan"], ["Armenians", "Armenian soldiers"],
     "Azerbaijan", ["Azerbaijan", "Baku"], ["Azerbaijanis", "Azerbaijani servicemen"]),
    ("Israel", ["Israel"], ["Israeli hostages", "hostages"],
     "Hamas", ["Hamas"], ["Palestinian prisoners", "Palestinians"]),
]
_MEDIATOR_PHRASES = ["mediated by the United Arab Emirates", "brokered by Qatar",
                     "with help from Turkey", "mediated by the UAE", "with Saudi mediation",
                     "facilitated by the International Committee of the Red Cross",
                     "brokered by Egypt", "under Vatican mediation"]
_PLACES = ["at the Margara crossing point", "in Istanbul", "on the Belarusian-Ukrainian border",
           "at an undisclosed location"]
_DATE_PHRASES = ["on Wednesday", "on Saturday", "yesterday", "today", "on Feb. 8", "on Dec. 27",
                 "on March 3", "on Feb. 30", "on Jan. 5, 2024", "late on Friday", ""]


@st.composite
def spoken_number(draw, low: int = 1, high: int = 3000) -> tuple[int, str]:
    """A figure as news writes it: 207, 1,207, "two hundred and seven", "a dozen"."""
    n = draw(st.integers(low, high))
    form = draw(st.sampled_from(["digits", "commas", "words", "dozen"]))
    if form == "dozen":
        return 12, "a dozen"
    if form == "words" and n < 1000:
        return n, int_to_words(n)
    return n, f"{n:,}" if form == "commas" else str(n)


@st.composite
def swap_article(draw) -> str:
    """A short news article about a swap, its sentences drawn from news templates."""
    a, a_names, a_people, b, b_names, b_people = draw(st.sampled_from(_SIDES))
    pick = lambda xs: draw(st.sampled_from(xs))  # noqa: E731
    when = pick(_DATE_PHRASES)
    x, x_text = draw(spoken_number())
    y, y_text = draw(spoken_number())
    sentences = [
        f"{pick(a_names)} and {pick(b_names)} exchanged prisoners {when}".rstrip() + ".",
        f"{pick(a_names)} said {x_text} {pick(a_people)} came home.",
        f"{y_text[0].upper() + y_text[1:]} {pick(b_people)} were returned to {pick(b_names)}, "
        f"officials said.",
    ]
    optional = [
        f"The exchange was {pick(_MEDIATOR_PHRASES)}.",
        f"The handover took place {pick(_PLACES)}.",
        f"{pick(b_names)} had promised to hand over {draw(spoken_number())[1]} people.",
        f"{draw(spoken_number(1, 30))[1].capitalize()} of them refused to return.",
        f"Among them were {draw(spoken_number(1, 50))[1]} civilians.",
        f"{pick(a_names)} says more than {draw(spoken_number(100, 20000))[1]} "
        f"{pick(a_people)} remain in {b} custody.",
        f"It was the {pick(['first', 'third', '50th'])} swap since 2022.",
    ]
    chosen = draw(st.lists(st.sampled_from(optional), max_size=4, unique=True))
    sentences[1:1] = chosen[: len(chosen) // 2]
    sentences += chosen[len(chosen) // 2:]
    return " ".join(sentences)


_NUMERIC_FIELDS = {"returned", "promised", "refused", "absent", "total", "held"}
_WEEKDAY = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}
_MONTH = {name.lower().rstrip("."): i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH.update({"january": 1, "february": 2, "sept": 9, "september": 9, "december": 12})


def _assert_date_span_spells(span: str, value: str | None, published: date | None) -> None:
    """Every part of a date the span names (weekday, month, day, year) is the value's."""
    import re

    if value is None:
        return
    day = date.fromisoformat(value)
    words = re.findall(r"[A-Za-z]+|\d+", span.lower())
    for w in words:
        if w in _WEEKDAY:
            assert day.weekday() == _WEEKDAY[w], (span, value)
        elif w in _MONTH:
            assert day.month == _MONTH[w], (span, value)
        elif w.isdigit() and len(w) == 4:
            assert day.year == int(w), (span, value)
        elif w.isdigit():
            assert day.day == int(w), (span, value)
    if "yesterday" in words:
        assert published is not None and (published - day).days == 1, (span, value)
    if "today" in words:
        assert day == published, (span, value)
    assert any(w in _WEEKDAY or w in _MONTH or w in ("yesterday", "today") for w in words), \
        (span, value)


def _assert_span_spells(text: str, e: dict, published: date | None) -> None:
    from powtrack.extraction.lexicon import mediator_terms

    span = text[e["start"]:e["end"]]
    field = e["field"].split(".")[0]
    if field in _NUMERIC_FIELDS or e["field"].startswith("breakdown."):
        assert parse_number(span) == e["value"], (e["field"], span, e["value"])
    elif field == "date":
        _assert_date_span_spells(span, e["value"], published)
    elif field == "mediators":
        term = mediator_terms()[0].get(span.removeprefix("the "))
        assert term is not None and term.canonical == e["value"], (span, e["value"])
    elif field == "location":
        assert span == e["value"], (span, e["value"])
    else:
        raise AssertionError(f"evidence of an unknown field {e['field']!r}: {span!r}")


@SLOW
@given(text=swap_article(), published=_OPTIONAL_PUBLISHED)
@example(text="Kyiv and Moscow exchanged prisoners on Feb. 30. Kyiv said a dozen Ukrainians "
              "came home. Two hundred and seven Russians were returned to Russia, officials "
              "said. The exchange was mediated by the UAE.", published=date(2024, 3, 4))
def test_every_evidence_span_in_a_swap_article_spells_its_value(text, published):
    out = powtrack.extract(text, published=published).to_dict()
    _assert_schema(text, out)
    spans = [e for ev in out["events"] for e in ev.get("evidence", [])]
    spans += [e for h in out["held"] for e in h.get("evidence", [])]
    for e in spans:
        _assert_span_spells(text, e, published)
    main = [ev for ev in out["events"] if ev["main"]]
    assert len(main) <= 1
