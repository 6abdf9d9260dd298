"""Extract stage: exchange events, figures and held counts, each with evidence.

Steps, in order:
  1. gate: a document that never speaks of captives changing hands stops here;
  2. sentences, with the sides, numbers and dates each one names;
  3. figures: what each number counts and whose people they are;
  4. events: the main swap and dated background swaps, their sides, status,
     date, figures, mediators and handover place;
  5. held: captives still held, by whom, of whom.
"""

from __future__ import annotations

import re
from functools import lru_cache

from powtrack.document import Document
from powtrack.extraction.dates import find_dates
from powtrack.extraction.details import find_location, find_mediators
from powtrack.extraction.events import (
    Builder,
    assemble,
    build_events,
    choose_parties,
    event_status,
    mask_future,
)
from powtrack.extraction.figures import BOTH, Dropped, Figure, PartyMention, _head, classify
from powtrack.extraction.held import find_held
from powtrack.extraction.language import identify, other_script
from powtrack.extraction.lexicon import party_terms
from powtrack.extraction.numbers import find_numbers
from powtrack.extraction.packs import reading
from powtrack.extraction.text import READING, split_sentences, word_regex, word_set
from powtrack.records import Event, Evidence, Held, Record

# Cheap first look: documents that name no captives or no swap stop here.
_IRREALIS = re.compile(
    r"\b(?:could|might|(?-i:may)|should|if|whether|would like|urg(?:e|ed|ing)|call(?:s|ed|ing)? (?:on|for)|"
    r"demand(?:s|ed|ing)?|propos(?:e|es|ed|al|ing)|suggest(?:s|ed|ing)?|offer(?:s|ed)? to|possible|potential|prospective|push(?:ing)? for|hope[sd]? (?:for|to)|ready for|"
    r"ready to|seek(?:s|ing)?|if carried out|expected them to|wants?|wanted|no (?:new |such )?"
    r"(?:exchange|swap) has)\b", re.I)
# "KYIV, Jan 31 (EurasiaWire) -": the filing date of a wire story, not an event date
_DATELINE = re.compile(r"^[A-Z][A-Z .,'/-]{1,60}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*"
                       r"(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]\s")


def might_be_relevant(text: str) -> bool:
    """Step 1, the cheap gate: captives are named, and changing hands or being held.

    Plain substring tests over the lower-cased text (rows gate_* of the language
    packs, data/lang/*.tsv): most news stops here in a few microseconds. It is a superset of
    what the later steps can use, so it never loses a document they would keep.
    """
    captives, swap, held = _gate_automata()
    low = text.lower()
    return _found(captives, low) and (_found(swap, low) or _found(held, low))


def _found(automaton, text: str) -> bool:
    for _ in automaton.iter(text):
        return True
    return False


@lru_cache(maxsize=1)
def _gate_automata() -> tuple:
    """The gate word lists as Aho-Corasick automata: one pass over the text for all the
    words of every pack (about 40 µs for a 3 KB article)."""
    import ahocorasick

    out = []
    for name in ("gate_captives", "gate_swap", "gate_held"):
        automaton = ahocorasick.Automaton()
        for word in word_set(name):
            automaton.add_word(word, word)
        automaton.make_automaton()
        out.append(automaton)
    return tuple(out)


def _party_mentions(text: str) -> list[PartyMention]:
    terms, rx = party_terms()
    raw = [(m.start(1), m.end(1), terms[m.group(1)], m.group(1)) for m in rx.finditer(text)]
    strong = {t.canonical for _, _, t, _ in raw if not t.weak}
    return [PartyMention(a, b, t.canonical, t.kind, s) for a, b, t, s in raw
            if not t.weak or t.canonical in strong]


def _speaker(sentence_text: str, offset: int, mentions: list[PartyMention]) -> str | None:
    """The side whose official or outlet the sentence quotes."""
    m = word_regex("reporting").search(sentence_text)
    if not m:
        return None
    if m.group().lower() == "according to":
        after = [x for x in mentions if x.start - offset >= m.end()]
        return after[0].party if after else None
    before = [x for x in mentions if x.end - offset <= m.start()]
    if before:
        return before[-1].party
    after = [x for x in mentions if x.start - offset >= m.end()]
    return after[0].party if after else None


