"""Mediators and handover places named in a sentence."""

from __future__ import annotations

import re
from functools import lru_cache

from powtrack.extraction.lexicon import mediator_terms, parties

# Entities follow the cue: "mediated by Qatar, Egypt and the United States".
_CUE_AFTER_SOURCE = (
    # lists first: "brokered by several states, including X, Y and Z", "the mediators — X, Y and Z"
    r"\b(?:(?:brokered|mediated|facilitated|negotiated) by [^.;]{0,60}?\b(?:including|among them|"
    r"such as|namely)|(?:the )?(?:[\w-]+ )?(?:mediators|brokers|intermediaries)\s*(?:[—–:]|--|,"
    r"\s*(?:including|namely|among them|such as))|mediated by|mediation (?:of|by|from)|brokered by|sponsored by|facilitated by|"
    r"(?:was|were) to be facilitated by|with the help of|thanks to(?: the mediation of)?|"
    r"under the auspices of|through the mediation of|through|with the assistance of|"
    r"following mediation by|in response to mediation by|co-?ordinated by|co-chaired by|arranged by|"
    r"organi[sz]ed by|"
    r"negotiated by|helped by|with the support of|with (?:the )?help (?:of|from)|with assistance from|"
    r"{mediation_by})\s+")
# Entities come before the cue: "the UAE, which brokered", "Turkey also helped to negotiate".
_CUE_BEFORE = re.compile(
    r"(?:-brokered|-mediated|-facilitated|-sponsored|-backed (?=talks|deal|agreement|negotiations)|"
    r"\s+mediation\b|\s+(?:help|assistance|facilitation)\b|"
    r"\s+(?:mediators?|negotiators?|go-betweens?)\b|"
    r"\s+(?:(?:officials|diplomats|envoys|authorities|government|monitors|delegates|teams?)\s+)?"
    r"(?:assisted|helped|oversaw|supervised|monitored|facilitated|managed|organi[sz]ed|ran|conducted|"
    r"co-?ordinated|arranged)\s+(?:with\s+|in\s+)?(?:the\s+)?(?:\w+\s+)?"
    r"(?:repatriation|swap|exchange|handover|transfer|release|arrangement|trade|deal|operation|airlift|flights)|"
    r",? (?:which|who) (?:\w+ ){0,3}(?:brokered|mediated|facilitated|co-?ordinated|co-chaired|sponsored|"
    r"mediating|brokering|facilitating|helped (?:to )?(?:broker|mediate|negotiate|arrange|secure|"
    r"organi[sz]e|co-?ordinate|facilitate))|\s+(?:(?:has|have|had|also|quietly|reportedly|jointly|"
    r"successfully|itself|personally|then|later|again)\s+){0,2}(?:mediated|brokered|facilitated|"
    r"co-?ordinated|co-chaired|sponsored)\b|\s+(?:also )?(?:helped|assisted) (?:to |in )?(?:negotiate|broker|"
    r"mediate|arrange|secure|organi[sz]e|co-?ordinate|facilitate|negotiating|brokering|mediating|"
    r"arranging|securing|organi[sz]ing|co-?ordinating|facilitating)|"
    r"\s+provided (?:humanitarian )?mediation|\s+(?:had |has )?(?:acted|served) as "
    r"(?:a )?(?:mediator|go-between)|\s+said (?:it|they|its \w+|their \w+) had (?:mediated|"
    r"coordinated|brokered|facilitated)|"
    # "the UAE played a key role in brokering the deal", "Doha played a vital role as go-between"
    r"\s+(?:had |has |have |also )?played (?:an? |the )?(?:[\w-]+\s+){0,2}(?:role|part) (?:in (?:the\s+)?"
    r"(?:\w+\s+)?(?:brokering|mediating|securing|arranging|negotiating|organi[sz]ing|facilitating|"
    r"swap|exchange|release|deal|handover)|as (?:an? |the )?(?:mediator|go-between|intermediary|"
    r"broker|facilitator))|"
    # "Qatar and Egypt credited the mediation of their leaders with securing the swap"
    r"\s+credited (?:the )?(?:mediation|efforts|role) of (?:their|its|his|her)\b|"
    # "Turkey was the coordinator of this swap"
    r"\s+(?:was|were|is|are|has been|had been) (?:the|an?|one of the) (?:[\w-]+ )?(?:co-?ordinator|"
    r"mediator|facilitator|broker|go-between|intermediar(?:y|ies))s?\b)", re.I)
