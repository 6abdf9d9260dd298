"""The relevance gate: a cheap look at a raw web page before trafilatura reads it.

Nearly all news is not about prisoner swaps, and reading a page with
trafilatura costs far more than this look. The gate asks what the
extractor's own first step asks (``extraction.might_be_relevant``): are
captives named, and are they changing hands or held? It uses the same word
lists (``gate_captives``, ``gate_swap`` and ``gate_held`` in
the language packs ``data/lang/*.tsv``), so the two cannot drift apart.

It is a superset of that step: it reads the raw page the way trafilatura and
the clean stage would hand it to the extractor. Case is folded; scripts,
styles and comments are dropped (no text of theirs reaches the extractor);
inline tags inside a word are dropped (``<b>P</b>risoners``) and other tags
become spaces; character references are resolved (``&#1087;``, ``&nbsp;``)
and accents composed; in the lists' phrases any run of white space, and any
dash or quote that the clean stage folds, matches. Every word the extractor
would see is in that view, so a page the extractor would keep is never
stopped here.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

CAPTIVES = ("gate_captives",)
CHANGING_HANDS = ("gate_swap", "gate_held")

# Inline elements: trafilatura joins the text on either side of them, so a word
# split by one is still one word. Other tags keep words apart.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|"
    r"span|strong|sub|sup|time|tt|u|var|wbr)(?:\s[^>]*)?/?>")
# A tag starts with a letter, "/", "!" or "?" after "<", as HTML parsers read it.
_TAG = re.compile(r"<[a-z/!?][^>]*>")
# Elements whose content is never text of the page (trafilatura drops them).
_NOT_TEXT = (("<script", "</script>"), ("<style", "</style>"), ("<!--", "-->"))
_TAG_NAME_ENDS = {" ", "\t", "\n", "\r", "\f", ">", "/"}


def might_be_relevant(text_or_html: str) -> bool:
    """False when the text (plain, or a raw HTML page) cannot be about a prisoner swap.

    False means the extractor would stop the document at its own gate; True
    means only "read it and see": most pages that pass are about other things.
    """
    (captive_words, captive_phrases), (hands_words, hands_phrases) = _compiled()
    view = text_view(text_or_html)
    return (_has_any(view, captive_words, captive_phrases)
            and _has_any(view, hands_words, hands_phrases))


def text_view(text_or_html: str) -> str:
    """The page as the gate reads it: lower case, its text only, references resolved."""
    view = text_or_html.lower()
    if "<" in view:
        view = _TAG.sub(" ", _INLINE_TAG.sub("", _drop_not_text(view)))
    if "&" in view:  # after the tags: "&lt;b&gt;" is text; lower again: "&#66;" is "B"
        view = _html.unescape(view).lower()
    if not view.isascii() and not unicodedata.is_normalized("NFC", view):
        view = unicodedata.normalize("NFC", view)
    return view


def _drop_not_text(view: str) -> str:
    """The lower-cased page without scripts, styles and comments (str.find: fast)."""
    for start_tag, end_tag in _NOT_TEXT:
        if start_tag not in view:
            continue
        parts, at, look = [], 0, 0
        while (start := view.find(start_tag, look)) >= 0:
            after = start + len(start_tag)
            if start_tag[1].isalpha() and view[after:after + 1] not in _TAG_NAME_ENDS:
                look = after  # "<scripts>", "<style-guide>": another element
                continue
            end = view.find(end_tag, after)
            if end < 0:  # never closed: keep the rest, it may be text after all
                break
            parts.append(view[at:start])
            parts.append(" ")
            at = look = end + len(end_tag)
        parts.append(view[at:])
        view = "".join(parts)
    return view


def _has_any(view: str, words: tuple[str, ...], phrases: tuple) -> bool:
    if any(w in view for w in words):
        return True
    # a phrase's regex runs only when its anchor word is there: str "in" scans
    # fast, while re has no fast scan for a pattern that starts with a class
    return any(anchor in view and rx.search(view) is not None for anchor, rx in phrases)


@lru_cache(maxsize=1)
def _compiled():
    from powtrack.extraction.text import word_set

    out = []
    for names in (CAPTIVES, CHANGING_HANDS):
        entries = sorted({e.lower() for name in names for e in word_set(name)})
        words = tuple(e for e in entries if e.isalnum())
        phrases = tuple(_anchored(e) for e in entries if not e.isalnum())
        out.append((words, phrases))
    return tuple(out)


def _anchored(entry: str) -> tuple[str, re.Pattern]:
    """(anchor word, regex) for an entry with spaces, dashes or quotes in it."""
    first = re.search(r"[^\W\d_]+", entry)
    if first is None:
        return "", re.compile(_phrase(entry))
    lead, word, rest = entry[:first.start()], first.group(), entry[first.end():]
    if lead and not any(ch.isspace() for ch in lead):
        # "-for-": find "for", then look behind it for the dash (fixed width)
        return word, re.compile(re.escape(word) + f"(?<={_phrase(lead + word)})" + _phrase(rest))
    return word, re.compile(_phrase(entry))


def _phrase(entry: str) -> str:
    """A regex for an entry as it may stand in raw HTML."""
    folded = _folded_by_clean()
    parts = []
    for ch in entry:
        if ch.isspace():
            parts.append(r"\s+")  # trafilatura folds runs of white space, &nbsp; included
        elif ch in folded:
            parts.append("[" + re.escape("".join(sorted(folded[ch] | {ch}))) + "]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@lru_cache(maxsize=1)
def _folded_by_clean() -> dict[str, set[str]]:
    """For each character the clean stage writes, the characters it writes it for."""
    from powtrack.clean import _TRANSLATE

    out: dict[str, set[str]] = defaultdict(set)
    for source, target in _TRANSLATE.items():
        if isinstance(target, str) and len(target) == 1:
            out[target].add(chr(source))
    return dict(out)
