"""Figures of captives still held ("at least 23 Armenians remain in Azerbaijani custody").

Each number a sentence gives for captives is read by named rules, tried in
order; the first that fits says who holds them and whose people they are:

  1. ``_held_list``       "Islamabad gave a list of 257 Indian prisoners";
                          "India listed 391 civilians and 33 fishermen held in its
                          custody" is one list of 424
  2. ``_held_state``      "23 Armenians remain in Azerbaijani custody",
                          "40 soldiers and 200 civilians remain in captivity"
  3. ``_held_placed``     "120 Pakistani prisoners in Indian jails are ...",
                          "the 19 hostages in its hands"
  4. ``_held_there_are``  "there are 460 fishermen in Indian jails"
  5. ``_held_puts_at``    "puts the number of Ukrainians still held at 113"
  6. ``_held_bringing_to`` "bringing to 34 the number of staff detained by the rebels"
  7. ``_held_by_subject`` "Russia is detaining more than 16,000 Ukrainians"
  8. ``_held_clause``     any language, from the pack words (data/lang/*.tsv
                          ``held_verb``, ``held_state``, ``held_passive``, ``held_place``):
                          "the rebels hold 100 people", "in X's captivity remain 109 of
                          ours", "200 hostages remain in the hands of X", "in X 55 captives
                          are held"

A side named only by what it holds leaves the other side to its usual
opponent (data/parties.tsv).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from powtrack.extraction.figures import PartyMention
from powtrack.extraction.lexicon import party_table_opponent
from powtrack.extraction.numbers import Number
from powtrack.extraction.text import word_regex

# the state words between the counted people and where they are held
_STATE_AFTER = re.compile(
    r"^(?P<gap>[^.;\d]{0,90}?)\b(?:(?<!the )remain(?:s\b(?! of)|ed)?|(?:are|is|were) still|still|(?:are|is) "
    r"(?:being |currently |believed to be |confirmed to be |thought to be )?(?:held|in|kept|"
    r"imprisoned|detained|captive)|will remain|will be left|left|being (?:held|captive|kept)|having been held|"
    r"(?:are|is) being held|(?:are|is) (?:still |also )?(?:sitting|languishing|jailed))\b"
    r"(?P<where>[^.;]{0,80})", re.I)
# "in Indian jails", "held in its custody", "still in the hands of the rebels": where, without a verb
_PLACED_AFTER = re.compile(
    r"^(?P<gap>,? (?:(?:who|that) (?:are|is) )?(?:still |currently |now )?(?P<verb>(?:being )?"
    r"(?:held|kept|detained|imprisoned|jailed|captive) )?)(?:in|inside|under)\s+"
    r"(?P<where>[^.;,:()]{0,60})", re.I)
_HOLDING_PLACE = re.compile(r"^(?:the )?(?:hands|custody|captivity|jails?|prisons?|detention|camps?)\b"
                            r"|^(?:its|their|his|her) (?:hands|custody|captivity|jails?|prisons?|"
                            r"detention|camps?)\b", re.I)
_OWN_CUSTODY = re.compile(r"^(?:its|their) (?:hands|custody|captivity|jails?|prisons?|detention|"
                          r"camps?)\b", re.I)
# heads that name people as captives, so that "prisoners in India" is where they are held
_CAPTIVE_NOUN = re.compile(r"prisoner|detainee|hostage|captive|\bpows?\b|inmate|abductee", re.I)
# words between a verb and its number: "holds at least", "a list of some"
_QUALIFIER_WORDS = (r"(?:(?:still|also|now|currently|reportedly|some|about|around|at least|more than|"
                    r"over|nearly|almost|roughly|approximately|up to|as many as|no fewer than|"
                    r"not less than|an estimated|a total of|all|the|another|only|upwards of|close to|"
                    r"in excess of)\s+){0,3}")
# a verb with its subject before the number: "Russia is detaining", "the rebels hold"
_HOLDER_BEFORE = re.compile(
    r"(?<![-\w])(?:holds|is holding|are holding|was holding|were holding|holding|hold|held|"
    r"(?:is|are|was|were) (?:still |also )?(?:detaining|keeping|imprisoning)|detains|keeps|"
    r"(?:continues?|continued|(?:is|are) (?:believed|thought|estimated|said|understood|known)) "
    r"to (?:be )?hold(?:ing)?)\s+" + _QUALIFIER_WORDS + r"$", re.I)
_NOT_A_CAPTIVE = re.compile(r"^\s*(?:exchanges?|swaps?|talks|trades?|handovers?|releases?)\b", re.I)
# "a list of 257 Indian prisoners", "India listed 391 civilians": a side's list of whom it holds
_LIST_BEFORE = re.compile(r"(?:\b(?:a |the )?(?:lists?|names) of|\blisted)\s+" + _QUALIFIER_WORDS
                          + r"$", re.I)
_HELD_WORDS = (r"\b(?:still |remaining |currently )?(?:held|detained|imprisoned|jailed|"
               r"in (?:\w+ )?(?:custody|captivity|jails?|prisons?)|captive)")
# "puts the number of Ukrainians still in separatist custody at 113",
# "the number of Ukrainians held in Russia stands at 8,000"
_PUTS_AT = re.compile(r"\b(?:(?:puts?|putting|estimates?|gives?|gave|sets?) the (?:number|figure|total) of "
                      r"[^.;]{0,60}?" + _HELD_WORDS + r"[^.;\d]{0,40}?\bat"
                      r"|the (?:number|figure|total) of [^.;]{0,60}?" + _HELD_WORDS + r"[^.;\d]{0,40}?"
                      r"\b(?:stands? at|stood at|(?:is|was) (?:estimated |put |now )?at|"
                      r"(?:has |have )?(?:risen|rose|grown|grew|climbed|fallen|fell|reached|dropped) to|"
                      r"reached))\s+" + _QUALIFIER_WORDS + r"$", re.I)
# "bringing to 34 the number of aid workers detained by the rebels": the phrase after the figure
_BRINGING_TO = re.compile(r"\b(?:bring(?:s|ing)?|rais(?:es|ing)|tak(?:es|ing)|push(?:es|ing)) "
                          r"(?:the (?:number|total|figure) )?to\s+" + _QUALIFIER_WORDS + r"$", re.I)
_NUMBER_OF_HELD = re.compile(r"^\s+the (?:number|total) of [^.;\d]{0,60}?" + _HELD_WORDS
                             + r"[^.;\d]{0,60}", re.I)
_THERE_ARE = re.compile(r"\bthere (?:are|were|will be|remain)\s+(?:\w+\s+){0,2}$", re.I)
_NOT_HELD = re.compile(r"\b(?:killed|dead|died|missing|freed|released|returned|wounded|"
                       r"injured|brought home|exchanged|swapped|captured in|interviewed)\b", re.I)
# a clause that frees, trades or moves the people it counts ("freed 19 hostages in its custody",
# "prisoners held in Iran arrived in Doha"); "must free", "to free" and "the release of" are
# demands, and the people demanded are still held
_SET_FREE = re.compile(r"(?<!must )(?<!to )(?<!the )\b(?:free[sd]?|freeing|release[sd]?|releasing|"
                       r"return(?:s|ed|ing)?|exchanged|swapped|traded|hand(?:s|ed|ing)? over|"
                       r"repatriated|brought back|received|arrived|back (?:in|on|at|to|with)|"
                       r"(?:brought|c[oa]me|coming|go|going|gone|went|head(?:ed|ing)?|fl(?:y|ew|own)) home|"
                       r"walked free|sent|flown|transferred|in return for|(?:exchange|swap|trade|"
                       r"traded) for)\b", re.I)
_AFTER_SWAP = re.compile(r"\bafter (?:the|this|today|today's|\w+day's|that) ?(?:swap|exchange|"
                         r"release|releases|handover)?\b|\bafter today\b", re.I)
# where a clause starts, for finding its subject
_CLAUSE_START = re.compile(r"[,;:\u2013\u2014]|\s-\s|\b(?:that|says?|said|says that|while|whereas|"
                           r"but|although|because|according to \w+)\b", re.I)
# where the clause of the counted people ends: "... in their hands before the talks resume"
_CLAUSE_END = re.compile(r"[,;:]|\b(?:before|after|until|unless|when|while|because|if|once|so that)\b",
                         re.I)
# "chose to remain in Luhansk": staying by choice is not being held
_BY_CHOICE = re.compile(r"\b(?:chose|chosen|choose|decided|opted|wish(?:ed)?|want(?:ed)?|"
                        r"prefer(?:red)?|asked|agreed|elected) to\s*$", re.I)
# "59 remain in Gaza": a figure with no noun, right before the state it is in
_BARE_STATE = re.compile(r"^\s+(?:remain|(?:are|were) still|still|(?:are|were) (?:being )?held)\b",
                         re.I)
# "200 more", "200 others": people counted without a noun, after others already named
_MORE = re.compile(r"^\s+(?:more|others|other captives)\b(?!\s+(?:\w+\s+)?(?:exchanges?|swaps?|"
                   r"talks|trades?|handovers?|releases?|rounds?)\b)", re.I)
# a coordinated figure: "40 soldiers and about 200 civilians"
_AND = re.compile(r"^\s*,?\s*(?:and|as well as|plus)\s+" + _QUALIFIER_WORDS + r"$", re.I)
# "remain in captivity", "are still held": held, with no holder named
_CAPTIVITY = re.compile(r"\s*(?:(?:being )?held(?: captive| hostage)?|(?:(?:being )?held )?in "
                        r"(?:captivity|custody|detention)|captive|behind bars|hostage)\s*", re.I)
_REPORTING = re.compile(r"(?:['\u2019]s? (?:\w+ ){0,3})?\s*(?:says?|said|reports?|reported|"
                        r"estimates?|estimated|believes?|believed)\b", re.I)
_ACCORDING = re.compile(r"\baccording to (?:the )?$", re.I)
_CUSTODY = re.compile(r"\s+(?:custody|captivity|jails?|prisons?|detention|hands|forces|"
                      r"authorities|camps?)\b", re.I)


@dataclass
class _Figure:
    """One number of a sentence, with the noun phrase it counts."""

    text: str                # the sentence
    offset: int              # where the sentence starts in the document
    num: Number
    mentions: list[PartyMention]
    np_end: int              # sentence index where the counted noun phrase ends
    noun: str | None
    of_party: str | None     # whose people the noun phrase names
    parts: list[Number]      # later figures coordinated with this one ("and 200 civilians")
    parts_end: int           # where the last coordinated noun phrase ends

    @property
    def before(self) -> str:
        return self.text[:self.num.start - self.offset]

    @property
    def rest(self) -> str:
        """What follows the noun phrase, or the last noun phrase coordinated with it."""
        return self.text[self.parts_end:]


@dataclass
class _Reading:
    holder: str | None
    of_party: str | None
    count: int | None = None          # a sum of parts, when the list is one figure
    consumed: tuple[int, ...] = ()    # starts of the numbers summed into it


def find_held(sentence_text: str, offset: int, numbers: list[Number],
              mentions: list[PartyMention], head_of: Callable) -> list[dict]:
    """Held figures in one sentence: dicts with held_by, of, count, qualifier, span."""
    out = []
    consumed: set[int] = set()
    for num in numbers:
        if num.start in consumed:
            continue
        fig = _figure(sentence_text, offset, num, numbers, mentions, head_of)
        if fig is None:
            continue
        reading = None
        for rule in _RULES:
            reading = rule(fig)
            if reading is not None:
                break
        if reading is None:
            continue
        consumed.update(reading.consumed)
        holder, of_party = reading.holder, reading.of_party
        if of_party is None and holder is None:
            continue
        if of_party is None:
            of_party = party_table_opponent(holder)
        if holder is None:
            holder = party_table_opponent(of_party)
        if not holder or not of_party or holder == of_party:
            continue
        out.append({
            "held_by": holder, "of": of_party,
            "count": reading.count if reading.count is not None else num.value,
            "qualifier": num.qualifier, "start": num.start, "end": num.end,
            "after_swap": bool(_AFTER_SWAP.search(sentence_text)),
        })
    return out


def _figure(s: str, offset: int, num: Number, numbers: list[Number],
            mentions: list[PartyMention], head_of: Callable) -> _Figure | None:
    """The noun phrase a number counts, or None for numbers that count no captives."""
    a, b = num.start - offset, num.end - offset
    category, noun, np_len = head_of(s[b:])
    if category == "bodies":
        return None
    if category is None:
        more = _MORE.match(s[b:])
        if more:
            noun, np_len = "more", more.end()
        elif not (_PUTS_AT.search(s[:a][-120:]) or _BARE_STATE.match(s[b:]) or (
                _BRINGING_TO.search(s[:a]) and _NUMBER_OF_HELD.match(s[b:]))):
            return None
        else:
            np_len = 0  # no noun: what follows the number is what is said of it
    np_end = b + np_len
    of_party = None
    for m in mentions:
        if num.end <= m.start < offset + np_end + 1:
            of_party = m.party
    parts, parts_end = [], np_end
    for other in numbers:
        if other.start <= num.start or not _AND.match(s[parts_end:other.start - offset]):
            continue
        cat, _, n = head_of(s[other.end - offset:])
        if cat is None or cat == "bodies" or re.match(r"\s+of\b", s[other.end - offset:]):
            break
        parts.append(other)
        parts_end = other.end - offset + n
    return _Figure(s, offset, num, mentions, np_end, noun, of_party, parts, parts_end)


def _held_list(fig: _Figure) -> _Reading | None:
    """A side's list of the other side's people: it holds them; parts of one list add up."""
    m = _LIST_BEFORE.search(fig.before)
    if not m:
        return None
    holder = _subject(fig, m.start())
    of_party = fig.of_party
    for part in fig.parts:  # "391 civilian prisoners and 33 fishermen": whose, from any part
        of_party = of_party or next((x.party for x in fig.mentions
                                     if part.end <= x.start < fig.offset + fig.parts_end), None)
    if holder is None or holder == of_party:
        return None  # a side listing its own people asks for them back: no held figure
    placed = _PLACED_AFTER.match(fig.rest)
    if of_party is None and not (placed and _OWN_CUSTODY.match(placed.group("where"))):
        return None  # "a list of 800 people": whose people, and so who holds them, is unsaid
    if not fig.parts:
        return _Reading(holder, of_party)
    if fig.num.qualifier != "exact" or any(p.qualifier != "exact" for p in fig.parts):
        return None
    return _Reading(holder, of_party, fig.num.value + sum(p.value for p in fig.parts),
                    tuple(p.start for p in fig.parts))


def _held_state(fig: _Figure) -> _Reading | None:
    """The counted people "remain", "are still", "are being held" somewhere."""
    state = _STATE_AFTER.match(fig.rest)
    if not state or _NOT_HELD.search(state.group("gap")) or _BY_CHOICE.search(state.group("gap")):
        return None
    base = fig.offset + fig.parts_end
    where = _CLAUSE_END.split(state.group("where"), 1)[0]
    holder = _holder_in(fig, base + state.start("where"), base + state.start("where") + len(where))
    if holder is None and re.search(r"\b(?:its|their) (?:custody|hands)\b", where):
        holder = _subject(fig) or _last_alias_before(fig.mentions, fig.num.start)
    if fig.noun is None:
        # no captives named: the side must be the very place ("100 remain in Gaza",
        # "in Russian custody"), not a town further on ("3 remain in hospital in Kyiv")
        lead = re.match(r"\s*(?:in|inside|under|with|held by|in the (?:hands|custody) of)\s+(?:the )?",
                        state.group("where"), re.I)
        at = base + state.start("where") + (lead.end() if lead else 0)
        if not lead or not any(m.start == at and _holds(m, fig.text, fig.offset)
                               for m in fig.mentions):
            return None
    of_party = fig.of_party
    if holder is None and of_party is None and _CAPTIVITY.fullmatch(where):
        of_party = _reporting_side(fig)  # "Kyiv says 40 soldiers remain in captivity"
    return _Reading(holder, of_party)


def _held_placed(fig: _Figure) -> _Reading | None:
    """Where the counted people are, with no verb of state: "prisoners in Indian jails"."""
    placed = _PLACED_AFTER.match(fig.rest)
    if not placed:
        return None
    if not placed.group("verb") and not _CAPTIVE_NOUN.search(fig.noun or ""):
        return None  # "300 soldiers in Ukraine" says where they fight, not who holds them
    if _SET_FREE.search(fig.before) or _SET_FREE.search(_CLAUSE_END.split(fig.rest, 1)[0]):
        return None  # "freed 19 hostages in its custody", "prisoners in India were released"
    where = placed.group("where")
    base = fig.offset + fig.parts_end
    holder = _holder_in(fig, base + placed.start("where"), base + placed.end("where"))
    if holder is None and _OWN_CUSTODY.match(where):
        holder = _subject(fig) or _last_alias_before(fig.mentions, fig.num.start)
    if holder is None:
        return None
    if not placed.group("verb") and not (_HOLDING_PLACE.match(where) or _names_side(fig, placed)):
        return None
    return _Reading(holder, fig.of_party)


def _held_there_are(fig: _Figure) -> _Reading | None:
    """ "There are 460 Pakistani fishermen in Indian jails." """
    if not _THERE_ARE.search(fig.before[-40:]):
        return None
    where = fig.rest[:80]
    if not re.search(r"\b(?:in|held|captive|custody|prison|captivity)\b", where):
        return None
    base = fig.offset + fig.parts_end
    holder = next((m.party for m in fig.mentions if base <= m.start < base + len(where)), None)
    return _Reading(holder, fig.of_party)


def _held_puts_at(fig: _Figure) -> _Reading | None:
    """ "puts the number of Ukrainians still in separatist custody at 113" """
    m_at = _PUTS_AT.search(fig.before[-120:])
    if not m_at:
        return None
    lo = fig.offset + len(fig.before) - len(fig.before[-120:]) + m_at.start()
    inside = [m for m in fig.mentions if lo <= m.start < fig.num.start]
    of_party = next((m.party for m in inside if m.kind == "people"), fig.of_party)
    holder = next((m.party for m in inside if m.party != of_party), None)
    return _Reading(holder, of_party)


def _held_bringing_to(fig: _Figure) -> _Reading | None:
    """ "bringing to 34 the number of aid workers detained by the rebels" """
    phrase = _NUMBER_OF_HELD.match(fig.text[fig.num.end - fig.offset:])
    if not phrase or not _BRINGING_TO.search(fig.before):
        return None
    lo, hi = fig.num.end, fig.num.end + phrase.end()
    inside = [m for m in fig.mentions if lo <= m.start < hi]
    of_party = next((m.party for m in inside if m.kind == "people"), None)
    holder = next((m.party for m in inside if m.party != of_party
                   and _holds(m, fig.text, fig.offset)), None)
    return _Reading(holder, of_party)


def _held_by_subject(fig: _Figure) -> _Reading | None:
    """A side that holds, keeps or is detaining them: "the rebels hold at least 162 troops"."""
    verb = _HOLDER_BEFORE.search(fig.before[-60:])
    if not verb:
        return None
    if fig.noun is None or _NOT_A_CAPTIVE.match(fig.text[fig.np_end:]):
        return None  # "held one more prisoner exchange", "held talks"
    at = len(fig.before) - len(fig.before[-60:]) + verb.start()
    holder = _subject(fig, at)
    if holder is None:
        return None  # "the insurgents hold ...": a holder the sides table does not name
    return _Reading(holder, fig.of_party)


# where a clause starts or ends, in any language: punctuation (not the comma of "2,5")
_DIGIT = re.compile(r"\d+")
_CLAUSE_MARK = re.compile(r"[;:()]|(?<!\d),|,(?!\d)|\s[-\u2013\u2014]\s")


def _held_clause(fig: _Figure) -> _Reading | None:
    """Any language: the clause of the counted people says a side holds them.

    Read from the pack words, in any word order: a side that holds them
    (``held_verb``: "the rebels hold 100 people"), people that remain somewhere
    (``held_state``) in captivity or a side's hands (``captivity``, ``held_place``) or in a
    side named as the place, and people held there (``held_passive``: "in X, 55
    captives are held"). A clause that frees, returns, trades or kills them
    (``held_not``) says nothing held, unless the freeing is only wished for (``held_demand``).
    """
    s, off = fig.text, fig.offset
    a, b = fig.num.start - off, fig.parts_end
    if fig.noun is None or _CLAUSE_MARK.search(s, fig.num.end - off, fig.np_end):
        return None  # no captives named, or a noun phrase read across a clause
    if fig.num.words and fig.num.value >= 1000 and " " not in s[a:fig.num.end - off].strip():
        return None  # "тисячі українців": "thousands", a word with no count before it
    # the clause: between punctuation; ", and 203 more held ..." goes on the clause before
    marks = [m.end() for m in _CLAUSE_MARK.finditer(s, 0, a)]
    lo = marks[-1] if marks else 0
    if len(marks) > 1 and word_regex("conjunction", r"^\s*\b").match(s[lo:a]):
        lo = marks[-2]
    end = _CLAUSE_MARK.search(s, b)
    hi = end.start() if end else len(s)
    # ... and between the figures before and after it, for what says they are held
    lo_fig = max([lo] + [m.end() for m in _DIGIT.finditer(s, lo, a)])
    hi_fig = min([hi] + [m.start() for m in _DIGIT.finditer(s, b, hi)][:1])
    blank = " " * (b - a)
    said = s[lo_fig:a] + blank + s[b:hi_fig]   # what the clause says of these people
    around = s[lo_fig:a] + blank + s[b:hi]     # and what happens to them after
    if word_regex("held_not").search(around) or word_regex("refused").search(around):
        return None  # killed, dead, gone home, carried away, staying by choice: not held
    freed = None
    for key in ("return_verbs", "receive_verbs", "release_verbs"):
        freed = freed or word_regex(key).search(around)
    if freed and not word_regex("held_demand").search(around[:freed.start()]):
        return None
    # the verb before the figure ("hält ... fest": a pack entry may look past it)
    verb = word_regex("held_verb").search(s, lo_fig)
    verb = verb if verb and verb.start() < a else None
    cues = [m for k in ("held_state", "held_passive", "held_place", "captivity")
            for m in word_regex(k).finditer(said)]
    state = word_regex("held_state").search(said)
    passive = word_regex("held_passive").search(said)
    place = word_regex("held_place").search(said) or word_regex("captivity").search(said)
    if not (verb or state or passive):
        return None
    reach = lo_fig + max([m.end() for m in cues] + [a - lo_fig]) + 30  # a side named near a cue
    inside = [m for m in fig.mentions if lo_fig <= m.start - off and m.end - off <= hi_fig
              and not (a <= m.start - off < b) and not _is_source(m, s, off)]
    of_party = fig.of_party
    if of_party is None and word_regex("own_of").search(s[a:fig.np_end]):
        of_party = _subject(fig)  # "Kyiv hopes to free 90 of its citizens held in Russia"
    holders = [m for m in inside if m.party != of_party]
    placed = [m for m in holders if m.start - off <= reach and _placed(m, s, off)]
    holder = None
    if verb:
        subject = [m for m in holders if m.end - off <= verb.start() and m.kind == "alias"]
        holder = subject[0] if subject else placed[0] if placed else None
    elif placed:
        holder = placed[0]
    elif not (place or passive):
        return None  # "50 soldiers remain in Kharkiv": no captivity, no side holding them
    if holder is None and not place:
        return None
    return _Reading(holder.party if holder else None, of_party)


def _is_source(m: PartyMention, s: str, off: int) -> bool:
    """A side named as the source of the figure: "according to Kyiv", "Kyiv says"."""
    rx = word_regex("reporting")
    before = s[max(0, m.start - off - 40):m.start - off]
    after = s[m.end - off:m.end - off + 40]
    return bool(re.search(r"(?:" + rx.pattern + r")(?:\s+[^\s\d,;:.]+){0,3}\s+$", before, re.I)
                or re.match(r"\s+(?:" + rx.pattern + r")", after, re.I))


def _placed(m: PartyMention, s: str, off: int) -> bool:
    """A side named as where people are held: after a preposition or "in the hands of",
    or its adjective before a word for captivity ("in Russian captivity")."""
    if m.kind == "alias" and word_regex("captivity").search(m.surface):
        return True
    before = s[:m.start - off]
    after = s[m.end - off:]
    article = r"(?:\s+(?:" + word_regex("article").pattern + r"))?\s+$"
    if m.kind == "alias" and (word_regex("preposition", r"\b", article).search(before[-30:])
                              or word_regex("held_place", r"\b", article).search(before[-40:])):
        return True
    return bool(word_regex("captivity", r"^\s+", r"\b").match(after))


_RULES: tuple[Callable[[_Figure], _Reading | None], ...] = (
    _held_list, _held_state, _held_placed, _held_there_are, _held_puts_at, _held_bringing_to,
    _held_by_subject, _held_clause)


def _subject(fig: _Figure, end: int | None = None) -> str | None:
    """The side named first in the clause that ends at ``end`` (sentence index): its subject."""
    end = len(fig.before) if end is None else end
    head = fig.text[:end]
    starts = [m.end() for m in _CLAUSE_START.finditer(head)]
    lo = fig.offset + (starts[-1] if starts else 0)
    inside = [m for m in fig.mentions if lo <= m.start and m.end <= fig.offset + end]
    # "Colombia's ELN guerrillas": a possessive names whose, the next side is the subject
    heads = [m for m in inside if not re.match(r"['\u2019]s\b", fig.text[m.end - fig.offset:])]
    return (heads or inside)[0].party if inside else None


def _reporting_side(fig: _Figure) -> str | None:
    """The one side a sentence names, when it is the one that reports: its own people are held."""
    sides = {m.party for m in fig.mentions}
    if len(sides) != 1:
        return None
    m = fig.mentions[0]
    said = _REPORTING.match(fig.text[m.end - fig.offset:]) or _ACCORDING.search(
        fig.text[:m.start - fig.offset])
    return m.party if said and m.kind == "alias" else None


def _holder_in(fig: _Figure, lo: int, hi: int) -> str | None:
    """The first side named as a holder between two document offsets."""
    for m in fig.mentions:
        if lo <= m.start < hi and _holds(m, fig.text, fig.offset):
            return m.party
    return None


def _names_side(fig: _Figure, placed: re.Match) -> bool:
    """ "in India", "in the hands of Hamas": the place is the side itself, named first."""
    where = placed.group("where")
    base = fig.offset + fig.parts_end + placed.start("where")
    first = re.match(r"(?:the )?(?:hands of (?:the )?)?", where, re.I).end()
    return any(m.start == base + first and m.kind == "alias" for m in fig.mentions)


def _holds(m: PartyMention, text: str, offset: int) -> bool:
    """A side named as a holder: its name, or its adjective before "custody", "jails"..."""
    if m.kind == "alias":
        return True
    return bool(_CUSTODY.match(text[m.end - offset:]))


def _last_alias_before(mentions: list[PartyMention], pos: int, text: str = "",
                       offset: int = 0) -> str | None:
    cands = [m for m in mentions if m.end <= pos and (m.kind == "alias" or (
        text and _holds(m, text, offset)))]
    return cands[-1].party if cands else None