def extract_document(doc: Document, trace: list | None = None) -> Record:
    """Run steps 1-5 over a cleaned document and return its record.

    ``trace``, when a list, receives the document's sentences with what each step
    found in them (figures, dropped numbers, dates): `powtrack explain` prints it.
    """
    # Bounded work per document: a news article is far shorter than this; the
    # rest of an overlong text is not read (its offsets would still be valid).
    text = (doc.clean or doc.text)[:MAX_CHARS]
    record = Record(id=doc.key, relevant=False, url=doc.url, published=doc.published)
    # 1. gate (and the language, where the source did not give it)
    if not might_be_relevant(text):
        if doc.lang is None and other_script(text):
            doc.lang = identify(text)  # a language with no pack, not silently "irrelevant"
        return record
    if doc.lang is None:
        doc.lang = identify(text)
    token = READING.set(reading(doc.lang))  # English and the document's own packs
    try:
        return _extract(doc, text, record, trace)
    finally:
        READING.reset(token)


def _extract(doc: Document, text: str, record: Record, trace: list | None) -> Record:
    # 2. sentences, with the sides, numbers, dates and cues each one names
    sentences = split_sentences(text)
    if trace is not None:
        trace.extend(sentences)
    by_sentence = _mentions_by_sentence(text, sentences)
    _annotate_sentences(sentences, doc)
    # 3. figures: what each number counts and whose people they are
    home = None  # the side quoted last: "came home" is its home
    for s in sentences:
        ms = by_sentence.get(s.index, [])
        speaker = _speaker(s.text, s.start, ms) if ms else None
        _read_figures(s, ms, text, speaker, home)
        home = speaker or home
    _paired_returns(sentences)
    # 4. events: the main swap and the background ones
    record.events = _events(sentences, by_sentence, doc)
    record.relevant = bool(record.events)
    # 5. held: captives still held, by whom, of whom
    main = next((e for e in record.events if e.main), None)
    record.held = _held(sentences, by_sentence, main, doc)
    return record


def _mentions_by_sentence(text: str, sentences: list) -> dict[int, list[PartyMention]]:
    mentions = _party_mentions(text)
    by_sentence: dict[int, list[PartyMention]] = {}
    mi = 0
    for s in sentences:
        while mi < len(mentions) and mentions[mi].start < s.start:
            mi += 1
        j = mi
        while j < len(mentions) and mentions[j].start < s.end:
            by_sentence.setdefault(s.index, []).append(mentions[j])
            j += 1
    return by_sentence


def _annotate_sentences(sentences: list, doc: Document) -> None:
    """Step 2: each sentence's swap word, numbers, dates and status cues (``s.data``)."""
    not_swap = word_regex("not_swap")
    swap_rx = word_regex("swap")
    negation = word_regex("negation")
    cumulative = word_regex("cumulative")
    completed_rx = word_regex("completed")
    agreed_rx = word_regex("agreed")
    failed_rx = word_regex("failed")
    # relevance.lists: a story about trading lists of prisoners ("India and Pakistan trade
    # lists of prisoners") calls that trade "the exchange" all along
    lists_story = any(re.search(r"\blists?\b", m.group(), re.I) for s in sentences[:3]
                      for m in not_swap.finditer(s.text)) or any(
        re.search(r"\b(?:trade|exchange|swap|hand(?:ed)? (?:each other|over))\w*\s+(?:\w+\s+){0,2}"
                  r"lists\b", s.text, re.I) for s in sentences[:3])
    for s in sentences:
        # what is not a swap ("exchange of fire") is blanked only where a swap word is
        masked = not_swap.sub(lambda m: " " * len(m.group()), s.text) \
            if swap_rx.search(s.text) else ""
        if lists_story and re.search(r"\blists?\b|\bthe exchange\b|'s exchange\b", s.text, re.I):
            masked = ""
        swap = swap_rx.search(masked)
        # plural "exchanges"/"swaps" speak of swaps in general, not of one
        specific = swap and not re.fullmatch(r"(?:exchanges|swaps)", swap.group(), re.I)
        if swap and specific:
            specific = any(not re.fullmatch(r"(?:exchanges|swaps)", m.group(), re.I)
                           for m in swap_rx.finditer(masked))
        # a sentence that says nothing was given in return reports no swap
        s.data["swap"] = bool(specific) and not negation.search(s.text)
        s.data["numbers"] = [
            n.__class__(n.value, n.start + s.start, n.end + s.start, n.qualifier, n.words)
            for n in find_numbers(s.text)
        ]
        s.data["figures"] = []
        s.data["dropped"] = []
        if not (s.data["swap"] or s.data["numbers"]):
            # no swap and no number: nothing below can use its flags or dates (speed)
            s.data.update(irrealis=False, cumulative=False, completed=False, failed=False,
                          agreed_only=False, dateline_end=s.start, dates=[])
            continue
        s.data["irrealis"] = bool(_IRREALIS.search(s.text) or word_regex("irrealis").search(s.text))
        s.data["cumulative"] = bool(cumulative.search(s.text)) or _running_total(s.text)
        completed = completed_rx.search(mask_future(s.text))
        agreed = agreed_rx.search(s.text)
        spans = [(n.start - s.start, n.end - s.start) for n in s.data["numbers"]]
        if completed and agreed and spans and agreed.start() < spans[0][0] < completed.start() \
                and not any(0 <= a - completed.end() <= 16 and not re.search(
                    r"[,;:()]", s.text[completed.end():a]) or 0 <= completed.start() - b <= 12
                    for a, b in spans):
            # "the deal provided for 50 hostages ... for 150 prisoners freed by Israel": the
            # verb before the figures says what they are; "freed" after them describes them
            completed = None
        s.data["completed"] = bool(completed)
        s.data["failed"] = bool(failed_rx.search(s.text))
        s.data["agreed_only"] = bool(agreed) and not s.data["completed"]
        dateline = _DATELINE.match(s.text)
        s.data["dateline_end"] = s.start + dateline.end() if dateline else s.start
        s.data["dates"] = [
            _shift(d, s.start) for d in find_dates(s.text, doc.published)
            if not (dateline and d.end <= dateline.end())
        ]


