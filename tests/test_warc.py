"""Reading WARC archives: records, URLs and dates, encodings, damage, streaming, the ledger."""

from __future__ import annotations

import gzip
import importlib.util
import json
import tracemalloc
from datetime import date

import pytest
from click.testing import CliRunner

from crawl_data import (
    http,
    iter_pages,
    page_html,
    record,
    warc_file,
    write_html_files,
    write_warc,
)
from ledger_data import snapshot
from powtrack.cli import cli
from powtrack.document import Document
from powtrack.ingest import Page, ReadError, iter_warc, read_paths
from powtrack.pipeline import Skipped, process_item
from powtrack.store import Store

SWAP = ("<p>Ukraine and Russia swapped prisoners of war on Wednesday, officials said.</p>"
        "<p>Some 230 Ukrainians came home, and 248 Russian servicemen were handed back.</p>"
        "<p>The exchange was mediated by the United Arab Emirates, the foreign ministry said "
        "in a statement on its website late on Wednesday evening.</p>")
DATED = '<meta property="article:published_time" content="2024-01-03T09:00:00Z">'


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def docs(*paths) -> list[Document | ReadError]:
    return list(read_paths([str(p) for p in paths]))


def swap_page(head: str = DATED) -> bytes:
    return page_html(SWAP, "Ukraine and Russia swap prisoners", head).encode()


# --- what is read --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_warc_response_and_resource_records_become_documents_with_record_url(
        tmp_path, name, version):
    path = warc_file(tmp_path / name, [
        record("warcinfo", None, b"software: test\r\n", version),
        record("request", "https://a.example/1", b"GET /1 HTTP/1.1\r\n\r\n", version),
        record("response", "https://a.example/1", http(swap_page()), version),
        record("metadata", "https://a.example/1", b"fetchTimeMs: 5\r\n", version),
        record("resource", "https://b.example/2", swap_page(), version),
    ])
    found = docs(path)
    assert [type(d) for d in found] == [Document, Document]
    assert [d.url for d in found] == ["https://a.example/1", "https://b.example/2"]
    assert all(d.published == date(2024, 1, 3) for d in found)
    assert found[0].source.startswith(f"{path}@") and found[0].source != found[1].source
    assert "230 Ukrainians came home" in found[0].text


def test_warc_date_is_the_publication_date_of_a_page_that_states_none(tmp_path):
    path = warc_file(tmp_path / "x.warc.gz", [
        record("response", "https://a.example/1", http(swap_page(head="")),
               date="2024-02-07T23:10:00Z")])
    [doc] = docs(path)
    assert doc.published == date(2024, 2, 7)


def test_warc_passes_over_redirects_errors_images_and_pages_without_an_article(tmp_path):
    path = warc_file(tmp_path / "x.warc.gz", [
        record("response", "https://a.example/old", http(b"", "301 Moved Permanently")),
        record("response", "https://a.example/gone", http(swap_page(), "404 Not Found")),
        record("response", "https://a.example/p.jpg",
               http(b"\xff\xd8\xff\xe0" + bytes(200), content_type="image/jpeg")),
        record("response", "https://a.example/menu",
               http(b"<html><head><title>Menu</title></head><body><div id='app'></div>"
                    b"<script>render()</script></body></html>")),
        record("revisit", "https://a.example/1", b""),
        record("response", "https://a.example/1", http(swap_page())),
    ])
    assert [d.url for d in docs(path)] == ["https://a.example/1"]


def test_warc_page_charset_from_the_http_header_and_encodings_undone(tmp_path):
    cyrillic = page_html("<p>Россия и Украина обменялись пленными: 115 на 115.</p>"
                         "<p>Об этом сообщило министерство обороны в субботу вечером, "
                         "после завершения обмена военнопленными.</p>",
                         "Обмен").replace('<meta charset="utf-8">', "")
    chunked = b"10\r\n" + swap_page()[:16] + b"\r\n" + \
        f"{len(swap_page()) - 16:x}".encode() + b"\r\n" + swap_page()[16:] + b"\r\n0\r\n\r\n"
    path = warc_file(tmp_path / "x.warc.gz", [
        record("response", "https://ru.example/1",
               http(cyrillic.encode("cp1251"), content_type="text/html; charset=windows-1251")),
        record("response", "https://a.example/gz",
               http(gzip.compress(swap_page()), headers="Content-Encoding: gzip\r\n")),
        record("response", "https://a.example/chunked",
               http(chunked, headers="Transfer-Encoding: chunked\r\n")),
    ])
    found = docs(path)
    assert "обменялись пленными" in found[0].text
    assert found[1].text == found[2].text and "230 Ukrainians" in found[1].text