_THANKS_SOURCE = r"\bthank(?:ed|ing|s)?\b|\b(?:gratitude|grateful|appreciation)\b|\b(?:{thanks})"
_THANKS_FOR = re.compile(
    r"^\s*for (?:its|their|his|her|the)?\s*(?:\w+\s+)?(?:mediation|help|role|efforts?|assistance|"
    r"facilitating|mediating|swap|exchange|release|support in|work on|part\b|brokering|"
    r"humanitarian mediation|making\b|co-?ordinating|overseeing|organi[sz]ing|arranging|securing|"
    r"negotiating)"
, re.I)
# "thanks X after the swap": thanks tied to the swap by time, not by "for"
_THANKS_AFTER = re.compile(r"^([^.;,]{1,60}?)\b(?:after|following) (?:the |a |an |this |their |its )?"
                           r"(?:[\w-]+\s+){0,3}(?:swap|exchange|release|handover)", re.I)
# A body that takes the captives over carries out the handover: "handed over to the Red Cross",
# "into the hands of the ICRC", "flown home on planes chartered by the ICRC". Only bodies that are
# never a side of a swap count, so "handed over to the Ukrainian side" credits no one.
_HANDED_TO = re.compile(
    r"\b(?:(?:handed|handing|passed|passing|delivered|delivering|transferred|transferring|released|"
    r"releasing|turned|turning)\b[^.;]{0,80}?\b(?:to|into the (?:hands|custody|care) of)|"
    r"into the (?:hands|custody|care) of|"
    r"(?:received|transported|escorted|ferried|flown|evacuated|chartered|accompanied|collected) by)"
    r"\s+(?:the\s+)?$", re.I)
# ... or that carries them: "Red Cross planes ferrying detainees", "the ICRC, whose buses took them"
_CARRIERS = ("planes", "aircraft", "flights", "vehicles", "buses", "ambulances", "convoys?", "staff",
             "teams?")
_CARRIED = ("took", "carried", "carrying", "ferried", "ferrying", "transported", "transporting",
            "flew", "flying", "drove", "driving", "escorted", "escorting")
_CARRIER_AFTER = re.compile(
    r"^(?:'s)?,?\s+(?:whose\s+)?(?:" + "|".join(_CARRIERS) + r")\s+(?:" + "|".join(_CARRIED)
    + r")\b", re.I)
# "an officer acting on behalf of the UN": the body the go-between acts for is the mediator
_ON_BEHALF = re.compile(r"^[^.;,]{0,50}?\b(?:acting )?on behalf of (?:the\s+)?$", re.I)
_NEGATED = re.compile(r"\bwithout (?:any )?(?:international |third-party |foreign )?"
                      r"(?:mediators?|mediation|the involvement of third parties|third parties)",
                      re.I)
_CONTEXT_SOURCE = (
    r"\b(?:exchanges?|swaps?|releases?|deal|truce|ceasefire|agreement|handover|transfer|freed|"
    r"trade[ds]?|repatriation|arrangement|handed|hands|custody|operation|released|releasing|passed to|"
    r"return|talks|negotiations|meeting|hostages?|prisoners?|detainees?|captives?|POWs?)\b|"
    r"{gate}")
_OFF_TOPIC = re.compile(r"\b(?:peace treaty|peace talks|peace process|nuclear|sanctions)\b", re.I)
_LIST_GLUE = re.compile(r"^(?:\s+(?:monitors|officials|delegates|mediators|envoys|diplomats))?(?:,\s*|\s+and\s+|,\s*and\s+|\s+together with\s+|\s+as well as\s+|"
                        r"\s+with\s+)(?:the\s+)?(?:leaders? of\s+|governments? of\s+|emir of\s+)?"
                        r"(?:the\s+)?$", re.I)