def _read_figures(s, ms: list[PartyMention], text: str, speaker: str | None,
                  home: str | None) -> None:
    """Step 3: the figure frames of one sentence (``s.data["figures"]``) and the numbers
    dropped, each with the rule that dropped it (``s.data["dropped"]``)."""
    negation = word_regex("negation")
    hope = word_regex("hope")
    if not s.data["numbers"] or not (
            s.data["swap"] or _has_return_words(s.text) or _SHORTFALL.search(s.text)
            or re.search(r"\b(?:includ\w*|among|returnees|bodies|remains|made up of|consist\w*|"
                         r"compris\w*|composed of|broke?n? (?:\w+ )?down)\b", s.text, re.I)):
        return
    consumed: set[int] = set()
    dropped = s.data["dropped"]
    for n in s.data["numbers"]:
        if n.value == 0:
            continue
        if n.start in consumed:
            dropped.append((n, "drop.of_whole: the whole in 'N of M'"))
            continue
        if any(d.start <= n.start < d.end for d in s.data["dates"]) \
                or n.start < s.data["dateline_end"]:
            dropped.append((n, "drop.date: part of a date or dateline"))
            continue
        year_like = 1900 <= n.value <= 2100 and not n.words and "," not in text[n.start:n.end]
        f = classify(s.text, s.start, n, ms, speaker, home)
        if isinstance(f, Dropped):
            dropped.append((n, f.reason))
            continue
        if f.kind != "bodies" and s.data["cumulative"] and (
                _in_cumulative_clause(s, n) or _running_total(s.text)):
            dropped.append((n, "drop.cumulative: a running total"))
            continue
        if year_like and not (f.category or f.has_people_word):
            dropped.append((n, "drop.year: a year"))
            continue
        # "74 of 168": the 168 is not a figure of its own
        m = re.match(r"\s+of (?:the )?(\d[\d,]*)", text[n.end:n.end + 20])
        if m:
            consumed.add(n.end + m.start(1))
        if s.data["irrealis"] and not s.data["swap"] and f.kind == "returned":
            dropped.append((n, "drop.irrealis: a wish or a proposal, not a swap"))
            continue
        if f.kind == "returned" and hope.search(
                re.split(r"[.;:!?]", text[max(s.start, n.start - 60):n.start])[-1]):
            # "Kyiv still hopes to free about 90 more": a wish in the figure's own clause
            dropped.append((n, "drop.hope: a wish in the figure's own clause"))
            continue
        if not _near_return_words(s, n):
            dropped.append((n, "drop.no_return_words: no swap or return word near"))
            continue
        f.sentence = s
        s.data["figures"].append(f)
    _coordinated_nationals(s, text)
    _shared_promise(s, text)
    _shared_head(s, text)
    _prisoners_beside_civilians(s, text)
    _coordinated_sides(s, text)
    _named_companions(s, text)
    _same_number(s, text)
    _mark_parts(s.data["figures"])
    # two sides each getting people back in one sentence is a swap
    sides = {f.party for f in s.data["figures"] if f.kind == "returned" and f.party
             and not f.party.startswith("*")}
    both = any(f.party == BOTH for f in s.data["figures"])
    if (len(sides) >= 2 or both) and not s.data["irrealis"] and not negation.search(s.text):
        s.data["swap"] = True


