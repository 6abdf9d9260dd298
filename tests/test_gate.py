"""The relevance gate: a superset of the extractor's own gate, on text and on raw HTML."""

from __future__ import annotations

import html
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawl_data import ROOT, iter_pages, make_articles, page_html
from powtrack.clean import clean
from powtrack.document import Document
from powtrack.extraction import might_be_relevant as extractor_gate
from powtrack.extraction.text import word_set
from powtrack.gate import CAPTIVES, CHANGING_HANDS, might_be_relevant, text_view
from powtrack.ingest import read_paths
from powtrack.pipeline import extract

DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
GOLD = ROOT / "examples" / "gold.jsonl"


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def extractor_passes(text: str) -> bool:
    return extractor_gate(clean(Document(text=text)).clean)


def as_page(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n") if p.strip())
    return page_html(paragraphs)


# --- recall: nothing the extractor keeps is lost --------------------------------------


@pytest.mark.parametrize("source", ["examples", "dev"])
def test_gate_passes_every_relevant_document_and_every_document_with_held_figures(source):
    path = GOLD if source == "examples" else DEV
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    gold = rows(path)
    must = [g for g in gold if g.get("relevant") or g.get("held")]
    assert must
    lost = [g["id"] for g in must if not might_be_relevant(g["text"])]
    lost_html = [g["id"] for g in must if not might_be_relevant(as_page(g["text"]))]
    assert lost == [] and lost_html == []


@pytest.mark.parametrize("source", ["examples", "dev"])
def test_gate_passes_every_document_the_extractor_finds_anything_in(source):
    path = GOLD if source == "examples" else DEV
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    for g in rows(path):
        record = extract(g["text"], published=g.get("published"))
        if record.relevant or record.held:
            assert might_be_relevant(g["text"]), g["id"]


def test_gate_is_a_superset_of_the_extractor_gate_on_plain_text():
    texts = [g["text"] for g in rows(GOLD)] + [a.text for a in make_articles(400, 0.1, seed=3)]
    for text in texts:
        if extractor_passes(text):
            assert might_be_relevant(text)


def test_gate_on_raw_pages_passes_whatever_the_extractor_gate_passes_after_trafilatura(tmp_path):
    pages = list(iter_pages(120, seed=5, swap_share=0.1, negative_share=0.05))
    for i, page in enumerate(pages):
        (tmp_path / f"{i:03d}.html").write_bytes(page.body)
    docs = list(read_paths([str(tmp_path)]))
    assert len(docs) == len(pages)
    passed = 0
    for page, doc in zip(pages, docs, strict=True):
        if extractor_gate(clean(doc).clean):
            passed += 1
            assert might_be_relevant(page.html), page.url
    assert passed >= 12  # the swap pages at least


# --- what the view reads through ------------------------------------------------------


def test_gate_reads_a_word_split_by_inline_tags():
    assert might_be_relevant(page_html("<p><span class=cap>P</span>ris<b>on</b>ers "
                                       "were ex<em>chang</em>ed.</p>"))


def test_gate_reads_character_references_and_decomposed_accents():
    cyrillic = "".join(f"&#{ord(c)};" for c in "полонених") + " обмін"
    assert might_be_relevant(page_html(f"<p>{cyrillic}</p>"))
    assert might_be_relevant("des prisonniers ont e\u0301change\u0301")


def test_gate_reads_phrases_across_white_space_and_dashes():
    phrases = [e for name in CHANGING_HANDS for e in word_set(name) if not e.isalnum()]
    assert phrases  # the lists do have phrases, so this tests something
    for phrase in phrases:
        spaced = phrase.replace(" ", "&nbsp;\n ").replace("-", "&#8211;")
        assert might_be_relevant(page_html(f"<p>The prisoners: {spaced}.</p>")), phrase


def test_gate_ignores_scripts_styles_and_comments():
    hidden = ("<script>var s = 'prisoners were exchanged';</script><style>.prisoner-swap{}"
              "</style><!-- prisoners exchanged --><p>Rain is due on Sunday.</p>")
    assert not might_be_relevant(page_html(hidden))
    assert "prisoner" not in text_view(hidden)


def test_gate_keeps_the_text_of_elements_that_only_look_like_scripts():
    assert might_be_relevant("<scripts>prisoners were exchanged</scripts>")
    assert might_be_relevant("<p>prisoners were exchanged<script>unclosed")


def test_gate_stops_news_that_names_no_captives_changing_hands():
    assert not might_be_relevant("The central bank held rates at 4%, and shares rose.")
    assert not might_be_relevant(page_html("<p>Storm leaves thousands without power.</p>"))
    assert not might_be_relevant("")


def test_gate_stops_most_generated_news_pages():
    pages = list(iter_pages(300, seed=11, swap_share=0, negative_share=0))
    passed = sum(might_be_relevant(p.html) for p in pages)
    assert passed < len(pages) * 0.3


# --- a property: any text, rendered as HTML the way pages are written ------------------


def _vocabulary() -> list[str]:
    return sorted({e for name in CAPTIVES + CHANGING_HANDS for e in word_set(name)})


_FILLER = ["the", "rain", "said", "on", "Monday", "market", "90", "-", "for", "each", "side",
           "in", "return", "while", "people", "were", "held", "home"]


def _render(rng: random.Random, text: str) -> str:
    """HTML that trafilatura reads back as ``text``: inline tags in words, references, spaces."""
    out = []
    for ch in text:
        roll = rng.random()
        if ch == " " and roll < 0.2:
            out.append(rng.choice(["&nbsp;", "\n   ", " <b>", "</b> ", "&#32;"]))
        elif ch.isalpha() and roll < 0.08:
            out.append(rng.choice(["<span>", "</span>", "<em></em>", "<a href='x'></a>"]) + ch)
        elif ch.isalpha() and roll < 0.12:
            out.append(f"&#{ord(ch)};")
        elif ch == "-" and roll < 0.5:
            out.append(rng.choice(["\u2013", "&ndash;", "\u2011"]))
        else:
            out.append(html.escape(ch))
    return page_html("<p>" + "".join(out) + "</p>")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(_vocabulary() + _FILLER), min_size=1, max_size=14),
       seed=st.integers(0, 2**16), upper=st.booleans())
def test_gate_passes_any_rendered_text_that_the_extractor_gate_passes(words, seed, upper):
    text = " ".join(words)
    if upper:
        text = text.upper()
    if extractor_passes(text):
        assert might_be_relevant(text)
        assert might_be_relevant(_render(random.Random(seed), text))
