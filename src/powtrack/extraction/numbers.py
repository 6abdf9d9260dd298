"""Numbers as news writes them: "1,000", "207", "two hundred and seven", "a dozen"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
SPECIAL = {"a dozen": 12, "dozen": 12, "a couple of": 2, "a pair of": 2, "a single": 1}

# Keep number-words ordered longest first so "seventeen" wins over "seven".
_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_WORD_NUM = rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
NUMBER_RE = re.compile(
    rf"(?<![\w.,:$€£])(?<![\w.,:$€£]-)(?:(?P<digits>{_DIGITS})|(?P<words>{_WORD_NUM})|(?P<special>a dozen|a couple of))(?![\w%]|:\d)",
    re.IGNORECASE,
)

QUALIFIERS = [
    ("more_than", re.compile(r"(?:more than|(?<!handed )(?<!handing )(?<!hand )(?<!turned )over|upwards of|in excess of|above)\s*$", re.I)),
    ("at_least", re.compile(r"(?:at least|no fewer than|not less than|a minimum of)\s*$", re.I)),
    ("about", re.compile(
        r"(?:about|around|some|nearly|almost|approximately|roughly|close to|an estimated|"
        r"up to|as many as|fewer than|less than|under|just over|just under)\s*$", re.I)),
]


@dataclass(frozen=True)
class Number:
    value: int
    start: int
    end: int
    qualifier: str = "exact"
    words: bool = False


def words_to_int(phrase: str) -> int | None:
    """ "two hundred and twenty-two" -> 222; None when it is not a number."""
    phrase = phrase.lower().strip()
    if phrase in SPECIAL:
        return SPECIAL[phrase]
    total, current, seen = 0, 0, False
    for tok in re.split(r"[\s-]+", phrase):
        if tok == "and" or not tok:
            continue
        if tok in UNITS:
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in SCALES:
            total += max(current, 1) * SCALES[tok]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(token: str) -> int | None:
    """Parse one number written in digits or words; None if it is not one."""
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", token):
        return int(token.replace(",", ""))
    return words_to_int(token)


# "and" inside a written number: "двадцать и пять", "vingt et un", "huszonöt és fél"
_JOINERS = ("и", "і", "й", "ta", "e", "y", "és", "und", "et", "i")


def _pack_value(phrase: str, words: dict[str, int]) -> int | None:
    """ "двести тридцать" -> 230, "три тысячи" -> 3000, "dwadzieścia pięć" -> 25."""
    total, current = 0, 0
    for tok in re.split(r"[\s-]+", phrase.lower()):
        if tok in _JOINERS or not tok:
            continue
        value = words.get(tok)
        if value is None:
            return None
        if value >= 1000:
            total += max(current, 1) * value
            current = 0
        elif value == 100 and 0 < current < 10:
            current *= 100
        else:
            current += value
    return total + current


# "3 тыс.", "1,2 mil", "2 000": digits with a scale word, a decimal comma or spaces
_SCALED = re.compile(r"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)?)\s?(?P<scale>тыс\.|тис\.|тысяч\w*|тисяч\w*|"
                     r"mil\b|mille\b|Tausend\b|tys\.|tysięcy|ezer\b)", re.IGNORECASE)
_SPACED = re.compile(r"(?<![\w.,])\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d])")
# "1.200 prigionieri", "1.000 Gefangene": a period between groups of three digits
_DOTTED = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)")


def find_numbers(text: str) -> list[Number]:
    """Every cardinal number in ``text`` with its span and qualifier.

    Digits ("1,000", "2 000", "3 тыс.", "1,2 mil") and number words in English and
    in every language pack.
    """
    out = _find_numbers(text)
    taken = [(n.start, n.end) for n in out]

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    extra = []
    for m in _SCALED.finditer(text):
        raw = m.group("num").replace(",", ".")
        scale = 1000
        value = int(round(float(raw) * scale))
        extra.append(Number(value, m.start(), m.end(), _qualifier(text, m.start()), False))
    for m in _SPACED.finditer(text):
        extra.append(Number(int(re.sub(r"\D", "", m.group())), m.start(), m.end(),
                            _qualifier(text, m.start()), False))
    for m in _DOTTED.finditer(text):
        out = [o for o in out if (o.start, o.end) != m.span()]
        extra.append(Number(int(m.group().replace(".", "")), m.start(), m.end(),
                            _qualifier(text, m.start()), False))
    rx, words = _pack_number_rx()
    if rx is not None:
        for m in rx.finditer(text):
            value = _pack_value(m.group(), words)
            if value:
                extra.append(Number(value, m.start(), m.end(), _qualifier(text, m.start()), True))
    # a longer reading wins over the digits inside it ("3 тыс." over "3")
    for n in sorted(extra, key=lambda n: n.start - n.end):
        out = [o for o in out if not (o.start >= n.start and o.end <= n.end and (o.start, o.end)
                                      != (n.start, n.end))]
        if all(not (n.start < o.end and o.start < n.end) for o in out):
            out.append(n)
    return sorted(out, key=lambda n: n.start)


@lru_cache(maxsize=1)
def _pack_number_rx() -> tuple[re.Pattern | None, dict[str, int]]:
    from powtrack.extraction.packs import keyed

    words = {w.lower(): int(v) for v, ws in keyed("number").items() for w in ws}
    if not words:
        return None, {}
    from powtrack.extraction.text import _trie

    alt = _trie(sorted(words))
    # a spaced dash ends a number: "шістьох — чотирьох" is 6, then 4
    joiner = rf"(?:\s+(?:{'|'.join(_JOINERS)})\s+|\s+|-)"
    return re.compile(rf"(?<![\w.,])(?<!\d-)(?:{alt})(?:{joiner}(?:{alt}))*(?!\w)", re.IGNORECASE), words


def _qualifier(text: str, start: int) -> str:
    """ "more than 100", "понад 100", "environ 90": the words just before a number; the
    English ones here, every other language's in its pack (more_than, at_least, about)."""
    from powtrack.extraction.text import word_regex

    before = text[max(0, start - 24):start]
    return next((q for q, rx in QUALIFIERS if rx.search(before)), None) or next(
        (q for q, _ in QUALIFIERS if word_regex(q, prefix=r"(?<!\w)", suffix=r"\s*$").search(
            before)), "exact")


def _find_numbers(text: str) -> list[Number]:
    out = []
    for m in NUMBER_RE.finditer(text):
        if m.group("digits"):
            raw = m.group("digits")
            if "." in raw:
                continue  # decimals are money or times, never head counts
            value = int(raw.replace(",", ""))
            words = False
        else:
            raw = m.group("words") or m.group("special")
            if raw.lower().startswith("dozen"):
                continue  # "several dozen", "dozens": no count; "a dozen" is special

            # "and" may have been swallowed at the end: "five and" is not a number
            value = words_to_int(raw)
            words = True
            if value is None:
                continue
        out.append(Number(value, m.start(), m.end(), _qualifier(text, m.start()), words))
    return out