def _events(sentences: list, by_sentence: dict[int, list[PartyMention]], doc: Document
            ) -> list[Event]:
    """Step 4: group the sentences into events and assemble each one's fields."""
    negation = word_regex("negation")
    # "nothing in return" makes the story a one-sided release;
    # "rather than a one-sided release" says the opposite
    doc_negated = any(negation.search(s.text) and not re.search(
        r"\b(?:rather than|instead of|not|no longer)\s+(?:a |an |the )?(?:\w+\s+)?(?:one-sided|"
        r"unilateral)|\b(?:past|previous|earlier|usually|often|in the past)\b", s.text, re.I)
        for s in sentences)
    headline = sentences[0] if sentences else None
    mediator_spans: set[int] = set()  # start offsets of mediator names
    mediators_by_sentence = {}
    for s in sentences:
        meds = find_mediators(s.text)  # it checks the sentence's topic itself
        mediators_by_sentence[s.index] = [(n, a + s.start, b + s.start) for n, a, b in meds]
        mediator_spans.update(a + s.start for _, a, _ in meds)
        s.data["mediators"] = bool(meds)
        s.data["place"] = bool((_PLACE_WORDS.search(s.text) or word_regex("place_cue").search(
            s.text)) and find_location(s.text))
    builders = build_events(sentences, doc.published)
    builders.sort(key=lambda b: not b.main)  # the main event first: background ones lean on it
    events: list[Event] = []
    main_parties: list[str] = []

    def evidence_sentence(s):
        return doc.text[s.start:s.end], s.start

    # segment.framework: the figures of a deal in stages make an event of their own
    framework = Builder(main=False, framework=True)
    for b in builders:
        for s, a, e in b.segments:
            for f in s.data["figures"]:
                if not a <= f.start < e:
                    continue
                if f.framework:
                    framework.figures.append(f)
                    if (s, a, e) not in framework.segments:
                        framework.segments.append((s, a, e))
                else:
                    b.figures.append(f)
    if framework.figures:
        builders.append(framework)
    for b in builders:
        b.status = "agreed" if b.framework else event_status(b, headline if b.main else None)
        parties = choose_parties(b, by_sentence, headline if b.main else None, mediator_spans,
                                 None if b.main else main_parties)
        if len(parties) < 2 and not b.main and main_parties:
            parties = list(main_parties)
        if len(parties) < 2:
            continue
        if b.main:
            main_parties = parties
        ev = assemble(b, parties, evidence_sentence)
        ev.status = b.status
        _date(ev, b, doc)
        if not b.main and not ev.returned and not ev.breakdown and ev.total is None:
            continue
        _mediators_and_place(ev, b, mediators_by_sentence, doc)
        events.append(ev)

    main = next((e for e in events if e.main), None)
    main_b = next((b for b in builders if b.main), None)
    # the mediators of a deal are the mediators of its stages
    if main is not None and not main.mediators:
        for e in events:
            if not e.main and e.status == "agreed" and e.date is None \
                    and set(e.parties) == set(main.parties):
                main.mediators = list(e.mediators)
                main.evidence += [x for x in e.evidence if x.field == "mediators"]
                break
    if main is not None and not main.returned and not main.breakdown and main.total is None and (
            (main.date is None and main.date_text is None and not _agreed_swap(main, main_b))
            or not any(
                _CAPTIVE_WORDS.search(s.text) for s, _, _ in main_b.segments if s.data["swap"])
            or (main.status == "completed" and not any(
                s.data["completed"] for s, _, _ in main_b.segments if s.data["swap"]))):
        # a swap with no figure and no date, or a swap of something other than people
        events = []
        main = None
    if main is None:
        events = []
    if doc_negated and main is not None and not _two_way(main):
        events = []
        main = None
    return events


def _held(sentences: list, by_sentence: dict[int, list[PartyMention]], main: Event | None,
          doc: Document) -> list[Held]:
    """Step 5: figures of captives still held."""
    out: list[Held] = []
    seen = set()
    for s in sentences:
        ms = by_sentence.get(s.index, [])
        for h in find_held(s.text, s.start, s.data["numbers"], ms, _head):
            held_by, of = _proxy(h["held_by"], main), _proxy(h["of"], main)
            key = (held_by, of, h["count"])
            if key in seen or held_by == of:
                continue
            seen.add(key)
            when = main.date if (main is not None and h["after_swap"]) else None
            ev = Evidence("held", h["count"], h["start"], h["end"],
                          doc.text[s.start:s.end], s.start, of, _speaker(s.text, s.start, ms))
            out.append(Held(held_by, of, h["count"], h["qualifier"], when, [ev]))
    return out


