"""The relevance gate: a cheap look at a raw web page before trafilatura reads it.

Nearly all news is not about prisoner swaps, and reading a page with
trafilatura costs far more than this look. The gate asks what the
extractor's own first step asks (``extraction.might_be_relevant``): are
captives named, and are they changing hands or held? It uses the same word
lists (``gate_captives``, ``gate_swap`` and ``gate_held`` in
``data/vocabulary.tsv``), so the two cannot drift apart.

It is a superset of that step: it reads the raw page as trafilatura and the
clean stage would hand it to the extractor. Case is folded, inline tags inside
a word are dropped (``<b>P</b>risoners``), character references resolved
(``&#1087;``, ``&nbsp;``), accents composed, and in the lists' phrases any run
of white space and any dash or quote that the clean stage folds matches.
Every word the extractor would see is in that view, so a page the extractor
would keep is never stopped here.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

# Inline elements: trafilatura joins the text on either side of them, so a word
# split by one is still one word. Block elements stay, and keep words apart.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|"
    r"span|strong|sub|sup|time|tt|u|var|wbr)(?:\s[^>]*)?/?>")

CAPTIVES = ("gate_captives",)
CHANGING_HANDS = ("gate_swap", "gate_held")


def might_be_relevant(text_or_html: str) -> bool:
    """False when the text (plain, or a raw HTML page) cannot be about a prisoner swap.

    False means the extractor would stop the document at its own gate; True
    means only "read it and see": most pages that pass are about other things.
    """
    (captive_words, captive_rx), (hands_words, hands_rx) = _compiled()
    view = text_view(text_or_html)
    if not (any(w in view for w in captive_words)
            or (captive_rx is not None and captive_rx.search(view))):
        return False
    return any(w in view for w in hands_words) or (
        hands_rx is not None and hands_rx.search(view) is not None)


def text_view(text_or_html: str) -> str:
    """The page as the gate reads it: lower case, inline tags out, references resolved."""
    view = text_or_html.lower()
    if "<" in view:
        view = _INLINE_TAG.sub("", view)
    if "&" in view:
        view = _html.unescape(view)
    if not view.isascii() and not unicodedata.is_normalized("NFC", view):
        view = unicodedata.normalize("NFC", view)
    return view


@lru_cache(maxsize=1)
def _compiled():
    from powtrack.extraction.text import word_set

    out = []
    for names in (CAPTIVES, CHANGING_HANDS):
        entries = sorted({e.lower() for name in names for e in word_set(name)})
        words = tuple(e for e in entries if e.isalnum())
        phrases = [_phrase(e) for e in entries if not e.isalnum()]
        out.append((words, re.compile("|".join(phrases)) if phrases else None))
    return tuple(out)


def _phrase(entry: str) -> str:
    """A regex for an entry with spaces, dashes or quotes, as they may stand in raw HTML."""
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