def _entities(text: str) -> list[tuple[int, int, str]]:
    terms, rx = mediator_terms()
    return [(m.start(1), m.end(1), terms[m.group(1)].canonical) for m in rx.finditer(text)]


class _Cues:
    """The cue patterns, with the language packs' words put in (data/lang/*.tsv keys
    mediation_by, mediation_word, thanks, handed_to, mediation_after_name, thanks_for,
    conjunction and article; gate_swap and gate_captives for the topic)."""

    def __init__(self) -> None:
        from powtrack.extraction.text import _trie, alternation, vocabulary

        def alt(name: str) -> str:
            return alternation(vocabulary()[name])

        gate = _trie(sorted({w.strip().lower() for w in vocabulary()["gate_swap"]
                             + vocabulary()["gate_captives"] if w.strip()}))
        self.after = re.compile(_CUE_AFTER_SOURCE.replace("{mediation_by}", alt("mediation_by")),
                                re.I)
        self.thanks = re.compile(_THANKS_SOURCE.replace("{thanks}", alt("thanks")), re.I)
        self.context = re.compile(_CONTEXT_SOURCE.replace("{gate}", gate), re.I)
        self.mediation = re.compile(rf"(?:{alt('mediation_word')})", re.I)
        # "puso en manos de la Cruz Roja": the body the captives are handed to
        self.handed_to = re.compile(rf"\b(?:{alt('handed_to')})(?:\s+[\w'’-]+){{0,3}}\s+$", re.I)
        # "Турция выступила одним из организаторов", "le Qatar, qui joue les médiateurs": a cue
        # right after the name, or opening a relative clause on it
        self.after_name = re.compile(rf",?\s+(?:{alt('mediation_after_name')})", re.I)
        # "Qatar ed Egitto", "Катар и Египет", "du Qatar et de l'Égypte": names listed with a
        # pack's conjunction, an article or article-preposition between them
        self.glue = re.compile(rf"\s*,?\s*(?:{alt('conjunction')})\s+(?:(?:{alt('article')})"
                               rf"(?:\s+|(?<=')))?", re.I)
        self.thanks_for = re.compile(rf"\b(?:{alt('thanks_for')})\b", re.I)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


def _cue_before(sentence: str):
    """The English cues after a mediator's name, and the packs' ones."""
    yield from _CUE_BEFORE.finditer(sentence)
    yield from _cues().after_name.finditer(sentence)