_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:now\s+|so far\s+|already\s+)?(?:been\s+)?\w+(?:ed|en|ght|t)\b|"
                      r"\bnow\b", re.I)
_RELATIVE = re.compile(r"\b(?:who|whom|which|that)\b[^,;.]*", re.I)
_THIS_DAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|on (?:mon|tues|wednes|"
                       r"thurs|fri|satur|sun)day)\b", re.I)


def _running_total(sentence: str) -> bool:
    """Rule cumulative.total: "in total" counts many swaps only in a perfect clause.

    "A total of 150 were exchanged" is one swap's figure; "the mediation has now
    secured the release of 1,500 in total" counts them all.
    """
    main_clause = _RELATIVE.sub("", sentence)  # "8 Russians who had been held": not the verb
    return bool(word_regex("cumulative_total").search(sentence) and _PERFECT.search(main_clause)
                and not _THIS_DAY.search(sentence))


_NATIONALS_GLUE = re.compile(r"\s+[\w'-]+(?:\s+[\w'-]+)?\s*(?:,|and|,\s*and|as well as|along with|"
                             r"together with)\s*")


_OUTSIDE_DEAL = re.compile(r"\b(?:under a separate (?:arrangement|deal|agreement)|separately from|"
                           r"not part of the (?:deal|agreement|exchange|swap)|outside the (?:deal|"
                           r"agreement|exchange))\b", re.I)


def _outside_the_deal(text: str, n) -> bool:
    """Whether the text says the nationals counted at ``n`` were freed outside the deal."""
    name = re.match(r"\s+(?:[a-z]+\s+)?([A-Z][a-z]+)", text[n.end:n.end + 30])
    if not name:
        return False
    stem = re.escape(name.group(1)[:4])
    return any(re.search(rf"\b{stem}", sentence) and _OUTSIDE_DEAL.search(sentence)
               for sentence in re.split(r"(?<=[.!?])\s+", text))


def _shared_promise(s, text: str) -> None:
    """Rule kind.shared_promise: "Kyiv is to hand the separatists 306 people and in return
    get 74": a figure in a clause joined to a promise, with no verb of a done handover
    between them, is promised too."""
    completed = word_regex("completed")
    figures = sorted(s.data["figures"], key=lambda f: f.start)
    for f, g in zip(figures, figures[1:], strict=False):
        between = text[f.end:g.start]
        own = re.split(r"[.;:,]", text[g.end:g.end + 50])[0]  # "... only 30 were handed over"
        if f.kind == "promised" and g.kind == "returned" and not re.search(r"[.;]", between) \
                and not completed.search(between) and not completed.search(own):
            g.kind = "promised"


def _paired_returns(sentences: list) -> None:
    """Rule relevance.paired: a report with no swap word in which one side's people are
    freed and, within the next two sentences, the other side's people are freed too
    ("13 hostages were freed ... 39 Palestinian detainees left prison") tells of a swap.

    The first-look gate has no bare "freed" words (most such news is one-sided and the
    gate must stay cheap), so this rule only reaches documents with another gate word."""
    from powtrack.extraction.lexicon import parties as party_table

    if any(s.data["swap"] for s in sentences):
        return
    counted = [(s, {f.party for f in s.data["figures"] if f.kind == "returned" and f.party
                    and not f.party.startswith("*")})
               for s in sentences if s.data["figures"] and not s.data["irrealis"]
               and not s.data["cumulative"]]
    table = party_table()
    for i, (s, sides) in enumerate(counted):
        for t, others in counted[i + 1:]:
            if t.index - s.index > 2:
                break
            if any(q in getattr(table.get(p), "opponents", ()) for p in sides for q in others):
                s.data["swap"] = t.data["swap"] = True
                return


def _shared_head(s, text: str) -> None:
    """Rule parts.shared_head: "61 and 63 people were received" (one side, two groups
    with one head noun, as when two republics each report theirs) gives 124."""
    from powtrack.extraction.figures import _forms

    figures = sorted(s.data["figures"], key=lambda f: f.start)
    for f, g in zip(figures, figures[1:], strict=False):
        m = _forms().shared_head.match(text[f.end:g.end + 1])
        if not (m and f.end + m.end() == g.end) or f.kind != "returned" \
                or g.kind != "returned" or f.party != g.party or f.party in (None, BOTH) \
                or f.category != g.category or f.nationals_of or f.nationals \
                or re.search(r"\b(?:between|from)\s+$", text[max(0, f.start - 12):f.start], re.I):
            continue
        g.nationals_of = f
        g.rule = "parts.shared_head"
        f.nationals.append(g)