def test_warc_archives_in_a_directory_are_read_with_other_files(tmp_path):
    warc_file(tmp_path / "a.warc.gz", [record("resource", "https://a.example/1", swap_page())])
    (tmp_path / "b.txt").write_text("Ukraine and Russia swapped prisoners on Wednesday.\n")
    (tmp_path / "_SUCCESS").write_bytes(b"")  # left by Spark beside its output: not an article
    found = docs(tmp_path)
    assert [d.url for d in found] == ["https://a.example/1", None]


# --- damage ---------------------------------------------------------------------------


def _pages(n: int) -> list[bytes]:
    return [record("response", f"https://a.example/{i}", http(swap_page()))
            for i in range(n)]


def _offsets(records: list[bytes]) -> list[int]:
    offsets, at = [], 0
    for r in records:
        offsets.append(at)
        at += len(gzip.compress(r, mtime=0))
    return offsets


def test_truncated_warc_gz_keeps_pages_before_the_damage_and_names_file_and_offset(tmp_path):
    records = _pages(5)
    path = warc_file(tmp_path / "cut.warc.gz", records)
    data = path.read_bytes()
    cut = _offsets(records)[3] + 200  # inside the fourth record
    path.write_bytes(data[:cut])
    found = docs(path)
    assert [type(d) for d in found] == [Document] * 3 + [ReadError]
    error = found[-1]
    assert error.source == str(path)
    assert f"byte {_offsets(records)[3]}" in error.message and "3 pages" in error.message
    assert "\n" not in error.message


def test_corrupt_warc_gz_keeps_pages_before_the_damage_and_names_the_offset(tmp_path):
    records = _pages(5)
    path = warc_file(tmp_path / "bad.warc.gz", records)
    data = bytearray(path.read_bytes())
    where = _offsets(records)[2]
    data[where + 40:where + 90] = bytes(50)  # zeroes inside the third member's deflate data
    path.write_bytes(bytes(data))
    found = docs(path)
    assert [type(d) for d in found] == [Document] * 2 + [ReadError]
    assert found[-1].source == str(path) and f"byte {where}" in found[-1].message


def test_truncated_uncompressed_warc_names_the_record_it_ends_in(tmp_path):
    records = _pages(3)
    path = warc_file(tmp_path / "cut.warc", records)
    path.write_bytes(path.read_bytes()[:len(records[0]) + len(records[1]) + 300])
    found = docs(path)
    assert [type(d) for d in found] == [Document, Document, ReadError]
    assert f"byte {len(records[0]) + len(records[1])}" in found[-1].message


