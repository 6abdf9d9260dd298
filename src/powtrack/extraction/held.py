"""Figures of captives still held ("at least 23 Armenians remain in Azerbaijani custody")."""

from __future__ import annotations

import re

from powtrack.extraction.figures import PartyMention
from powtrack.extraction.lexicon import party_table_opponent
from powtrack.extraction.numbers import Number

# the state words between the counted people and where they are held
_STATE_AFTER = re.compile(
    r"^(?P<gap>[^.;\d]{0,90}?)\b(?:(?<!the )remain(?:s\b(?! of)|ed)?|(?:are|is|were) still|still|(?:are|is) "
    r"(?:being |currently |believed to be |confirmed to be |thought to be )?(?:held|in|kept|"
    r"imprisoned|detained|captive)|will remain|will be left|left|being (?:held|captive|kept)|having been held|"
    r"(?:are|is) being held)\b(?P<where>[^.;]{0,80})", re.I)
_HOLDER_BEFORE = re.compile(
    r"\b(?:still )?(?:holds|is holding|are holding|holding|hold|held|has|have) (?:\w+ ){0,2}$", re.I)
_PUTS_AT = re.compile(r"\b(?:puts?|putting|estimates?|gives?|gave|sets?) the (?:number|figure|total) of "
                      r"[^.;]{0,60}?\b(?:still |remaining )?(?:held|in (?:\w+ )?(?:custody|captivity)|"
                      r"captive)[^.;\d]{0,40}?\bat\s+$", re.I)
_THERE_ARE = re.compile(r"\bthere (?:are|were|will be|remain)\s+(?:\w+\s+){0,2}$", re.I)
_NOT_HELD = re.compile(r"\b(?:killed|dead|died|missing|freed|released|returned|wounded|"
                       r"injured|brought home|exchanged|swapped|captured in|interviewed)\b", re.I)
_AFTER_SWAP = re.compile(r"\bafter (?:the|this|today|today's|\w+day's|that) ?(?:swap|exchange|"
                         r"release|releases|handover)?\b|\bafter today\b", re.I)


def find_held(sentence_text: str, offset: int, numbers: list[Number],
              mentions: list[PartyMention], head_of) -> list[dict]:
    """Held figures in one sentence: dicts with held_by, of, count, qualifier, span."""
    out = []
    s = sentence_text
    for num in numbers:
        a, b = num.start - offset, num.end - offset
        before, after = s[:a], s[b:]
        category, noun, np_len = head_of(after)
        if category == "bodies" or (category is None and not _PUTS_AT.search(before[-120:])):
            continue
        of_party = None
        np_end = b + np_len
        for m in mentions:
            if num.end <= m.start < offset + np_end + 1:
                of_party = m.party
        holder = None
        state = _STATE_AFTER.match(after[np_len:])
        there = _THERE_ARE.search(before[-40:])
        holder_before = _HOLDER_BEFORE.search(before[-40:])
        if state and not _NOT_HELD.search(state.group("gap")):
            where_start = offset + np_end + state.start("where")
            where_end = offset + np_end + state.end("where")
            for m in mentions:
                if where_start <= m.start < where_end and _holds(m, sentence_text, offset):
                    holder = m.party
                    break
            if holder is None and re.search(r"\bits custody\b", state.group("where")):
                holder = _last_alias_before(mentions, num.start)
        elif there and re.search(r"\b(?:in|held|captive|custody|prison|captivity)\b",
                                 after[np_len:np_len + 80]):
            where = after[np_len:np_len + 80]
            for m in mentions:
                if offset + np_end <= m.start < offset + np_end + len(where):
                    holder = m.party
                    break
        elif _PUTS_AT.search(before[-120:]):
            # "puts the number of Ukrainians still in separatist custody at 113"
            m_at = _PUTS_AT.search(before[-120:])
            lo = offset + len(before) - len(before[-120:]) + m_at.start()
            inside = [m for m in mentions if lo <= m.start < num.start]
            of_party = next((m.party for m in inside if m.kind == "people"), of_party)
            holder = next((m.party for m in inside if m.party != of_party), None)
        elif holder_before and not re.search(r"\b(?:has|have)\b", holder_before.group()):
            holder = _last_alias_before(mentions, num.start, sentence_text, offset)
            if holder is None:
                continue
        else:
            continue
        if of_party is None and holder is None:
            continue
        if of_party is None:
            of_party = party_table_opponent(holder)
        if holder is None:
            holder = party_table_opponent(of_party)
        if not holder or not of_party or holder == of_party:
            continue
        out.append({
            "held_by": holder, "of": of_party, "count": num.value,
            "qualifier": num.qualifier, "start": num.start, "end": num.end,
            "after_swap": bool(_AFTER_SWAP.search(s)),
        })
    return out


def _holds(m: PartyMention, text: str, offset: int) -> bool:
    """A side named as a holder: its name, or its adjective before "custody", "jails"..."""
    if m.kind == "alias":
        return True
    return bool(_CUSTODY.match(text[m.end - offset:]))


_CUSTODY = re.compile(r"\s+(?:custody|captivity|jails?|prisons?|detention|hands|forces|"
                      r"authorities|camps?)\b", re.I)


def _last_alias_before(mentions: list[PartyMention], pos: int, text: str = "",
                       offset: int = 0) -> str | None:
    cands = [m for m in mentions if m.end <= pos and (m.kind == "alias" or (
        text and _holds(m, text, offset)))]
    return cands[-1].party if cands else None