def _coordinated_nationals(s, text: str) -> None:
    """Rule parts.nationals: "13 Israelis and four Thai citizens were released" gives Israel 17.

    People of another nationality listed with a side's own, in one handover, count
    with that side (SCHEMA, more than two countries); they are parts of its figure.
    """
    figures = sorted(s.data["figures"], key=lambda f: f.start)
    keep = []
    for n, reason in s.data["dropped"]:
        foreign = reason.startswith("drop.foreign_nationals")
        if not (foreign or reason.startswith("drop.bare_number")) or not (foreign or re.match(
                r"\s+(?:[a-z]+\s+)?[A-Z][a-z]", text[n.end:n.end + 30])):
            keep.append((n, reason))
            continue
        prev = [f for f in figures if f.end <= n.start and f.party and not f.party.startswith("*")]
        glue = text[prev[-1].end:n.start] if prev else ""
        # "215 Ukrainian POWs, among them ..., as well as 10 foreign fighters"
        far = foreign and re.search(r",?\s+(?:as well as|along with|together with|plus)\s+$", glue) \
            and len(glue) < 160 and not re.search(r"[.;]|\d", glue)
        if not prev or not (_NATIONALS_GLUE.fullmatch(glue) or far):
            keep.append((n, reason))
            continue
        if _outside_the_deal(text, n):
            keep.append((n, reason))  # "the Thais were released under a separate arrangement"
            continue
        head = prev[-1].nationals_of or prev[-1]  # "13 Israelis, 10 Thais and one Filipino"
        f = Figure(n.value, n.start, n.end, "returned", None, party=head.party,
                   qualifier=n.qualifier, speaker=head.speaker, sentence=s,
                   rule="parts.nationals")
        f.nationals_of = head
        head.nationals.append(f)
        s.data["figures"].append(f)
        figures.append(f)
    s.data["dropped"] = keep
    s.data["figures"].sort(key=lambda f: f.start)


def _prisoners_beside_civilians(s, text: str) -> None:
    """Rule parts.contrast: "270 prisoners and 120 civilians": the prisoners are the military part."""
    figures = sorted(s.data["figures"], key=lambda f: f.start)
    for f, g in zip(figures, figures[1:], strict=False):
        if f.category is None and g.category == "civilians" and f.kind == g.kind == "returned" \
                and re.fullmatch(r"\s+(?:prisoners|captives|detainees|POWs|prisoners of war)"
                                 r"(?:\s*,)?\s+(?:and|as well as|plus)\s+", text[f.end:g.start], re.I):
            f.category = "military"


def _coordinated_sides(s, text: str) -> None:
    """Rule side.coordinated: "each exchanged 270 prisoners and 120 civilians": the second
    figure of a list goes where the first one goes, unless its own words say otherwise."""
    figures = sorted(s.data["figures"], key=lambda f: f.start)
    for f, g in zip(figures, figures[1:], strict=False):
        if g.rule in ("side.unknown", "side.combined") and f.kind == g.kind and re.fullmatch(
                r"\s+[\w'-]+(?:\s+[\w'-]+){0,2}(?:\s*,)?\s+(?:and|as well as|plus)\s+",
                text[f.end:g.start]) and (f.party or f.other_of):
            g.party, g.other_of, g.combined = f.party, f.other_of, False
            g.rule = "side.coordinated"


# "Viktor Medvedchuk", "Brittney Griner": a person's name (two or more capitalised words)
_PERSON = r"(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z'’]+){1,3})"
_TITLES = r"(?:(?:the|former|jailed|detained|pro-Kremlin|opposition|politician|tycoon|journalist|" \
          r"reporter|pilot|activist|businessman|businesswoman|basketball|star|player|mayor|officer|" \
          r"commander|national|citizen|[A-Z]\.[A-Z]\.|U\.S\.|[A-Z][a-z]+(?=\s+[a-z]))\s+){0,4}"
_NAMED_AFTER = re.compile(r"^\s+[\w'-]+(?:\s+[\w'-]+){0,2}\s*,?\s+(?:as well as|along with|"
                          r"together with|and|plus)\s+" + _TITLES + _PERSON)
_NAMED_BEFORE = re.compile(_PERSON + r"\b[^.;]{0,160}\b(?:together|along) with\s+$")


