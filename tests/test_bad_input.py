"""Bad input through `powtrack extract` and `powtrack ingest`, run as a user runs them.

One batch folder holds a corpus of bad files (generated here, nothing is
downloaded) among good articles. Each command runs once over it in a
subprocess with a timeout, so a hang fails the test instead of blocking CI.
For every bad input the contract is: one line on stderr naming it (or a
correct record), never a traceback, exit status 1, and every good document
of the same batch still read and stored.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from databases import KINDS, database

pytestmark = pytest.mark.slow  # every test here runs the commands over a whole batch

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = "2024-03-04"  # a Monday: "on Wednesday" is 2024-02-28
TIMEOUT = 240             # seconds for a whole batch; a hang fails the test


def powtrack(*args: str, timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "powtrack", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


# --- the corpus ---------------------------------------------------------------------


def swap_text(ua: int, ru: int, when: str = "on Wednesday") -> str:
    return (f"Ukraine and Russia exchanged prisoners of war {when}, officials in both "
            f"capitals said. Kyiv said {ua} Ukrainian soldiers came home, and Moscow said "
            f"{ru} Russian servicemen were returned.")


def front(doc_id: str, text: str) -> str:
    return f"---\nid: {doc_id}\npublished: {PUBLISHED}\n---\n{text}\n"


def page(ua: int, ru: int, head: str = "", before: str = "", after: str = "") -> str:
    """An HTML article page about a swap."""
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Prisoner swap</title>{head}</head><body>{before}<article>"
            "<h1>Ukraine and Russia swap prisoners</h1>"
            f"<p>{swap_text(ua, ru)}</p>"
            "<p>The exchange was mediated by the United Arab Emirates, the foreign ministry "
            "said in a statement on its website late in the evening.</p>"
            f"</article>{after}</body></html>")


def warc_record(url: str, html: str) -> bytes:
    """A WARC/1.0 response record holding an HTTP 200 answer with ``html``, written by hand."""
    body = html.encode("utf-8")
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-03-01T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
            f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def warc_members(figures: list[tuple[int, int]], site: str) -> tuple[bytes, list[int]]:
    """A .warc.gz (one gzip member per record) of swap pages, and where each member starts."""
    out, offsets = b"", []
    for i, (ua, ru) in enumerate(figures):
        offsets.append(len(out))
        out += gzip.compress(warc_record(f"https://{site}/swap/{i}", page(ua, ru)), mtime=0)
    return out, offsets


def truncated_warc() -> tuple[bytes, int]:
    data, offsets = warc_members([(201, 202), (203, 204), (205, 206)], "cut.example")
    return data[:offsets[2] + 150], offsets[2]  # cut inside the third record


def corrupt_warc() -> tuple[bytes, int]:
    data, offsets = warc_members([(211, 212), (213, 214), (215, 216)], "bad.example")
    broken = bytearray(data)
    broken[offsets[1] + 40:offsets[1] + 90] = bytes(50)  # zeroes in the 2nd member's deflate
    return bytes(broken), offsets[1]


@dataclass
class Case:
    """One input of the batch and what each command must make of it.

    ``extract``/``ingest``: "error" (exactly one stderr line naming the file,
    holding ``hint``) or "record" (read, stored, and no stderr line). JSON Lines
    and WARC files hold good and bad parts: ``bad_lines`` are the JSON Lines
    lines with one error each, ``damage`` the byte offset a WARC error names,
    ``returned`` the (Ukraine, Russia) figures of the good documents in the file.
    """

    name: str
    what: str
    make: Callable[[], bytes]
    extract: str = "record"
    ingest: str = "record"
    hint: str = ""
    ingest_hint: str = ""
    returned: list[tuple[int, int]] = field(default_factory=list)
    bad_lines: dict[int, str] = field(default_factory=dict)
    damage: int | None = None
    check: Callable[[dict], None] | None = None  # on the main event of the record


def _bytes(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _random_bytes(n: int, keep: Callable[[int], bool] = lambda b: True, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < n:
        out += bytes(b for b in rng.randbytes(n) if keep(b))
    return bytes(out[:n])


def _jsonl() -> bytes:
    good = [{"id": "jl-good-1", "text": swap_text(31, 32), "published": PUBLISHED},
            {"id": "jl-good-2", "text": swap_text(33, 34), "published": PUBLISHED}]
    lines = [
        json.dumps(good[0]),
        '{"id": "cut", "text": "Ukraine and Russia exch',           # 2: broken JSON
        "[1, 2, 3]",                                                  # 3: not an object
        json.dumps({"id": "n", "text": 12345}),                       # 4: text not a string
        json.dumps({"id": ["a"], "text": swap_text(1, 2)}),           # 5: id of a wrong type
        json.dumps({"text": swap_text(3, 4), "published": 20240101}),  # 6: date of a wrong type
        json.dumps({"text": swap_text(5, 6), "published": "Feb. 30"}),  # 7: not an ISO date
        json.dumps({"text": "   "}),                                  # 8: empty text
        "null",                                                       # 9
        "[" * 100_000,                                                # 10: nested too deeply
        '{"text": "Kyiv said 7 came home \\ud800 in a swap."}',       # 11: lone surrogate
        "",                                                           # blank lines are skipped
        json.dumps(good[1]),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _long_lines() -> bytes:
    # 300 lines of 10,000 characters; the swap inside the 11th, within the 200,000
    # characters the extractor reads
    filler = ("The council met again to discuss the budget for roads and schools " * 160)[:10_000]
    lines = [filler] * 300
    lines[10] = filler[:4_000] + " " + swap_text(61, 62) + " " + filler[:5_000]
    return front("long-lines", "\n".join(lines)).encode()


def _one_huge_line() -> bytes:
    # 2,000,000 characters with no line break and no full stop after the swap
    words = " ".join(["and then the talks went on without end"] * 50_000)
    return front("huge-line", swap_text(63, 64) + " " + words).encode()


def _mixed_encodings() -> bytes:
    return (b"---\nid: mixed\npublished: 2024-03-04\n---\n"
            + swap_text(41, 42).encode("utf-8")
            + " Обмін полоненими відбувся в середу.".encode("cp1251")
            + " Zürich café".encode("latin-1") + " Заява МЗС.".encode() + b"\n")


def _invalid_utf8() -> bytes:
    return (b"---\nid: bad-utf8\npublished: 2024-03-04\n---\n" + swap_text(43, 44).encode()
            + b" \xff\xfe\xc3\x28 \xe2\x82 \xf0\x9f\x98\n")


def _script_page() -> bytes:
    script = ("<script>var state = '" + "A" * 3_000_000 + "'; /* Ukraine and Russia "
              "exchanged 999 prisoners */</script>")
    data = "<img src=\"data:image/png;base64," + "iVBORw0KGgo" * 200_000 + "\">"
    style = "<style>" + ".x{color:red}" * 50_000 + "</style>"
    return page(51, 52, head=script + style, after=data).encode()


def _nested_page(depth: int) -> Callable[[], bytes]:
    return lambda: page(53, 54, before="<div>" * depth, after="</div>" * depth).encode()


def _malformed_page() -> bytes:
    return ("<!DOCTYPE html><html><<<>>></x></y><p <p <p>"
            f"<p>{swap_text(55, 56)}</td></tr></table><b><i>the exchange took place at the "
            "border</b></i><!-- a comment that never ends").encode()


def _check_feb30(ev: dict) -> None:
    assert ev["date"] is None and ev["date_text"] == "on Feb. 30"  # no such day: no date


def _check_someday(ev: dict) -> None:
    assert ev["date"] is None


def _check_wednesday(ev: dict) -> None:
    assert ev["date"] == "2024-02-28"


CASES = [
    Case("good-1.txt", "a good article", _bytes(front("good-1", swap_text(11, 12))),
         returned=[(11, 12)], check=_check_wednesday),
    Case("good-2.html", "a good HTML page", lambda: page(13, 14).encode(), returned=[(13, 14)]),
    Case("empty.txt", "an empty file", lambda: b"", "error", "error", hint="empty file"),
    Case("whitespace.txt", "a file of spaces, tabs and newlines", _bytes(" \t\n\r\n  \n"),
         "error", "error", hint="only whitespace"),
    Case("png.txt", "a PNG image named .txt",
         lambda: b"\x89PNG\r\n\x1a\n" + _random_bytes(4000), "error", "error",
         hint="PNG image"),
    Case("random.txt", "random bytes named .txt", lambda: _random_bytes(20_000), "error",
         "error", hint="binary file"),
    Case("random-no-nul.txt", "random bytes without NUL named .txt",
         lambda: _random_bytes(20_000, lambda b: b != 0, seed=2), "error", "error",
         hint="cannot decode"),
    Case("gzip.txt", "gzip data named .txt", lambda: gzip.compress(b"x" * 1000, mtime=0),
         "error", "error", hint="gzip"),
    Case("invalid-utf8.txt", "invalid UTF-8 byte sequences", _invalid_utf8,
         returned=[(43, 44)]),
    Case("mixed-encodings.txt", "UTF-8, Windows-1251 and Latin-1 in one file",
         _mixed_encodings, returned=[(41, 42)]),
    Case("long-lines.txt", "300 lines of 10,000 characters", _long_lines,
         returned=[(61, 62)]),
    Case("huge-line.txt", "one line of 2,000,000 characters", _one_huge_line,
         returned=[(63, 64)]),
    Case("nested-100.html", "HTML nested 100 elements deep", _nested_page(100),
         returned=[(53, 54)]),
    Case("nested-20000.html", "HTML nested 20,000 elements deep (past lxml's limit)",
         _nested_page(20_000), "error", "error", hint="no article text found"),
    Case("malformed.html", "malformed HTML: stray brackets, unclosed tags and comment",
         _malformed_page, returned=[(55, 56)]),
    Case("script.html", "HTML with a 3 MB script, a 2 MB data: URI and a huge style",
         _script_page, returned=[(51, 52)]),
    Case("feb30.txt", 'a date that does not exist ("Feb. 30")',
         _bytes(front("feb30", swap_text(71, 72, "on Feb. 30"))), returned=[(71, 72)],
         check=_check_feb30),
    Case("someday.txt", 'a date that is no date ("on Someday")',
         _bytes(front("someday", swap_text(73, 74, "on Someday"))), returned=[(73, 74)],
         check=_check_someday),
    Case("trillion.txt", 'a figure no ledger column holds ("1,000,000,000,000 prisoners")',
         _bytes(front("trillion", swap_text(1_000_000_000_000, 75).replace(
             "1000000000000", "1,000,000,000,000"))),
         "record", "error", ingest_hint="a figure of 1,000,000,000,000 is larger than"),
    Case("lines.jsonl", "JSON Lines with broken lines and wrong types", _jsonl,
         returned=[(31, 32), (33, 34)],
         bad_lines={2: "not valid JSON", 3: "not a JSON object", 4: 'no string "text"',
                    5: '"id" is ["a"]', 6: '"published" is 20240101', 7: "not an ISO date",
                    8: '"text" is empty', 9: "not a JSON object", 10: "nested too deeply",
                    11: "lone surrogate"}),
    Case("truncated.warc.gz", "a .warc.gz cut off inside its third record",
         lambda: truncated_warc()[0], "error", "error", hint="archive damaged at byte",
         returned=[(201, 202), (203, 204)], damage=truncated_warc()[1]),
    Case("corrupt.warc.gz", "a .warc.gz with zeroed bytes inside its second record",
         lambda: corrupt_warc()[0], "error", "error", hint="archive damaged at byte",
         returned=[(211, 212)], damage=corrupt_warc()[1]),
]
IDS = [c.name for c in CASES]


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input") / "batch"
    folder.mkdir()
    for case in CASES:
        (folder / case.name).write_bytes(case.make())
    return folder


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def lines_naming(lines: list[str], path: Path) -> list[str]:
    """stderr lines about ``path`` (or its JSON Lines lines, ``path:N``)."""
    return [line for line in lines if line.startswith(f"powtrack: {path}:")]


# --- extract ------------------------------------------------------------------------


_EVENT_KEYS = {"status", "date", "date_text", "parties", "returned", "breakdown", "mediators",
               "location", "main"}


def assert_valid_record(out: dict) -> None:
    """The SCHEMA.md shape: ids, relevance, events with their typed fields."""
    assert {"id", "url", "published", "relevant", "events", "held"} <= set(out)
    assert isinstance(out["relevant"], bool) and out["relevant"] == bool(out["events"])
    for ev in out["events"]:
        assert _EVENT_KEYS <= set(ev)
        assert ev["status"] in ("completed", "agreed", "failed")
        assert ev["date"] is None or date.fromisoformat(ev["date"])
        assert len(ev["parties"]) == 2 and all(isinstance(p, str) for p in ev["parties"])
        for values in ev["returned"].values():
            assert all(type(v) is int and v >= 0 for v in values)
        for e in ev.get("evidence", []):
            assert 0 <= e["start"] <= e["end"] and e["sentence"]


@pytest.fixture(scope="module")
def extracted(batch):
    """`powtrack extract` over the batch: (result, the records it printed)."""
    result = powtrack("extract", str(batch), "--published", PUBLISHED, "--jobs", "2")
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def _figures(record: dict) -> tuple[int | None, int | None] | None:
    main = next((e for e in record["events"] if e["main"]), None)
    if main is None:
        return None
    got = main["returned"]
    return (got.get("Ukraine", [None])[0], got.get("Russia", [None])[0])


def test_extract_over_a_bad_batch_exits_1_without_a_traceback(batch, extracted):
    result, records = extracted
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr
    for line in stderr_lines(result):
        assert line.startswith("powtrack: "), line
    for record in records:
        assert_valid_record(record)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_extract_gives_one_line_or_a_valid_record_for(batch, extracted, case):
    result, records = extracted
    path = batch / case.name
    mine = lines_naming(stderr_lines(result), path)
    by_figures = {_figures(r): r for r in records}
    if case.bad_lines:
        assert sorted(int(line.split(":")[2]) for line in mine) == sorted(case.bad_lines)
        for line in mine:
            assert case.bad_lines[int(line.split(":")[2])] in line, line
    elif case.extract == "error":
        assert len(mine) == 1, mine
        assert case.hint in mine[0]
        if case.damage is not None:
            assert f"byte {case.damage} " in mine[0]
            assert f"the {len(case.returned)} page" in mine[0]
    else:
        assert mine == []
    for figures in case.returned:
        assert figures in by_figures, f"{case.name}: no record with {figures}"
        if case.check:
            case.check(next(e for e in by_figures[figures]["events"] if e["main"]))
    if case.name == "trillion.txt":  # extracted as written; the ledger refuses it
        assert (1_000_000_000_000, 75) in by_figures


# --- ingest -------------------------------------------------------------------------


@pytest.fixture(scope="module", params=KINDS)
def ingested(request, batch, tmp_path_factory):
    """`powtrack ingest` over the batch into a new ledger: (result, stored documents)."""
    with database(request.param, tmp_path_factory.mktemp("ledger")) as url:
        result = powtrack("ingest", str(batch), "--db", url, "--jobs", "2", "--no-progress")
        engine = sa.create_engine(url)
        try:
            with engine.connect() as conn:
                docs = conn.execute(sa.text(
                    "SELECT d.source, m.returned, m.date, m.date_text FROM documents d "
                    "LEFT JOIN mentions m ON m.document_id = d.id AND m.main")).all()
        finally:
            engine.dispose()
        yield result, docs


def _stored_figures(returned) -> tuple[int | None, int | None]:
    if isinstance(returned, str):
        returned = json.loads(returned)
    returned = returned or {}
    return (returned.get("Ukraine", [None])[0], returned.get("Russia", [None])[0])


def test_ingest_of_a_bad_batch_exits_1_without_a_traceback_or_lock_error(ingested):
    result, docs = ingested
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "locked" not in result.stderr
    for line in stderr_lines(result):
        assert line.startswith("powtrack: "), line
    good = sum(len(c.returned) for c in CASES)  # every good document, and nothing else
    assert len(docs) == good
    # read but refused: the trillion
    assert f"{good + 1} documents read: {good} stored" in result.stdout


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_ingest_stores_or_reports_with_one_line(batch, ingested, case):
    result, docs = ingested
    path = batch / case.name
    mine = lines_naming(stderr_lines(result), path)
    stored = [d for d in docs if d.source == str(path) or d.source.startswith(f"{path}:")
              or d.source.startswith(f"{path}@")]
    expect = case.ingest
    if case.bad_lines:
        assert sorted(int(line.split(":")[2]) for line in mine) == sorted(case.bad_lines)
    elif expect == "error":
        assert len(mine) == 1, mine
        assert (case.ingest_hint or case.hint) in mine[0]
        if case.damage is not None:
            assert f"byte {case.damage} " in mine[0]
    else:
        assert mine == [] and stored, mine
    got = sorted(_stored_figures(d.returned) for d in stored if d.returned is not None)
    assert got == sorted(case.returned)
    if case.check:
        for d in stored:
            day = d.date.isoformat() if isinstance(d.date, date) else d.date
            case.check({"date": day, "date_text": d.date_text})


# --- one huge file ------------------------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_text_file_is_read_in_bounded_time_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    lead = swap_text(157, 143) + "\n\n"
    filler = "The council discussed the budget for roads, schools and the harbour at length.\n"
    with open(folder / "a-50mb.txt", "w", encoding="utf-8") as out:
        out.write(lead)
        written = len(lead)
        chunk = filler * 10_000
        while written < 50_000_000:
            out.write(chunk)
            written += len(chunk)
    (folder / "b-good.txt").write_text(front("b-good", swap_text(21, 22)), encoding="utf-8")
    (folder / "c-empty.txt").write_bytes(b"")

    result = powtrack("extract", str(folder), "--published", PUBLISHED, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [empty] = stderr_lines(result)
    assert "c-empty.txt: empty file" in empty
    big, good = (json.loads(line) for line in result.stdout.splitlines())
    assert_valid_record(big)
    assert _figures(big) == (157, 143)  # read from the first 200,000 characters
    assert _figures(good) == (21, 22)

    db = tmp_path / "ledger.db"
    result = powtrack("ingest", str(folder), "--db", str(db), timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "2 documents read: 2 stored" in result.stdout
