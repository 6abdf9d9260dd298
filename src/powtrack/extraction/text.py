"""Sentences and word lists: the small text toolkit the extractor stands on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

# Tokens that end with a period but do not end a sentence.
_ABBREV = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "no", "jr", "sr",
    "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "vs", "prof", "gov", "rep", "sen", "ft",
    "u.a.e", "approx", "inc", "corp", "co", "ltd", "mt", "pres",
}
# Upper-case letters of every script (a sentence may start "В воскресенье", "Środa", "«Мы")
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x2000)) if ch.isupper())
_BOUNDARY = re.compile(r"[.!?]+[\"')\]»”]*(?=\s+[\"'(\[«„“]?[0-9" + re.escape(_UPPER) + r"])|\n+")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    index: int
    paragraph: int
    data: dict = field(default_factory=dict)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets; newlines always end one."""
    out: list[Sentence] = []
    start, para = 0, 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("\n"):
            end = m.start()
        else:
            before = text[max(start, m.start() - 8):m.start()]
            word = re.split(r"[\s(\"']", before)[-1].lower()
            if m.group().startswith(".") and (word in _ABBREV or re.fullmatch(r"[a-z]", word)):
                continue
            end = m.end()
        _add(out, text, start, end, para)
        if "\n\n" in m.group() or (m.group().startswith("\n") and len(m.group()) > 1):
            para += 1
        elif m.group().startswith("\n"):
            para += 1
        start = m.end()
    _add(out, text, start, len(text), para)
    return out


# Longer "sentences" (lists, tables, text with no punctuation) are cut into pieces
# so that the work per sentence, and so per document, stays linear in its length.
MAX_SENTENCE = 800


def _add(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    while end - start > MAX_SENTENCE:
        window = text[start + MAX_SENTENCE // 2:start + MAX_SENTENCE]
        cut = max(window.rfind(", "), window.rfind("; "), window.rfind(" "))
        cut = start + MAX_SENTENCE // 2 + cut + 1 if cut >= 0 else start + MAX_SENTENCE
        _add_one(out, text, start, cut, para)
        start = cut
    _add_one(out, text, start, end, para)


def _add_one(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Sentence(s, s + len(stripped), stripped, len(out), para))


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, list[str]]:
    """Every word list, merged over the language packs (``data/lang/*.tsv``)."""
    from powtrack.extraction.packs import LIST_KEYS, merged, packs

    names = list(LIST_KEYS) + sorted({k for rows in packs().values() for k in rows
                                      if "." not in k and k not in LIST_KEYS
                                      and k not in ("today", "yesterday")})
    return {name: merged(name) for name in names}


@cache
def word_regex(name: str, prefix: str = r"\b", suffix: str = r"\b") -> re.Pattern:
    """One case-insensitive regex for a word list of the language packs (``data/lang/``)."""
    entries = sorted(vocabulary()[name], key=len, reverse=True)
    return re.compile(prefix + "(?:" + "|".join(entries) + ")" + suffix, re.IGNORECASE)


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary()[name])
