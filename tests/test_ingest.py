"""Reading articles from real files: encodings, front matter, HTML, JSON Lines, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powtrack.document import Document
from powtrack.ingest import ReadError, decode, read_file, read_paths

SWAP = (
    "Ukraine and Russia swapped prisoners of war on Wednesday, officials in Kyiv said.\n"
    "\n"
    "Some 230 Ukrainians came home, and 248 Russian servicemen were handed back.\n"
)


def read_all(*paths, published=None) -> list[Document | ReadError]:
    return list(read_paths([str(p) for p in paths], published=published))


def only_doc(*paths, published=None) -> Document:
    [item] = read_all(*paths, published=published)
    assert isinstance(item, Document), item
    return item


def only_error(*paths) -> ReadError:
    [item] = read_all(*paths)
    assert isinstance(item, ReadError), item
    assert "\n" not in item.message
    return item


# --- plain text and encodings ------------------------------------------------------


def test_text_utf8_reads_text_with_path_as_source_and_no_id(tmp_path):
    path = tmp_path / "swap.txt"
    path.write_text(SWAP, encoding="utf-8")
    doc = only_doc(path)
    assert doc.text == SWAP
    assert doc.source == str(path)
    assert doc.id is None and doc.url is None and doc.published is None


def test_text_crlf_and_lone_cr_newlines_become_lf(tmp_path):
    path = tmp_path / "swap.txt"
    path.write_bytes(b"First line.\r\nSecond line.\rThird line.\r\n")
    assert only_doc(path).text == "First line.\nSecond line.\nThird line.\n"


def test_text_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "swap.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SWAP.encode("utf-8"))
    assert only_doc(path).text == SWAP


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_utf16_and_utf32_with_bom_decode(tmp_path, encoding):
    text = "Обмін відбувся 27 грудня; 74 Ukrainians returned to Kyiv.\n"
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    path = tmp_path / "swap.txt"
    path.write_bytes(raw)
    assert only_doc(path).text == text


def test_text_windows_1251_cyrillic_decodes_to_the_original(tmp_path):
    text = "Обмін полоненими відбувся 27 грудня"
    path = tmp_path / "obmin.txt"
    path.write_bytes(text.encode("cp1251"))
    assert only_doc(path).text == text


def test_text_latin1_decodes_umlaut_in_english_paragraph(tmp_path):
    text = ("The two sides exchanged detainees in Zürich on Tuesday after months of quiet "
            "talks, a spokesman for the mediators told reporters outside the hotel.")
    path = tmp_path / "zurich.txt"
    path.write_bytes(text.encode("latin-1"))
    assert only_doc(path).text == text


def test_decode_prefers_windows_1252_when_code_pages_tie():
    assert decode("Ñandú and Citroën".encode("cp1252")) == "Ñandú and Citroën"


def test_decode_strips_control_characters_but_keeps_tab_and_newline():
    raw = b"Twelve\x07 detainees\twere\x1b freed.\nBoth sides\x7f confirmed\x0cthe swap."
    assert decode(raw) == "Twelve detainees\twere freed.\nBoth sides confirmed\nthe swap."


def test_decode_raises_value_error_for_binary_data():
    with pytest.raises(ValueError, match="PNG"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_unknown_extension_that_decodes_as_text_is_read_as_text(tmp_path):
    path = tmp_path / "swap.article"
    path.write_text(SWAP, encoding="utf-8")
    assert only_doc(path).text == SWAP


# --- front matter ------------------------------------------------------------------


def test_front_matter_fills_document_and_is_removed_from_text(tmp_path):
    path = tmp_path / "swap.md"
    path.write_text(
        "---\n"
        "url: https://news.example/swap\n"
        "published: 2024-01-03\n"
        'title: "Prisoners swapped at the border"\n'
        "id: ex-1\n"
        "lang: en\n"
        "author: ignored\n"
        "---\n"
        + SWAP,
        encoding="utf-8",
    )
    doc = only_doc(path)
    assert doc.text == SWAP
    assert doc.url == "https://news.example/swap"
    assert doc.published == date(2024, 1, 3)
    assert doc.title == "Prisoners swapped at the border"
    assert doc.id == "ex-1"
    assert doc.lang == "en"


def test_front_matter_without_closing_line_stays_text(tmp_path):
    text = "---\nurl: https://news.example/swap\n" + SWAP
    path = tmp_path / "swap.txt"
    path.write_text(text, encoding="utf-8")
    doc = only_doc(path)
    assert doc.text == text
    assert doc.url is None


def test_front_matter_with_bad_published_date_is_a_read_error(tmp_path):
    path = tmp_path / "swap.txt"
    path.write_text("---\npublished: last Tuesday\n---\n" + SWAP, encoding="utf-8")
    assert "published" in only_error(path).message


# --- HTML --------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Prisoner swap at the border | Example Wire</title>
  <meta property="article:published_time" content="2024-01-03T09:30:00+00:00">
  <link rel="canonical" href="https://wire.example/world/2024/01/03/prisoner-swap">
</head>
<body>
  <nav><ul><li><a href="/">Front page</a></li><li><a href="/sport">Sport scores</a></li></ul></nav>
  <article>
    <h1>Ukraine and Russia swap hundreds of prisoners</h1>
    <p>Ukraine and Russia exchanged prisoners of war on Wednesday in the largest swap since
    the invasion began, officials in Kyiv said in a statement.</p>
    <p>Some 230 Ukrainians came home, while 248 Russian servicemen were handed back,
    according to the defence ministry in Moscow, which released a short video.</p>
    <p>The United Arab Emirates mediated the exchange, both governments said, thanking
    Abu Dhabi for months of patient work behind the scenes.</p>
  </article>
  <footer>Copyright Example Wire. Subscribe to our newsletter for daily headlines.</footer>
</body>
</html>
"""