def find_mediators(sentence: str) -> list[tuple[str, int, int]]:
    """Third parties the sentence credits with brokering or helping the swap.

    Returns (canonical name, start, end) with offsets into ``sentence``.
    """
    ents = _entities(sentence)  # first: most sentences name no one who could mediate
    if not ents:
        return []
    if _NEGATED.search(sentence) or _OFF_TOPIC.search(sentence):
        return []
    # a sentence that neither speaks of a swap nor thanks someone for mediating credits no one
    if not _cues().context.search(sentence) and not re.search(
            r"\bthank\w*\b[^.;]{0,80}\bfor (?:its|their|his|her)\s+(?:\w+\s+)?(?:mediation|role|help)\b|"
            r"\bmediation (?:of|by)\b|-brokered\b", sentence, re.I) and not _cues().mediation.search(
            sentence) and not (_cues().thanks.search(sentence)
                               and _cues().thanks_for.search(sentence)):
        return []
    found: list[tuple[str, int, int]] = []

    def chain_from(i: int) -> list[int]:
        """Indexes of entities listed together starting at entity i, going forward."""
        out = [i]
        while out[-1] + 1 < len(ents):
            gap = sentence[ents[out[-1]][1]:ents[out[-1] + 1][0]]
            if _LIST_GLUE.match(gap) or _cues().glue.fullmatch(gap) or re.fullmatch(
                    r"(?:'s)?\s*(?:,|and|,\s*and)?\s*(?:the\s+)?",
                                                     gap):
                out.append(out[-1] + 1)
            else:
                break
        return out

    def chain_back(i: int) -> list[int]:
        out = [i]
        while out[0] - 1 >= 0:
            gap = sentence[ents[out[0] - 1][1]:ents[out[0]][0]]
            if _LIST_GLUE.match(gap) or _cues().glue.fullmatch(gap):
                out.insert(0, out[0] - 1)
            else:
                break
        return out

    for m in _cues().after.finditer(sentence):
        for i, (a, _b, _n) in enumerate(ents):
            between = sentence[m.end():a]
            if a >= m.end() and len(between) <= 40 and not re.search(r"[.;,]", between):
                for j in chain_from(i):
                    found.append((ents[j][2], ents[j][0], ents[j][1]))
                break
    for m in re.finditer(r"\b(?:brokered|mediated|facilitated|mediating|brokering)\b[^.;]{0,40}?\b(?:together with|along "
                         r"with|alongside|with)\s+(?:the\s+)?", sentence):
        for i, (a, _b, _n) in enumerate(ents):
            if a >= m.end() and a - m.end() <= 6:
                for j in chain_from(i):
                    found.append((ents[j][2], ents[j][0], ents[j][1]))
                break
    for m in _cue_before(sentence):
        for i in range(len(ents) - 1, -1, -1):
            a, b, _n = ents[i]
            between = sentence[b:m.start()]
            if b <= m.start() and not re.search(r"[.;]", between) and (
                    re.fullmatch(r"\)?(?:\s+(?:has|have|had|also|quietly|reportedly|jointly|itself))*"
                                 r"\s*|'s(?:\s+[\w-]+){0,3}\s*", between)
                    or (len(between) <= 60 and re.search(r"\bsaid\b", between))):
                for j in chain_back(i):
                    found.append((ents[j][2], ents[j][0], ents[j][1]))
                break
    for a, b, name in ents:
        if name in parties():
            continue
        if _HANDED_TO.search(sentence[max(0, a - 120):a]) or _cues().handed_to.search(
                sentence[max(0, a - 120):a]) or _CARRIER_AFTER.match(sentence[b:]):
            found.append((name, a, b))
    # the agent's own country gives way to the body it acts for
    for k, (_name, _a, b) in enumerate(found):
        for a2, b2, name2 in ents:
            if a2 > b and _ON_BEHALF.match(sentence[b:a2]):
                found[k] = (name2, a2, b2)
                break
    for m in _cues().thanks.finditer(sentence):
        rest = sentence[m.end():]
        pos = m.end()
        # walk "X for ..., and Y for ..." pieces
        for piece in re.finditer(r"(.*?)(\bfor\b[^,;.]*)", rest):
            head = piece.group(1)
            if _THANKS_FOR.match(piece.group(2)):
                for a, b, name in ents:
                    if pos + piece.start(1) <= a < pos + piece.end(1):
                        found.append((name, a, b))
            if re.search(r"[.;]", head):
                break
        # "подякували Міжнародному комітету Червоного Хреста за допомогу": a pack's reason
        reason = _cues().thanks_for.search(rest[:160])
        if reason and not re.search(r"[.;]", rest[:reason.start()]):
            found.extend((name, a, b) for a, b, name in ents if pos <= a < pos + reason.start())
        after = _THANKS_AFTER.match(rest)
        if after:
            found.extend((name, a, b) for a, b, name in ents if pos <= a < pos + after.end(1))
    seen, out = set(), []
    for name, a, b in found:
        if name not in seen:
            seen.add(name)
            out.append((name, a, b))
    return out


# Handover places. Rules, tried in order by find_location:
#   _place_before      "at the X crossing, where the handover took place"
#   _place_after_cue   "took place at the Mayorske crossing point", "handed over near X"
#   _place_town_first  "In the southern town of X, the handover ..."
#   _place_venue       "the venue was X", "X was the venue"
#   _place_left_after  "the plane leaving X airport after the swap"
_CUE_VERBS = ("took place", "takes place", "was carried out", "were carried out", "carried out",
              "happened", "was held", "handovers?", "exchanged", "swapped", "was freed",
              "were freed", "was completed", "handed over", "handed back", "handed", "exchanges?",
              "swaps?", "crossed(?: over| back)?", "crossed the line", "traded", "trade",
              "brought", "walked", "transferred", "turned over", "delivered", "passed(?: over)?",
              r"returned(?: home)?", "into the (?:hands|custody|care) of")