def _named_companions(s, text: str) -> None:
    """Rule people.named_extra: "55 Russians as well as Viktor Medvedchuk" gives Russia 56.

    A named person handed over with a counted group is one more of that side's
    people (SCHEMA: a named person counts 1); the name is kept for ``people``.
    """
    from powtrack.extraction.lexicon import known_names

    known = known_names()
    for f in s.data["figures"]:
        if f.kind != "returned" or not (f.party or f.other_of) or f.party == BOTH:
            continue
        m = _NAMED_AFTER.match(text[f.end:f.end + 160])
        if m is None:
            m = _NAMED_BEFORE.search(text[s.start:f.start])
        if m is None or m.group("name") in known or any(
                w in known for w in m.group("name").split()):
            continue
        f.named.append(m.group("name"))
        f.value += 1
        f.rule += " + people.named_extra"


_AGREEMENT = re.compile(r"\b(?:agreed|agree|agreement|deal|accord)\b", re.I)


def _agreed_swap(ev: Event, b) -> bool:
    """Rule relevance.agreed: "the sides have agreed to exchange prisoners" is an event
    with no figure and no day yet."""
    return ev.status == "agreed" and any(
        s.data["swap"] and not s.data["irrealis"] and _AGREEMENT.search(s.text)
        for s, _, _ in b.segments)


_SAME_NUMBER = re.compile(r"\b(?:for|against|in return for|in exchange for)\s+[\"'“”]?(?:exactly)?[\"'“”]?\s*"
                          r"(?:as many|the same number(?: of)?)\b", re.I)


def _same_number(s, text: str) -> None:
    """Rule side.same_number: "195 Russians were swapped for exactly as many Ukrainians"."""
    for f in list(s.data["figures"]):
        if f.kind != "returned" or not f.party or f.party.startswith("*"):
            continue
        m = _SAME_NUMBER.search(text, f.end, min(s.end, f.end + 80))
        if m and not re.search(r"[.;]|\d", text[f.end:m.start()]):
            s.data["figures"].append(Figure(
                f.value, m.start(), m.end(), "returned", f.category, other_of=f.party,
                speaker=f.speaker, qualifier=f.qualifier, sentence=s, rule="side.same_number"))
    s.data["figures"].sort(key=lambda f: f.start)


def _two_way(ev: Event) -> bool:
    return sum(1 for v in ev.returned.values() if v) >= 2


def _proxy(party: str, main: Event | None) -> str:
    """Russia's custody in a swap with the separatists is the separatists' custody."""
    from powtrack.extraction.lexicon import parties as table

    if main is None or party in main.parties:
        return party
    for p in main.parties:
        t = table().get(p)
        if t and t.stands_for == party:
            return p
    return party


def _shift(d, offset):
    d.start += offset
    d.end += offset
    return d


_CAPTIVE_WORDS = re.compile(r"prisoner|\bPOWs?\b|captiv|hostage|detainee|soldier|servicem[ae]n|"
                            r"civilian|fighters|remains|bodies|полон|плен|заручник|заложник|"
                            r"prisonnier|otage|[Gg]efangen|[Gg]eisel|prisioner|rehene", re.I)
MAX_CHARS = 200_000
_PLACE_WORDS = re.compile(r"\b(?:took place|carried out|handovers?|where the|crossed|handed|"
                          r"brought to|traded|walked|happened)\b", re.I)
_SHORTFALL = re.compile(r"\b(?:refused|declined|chose to|did not (?:show|turn) up|list)\b", re.I)


def _mark_parts(figures) -> None:
    """Figures listed right after a total that they add up to are its parts.

    "The 39 Palestinians - 24 women and 15 teenage boys": 24 and 15 are not
    figures of their own.
    """
    for i, total in enumerate(figures):
        run, acc = [], 0
        for g in figures[i + 1:]:
            if g.kind not in ("returned", "part"):
                break
            run.append(g)
            acc += g.value
            if acc >= total.value:
                break
        if len(run) >= 2 and acc == total.value:
            for g in run:
                if g.kind == "returned" and not g.party and not g.other_of:
                    g.kind = "part"
                elif g.kind == "returned" and g.party == total.party:
                    g.kind = "part"
                elif g.kind == "returned" and g.category:
                    g.kind = "part"
                elif g.kind == "returned":
                    g.kind = "part"


def _near_return_words(s, n) -> bool:
    """A swap or return word within reach of the number, in the same sentence."""
    lo = max(0, n.start - s.start - 160)
    hi = n.end - s.start + 160
    window = s.text[lo:hi]
    return bool(_has_return_words(window) or word_regex("swap").search(window)
                or _SHORTFALL.search(window)
                or re.search(r"\b(?:bodies|remains|includ\w*|among|made up of|consist\w*|compris\w*|"
                             r"composed of)\b", window))


