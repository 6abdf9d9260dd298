"""Language packs: one data file per language, ``data/lang/<code>.tsv``.

A pack holds everything language-specific the extractor reads, one row per key:
``key<TAB>entries`` with entries separated by "|" (lower case unless the key says
otherwise; regular-expression syntax is allowed in word lists). Keys:

- word lists, the same names in every pack (``LIST_KEYS``): swap and captive words,
  give / receive / return verbs, status and background cues, gate words ...;
- ``weekday.0`` .. ``weekday.6``, ``month.1`` .. ``month.12``, ``today``,
  ``yesterday``: date words with their inflected forms;
- ``party.<Canonical>`` and ``people.<Canonical>``: names of a side (case-sensitive,
  every case form: "Киев|Киева|Киеву") and words for its people; ``mediator.<Canonical>``;
- ``number.<value>``: number words ("сто", "dwadzieścia").

The extractor matches the words of every pack in every document (a report quotes
other languages, and a missing or wrong ``lang`` must not hide a swap), so a pack
adds words and never removes any. A new language is a new file plus its tests
(docs/languages.md).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

# Word lists every pack defines (tests/test_data_files.py checks the keys).
LIST_KEYS = (
    "captive_military", "captive_civilian", "captive_other", "captive_bodies", "not_count",
    "return_verbs", "release_verbs", "receive_verbs", "refused", "absent", "promised",
    "cumulative", "cumulative_total", "failed", "agreed", "completed", "negation",
    "not_swap", "swap", "reporting", "gate_captives", "gate_swap", "gate_held",
    "conjunction", "each", "each_before", "for_word", "own_of", "our", "extra", "wounded",
    "subset", "mediation_by", "mediation_word", "thanks", "preposition", "to_word",
    "from_word", "captivity", "irrealis", "aboard", "crash",
    "handed_to", "mediation_after_name", "thanks_for",
    "article",
    "place_cue", "place_preposition", "place_near", "place_head", "place_where",
    "earlier_lead", "home", "in_return", "by_word", "hope", "stage", "more_than", "at_least", "about",
    "held_verb", "held_state", "held_passive", "held_place", "held_demand", "held_not",
)


def _split(cell: str) -> list[str]:
    """Split on "|" outside parentheses, so an entry may hold a regex group."""
    parts, depth, cur = [], 0, []
    for ch in cell:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    # spaces are kept: a gate word " pow " must not match "power"
    return [p.strip("\t\r\n") for p in parts if p.strip()]


@lru_cache(maxsize=1)
def packs() -> dict[str, dict[str, list[str]]]:
    """language code -> key -> entries, for every ``data/lang/*.tsv`` (English first)."""
    folder = files("powtrack").joinpath("data/lang")
    names = sorted((p.name for p in folder.iterdir() if p.name.endswith(".tsv")),
                   key=lambda n: (n != "en.tsv", n))
    out: dict[str, dict[str, list[str]]] = {}
    for name in names:
        rows: dict[str, list[str]] = {}
        for line in folder.joinpath(name).read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            key, _, cell = line.partition("\t")
            if key.strip() == "list":
                continue  # header row
            rows.setdefault(key.strip(), []).extend(_split(cell))
        out[name.removesuffix(".tsv")] = rows
    return out


def merged(key: str, langs: tuple[str, ...] | None = None) -> list[str]:
    """The entries of ``key`` in every pack (or in ``langs``), in pack order, without repeats."""
    seen: set[str] = set()
    out = []
    for code, rows in packs().items():
        if langs is not None and code not in langs:
            continue
        for entry in rows.get(key, []):
            if entry.lower() not in seen:
                seen.add(entry.lower())
                out.append(entry)
    return out


# Languages whose reports quote each other's words often enough to read them together.
NEIGHBOURS = {"uk": ("ru",), "ru": ("uk",), "es": ("pt",), "pt": ("es",)}


def reading(lang: str | None) -> tuple[str, ...] | None:
    """The packs a document in ``lang`` is read with: English, its own and its neighbours';
    every pack when the language has none (or is unknown)."""
    if lang is None or lang not in packs():
        return None
    return tuple(dict.fromkeys(("en", lang) + NEIGHBOURS.get(lang, ())))


def keyed(prefix: str) -> dict[str, list[str]]:
    """``prefix.<name>`` rows of every pack: name -> entries (e.g. ``party.Ukraine``)."""
    out: dict[str, list[str]] = {}
    for rows in packs().values():
        for key, entries in rows.items():
            if key.startswith(prefix + "."):
                out.setdefault(key[len(prefix) + 1:], []).extend(entries)
    return out


__all__ = ["LIST_KEYS", "NEIGHBOURS", "keyed", "merged", "packs", "reading"]
