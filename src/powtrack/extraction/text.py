"""Sentences and word lists: the small text toolkit the extractor stands on."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, lru_cache

# Tokens that end with a period but do not end a sentence.
_ABBREV = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "no", "jr", "sr",
    "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "vs", "prof", "gov", "rep", "sen", "ft",
    "u.a.e", "approx", "inc", "corp", "co", "ltd", "mt", "pres",
    # scale words after a figure: "6 tys. Ukraińców", "3 тыс. человек"
    "tys", "mln", "mld", "тис", "тыс", "млн", "млрд",
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


# The packs a document is read with (set by extraction for one document: English and the
# document's language); None means every pack.
READING: ContextVar[tuple[str, ...] | None] = ContextVar("powtrack_reading", default=None)


def word_regex(name: str, prefix: str = r"\b", suffix: str = r"\b") -> re.Pattern:
    """One case-insensitive regex for a word list of the language packs (``data/lang/``).

    Plain words go into a trie ("обмін|обміну|обміном" -> "обмін(?:|у|ом)"), so that a
    list of hundreds of words is matched in one pass without trying each word at each
    position; entries with regular-expression syntax stay as they are. While a document
    is read (``READING``), only its packs' words are used.
    """
    return _word_regex(name, prefix, suffix, READING.get())


@cache
def _word_regex(name: str, prefix: str, suffix: str, langs: tuple[str, ...] | None) -> re.Pattern:
    from powtrack.extraction.packs import merged

    entries = vocabulary()[name] if langs is None else merged(name, langs)
    return re.compile(prefix + "(?:" + alternation(entries) + ")" + suffix, re.IGNORECASE)


_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]|()]")


def alternation(entries: list[str]) -> str:
    """A regex alternation of ``entries``, the plain ones folded into a trie."""
    plain = sorted({e.lower() for e in entries if not _SPECIAL.search(e)})
    patterns = sorted((e for e in entries if _SPECIAL.search(e)), key=len, reverse=True)
    parts = patterns + ([_trie(plain)] if plain else [])
    return "|".join(parts) or "(?!)"


def _trie(words: list[str]) -> str:
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        # branches start with distinct characters; "?" makes the shorter word optional
        # after the longer ones, so a longer word wins as in a sorted alternation
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if "" in node:
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root)


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary()[name])