def test_html_page_gives_main_text_title_date_canonical_url_and_language(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only_doc(path)
    assert "248 Russian servicemen" in doc.text
    assert "Sport scores" not in doc.text
    assert "newsletter" not in doc.text
    assert "\n" in doc.text  # paragraph breaks kept
    assert doc.title == "Ukraine and Russia swap hundreds of prisoners"
    assert doc.published == date(2024, 1, 3)
    assert doc.url == "https://wire.example/world/2024/01/03/prisoner-swap"
    assert doc.lang == "en"
    assert doc.source == str(path)


def test_html_is_sniffed_from_content_whatever_the_extension(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    doc = only_doc(path)
    assert "<p>" not in doc.text
    assert doc.url == "https://wire.example/world/2024/01/03/prisoner-swap"


def test_html_og_url_is_used_without_canonical_link(tmp_path):
    page = PAGE.replace(
        '<link rel="canonical" href="https://wire.example/world/2024/01/03/prisoner-swap">',
        '<meta property="og:url" content="https://wire.example/og/swap">',
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert only_doc(path).url == "https://wire.example/og/swap"


def test_html_without_article_text_is_a_read_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<!doctype html><html><head><title>x</title></head><body></body></html>",
                    encoding="utf-8")
    assert only_error(path).message.startswith("no article text found in the HTML")


def test_html_declared_windows_1251_charset_is_honoured(tmp_path):
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1251">').replace(
        "Some 230 Ukrainians came home", "Some 230 Ukrainians (230 українців) came home")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    assert "230 українців" in only_doc(path).text


# --- JSON Lines ----------------------------------------------------------------------


def test_jsonl_reads_each_line_and_reports_bad_lines_by_number(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": SWAP, "url": "https://x.example/a1",
                    "published": "2024-01-03", "lang": "en", "events": [], "relevant": True}),
        '{"id": "a2", "text": "cut off',
        "",
        json.dumps({"id": "a3", "title": "no text here"}),
        json.dumps({"id": "a4", "text": "Armenia and Azerbaijan swapped 32 and 2 detainees.",
                    "published": None}),
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    docs = [i for i in items if isinstance(i, Document)]
    errs = [i for i in items if isinstance(i, ReadError)]
    assert [d.id for d in docs] == ["a1", "a4"]
    assert docs[0].text == SWAP
    assert docs[0].url == "https://x.example/a1"
    assert docs[0].published == date(2024, 1, 3)
    assert docs[0].lang == "en"
    assert docs[0].source == f"{path}:1"
    assert docs[1].published is None
    assert [e.source for e in errs] == [f"{path}:2", f"{path}:4"]
    assert "not valid JSON" in errs[0].message
    assert '"text"' in errs[1].message


