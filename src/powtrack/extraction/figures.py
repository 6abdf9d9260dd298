"""Head counts in a sentence and whose people they are.

A figure is a number that counts captives ("230 Ukrainians", "twelve of them
servicemen", "the remains of four hostages"). For each one we decide what it
counts (people coming home, promised, refused, absent, bodies, wounded,
military or civilian parts) and, where the words say it, which side receives
them: by a demonym in the noun phrase ("248 Russian servicemen"), by a
destination ("handed over to the separatists"), by the side that let them go
("Ukraine handed over 55 Russians" gives them to the other side), by "N each"
or "N for N" (both sides), or by the speaker ("our people").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from powtrack.extraction.lexicon import party_terms
from powtrack.extraction.numbers import Number
from powtrack.extraction.text import word_regex, word_set

BOTH = "*both*"


@dataclass
class PartyMention:
    start: int
    end: int
    party: str
    kind: str        # alias | people
    surface: str


@dataclass
class Figure:
    value: int
    start: int
    end: int
    kind: str                  # returned | promised | refused | absent | bodies | wounded
    category: str | None       # military | civilians | None (head noun class)
    party: str | None = None   # receiving side, BOTH, or None when unknown
    other_of: str | None = None  # receiver is "the side opposite this one"
    speaker: str | None = None
    qualifier: str = "exact"
    supersedes: bool = False   # "bringing to 10 the number ...": replaces the side's figure
    sentence: object = None
    has_people_word: bool = False
    principle: bool = False    # "one-for-one": the kind of trade, a count only if alone
    framework: bool = False    # the figure of a deal carried out in stages, not of one stage
    extra: bool = False        # "a further 22": a group added to the side's figure
    combined: bool = False     # one figure for both sides together: the event's total
    rule: str = "side.unknown"   # the rule that decided the side (shown by `powtrack explain`)
    placed: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # people named beside the count, one each
    nationals: list[Figure] = field(default_factory=list)  # other nationals listed with these
    nationals_of: Figure | None = None  # the side's own figure these nationals are listed with  # where assembly put it, and by which rule


_NOT_RETURN_VERBS = frozenset(
    "interviewed killed executed captured detained arrested sentenced holding holds hold held "
    "injured wounded tortured convicted charged jailed abducted kidnapped seized imprisoned "
    "deported evacuated moved identified registered visited listed named leaving left "
    "killing injuring wounding".split())
_PARTICIPLES = frozenset(
    "deceased detained captured imprisoned abducted wounded injured jailed kidnapped released "
    "freed exchanged returned repatriated interned convicted accused alleged named unnamed "
    "armed unarmed sick elderly".split())
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,]*|[,;:()\"]")
# Language forms come from the packs (data/lang/*.tsv): "each", "each_before", "for_word",
# "own_of" and "our"; the patterns around them are the same in every language.


class _Forms:
    """The patterns classify() builds from the language packs' forms (data/lang/*.tsv)."""

    def __init__(self) -> None:
        from powtrack.extraction.text import alternation, vocabulary

        def alt(name: str) -> str:
            return alternation(vocabulary()[name])

        self.each_after = re.compile(rf"^[\w\s-]{{0,40}}?\b(?:{alt('each')})\b", re.I)
        self.each_before = re.compile(rf"\b(?:{alt('each_before')})\s+$", re.I)
        self.for_n = re.compile(rf"^\s*(?:-|\s)(?:{alt('for_word')})(?:-|\s)(\d[\d,]*|\w+)\b",
                                re.I)
        # "61 and 63 people", "61 y 63 personas": two numbers with one head noun
        self.shared_head = re.compile(rf"^\s*(?:,|\b(?:{alt('conjunction')})\b)\s*\d[\d,.]*(?=\s)",
                                      re.I)
        # "39 prisoners released by Israel", "39 prisonniers relâchés par Israël": the giver
        self.released_by = re.compile(
            rf"\b(?:{alt('release_verbs')}|{alt('return_verbs')})\s+(?:{alt('by_word')})"
            rf"\s+(?:[\w]{{1,3}}\s+|[\w]{{1,2}}['’])?$", re.I)
        # "58 soldiers for 228 people", "58 ... на 228": the other side's share of a trade
        self.for_before = re.compile(rf"\b(?:{alt('for_word')})\s+$", re.I)
        self.own_of = re.compile(rf"^\s+(?:{alt('own_of')}) ", re.I)
        self.our = frozenset(w.lower() for w in vocabulary()["our"])
        # "a further 22", "in addition, 23 ...", "додатково передала 22": a group added
        self.extra = re.compile(rf"\b(?:{alt('extra')})\b[^.;]{{0,60}}$", re.I)
        # "31 injured soldiers", "22 тяжкопоранених": wounded (stems match inflected forms)
        self.wounded = re.compile(rf"\b(?:{alt('wounded')})", re.I)
        self.wounded_after = re.compile(rf"^[^.;,\d]{{0,30}}?\b(?:{alt('wounded')})", re.I)
        # "among them", "including", "серед них", "darunter", "dont": a share of those counted
        self.subset = re.compile(rf"\b(?:{alt('subset')})\b[^.;]{{0,40}}$", re.I)
        # a side named after a preposition is not the one that acts ("from Russia", "з Росії")
        self.preposition = re.compile(rf"\b(?:{alt('preposition')})\s+(?:the\s+)?$", re.I)
        # "to Ukraine", "в Україну", "à Ucrânia": where the people went
        self.to = re.compile(rf"\b(?:{alt('to_word')})\s+(?:the\s+)?$", re.I)
        # "from Russian captivity", "з російського полону", "aus russischer Gefangenschaft"
        self.from_ = re.compile(rf"\b(?:{alt('from_word')})\s+(?:the\s+)?$", re.I)
        self.captivity_after = re.compile(rf"^[\w'’-]*\s*(?:{alt('captivity')})", re.I)
        self.captivity = re.compile(rf"(?:{alt('captivity')})", re.I)
        # a gap that is a return verb and at most two more words: "повернули", "regressaram"
        self.verb_gap = re.compile(rf"\s*(?:{alt('return_verbs')})(?:\s+[\w'’-]+){{0,2}}\s*", re.I)
        # "..., and the separatists 38", "..., а республики — 123": a clause that elides its
        # verb starts after a comma or a conjunction
        self.after_and = re.compile(rf"(?:,|\b(?:{alt('conjunction')})\b)\s*,?\s+(?:the\s+)?$",
                                    re.I)