def test_a_file_that_is_not_a_warc_archive_is_one_error(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes about the prisoner swap.\n")
    [error] = docs(path)
    assert isinstance(error, ReadError) and "no WARC record" in error.message
    [missing] = docs(tmp_path / "none.warc.gz")
    assert "no such file" in missing.message
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    [nothing] = docs(empty)
    assert "no WARC records" in nothing.message


def test_archive_url_without_fsspec_says_what_to_install():
    if importlib.util.find_spec("fsspec") is not None:
        pytest.skip("fsspec is installed here, so URLs are opened")
    [error] = list(read_paths(["s3a://bucket/crawl.warc.gz"]))
    assert isinstance(error, ReadError) and "fsspec" in error.message
    [other] = list(read_paths(["https://example.com/article.html"]))
    assert "only WARC archives" in other.message


# --- streaming ------------------------------------------------------------------------


def test_reading_an_archive_streams_memory_does_not_grow_with_its_size(tmp_path):
    small, large = tmp_path / "small.warc.gz", tmp_path / "large.warc.gz"
    write_warc(small, iter_pages(60, seed=1))
    write_warc(large, iter_pages(600, seed=1))

    def peak(path) -> int:
        tracemalloc.start()
        n = sum(1 for _ in iter_warc(str(path)))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert n > 0
        return top

    assert peak(large) < 2 * peak(small) + 500_000


def test_deferred_reading_gives_pages_that_the_gate_stops_or_lets_through(tmp_path):
    path = warc_file(tmp_path / "x.warc.gz", [
        record("resource", "https://a.example/1", swap_page()),
        record("resource", "https://a.example/2",
               page_html("<p>Rain is due on Sunday across the north.</p>").encode()),
        record("resource", "https://a.example/3",
               b"<html><body><div id='app'></div><script>prisoners swapped</script></body></html>"),
    ])
    items = list(read_paths([str(path)], deferred=True))
    assert all(isinstance(i, Page) for i in items)
    first, second, third = (process_item(i) for i in items)
    assert first[1].relevant and first[0].url == "https://a.example/1"
    assert second == Skipped(items[1].source, "gate")
    doc, found = process_item(items[1], gate=False)  # read anyway: stored, found irrelevant
    assert doc.url == "https://a.example/2" and not found.relevant
    assert third == Skipped(items[2].source, "gate")
    assert process_item(items[2], gate=False) == Skipped(items[2].source, "no article")


# --- the CLI and the ledger -----------------------------------------------------------


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """150 generated pages (about 1 in 10 on swaps), as one archive and as .html files."""
    folder = tmp_path_factory.mktemp("crawl")
    pages = list(iter_pages(150, seed=2, swap_share=0.1, negative_share=0.03))
    write_warc(folder / "crawl.warc.gz", pages, resource_share=0.2)
    write_html_files(folder / "pages", pages)
    return folder


def test_extract_on_a_warc_prints_records_in_order_and_counts_pages_passed_over(crawl):
    result = run("extract", crawl / "crawl.warc.gz", "--jobs", "1")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(r["relevant"] for r in records) >= 14
    assert "web pages passed over" in result.stderr and "relevance gate" in result.stderr
    files = run("extract", crawl / "pages", "--jobs", "1")
    by_url = {json.loads(line)["url"]: line for line in files.stdout.splitlines()}
    assert all(by_url[r["url"]] == json.dumps(r, ensure_ascii=False) for r in records)


TABLES_WITHOUT_DOCUMENTS = ("mentions", "claims", "exchanges", "consensus", "held")


def test_generated_warc_gives_the_same_ledger_as_the_same_pages_given_as_files(crawl, tmp_path):
    from_files, from_warc = tmp_path / "files.db", tmp_path / "warc.db"
    assert run("ingest", crawl / "pages", "--db", from_files, "--jobs", "2").exit_code == 0
    assert run("ingest", crawl / "crawl.warc.gz", "--db", from_warc, "--jobs", "2",
               "--no-gate").exit_code == 0
    skip = ("source", "ingested_at")
    with Store.open(str(from_files)) as a, Store.open(str(from_warc)) as b:
        assert snapshot(a, skip=skip) == snapshot(b, skip=skip)


def test_the_gate_leaves_out_only_documents_with_nothing_in_them(crawl, tmp_path):
    from_files, gated = tmp_path / "files.db", tmp_path / "gated.db"
    run("ingest", crawl / "pages", "--db", from_files, "--jobs", "2")
    result = run("ingest", crawl / "crawl.warc.gz", "--db", gated, "--jobs", "2")
    assert result.exit_code == 0 and "at the relevance gate" in result.output
    skip = ("source", "ingested_at")
    with Store.open(str(from_files)) as a, Store.open(str(gated)) as b:
        full, kept = snapshot(a, skip=skip), snapshot(b, skip=skip)
        assert {t: full[t] for t in TABLES_WITHOUT_DOCUMENTS} == \
            {t: kept[t] for t in TABLES_WITHOUT_DOCUMENTS}
        assert set(kept["documents"]) < set(full["documents"])
        with a.engine.connect() as conn:
            left_out = conn.exec_driver_sql(
                "SELECT count(*) FROM documents WHERE relevant OR id IN "
                "(SELECT document_id FROM held) OR id IN (SELECT document_id FROM mentions)"
            ).scalar()
        assert left_out == sum(1 for _ in kept["documents"]) - _irrelevant(b)


def _irrelevant(store) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM documents WHERE NOT relevant AND id NOT IN "
            "(SELECT document_id FROM held) AND id NOT IN (SELECT document_id FROM mentions)"
        ).scalar()


def test_unreadable_gzip_member_in_a_warc_is_reported_by_ingest_and_the_rest_stored(tmp_path):
    records = _pages(3)
    path = warc_file(tmp_path / "bad.warc.gz", records)
    data = bytearray(path.read_bytes())
    where = _offsets(records)[2]
    data[where + 40:where + 90] = bytes(50)
    path.write_bytes(bytes(data))
    result = run("ingest", path, "--db", tmp_path / "l.db", "--jobs", "1")
    assert result.exit_code == 1
    assert f"powtrack: {path}: archive damaged at byte" in result.stderr
    # the two pages before the damage have the same text: stored once
    assert "2 documents read: 1 stored, 1 already stored; 1 input skipped" in result.stdout