def test_jsonl_invalid_published_is_an_error_for_that_line_only(tmp_path):
    path = tmp_path / "docs.ndjson"
    path.write_text(
        json.dumps({"id": "b1", "text": SWAP, "published": "03/01/2024"}) + "\n"
        + json.dumps({"id": "b2", "text": SWAP, "published": "2024-01-04"}) + "\n",
        encoding="utf-8",
    )
    error, doc = read_all(path)
    assert isinstance(error, ReadError) and error.source == f"{path}:1"
    assert "published" in error.message
    assert isinstance(doc, Document) and doc.published == date(2024, 1, 4)


def test_jsonl_lone_surrogates_and_deep_nesting_are_errors_for_their_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join([
        '{"id": "s", "text": "Kyiv said 5 came home \\ud800 in a swap."}',
        '{"id": "t", "title": "\\udc80", "text": "Kyiv said 6 came home."}',
        "[" * 100_000,
        '{"text": ' + "[" * 100_000 + "}",
        json.dumps({"id": "ok", "text": SWAP}),
    ]) + "\n", encoding="utf-8")
    *errors, doc = read_all(path)
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    assert all(isinstance(e, ReadError) and "\n" not in e.message for e in errors)
    assert '"text" holds a lone surrogate' in errors[0].message
    assert '"title" holds a lone surrogate' in errors[1].message
    assert "nested too deeply" in errors[2].message and "nested too deeply" in errors[3].message
    assert isinstance(doc, Document) and doc.id == "ok"


def test_jsonl_control_characters_in_metadata_are_dropped_as_in_the_text(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a\x00b", "title": "T\x07itle", "url": "https://x/\x00",
                                "lang": "e\x00n", "text": "Kyiv\x00 said 5 came home."}) + "\n",
                    encoding="utf-8")
    doc = only_doc(path)
    assert (doc.id, doc.title, doc.url, doc.lang, doc.text) == \
        ("ab", "Title", "https://x/", "en", "Kyiv said 5 came home.")


def read_stdin(data: bytes) -> list[list]:
    """Run read_paths(["-"]) in a real Python process with ``data`` on its stdin."""
    script = ("import json; from powtrack.ingest import read_paths\n"
              "print(json.dumps([[type(i).__name__, i.source, getattr(i, 'id', None),"
              " getattr(i, 'text', None)] for i in read_paths(['-'])]))")
    done = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True,
                          check=True)
    return json.loads(done.stdout)


def test_stdin_jsonl_is_sniffed_from_content():
    data = (json.dumps({"id": "s1", "text": SWAP}) + "\n" + "{broken\n").encode("utf-8")
    assert read_stdin(data) == [["Document", "-:1", "s1", SWAP], ["ReadError", "-:2", None, None]]


def test_stdin_that_starts_like_deeply_nested_json_is_read_as_text():
    data = ('{"a": ' + "[" * 50_000 + "\n" + SWAP).encode()
    [[kind, source, _, text]] = read_stdin(data)
    assert (kind, source) == ("Document", "-") and text.endswith(SWAP)


def test_stdin_plain_text_is_read_with_dash_source():
    assert read_stdin(SWAP.encode("utf-16")) == [["Document", "-", None, SWAP]]


def test_stdin_html_is_sniffed_from_content():
    [[kind, source, _, text]] = read_stdin(PAGE.encode("utf-8"))
    assert (kind, source) == ("Document", "-")
    assert "248 Russian servicemen" in text and "<p>" not in text


# --- bad input -----------------------------------------------------------------------


def test_empty_file_is_one_read_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    error = only_error(path)
    assert error.source == str(path)
    assert error.message.startswith("empty file")