@lru_cache(maxsize=1)
def _forms() -> _Forms:
    return _Forms()


_OF_NUMBER = re.compile(r"^\s+of (?:the )?(\d[\d,]*|\w+) ", re.I)


@lru_cache(maxsize=1)
def people_words() -> frozenset[str]:
    terms, _ = party_terms()
    return frozenset(t for t, term in terms.items() if term.kind == "people" and " " not in t)


def _captive_word(w: str) -> bool:
    w = w.rstrip(".,")
    return any(w in word_set(k) or any(e.startswith(w + " ") for e in word_set(k))
               for k in ("captive_military", "captive_civilian", "captive_other",
                         "captive_bodies"))


_SWAP_NOUNS = frozenset("swap swaps exchange exchanges deal deals release releases list lists "
                        "trade trades".split())


def _head(text_after: str) -> tuple[str | None, str | None, int]:
    """Walk the words after a number to its head noun.

    Returns (head noun class, head noun, length consumed) where the class is
    military, civilians, other, bodies, or None when the number counts
    something else (days, dollars, kilometres) or nothing at all.
    """
    military = word_set("captive_military")
    civilian = word_set("captive_civilian")
    other = word_set("captive_other")
    bodies = word_set("captive_bodies")
    not_count = word_set("not_count")
    consumed = 0
    words = list(_WORD.finditer(text_after[:90]))
    skipped = 0
    i = 0
    while i < len(words) and skipped <= 4:
        w = words[i].group().rstrip("-")
        low = w.lower().rstrip(".,")
        two = low + " " + words[i + 1].group().lower().rstrip(".,") if i + 1 < len(words) else ""
        three = (two + " " + words[i + 2].group().lower().rstrip(".,")
                 if i + 2 < len(words) else "")
        consumed = words[i].end()
        if w in people_words() and any(x.group().lower().rstrip(".,") in not_count
                                       for x in words[i + 1:i + 4]):
            return None, None, consumed  # "twenty Ukrainian and Russian families"
        if w in people_words() and (i + 1 >= len(words) or not _captive_word(
                words[i + 1].group().lower())):
            return "other", low, words[i].end()  # "94 Ukrainian left", "one Afghan"
        for phrase, n in ((three, 3), (two, 2), (low, 1)):
            if not phrase:
                continue
            nxt = words[i + n].group().lower() if i + n < len(words) else ""
            if nxt in _SWAP_NOUNS and (phrase in military or phrase in civilian
                                       or phrase in other or phrase in bodies):
                return None, None, words[i + n].end()  # "four prisoner swaps": swaps counted
            if phrase in military:
                return "military", phrase, words[i + n - 1].end()
            if phrase in civilian:
                return "civilians", phrase, words[i + n - 1].end()
            if phrase in bodies:
                return "bodies", phrase, words[i + n - 1].end()
            if phrase in other:
                return "other", phrase, words[i + n - 1].end()
        if low in not_count or low.startswith("year-old") or low.endswith("-year-old"):
            return None, None, consumed
        lemma_class = _lemma_class(w)
        if lemma_class:
            return lemma_class, low, words[i].end()  # a form the pack does not list
        if low.endswith("ed") and low not in _PARTICIPLES and "-" not in low and w.islower():
            return None, None, consumed  # a verb: "the two sides disagreed over names"
        if w in ",;:()\"" or low in {"and", "or", "to", "in", "on", "at", "from", "by", "than",
                                      "who", "which", "that", "were", "was", "are", "is",
                                      "had", "have", "has", "will", "the"}:
            return None, None, consumed
        if re.fullmatch(r"\d[\d,]*", w):
            return None, None, consumed
        skipped += 1
        i += 1
    return None, None, consumed