_PLACE_CUE = re.compile(r"\b(?:" + "|".join(_CUE_VERBS) + r")\b", re.I)
# prepositions that open a place; "to" only after verbs of motion
_PLACE_PREP = re.compile(r"\b(?:at|on|near|in|inside|outside|close to|next to|"
                         r"(?<=brought )to|(?<=taken )to|(?<=delivered )to)\s+", re.I)
_NOT_PLACE = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the morning|the evening|"
    r"the afternoon|return|exchange|the eve|an undisclosed|(?!\d[\d.,]*\s*(?:km|kilomet|miles?)\b)\d)",
    re.I)
# "hostages in Gaza", "prisoners held in Russia": where the captives were kept, not the handover
_CAPTIVE_BEFORE = re.compile(
    r"\b(?:hostages?|prisoners?|captives?|detainees?|POWs?|soldiers|servicemen|(?<!was )(?<!were )held|kept|jailed|"
    r"imprisoned|detained|captured|serving|remain|remaining|agreed)\s+$", re.I)
_NEW_CLAUSE = re.compile(r"\b(?:since|when|while|because|that|which|who|whose|where|although|though|"
                         r"if|(?:after|before|amid|following|until) (?:an?|the|its|their|his|her)\b)\b",
                         re.I)
_DATE_START = re.compile(
    r"(?:the )?(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?|\d|(?:early|late|mid)\b|"
    r"(?:this|last|next) )", re.I)
# "15 km east of Sirte", "some 30 kilometres north of the town of X"
_DISTANCE = re.compile(r"(?:(?:about|some|roughly|around|nearly|almost)\s+)?\d[\d.,]*\s*(?:km|"
                       r"kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+)?(?:north|south|east|west)"
                       r"(?:-?(?:east|west))?(?:ern)?\s+of\s+", re.I)
_PLACE_BEFORE = re.compile(r"\b(?:at|in|on)\s+([^,.;]{3,60}),\s+where the (?:handover|exchange|"
                           r"swap|handovers) (?:took place|happened)", re.I)
_PLACE_HEAD = re.compile(
    r"\b(?:checkpoints?|crossings?|crossing points?|border|frontier|airports?|airfield|airbase|"
    r"air base|road|bridge|square|port|line of contact|front ?line|no-man's land|tarmac|"
    r"terminal|station|base|village|checkpoint|junction|crossroads|roundabout|intersection|"
    r"gate|corridor)\b", re.I)
# heads that need a name with them: "the Donetsk region", "the town of X"
_ADMIN_HEAD = re.compile(r"\b(?:region|province|district|oblast|governorate|department|area|"
                         r"town|city|county|state)\b", re.I)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December", r"Jan\.", r"Feb\.", r"Aug\.", r"Sept?\.", r"Oct\.",
           r"Nov\.", r"Dec\.")
_HOLIDAYS = ("Christmas", "Easter", "New Year", "Eid", "Ramadan", "Hanukkah", "Orthodox Christmas",
             "Independence Day")
_PLACE_STOP = re.compile(
    r",|;|\.(?:\s|$)|\s+(?:where|when|while|in the presence|before|after|following|ahead of|and that|"
    r"amid|as|had|has|have|was|were|is|are|because|but|which|that|said|says|for|to|from|during|"
    r"until|thanks to|with (?:the |[\w-]+ )?(?:mediation|help|participation|support|assistance)|"
    r"and (?:then )?[a-z]+(?:ed|en)|"
    r"officials|under|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"on the (?:morning|evening)|in which|in a |in an |according|"
    r"(?:today|yesterday|overnight|earlier|later|last|this|next)\b|"
    r"(?:on|in|at|by)\s+(?:the\s+)?(?:\d|(?:" + "|".join(_MONTHS + _HOLIDAYS) + r")\b))\b")
