"""The data files of `powtrack/data/`: every word list is used, free of duplicates, and compiles.

Language knowledge lives in these files (STYLE.md: rules are data), so a list that no
code reads, an entry spelt twice, or an entry that breaks its regex is a defect.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from powtrack.extraction.lexicon import _rows, _split
from powtrack.extraction.text import vocabulary, word_regex

SRC = Path(__file__).resolve().parent.parent / "src" / "powtrack"
CODE = "\n".join(p.read_text("utf-8") for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("name", sorted(vocabulary()))
def test_every_word_list_compiles(name):
    assert word_regex(name).pattern


@pytest.mark.parametrize("name", sorted(vocabulary()))
def test_every_word_list_is_free_of_duplicates(name):
    entries = [e.lower() for e in vocabulary()[name]]
    assert sorted({e for e in entries if entries.count(e) > 1}) == []


@pytest.mark.parametrize("name", sorted(vocabulary()))
def test_every_word_list_is_read_by_the_code(name):
    assert re.search(rf"[\"']{re.escape(name)}[\"']", CODE), f"{name} is never used"


@pytest.mark.parametrize("filename", ["parties.tsv", "mediators.tsv"])
def test_no_name_is_spelt_twice_in_one_row(filename):
    for row in _rows(filename):
        for cell in row[1:3]:
            names = _split(cell)
            assert sorted({n for n in names if names.count(n) > 1}) == [], row[0]


def test_a_strong_alias_names_one_side_only():
    sides = defaultdict(set)
    for row in _rows("parties.tsv"):
        for name in _split(row[1]):
            if not name.startswith("~"):
                sides[name].add(row[0])
    assert {n: s for n, s in sides.items() if len(s) > 1} == {}


def test_every_language_pack_defines_every_word_list():
    from powtrack.extraction.packs import LIST_KEYS, packs

    assert {"en", "uk", "ru", "de", "fr", "es", "pt", "pl", "it", "hu"} <= set(packs())
    for code, rows in packs().items():
        lists = {k for k in rows if "." not in k and k not in ("today", "yesterday")}
        assert lists == set(LIST_KEYS) or set(LIST_KEYS) <= lists, (code, set(LIST_KEYS) - lists)


def test_pack_keys_are_known():
    from powtrack.extraction.packs import LIST_KEYS, packs

    prefixes = ("party.", "people.", "mediator.", "number.", "weekday.", "month.")
    for code, rows in packs().items():
        for key in rows:
            assert key in LIST_KEYS or key in ("today", "yesterday") or key.startswith(prefixes), (
                code, key)