_LEMMA_CLASSES = (("captive_military", "military"), ("captive_civilian", "civilians"),
                  ("captive_bodies", "bodies"), ("captive_other", "other"))


def _lemma_class(word: str) -> str | None:
    """The head-noun class of an inflected form no pack lists, by its lemma (simplemma,
    data shipped in the wheel): French "prisonnière" when the pack lists "prisonnier".

    Only in a document with a pack of its own other than English; the lemma of the word
    is looked up among the lemmas of the pack's captive nouns."""
    from powtrack.extraction.text import READING

    langs = READING.get()
    if not langs or len(langs) < 2 or not word[:1].isalpha() or len(word) < 4:
        return None
    lang = langs[1]
    if word[:1].isupper() and lang != "de":
        return None  # a name; only German writes its nouns with a capital
    if any(word_regex(k, prefix="^", suffix="$").match(word)
           for k in ("return_verbs", "release_verbs", "receive_verbs")):
        return None  # "excarceló" shares its lemma with the listed "excarcelados"
    lemmas = _captive_lemmas(lang)
    if not lemmas:
        return None
    import simplemma

    lemma = simplemma.lemmatize(word, lang=lang).lower()
    return lemmas.get(lemma)


@lru_cache(maxsize=16)
def _captive_lemmas(lang: str) -> dict[str, str]:
    """lemma -> head-noun class, for the single-word captive nouns of one pack."""
    import simplemma

    from powtrack.extraction.packs import packs

    rows = packs().get(lang, {})
    out: dict[str, str] = {}
    for key, cls in _LEMMA_CLASSES:
        for entry in rows.get(key, []):
            if re.fullmatch(r"[^\W\d_]+", entry):
                out.setdefault(simplemma.lemmatize(entry, lang=lang).lower(), cls)
    return out


@dataclass(frozen=True)
class Dropped:
    """A number that is not a figure of the swap, and the rule that says why."""

    reason: str