_TOWN_FIRST = re.compile(
    r"\b(?:In|At|Near|Outside) (the (?:[\w-]+ )?(?:city|town|village|port|district|region|province) "
    r"of [A-Z][\w'-]+(?: [A-Z][\w'-]+)*),[^.;]{0,40}?\b(?:handover|exchange|swap|handed|swapped|"
    r"exchanged|freed|released)\b")
_VENUE = re.compile(
    r"\bvenue(?: (?:for|of) [^,.;]{1,40}?)? (?:was|is|will be)\s+(?P<after>[^,.;]{3,60})|"
    r"\b(?:[Ii]n|[Aa]t)\s+(?P<before>[A-Z][^,.;]{2,60}?),? (?:which |that )?(?:was|served as|"
    r"became) the venue\b")
_LEFT_AFTER = re.compile(
    r"\b(?:leaving|left|departs? from|departed from|departing from|took off from|taking off from)"
    r"\s+(?P<place>[^,.;]{3,60}?)\s+(?:after|following)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:swap|exchange|handover)\b", re.I)


def _place_before(sentence: str) -> tuple[str, int, int] | None:
    m = _PLACE_BEFORE.search(sentence)
    return (m.group(1).strip(), m.start(1), m.end(1)) if m else None


def _phrase_at(sentence: str, at: int, strong_cue: bool) -> tuple[str, int, int] | None:
    """The place phrase starting at ``at`` (after a preposition), or None if it is no place."""
    rest = sentence[at:]
    distance = _DISTANCE.match(rest)
    skip = distance.end() if distance else 0
    stop = _PLACE_STOP.search(rest, skip)
    phrase = rest[:stop.start()] if stop else rest
    phrase = phrase.strip().rstrip(".")
    tarmac = re.match(r"(?:the\s+)?tarmac (?:at|of)\s+", phrase, re.I)
    skip = tarmac.end() if tarmac else 0
    phrase = phrase[skip:]
    if not phrase or len(phrase) > 90 or (_DATE_START.match(phrase) and not distance):
        return None
    words = phrase.split()
    has_name = any(w[:1].isupper() for w in words[1:] + words[:1])
    if has_name:
        # "a checkpoint near X went smoothly": the phrase ends at its last name or place word
        spans = list(re.finditer(r"\S+", phrase))
        last = max(i for i, w in enumerate(spans)
                   if w.group()[:1].isupper() or _PLACE_HEAD.fullmatch(w.group())
                   or _ADMIN_HEAD.fullmatch(w.group()))
        phrase = phrase[:spans[last].end()]
        words = phrase.split()
        if re.search(r"'s?$", phrase):
            return None  # "on the president's orders": a possessive, not a place
    if distance:
        if not has_name:
            return None
    elif not (_PLACE_HEAD.search(phrase) or (_ADMIN_HEAD.search(phrase) and has_name)
              or (strong_cue and has_name and len(words) <= 4 and words[0][:1].isupper())):
        return None
    if not has_name and not _PLACE_HEAD.search(phrase):
        return None
    # "the checkpoint Mayorske": an appositive name drops the article
    am = re.match(r"the ((?:[a-z-]+ )+)([A-Z][\w'-]+)", phrase)
    start = at + skip
    if am and not re.search(r"\b(?:in|of|between|near|at|on)\b", am.group(1)):
        phrase = phrase[4:]
        start += 4
    return phrase, start, start + len(phrase)