def _has_return_words(text: str) -> bool:
    return any(word_regex(k).search(text) for k in ("return_verbs", "receive_verbs",
                                                    "release_verbs"))


def _in_cumulative_clause(s, n) -> bool:
    rx = word_regex("cumulative")
    for m in rx.finditer(s.text):
        a, b = m.start() + s.start, m.end() + s.start
        lo, hi = (n.end, a) if a >= n.end else (b, n.start)
        between = s.text[lo - s.start:hi - s.start] if hi > lo else ""
        if re.search(r"\b\d+(?:st|nd|rd|th) (?:exchange|swap)\b|\b(?:first|largest|biggest|"
                     r"second|third) (?:\w+ )?(?:exchange|swap)\b", between, re.I):
            continue
        if re.search(r"[;]|\b(?:which|who|whom|where)\b", between) or len(between) > 160:
            continue
        if m.group().lower().startswith("since") and re.search(r"\d", between):
            continue  # "1,718 Gazans held since the fighting began": the nearer number's
        return True
    return False


def _date(ev: Event, b, doc: Document) -> None:
    """The event's day: its own date, else the day a side announced it, else the text's only day."""
    from dataclasses import replace

    from powtrack.extraction.dates import anchor_in_text, sole_day
    from powtrack.extraction.events import reporting_dates, strong_dates

    dm = b.date
    s = b.date_sentence or b.weak_sentence
    if dm is None and b.main and b.weak_date is not None and ev.status == "completed":
        dm = b.weak_date
    text = (doc.clean or doc.text)[:MAX_CHARS]
    sentences = None
    if (dm is None and b.main and ev.status == "completed") or (
            dm is not None and dm.value is None and doc.published is None):
        sentences = split_sentences(text)
        swap_rx = word_regex("swap")
        mentions = []
        for x in sentences:
            x.data["dates"] = [replace(d, start=d.start + x.start, end=d.end + x.start)
                               for d in find_dates(x.text, doc.published)]
            x.data["cumulative"] = False
            fit = {id(d) for d in strong_dates(x) + reporting_dates(x)}
            dateline = _DATELINE.match(x.text)
            for d in x.data["dates"]:
                rest = x.text[:d.start - x.start] + x.text[d.end - x.start:]
                if len(re.findall(r"[A-Za-z]{2,}", rest)) <= 3 or (
                        dateline and d.end - x.start <= dateline.end()):
                    continue  # a page's own stamp or dateline dates the page, not the swap
                mentions.append((d, id(d) in fit and not swap_rx.search(x.text), x))
    if dm is None and sentences is not None:
        # rule date.sole_day: a completed swap dated nowhere else takes the text's only day
        dm = sole_day([(d, ok) for d, ok, _ in mentions], doc.published)
        s = next((x for d, _, x in mentions if d is dm), None)
    if dm is None:
        return
    if ev.status == "agreed" and not dm.forward and dm.kind != "month":
        return
    ev.date_text = dm.text
    ev.date = dm.value if dm.kind != "month" else None
    if ev.date is None and dm.kind != "month" and sentences is not None:
        # rule date.anchored: no publication date, but a full date in the text
        ev.date = anchor_in_text(dm, [d for d, _, _ in mentions])
    if s is not None:
        ev.evidence.append(Evidence("date", ev.date.isoformat() if ev.date else None, dm.start,
                                    dm.end, doc.text[s.start:s.end], s.start))


def _mediators_and_place(ev: Event, b, mediators_by_sentence, doc: Document) -> None:
    seen_sentences = set()
    places = []
    for s, a, e in b.segments:
        for name, ma, mb in mediators_by_sentence.get(s.index, []):
            if not (a <= ma < e) or name in ev.parties or name in ev.mediators:
                continue
            ev.mediators.append(name)
            ev.evidence.append(Evidence("mediators", name, ma, mb, doc.text[s.start:s.end],
                                        s.start))
        if s.index not in seen_sentences:
            loc = find_location(s.text[a - s.start:e - s.start])
            if loc:
                places.append((loc, a, s))
        seen_sentences.add(s.index)
    # the first place named, unless it is a bare common noun ("at the border") and a
    # later sentence names the place ("the Margara crossing point")
    named = [x for x in places if any(c.isupper() for c in x[0][0])]
    if places:
        (phrase, la, lb), a, s = named[0] if named and places[0] not in named else places[0]
        ev.location = phrase
        ev.evidence.append(Evidence("location", phrase, la + a, lb + a,
                                    doc.text[s.start:s.end], s.start))


__all__ = ["extract_document", "might_be_relevant"]