def classify(sentence_text: str, offset: int, num: Number, mentions: list[PartyMention],
             speaker: str | None, home: str | None = None) -> Figure | Dropped:
    """Decide what one number counts and whose people they are (where the words say it).

    ``speaker`` is the side this sentence quotes; ``home`` the side quoted last before it
    (a report's "came home" is the home of the side that tells it).
    """
    s = sentence_text
    a, b = num.start - offset, num.end - offset
    after = s[b:]
    before = s[:a]
    low_before = before.lower()

    # "74 of 168 Ukrainian soldiers": 74 is the figure, read the head of 168
    of_num = _OF_NUMBER.match(after)
    head_text = after
    if of_num:
        head_text = after[of_num.end() - 1:]
    forms = _forms()
    poss = forms.own_of.match(after)
    if poss:
        head_text = after[poss.end() - 1:]
    if re.match(r"^\s+of them\b", after, re.I):
        head_text = after[len(re.match(r"^\s+of them", after, re.I).group()):]
    shared = forms.shared_head.match(after)
    if shared:
        head_text = after[shared.end():]  # "61 and 63 people": the head of the second
    category, noun, np_len = _head(head_text)
    if num.words and num.value == 1 and noun and not shared and len(
            head_text.lower().split(noun.split()[0])[0].split()) > 2:
        # "una nuova lista di ostaggi": "one" far from its noun is an article
        category = None
    np_end = b + (len(after) - len(head_text)) + np_len
    if category is None:
        np_end = b  # a bare number: what follows is the clause, not a noun phrase

    paren = before.rfind("(")
    if paren >= 0 and ")" not in before[paren:] and re.search(
            r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
            r"fifty|hundred)\b)[^.;()]{0,40}\(\s*[^()]{0,40}$", before[max(0, paren - 45):], re.I):
        # "ten Americans (five citizens plus five residents)": a breakdown of the count before
        return Dropped("drop.parenthetical: restates the count before the parenthesis")
    if num.words and s[a:a + 1].isupper() and re.search(r"[A-Z][\w'-]+\s+$", before):
        return Dropped("drop.name: a number word inside a name ('Normandy Four')")
    if word_regex("aboard").search(s) and word_regex("crash").search(s):
        return Dropped("drop.aboard: people aboard an aircraft that crashed or was downed")
    if re.search(r"\b(?:every|per|each of the)\s+$", low_before[-12:]) or re.search(
            r"\bat (?:a|the) (?:rate|pace) of\s+$", low_before):
        return Dropped("drop.rate: 'every/per N'")
    # "ten prisoners from each side at a time", "in groups of 10": the pace, not a count
    if re.match(r"^[^.;\d]{0,40}?\bat a time\b", after) or re.search(
            r"\b(?:in (?:groups|batches|pairs|twos|threes) of|groups of)\s+$", low_before):
        return Dropped("drop.pace: 'N at a time', 'in groups of N'")
    # "10 Thai nationals": people of a country that is not a side here
    np_words = re.findall(r"[^\W\d_][\w.'-]*", head_text[:max(0, np_len)]) if category else []
    if len(np_words) >= 2 and np_words[-2][:1].isupper() and not any(
            num.end <= m.start < offset + np_end for m in mentions):
        return Dropped("drop.foreign_nationals: people of a country that is not a side")
    if re.search(r"\bforeign(?:ers)?\b", head_text[:max(0, np_len) + 1], re.I):
        return Dropped("drop.foreign_nationals: 'foreign'")

    kind = "returned"
    if re.search(r"\b(?:bodies|remains|coffins)(?: \w+)? of\s+(?:the |their |its )?(?:last |remaining |"
                 r"other |final )?$", low_before):
        kind = "bodies"
    elif category == "bodies":
        kind = "bodies"
    elif re.match(r"^\s+[\w-]+(?:'s|s'|’s|’)\s+(?:remains|bodies)\b", after):
        kind = "bodies"  # "the four hostages' remains"
    each_after = bool(forms.each_after.match(after)) and not re.match(r"^\s+each\s+other", after)
    for_n = forms.for_n.match(after)
    if category in (None, "other") and re.match(
            r"^\s+(?:\w+\s+){0,2}(?:who (?:were|are) )?(?:seriously |severely |badly |gravely )?"
            r"(?:wounded|injured)\b", after, re.I) and re.search(
            r"\binclud|\bamong\b", low_before):
        kind = "wounded"
    if kind == "returned" and forms.wounded.search(head_text[:max(0, np_len)]):
        kind = "wounded"  # "31 injured Ukrainian soldiers": a breakdown of the side's total
    elif kind == "returned" and category and word_regex("return_verbs").search(
            head_text[:max(0, np_len)]) and forms.wounded_after.match(after[np_end - b:]):
        kind = "wounded"  # "5 freed soldiers are seriously wounded": some of those freed
    # a local share of the swap: "three men from our district were among those freed"
    if re.match(r"^[^.;,]{0,40}?\b(?:(?:were|was|are|is)\s+)?among\b(?!\s+(?:them|whom)\b)",
                after[np_end - b:]) or re.match(
            r"^\s*(?:who\s+(?:come|came)\s+)?from\s+(?:our|the|this)\s+(?:district|region|city|town|"
            r"village|oblast|area|province|community)", after[np_end - b:], re.I):
        return Dropped("drop.local_share: a local share of those freed")
    if re.search(r"\bonly\s+$", low_before) and re.match(r"^\s+of them\b", after):
        # "only two of them would return": fewer than the figure before
        return Figure(num.value, num.start, num.end, "returned", None, other_of="*fewer*",
                      qualifier=num.qualifier, speaker=speaker)
    if re.search(r"\bthe other\s+$", low_before) and not word_regex("refused").search(after[:60]) \
            and not word_regex("absent").search(after[:60]):
        return Dropped("drop.share_of_other: 'the other N'")  # "the other two freed Americans": a share of a group counted elsewhere
    # "36 of the freed Ukrainians had serious injuries": a share of those freed
    if kind == "returned" and re.match(r"^\s+of (?:the|those)\s+(?:[\w-]+\s+)?(?:freed|released|"
                                       r"returned|returning|exchanged|swapped|repatriated)\b", after, re.I):
        if re.search(r"\b(?:injur|wound|ill\b|illness|sick|hurt)", after[:140], re.I):
            kind = "wounded"
        elif category not in ("military", "civilians"):
            return Dropped("drop.subset: a share of those freed")
        else:
            kind = "part"
    # parts of a group named just before: "among them the three Americans"
    if kind == "returned" and (re.match(r"^\W*among (?:those|them|the)\b", low_before) or (
            forms.subset.search(low_before)) or re.search(
            r"^\W*of (?:those|them|these|whom),?\s+$", low_before)
            or re.match(r"^\s+of them\b", after, re.I)):
        if category not in ("military", "civilians"):
            return Dropped("drop.subset: a share of a group counted elsewhere")
        kind = "part"  # a share of a group counted elsewhere: only ever a breakdown

    tail = after[np_end - b:np_end - b + 110].lower()
    tail = re.split(r"\d|;|\bbut\b|,\s*(?:while|and)\b|\b(?:one|two|three|four|five|six|seven|"
                    r"eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\b", tail)[0]
    if re.match(r"^[^.;]{0,80}?\b(?<!to )(?<!the )(?:remain\b|remains\b(?! of)|(?:are|is|were) still|still held|"
                r"are held|are being held|is being held|will remain|left in)\b", tail):
        return Dropped("drop.still_held: a held figure, not a swap figure")  # captives still held: a held figure, not a swap figure
    if kind != "bodies" and re.match(
            r"^\s*(?:were |was |are )?(?:dead|killed|died|injured|wounded|missing)\b", tail):
        return Dropped("drop.casualties: dead, killed, wounded or missing")
    held_place = re.search(r"\b(?:in (?:\w+ )?(?:captivity|custody)|behind bars)\b", tail[:70])
    # "carried one [man] held in captivity to Baku": moved out of captivity, not held
    moved = re.search(r"\b(?:carried|flown|flew|taken|transported)\b", low_before[-80:]) and \
        re.search(r"\bto\s+(?:the\s+)?[A-Z]", after[np_end - b:np_end - b + 80])
    # "is freeing five Iranians held in US custody": the verb frees them
    moved = moved or re.search(r"\b(?:freeing|freed|frees|free|releasing|released|releases|release|"
                               r"handing over|handed over|hands over|swapping|swapped|exchanging|"
                               r"exchanged|trading|traded)\s+(?:\w+\s+){0,2}$", low_before)
    if held_place and not moved and not re.search(r"\b(?:returned|freed|released|brought|back|"
                                                  r"home|came|coming|returning)\b", tail):
        return Dropped("drop.in_custody: still in captivity or custody")
    # the verb that governs the number says what happens to these people
    gov = re.search(r"\b(\w+)\s+(?:(?:the|some|all|at least|more than|about|nearly|over|"
                    r"around|another|a further|only|just)\s+)*$", low_before[-60:])
    if gov and gov.group(1) in _NOT_RETURN_VERBS and kind != "bodies":
        return Dropped("drop.not_return_verb: the governing verb is not a return")
    refusal = word_regex("refused").search(tail)
    if kind == "returned" and refusal and not any(
            m.kind == "alias" and offset + np_end <= m.start < offset + np_end + refusal.start()
            and not forms.preposition.search(s[:m.start - offset])
            for m in mentions):  # "..., Israel had declined to ...": a side declines, not them
        kind = "refused"
    elif kind == "returned" and word_regex("absent").search(tail):
        kind = "absent"
    elif kind == "returned" and word_regex("promised", suffix=r"\s+(?:\w+\s+){0,2}$").search(
            low_before[-60:]):
        kind = "promised"
    elif kind == "returned" and re.search(r"\bof the\s+$", low_before) and re.search(
            r"^[^.;]{0,60},\s*only\b", after, re.I):
        kind = "promised"
    supersedes = bool(re.search(r"\bbringing (?:the (?:number|total)(?: of [^.;]{0,50}?)? |the \w+ )?to\s+$",
                                low_before))
    if category is None and each_after and not re.match(
            r"^\s+(?:(?:were|was|have been|had been)\s+)?(?:(?:freed|released|returned|handed over|"
            r"exchanged|swapped|sent home)\s+)?(?:each|apiece|on each side|from each side|on both "
            r"sides|to each side|on either side)\b", after):
        return Dropped("drop.not_captives: 'N <something> each'")  # "200 students each": not captives
    elided = any(m.kind == "alias" and not s[m.end - offset:a].strip(" \u2014\u2013-") and forms.after_and.search(
        s[:m.start - offset]) for m in mentions if m.end <= num.start) or (
        re.search(r"\band\s+$", low_before) and any(
            re.fullmatch(r"\s+to\s+(?:the\s+)?", s[b:m.start - offset]) for m in mentions
            if m.start >= num.end))  # "29 are to be sent to Ukraine and 19 to Russia"
    if category is None and kind == "returned":
        # bare numbers count only in the "N each", "N for N", "received N" and
        # "X freed 61 and Y 38" shapes
        if not (each_after or for_n or supersedes or elided or re.search(
                r"\b(?:figure|number|total|count|tally) (?:of|at|as)\s+$", low_before)
                or _PUTS_NUMBER_AT.search(before) or re.search(
                r"\b(?:received|handed over|freed|released|returned|swapped|exchanged)\s+$",
                low_before) or re.match(
                    r"^\s+(?:back|home)\b", after) and re.search(
                    r"\b(?:got|get|gets|getting|brought|bring|brings|took|welcomed)\s+$", low_before) or re.match(
                    r"^\s+(?:crossed|came|returned|went|(?:were|was|had been|have been)\s+(?:freed|"
                    r"released|handed over|returned|exchanged|transferred|sent))\b", after)):
            return Dropped("drop.bare_number: no captive noun and no swap shape")
    if category is None and kind in ("refused", "absent") and not re.match(
            r"^\s+(?:who|of them|others?|more)?\b", after):
        return Dropped("drop.bare_number: refused/absent with no captive noun")

    fig = Figure(num.value, num.start, num.end, kind,
                 category if category in ("military", "civilians") else None,
                 qualifier=num.qualifier, speaker=speaker, supersedes=supersedes)
    # "a further 22 wounded", "in addition, 23 ...": another group of the same handover
    fig.extra = bool(forms.extra.search(low_before))

    # 1. both sides: "N each", "N for N", "each freed N"
    if for_n:
        from powtrack.extraction.numbers import parse_number
        other_value = parse_number(for_n.group(1))
        if other_value == num.value:
            fig.party = BOTH
            fig.rule = "side.n_for_n"
            if num.value == 1:
                fig.principle = True  # "a one-for-one trade": 1 each only when nothing else counts
            if category is None and kind == "returned" and re.search(
                    r"\b(?:bodies|remains|dead)\b", s, re.I):
                fig.kind = "bodies"  # "exchanged the bodies ... on a 50-for-50 basis"
            # "the third stage of the 1,000-for-1,000 exchange": the deal, not this stage
            if (re.match(r"[^.;,]{0,12}?\b(?:prisoner |POW |captive )?(?:exchange|swap|deal|"
                         r"agreement|format|formula)\b", after[for_n.end():], re.I)
                    or word_regex("swap", suffix=r"\W{0,3}$").search(before)) \
                    and word_regex("stage").search(s):
                fig.framework = True
                fig.rule = "segment.framework"
            return fig
    if each_after or forms.each_before.search(before[-60:]):
        fig.party = BOTH
        fig.rule = "side.each"
        return fig

    if kind == "bodies":
        m_from = re.match(r"^\s*(?:from|of) (?:the )?", s[np_end:])
        if m_from:
            for m in mentions:
                if 0 <= m.start - offset - (np_end + m_from.end()) <= 12:
                    fig.party = m.party
                    fig.rule = "side.bodies_of"
                    return fig

    # 2. a demonym or side name inside the noun phrase
    for m in mentions:
        if (num.end <= m.start < offset + np_end + 1 or (
                offset + np_end <= m.start <= offset + np_end + 1 and m.kind == "people"
                and category is not None)) and m.start - num.end < 60 and not re.search(
                    r"\b(?:who|whom|which|that|whose)\b", s[b:m.start - offset]):
            fig.party = m.party
            fig.has_people_word = True
            fig.rule = "side.demonym_in_phrase"
            return fig
    if poss:
        word = poss.group().split()[-1].lower()
        if word in forms.our:
            fig.party = speaker
        else:
            fig.party = _subject(before, mentions, offset)
        if fig.party:
            fig.has_people_word = True
            fig.rule = "side.possessive"
            return fig

    if kind in ("refused", "absent", "wounded"):
        inside = [m for m in mentions if num.end <= m.start < offset + np_end + 1]
        near = [m for m in mentions if m.end <= num.start and num.start - m.end < 60
                and not re.search(r"[.;]", s[m.end - offset:a])]
        if kind == "wounded" and (inside or near):
            fig.party = (inside or near[-1:])[0].party
        fig.rule = "side.wounded_near"
        return fig
    if kind == "promised":
        m_dest = re.match(r"^[^.;,]{0,25}?\bto (?:the )?", after[np_end - b:])
        if m_dest:
            for m in mentions:
                if m.start - offset == np_end + m_dest.end() or (
                        0 <= m.start - offset - (np_end + m_dest.end()) <= 4):
                    fig.party = m.party
                    fig.rule = "side.promised_to"
                    return fig

    # 3. after the noun phrase: where they went, who held them
    rest_start = offset + np_end
    s[np_end:np_end + 90]
    for m in mentions:
        if m.start < rest_start or m.start > rest_start + 90:
            continue
        gap = s[np_end:m.start - offset].lower()
        if re.search(r"[.;]", gap):
            break
        if re.fullmatch(r"\s*from\s+(?:the\s+)?", gap) and category is not None and not re.search(
                r"\b(?:back|home|returned|rescued|received|got|get|gets|recovered|brought)\b",
                low_before[-80:]):
            # "144 fighters from Russia", "20 prisoners from the movement": whose people
            fig.party = m.party
            fig.rule = "side.affiliation"
            return fig
        if re.search(r"\b(?:held|imprisoned|detained|captured|kept)\s+(?:\w+\s+){0,3}(?:by|in)\s+"
                     r"(?:the\s+)?(?:[\w-]+\s+)?$", gap) or re.search(
                         r"\b(?:released|freed|handed over) by\s+(?:the\s+)?$", gap) or \
                forms.released_by.search(gap) and not _coordinated_after(s, m, mentions, offset) \
                or re.search(
                         r"\bfrom\s+(?:the\s+)?$", gap):
            fig.other_of = m.party
            fig.rule = "side.held_by_or_from"
            return fig
        in_place = re.search(r"\bin\s+(?:the\s+)?$", gap)
        if in_place and not re.search(r"\b(?:arrived|landed|back|home|returned)\b[^.;]{0,25}$", gap):
            continue  # "handed to the Red Cross in Gaza": where, not to whom
        if re.search(r"\b(?:to|into|in|for|reached|back to|home to)\s+(?:the\s+)?"
                     r"(?:territory controlled by\s+(?:the\s+)?)?$", gap) and re.search(
                         r"\b(?:return|sent|handed|transferred|back|home|flown|taken|went|"
                         r"released|freed|crossed|arrived|brought|delivered|came)", gap + " "
                         + low_before[-50:]):
            fig.party = m.party
            fig.rule = "side.destination"
            return fig

    puts = _PUTS_NUMBER_AT.search(before)
    if kind == "returned" and puts:
        inside = [m for m in mentions if offset + puts.start(1) <= m.start < offset + puts.end(1)]
        if inside:
            fig.party = inside[0].party  # "put the number of Ukrainians freed at 52"
            fig.rule = "side.number_of"
            return fig
    # 4. the side that acted: "Ukraine handed over N" / "X received N"
    subj = None
    for m in reversed([m for m in mentions if m.end <= num.start]):
        gap = s[m.end - offset:a].lower()
        if re.search(r"[.;]|\bwhile\b|, and\b", gap) or len(gap) > 90:
            break
        lead = s[:m.start - offset][-24:]
        if forms.to.search(lead) and forms.verb_gap.fullmatch(gap):
            # "в Україну повернули 84", "regressaram à Ucrânia 100": where they went, first
            fig.party = m.party
            fig.rule = "side.destination_before"
            return fig
        if forms.from_.search(lead) and (forms.captivity_after.match(s[m.end - offset:])
                                         or forms.captivity.search(m.surface)):
            # "із російської неволі ... 84", "from Russian captivity, 84": the holder gives
            fig.other_of = m.party
            fig.rule = "side.from_captivity"
            return fig
        if m.kind != "alias" and not re.search(r"\b(?:side|authorities|government|officials?|"
                                                r"forces|ministry)\b", gap[:25]) and not (
                not gap.strip(_QUOTES) and _gives_to(s[:m.start - offset])):
            continue  # a people word acts only as the one given to: "передали росіянам 11"
        if forms.preposition.search(lead):
            continue
        subj = m
        break
    pron = re.search(r"\b(?:it|they|we)\s+(?:\w+\s+){0,2}(\w+(?: over| back| home)?)\s+$", low_before)
    recv = word_regex("receive_verbs", suffix=r"\s+(?:[\w'’-]+\s+){0,4}$")
    rel = word_regex("release_verbs", suffix=r"\s+(?:[\w'’-]+\s+){0,4}$")
    if subj is not None and _coordinated(s, subj, mentions, offset):
        # "Armenia and Azerbaijan freed 60 captives": one figure for both, a total
        fig.rule = "side.combined"
        fig.combined = True
        return fig
    if subj is not None and not s[subj.end - offset:a].strip(_QUOTES) and _gives_to(
            s[:_apposition_start(subj, mentions) - offset]):
        fig.party = subj.party  # "Moscow hands Kyiv 225 prisoners": Kyiv receives them
        fig.rule = "side.indirect_object"
        return fig
    if subj is not None:
        gap = s[subj.end - offset:a]
        if recv.search(gap) or re.search(r"\breturned\s+$", gap) and re.search(
                r"^\s+of (?:its|their)\b", after):
            fig.party = subj.party
            fig.rule = "side.receiver_subject"
            return fig
        if rel.search(gap):
            fig.other_of = subj.party
            fig.rule = "side.giver_subject"
            return fig
        if re.search(r"\b(?:brought|brings|bringing|bring|got|gets|getting|get|welcomed|took|"
                     r"takes)\s+(?:\w+\s+){0,2}$", gap, re.I) and re.match(
                         r"^[^.;,]{0,30}?\b(?:home|back)\b", s[np_end:]):
            fig.party = subj.party  # "Ukraine brought 280 soldiers home"
            fig.rule = "side.receiver_subject"
            return fig
        if not gap.strip(" the\u2014\u2013-") and forms.after_and.search(s[:subj.start - offset]):
            # "Kyiv would free 87 people and the separatists 55": the verb is elided
            verbs = [(m.end(), "recv") for m in word_regex("receive_verbs").finditer(
                s[:subj.start - offset])] + [(m.end(), "rel") for m in word_regex(
                    "release_verbs").finditer(s[:subj.start - offset])]
            if verbs:
                if max(verbs)[1] == "recv":
                    fig.party = subj.party
                else:
                    fig.other_of = subj.party
                fig.rule = "side.elided_verb"
                return fig
    if speaker and not pron and recv.search(low_before[-40:]) and not any(
            m.kind == "alias" and m.party != speaker and 0 <= num.start - m.end < 80
            for m in mentions):
        fig.party = speaker  # "the rebels told agencies they had received 61": the teller
        fig.rule = "side.speaker_received"
        return fig
    if pron and speaker:
        if recv.search(low_before[-40:]):
            fig.party = speaker
            fig.rule = "side.pronoun_receiver"
            return fig
        if rel.search(low_before[-40:]):
            fig.other_of = speaker
            fig.rule = "side.pronoun_giver"
            return fig
    if speaker and kind == "returned" and re.match(
            r"^\s*(?:had |have |has )?(?:been |were |was |are |is )?(?:freed|released|returned|"
            r"home|back home|brought home|came home|come home)\b", s[np_end:], re.I):
        fig.party = speaker  # each side counts its own people home
        fig.rule = "side.speaker_home"
        return fig
    if kind == "returned" and re.search(r"\b(?:figure|number|total|count|tally) (?:of|at|as)\s+$",
                                        low_before):
        fig.other_of = "*same*"  # "gave a figure of 12": another count of the same people
        fig.rule = "side.same_people"
        return fig
    home = speaker or home
    if home and kind in ("returned", "bodies") and (
            word_regex("home", suffix=r"\s+(?:[\w'’-]+\s+){0,2}$").search(before[-50:])
            or word_regex("home", prefix=r"^[^.;,\d]{0,30}?\b").search(s[np_end:])):
        fig.party = home  # "додому передали 1000 тіл", "al país volvían 76": the teller's side
        fig.rule = "side.home"
        return fig
    if word_regex("in_return", suffix=r",?\s+(?:[\w'’-]+\s+){0,3}$").search(before) or (
            forms.for_before.search(before) and re.search(r"\d", before)) or re.search(
            r"\b(?:traded|exchanged|swapped|trading|"
                 r"exchanging|swapping|in (?:exchange|return))\s+for\s+(?:\w+\s+){0,2}$",
                 low_before) or re.search(
            r"^\s*(?:\w+\s+){0,4}(?:were |was )?(?:handed over |freed |released )?in return\b",
            after, re.I):
        fig.other_of = "*previous*"
        fig.rule = "side.in_return"
        return fig
    return fig