def _place_after_cue(sentence: str) -> tuple[str, int, int] | None:
    for m in _PLACE_CUE.finditer(sentence):
        # "into the hands of the Red Cross inside Gaza": receiving captives names the place
        strong_cue = re.search(r"took place|carried out|happened|was held|handovers?\b|into the",
                               m.group(), re.I)
        window = re.match(r",?[^.;,]{0,60}", sentence[m.end():]).group()  # "The handover, at X"
        end = m.end() + len(window)
        starts = sorted([(p.start(), p.end()) for p in _PLACE_PREP.finditer(sentence, m.end(), end)]
                        + [(d.start(), d.start()) for d in _DISTANCE.finditer(sentence, m.end(), end)])
        for before, at in starts:
            if (at > before and _NOT_PLACE.match(sentence, at)) \
                    or _CAPTIVE_BEFORE.search(sentence[:before]):
                continue
            if _NEW_CLAUSE.search(sentence[m.end():before]):
                break  # "the swap since a plane crashed in X": X belongs to another clause
            found = _phrase_at(sentence, at, bool(strong_cue))
            if found:
                return found
            if not _DATE_START.match(sentence, at):
                break  # only a date may stand between the verb and its place
    return None


def _place_town_first(sentence: str) -> tuple[str, int, int] | None:
    m = _TOWN_FIRST.search(sentence)
    return (m.group(1), m.start(1), m.end(1)) if m else None


def _place_venue(sentence: str) -> tuple[str, int, int] | None:
    m = _VENUE.search(sentence)
    if not m:
        return None
    key = "after" if m.group("after") else "before"
    found = _phrase_at(sentence, m.start(key), True)
    if found and re.search(r"[A-Z]", found[0]):
        return found
    return None


def _place_left_after(sentence: str) -> tuple[str, int, int] | None:
    m = _LEFT_AFTER.search(sentence)
    if m and _PLACE_HEAD.search(m.group("place")) and re.search(r"[A-Z]", m.group("place")):
        return m.group("place"), m.start("place"), m.end("place")
    return None


# Other languages: the words come from the packs (place_cue, place_preposition, place_near,
# place_head, place_where; the swap words as weak cues), read while a document is read
# with its own packs (READING).
_PLACE_END = re.compile(r"[,;:.!?()\[\]–—\n]|\s-\s")


@lru_cache(maxsize=1)
def _time_words() -> re.Pattern:
    """Weekday, month and today/yesterday words of every pack: "в четвер", "am Mittwoch"."""
    from powtrack.extraction.packs import keyed, merged

    words = [w for k in ("weekday", "month") for ws in keyed(k).values() for w in ws]
    words += merged("today") + merged("yesterday")
    return re.compile(r"(?:" + "|".join(sorted({re.escape(w.lower()) for w in words}, key=len,
                                                reverse=True)) + r")", re.I)


def _capitalised(token: str) -> bool:
    letters = re.sub(r"^[^\w]+", "", token)
    return bool(letters) and letters[0].isupper()


def _pack_phrase(sentence: str, at: int, near: bool, strong: bool):
    """The place phrase starting at ``at`` (after a pack's preposition), cut at punctuation and
    at its last name or place word: "блокпосту біля міста Щастя", "l'aéroport d'Abou Dhabi"."""
    from powtrack.extraction.lexicon import party_terms
    from powtrack.extraction.text import word_regex

    rest = sentence[at:]
    stop = _PLACE_END.search(rest)
    rest = rest[:stop.start()] if stop else rest
    tokens = list(re.finditer(r"\S+", rest))[:10]
    if not tokens or _time_words().match(tokens[0].group()) or re.match(r"\d", tokens[0].group()):
        return None
    head = word_regex("place_head")
    names = [i for i, t in enumerate(tokens) if _capitalised(t.group())]
    heads = [i for i, t in enumerate(tokens) if head.match(t.group().strip("«»\"'“”„"))]
    if not names and not heads:
        return None
    last = max(names + heads)
    if last + 1 < len(tokens) and head.fullmatch(f"{tokens[last].group()} {tokens[last + 1].group()}"):
        last += 1  # a place word with its adjective after it: "obwodzie mikołajowskim"
    phrase = rest[:tokens[last].end()]
    if names and names[0] == 0:
        # "в Україну", "az Egyesült Államok az ... repülőtéren": a phrase that opens with a
        # side's name is no handover place
        first = party_terms()[1].match(rest)
        if first and first.end(1) >= tokens[0].end() - 4:
            return None
    if names and not heads:
        # "в Україну", "в Координаційному штабі": a side is no handover place
        covered = [(m.start(1), m.end(1)) for m in party_terms()[1].finditer(rest)]
        if all(any(a <= tokens[i].start() < b for a, b in covered) for i in names):
            return None
        if not (near or (strong and last + 1 <= 4)):
            return None
    start = at
    lead = re.match(r"(?:" + word_regex("article").pattern + r")\s+", phrase)
    if lead and lead.end() < len(phrase):
        start += lead.end()
        phrase = phrase[lead.end():]
    return phrase, start, start + len(phrase)


