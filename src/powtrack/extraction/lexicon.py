"""Party and mediator lexicons, loaded from the data files (see data/*.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from powtrack.extraction.packs import keyed


@dataclass(frozen=True)
class Party:
    name: str
    stands_for: str | None
    opponents: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """One surface form: which side it names and how."""

    canonical: str
    kind: str       # "alias" (the side itself) | "people" (its people) | "mediator"
    weak: bool      # counts only when the side is named strongly in the article


def _rows(name: str) -> list[list[str]]:
    text = files("powtrack").joinpath(f"data/{name}").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows[1:]  # header


def _split(cell: str) -> list[str]:
    return [t.strip() for t in cell.split("|") if t.strip()]


@lru_cache(maxsize=1)
def parties() -> dict[str, Party]:
    out = {}
    for row in _rows("parties.tsv"):
        row += [""] * (5 - len(row))
        canonical, _aliases, _people, stands_for, opponents = row[:5]
        out[canonical] = Party(canonical, stands_for.strip() or None, tuple(_split(opponents)))
    return out


def _compile(terms: dict[str, Term], hyphen_ok: bool = False) -> re.Pattern:
    from powtrack.extraction.text import _trie

    alternation = _trie(sorted(terms))  # case kept: aliases are case-sensitive
    # a mediator may prefix its role: "UN-sponsored talks", "Qatari-brokered deal"
    after = r"(?![\w-])|(?=-(?:brokered|mediated|sponsored|backed|facilitated|led|coordinated|co-ordinated)\b)" \
        if hyphen_ok else r"(?![\w-])"
    return re.compile(rf"(?<![\w-])(?:the )?({alternation})(?:{after})")


@lru_cache(maxsize=1)
def party_terms() -> tuple[dict[str, Term], re.Pattern]:
    terms: dict[str, Term] = {}
    for row in _rows("parties.tsv"):
        row += [""] * (5 - len(row))
        canonical, aliases, people = row[:3]
        for kind, cell in (("alias", aliases), ("people", people)):
            for t in _split(cell):
                weak = t.startswith("~")
                t = t.lstrip("~")
                terms.setdefault(t, Term(canonical, kind, weak))
                # plural/possessive forms are matched by the regex boundary
    # the language packs' names of the sides, in every case form ("Киева", "Ukrainy")
    for kind, prefix in (("alias", "party"), ("people", "people")):
        for canonical, names in keyed(prefix).items():
            for t in names:
                weak = t.startswith("~")
                terms.setdefault(t.lstrip("~"), Term(canonical, kind, weak))
    return terms, _compile(terms)


@lru_cache(maxsize=1)
def mediator_terms() -> tuple[dict[str, Term], re.Pattern]:
    terms: dict[str, Term] = {}
    for row in _rows("mediators.tsv"):
        canonical, aliases = row[0], row[1] if len(row) > 1 else ""
        for t in _split(aliases) + [canonical]:
            terms.setdefault(t, Term(canonical, "mediator", False))
    for canonical, names in keyed("mediator").items():
        for t in names:
            terms.setdefault(t, Term(canonical, "mediator", False))
    # sides can mediate other sides' swaps ("Russian mediation" between Armenia
    # and Azerbaijan); their names and demonyms count, but a mediator's own
    # entry wins.
    for t, term in party_terms()[0].items():
        if not term.weak and t[0].isupper():
            terms.setdefault(t, Term(term.canonical, "mediator", False))
    return terms, _compile(terms, hyphen_ok=True)


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Every name of a side or a mediator: a capitalised phrase that is one of these is no
    person's name ("Viktor Medvedchuk" is, "Red Cross" is not)."""
    return frozenset(party_terms()[0]) | frozenset(mediator_terms()[0])


@lru_cache(maxsize=4096)
def canonical_party(name: str) -> str:
    """Map an alias or demonym ("Kyiv", "DPR", "Ansar Allah") to its canonical name."""
    terms, _ = party_terms()
    key = name.strip()
    if key in terms:
        return terms[key].canonical
    for t, term in terms.items():
        if t.lower() == key.lower():
            return term.canonical
    return key


def opponent(party: str) -> str | None:
    p = parties().get(party)
    return p.opponents[0] if p and p.opponents else None


def party_table_opponent(party: str | None) -> str | None:
    """The usual other side of ``party`` (data/parties.tsv ``opponents``)."""
    return opponent(party) if party else None