_QUOTES = " \"'«»“”„‘’"


def _gives_to(before: str) -> bool:
    """The words before a side are a giving verb: the side is the one given to."""
    return bool(re.search(r"\b(?:hands?|handed|handing|gave|gives|giving|sent|sends|returned|"
                          r"returns)\s+(?:the\s+)?$", before) or word_regex(
        "release_verbs", suffix=r"\s+$").search(before))


def _apposition_start(m: PartyMention, mentions: list[PartyMention]) -> int:
    """Where a side's name starts, with the same side named just before it ("the separatists
    of the 'LPR'"): the words before the first name govern both."""
    start = m.start
    for x in reversed([x for x in mentions if x.end <= start]):
        if x.party != m.party or x.end < start - 3:
            break
        start = x.start
    return start


_PUTS_NUMBER_AT = re.compile(r"\b(?:put|puts|putting|gave|gives|set|sets|placed|places) the (?:number|"
                             r"figure|total|count|tally) of ([^.;]{1,50}?) at\s+$", re.I)


def _coordinated(s: str, subj: PartyMention, mentions: list[PartyMention], offset: int) -> bool:
    """Whether the subject is one of two sides joined as one ("Armenia and Azerbaijan")."""
    for m in mentions:
        if m.end <= subj.start and m.party != subj.party and re.fullmatch(
                r"\s*(?:,|and|&)\s*(?:the\s+)?", s[m.end - offset:subj.start - offset]):
            return not re.search(r"\b(?:between|of|with|to|from|by)\s+(?:the\s+)?$",
                                 s[:m.start - offset][-16:])
    return False


def _coordinated_after(s: str, m: PartyMention, mentions: list[PartyMention], offset: int) -> bool:
    """Whether another side is joined to this one ("exchanged by Armenia and Azerbaijan")."""
    joint = _forms().after_and
    return any(x.start >= m.end and x.party != m.party and joint.search(
        s[m.end - offset:x.start - offset] + " ") and len(s[m.end - offset:x.start - offset]) < 12
        for x in mentions)


def _subject(before: str, mentions: list[PartyMention], offset: int) -> str | None:
    for m in reversed(mentions):
        if m.end - offset <= len(before) and m.kind == "alias":
            return m.party
    return None