def test_whitespace_only_file_is_one_read_error(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\t\n\r\n  ", encoding="utf-8")
    assert "whitespace" in only_error(path).message


def test_binary_file_named_txt_is_one_read_error(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x01\x02\x00\x00\xfe\x10\x00\x7f" * 64)
    assert only_error(path).message.startswith("binary file")


def test_png_named_txt_names_the_file_type(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    message = only_error(path).message
    assert message == (
        "binary file (looks like PNG image data); give a .txt, .html or .jsonl article")


def test_missing_path_is_one_read_error_and_reading_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SWAP, encoding="utf-8")
    missing = tmp_path / "nope.txt"
    error, doc = read_all(missing, good)
    assert isinstance(error, ReadError) and error.source == str(missing)
    assert "no such file" in error.message
    assert isinstance(doc, Document) and doc.text == SWAP


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable_file_is_one_read_error(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(SWAP, encoding="utf-8")
    path.chmod(0)
    try:
        assert "cannot read the file" in only_error(path).message
    finally:
        path.chmod(0o600)


def test_read_file_never_raises_on_bad_files(tmp_path):
    path = tmp_path / "undecodable.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    [item] = read_file(path)
    assert isinstance(item, ReadError)


# --- directories and the published default ------------------------------------------


def test_directory_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path):
    for name in ["b.txt", "a/c.txt", "a.txt", "a/.hidden.txt", ".git/config.txt", "z/y/x.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Report from {name}: 12 detainees were exchanged.", encoding="utf-8")
    sources = [Path(item.source).relative_to(tmp_path).as_posix() for item in read_all(tmp_path)]
    assert sources == ["a/c.txt", "a.txt", "b.txt", "z/y/x.txt"]


def test_empty_directory_is_one_read_error(tmp_path):
    (tmp_path / ".only-hidden").write_text(SWAP, encoding="utf-8")
    assert "no files" in only_error(tmp_path).message


def test_published_default_applies_only_where_the_document_has_none(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text(SWAP, encoding="utf-8")
    dated = tmp_path / "dated.txt"
    dated.write_text("---\npublished: 2023-05-06\n---\n" + SWAP, encoding="utf-8")
    lines = tmp_path / "rows.jsonl"
    lines.write_text(json.dumps({"id": "r1", "text": SWAP}) + "\n"
                     + json.dumps({"id": "r2", "text": SWAP, "published": "2022-02-02"}) + "\n",
                     encoding="utf-8")
    default = date(2024, 1, 3)
    got = {Path(d.source).name: d.published for d in read_all(plain, dated, lines,
                                                                published=default)}
    assert got == {
        "plain.txt": default,
        "dated.txt": date(2023, 5, 6),
        "rows.jsonl:1": default,
        "rows.jsonl:2": date(2022, 2, 2),
    }


def test_read_file_on_a_path_through_a_file_is_one_read_error(tmp_path):
    parent = tmp_path / "swap.txt"
    parent.write_text(SWAP, encoding="utf-8")
    [item] = read_file(parent / "child.txt")
    assert isinstance(item, ReadError)
    assert item.message.startswith("cannot read the file")


def test_read_file_on_a_directory_is_one_read_error(tmp_path):
    [item] = read_file(tmp_path)
    assert isinstance(item, ReadError) and "directory" in item.message


# --- any bytes at all ------------------------------------------------------------------


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".bin"]))
def test_any_bytes_give_documents_or_read_errors_and_never_raise(tmp_path, data, suffix):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    for item in read_file(path):
        assert isinstance(item, Document | ReadError)
        if isinstance(item, ReadError):
            assert item.message and "\n" not in item.message
        else:
            assert item.text.strip()


@settings(max_examples=200)
@given(st.binary(max_size=600))
def test_decode_returns_text_or_raises_value_error(data):
    try:
        text = decode(data)
    except ValueError:
        return
    assert "\r" not in text and "\x00" not in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_inside_a_directory_is_skipped_with_a_read_error(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "swap.txt").write_text(SWAP, encoding="utf-8")
    error, doc = read_all(tmp_path)
    assert isinstance(error, ReadError) and "not a regular file" in error.message
    assert isinstance(doc, Document) and doc.text == SWAP


def test_broken_symlink_inside_a_directory_is_one_read_error(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert "no such file" in only_error(tmp_path).message