def _place_pack(sentence: str) -> tuple[str, int, int] | None:
    """A place after a handover cue ("Обмен прошел в районе X", "A entrega ocorreu no aeroporto
    de X"), or before one when it is near a town or names a place word ("Під Донецьком ...
    відбувся обмін", "на блокпосту біля міста X ... провела обмін", "X, onde ... troca")."""
    from powtrack.extraction.text import word_regex

    strong_rx = word_regex("place_cue")
    cues = sorted([(m.start(), m.end(), True) for m in strong_rx.finditer(sentence)]
                  + [(m.start(), m.end(), False) for m in word_regex("swap").finditer(sentence)])
    if not cues:
        return None
    prep = word_regex("place_preposition", prefix=r"(?<![\w'’])", suffix=r"(?:\s+|(?<=['’]))")
    near = word_regex("place_near")
    for _a, b, strong in cues:
        window = sentence[b:b + 120]
        stop = re.search(r"[.;:!?]|(?<=\S),", window)  # the verb's own clause
        window = window[:stop.start()] if stop else window
        for p in prep.finditer(window):
            if _NEW_CLAUSE.search(window[:p.start()]):
                break  # "the first swap since a plane crashed in X": another clause's place
            found = _pack_phrase(sentence, b + p.end(), bool(near.fullmatch(p.group().strip())),
                                 strong)
            if found:
                return found
    first_cue = cues[0][0]
    returning = word_regex("return_verbs")
    where = word_regex("place_where")
    # "até X, perto da fronteira, onde ... em troca": the place a where-clause of the swap
    # points back to, past one "near ..." apposition
    back = re.compile(r"(?:\s*,\s*(?:" + near.pattern + r")[^,.;]{0,60})?\s*,\s*(?:"
                      + where.pattern + ")", re.I)
    for p in prep.finditer(sentence):
        if p.start() >= cues[-1][0]:
            break
        is_near = bool(near.fullmatch(p.group().strip()))
        loose = _pack_phrase(sentence, p.end(), True, False)
        if loose and back.match(sentence, loose[2]) and any(
                c[0] > loose[2] and not re.search(r"[.;!?]", sentence[loose[2]:c[0]])
                for c in cues):
            return loose
        found = _pack_phrase(sentence, p.end(), is_near, False)
        if not found:
            continue
        phrase, start, end = found
        after = sentence[end:]
        cue = next((c for c in cues if c[0] >= end), None)
        if cue is None or cue[0] - end > 120 or re.search(r"[.;!?]", sentence[end:cue[0]]):
            continue
        between = sentence[end:cue[0]]
        # "X, onde um oficial foi solto em troca": a place the swap clause points back to
        if where.match(after.lstrip(" ,")) and not re.search(r"[.;!?]", between):
            return found
        # before the cue only a place word or "near X" is sure: "в Києві заявили" is not
        if (is_near or word_regex("place_head").search(phrase)) \
                and not returning.search(between) and start < first_cue + 200:
            return found
    return None


_PLACE_RULES = (_place_before, _place_after_cue, _place_town_first, _place_venue,
                _place_left_after, _place_pack)


def find_location(sentence: str) -> tuple[str, int, int] | None:
    """The handover place the sentence names, as written; None when it names none.

    Returns (phrase, start, end) with offsets into ``sentence``; the rules in
    ``_PLACE_RULES`` are tried in order and the first place found wins.
    """
    for rule in _PLACE_RULES:
        found = rule(sentence)
        if found:
            return found
    return None
