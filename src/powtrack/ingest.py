"""Ingest stage: read articles from text, HTML, JSON Lines and WARC files into Documents.

Bad input never raises: each unreadable file (or JSON Lines line) becomes one
``ReadError`` with a one-line message saying what to do, and reading goes on
with the next one.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from powtrack.document import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_SUFFIXES = {".parquet"}
FRONT_MATTER_KEYS = {"url", "published", "title", "id", "lang"}

ASK_FOR_TEXT = "give a .txt, .html or .jsonl article"

# Checked longest first so UTF-32 LE (FF FE 00 00) is not taken for UTF-16 LE (FF FE).
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# File signatures, so a binary file gets a message that names what it is.
_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "PNG image data"),
    (b"\xff\xd8\xff", "JPEG image data"),
    (b"GIF87a", "GIF image data"),
    (b"GIF89a", "GIF image data"),
    (b"%PDF-", "a PDF document; convert it to text first"),
    (b"PK\x03\x04", "a ZIP archive, or a .docx/.odt file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "gzip compressed data"),
    (b"BZh", "bzip2 compressed data"),
    (b"\xfd7zXZ\x00", "xz compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"RIFF", "RIFF media data (WebP, WAV or AVI)"),
    (b"OggS", "Ogg media data"),
    (b"ID3", "MP3 audio"),
]

# Encodings a news article is plausibly saved in, for charset-normalizer to choose
# among. Without this list it picks DOS and Mac code pages for short Latin-1 text.
_LEGACY_ENCODINGS = [
    "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "koi8_r", "koi8_u", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_15",
    "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr",
]

# Labels a page declares that browsers read as Windows-1252 (WHATWG Encoding).
_DECLARED_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_PAGE_BREAK = re.compile(r"[\x0b\x0c]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Control characters (Unicode category Cc) but "\n\t\r\x0b\x0c", and replacement marks.
_ODD = re.compile(r"[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f]")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_FRONT_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)
_HEAD_END = re.compile(r"</head\s*>", re.I)
# Empty files Spark and Hadoop leave beside their output: not articles.
_JOB_MARKERS = {"_SUCCESS"}


@dataclass
class ReadError:
    """One input that could not be read.

    ``source`` is the file path, ``"path:LINE"`` for a JSON Lines line, or
    ``"-"`` for stdin; ``message`` is one line: what went wrong and what to do.
    """

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class _BinaryData(ValueError):
    """Raised by ``decode`` for bytes that are not text at all."""


def read_paths(paths: Iterable[str], published: date | None = None, *,
               deferred: bool = False) -> Iterator[Document | ReadError]:
    """Read every path in turn: files, directories (recursively) and ``-`` for stdin.

    Directories are walked in sorted order, skipping hidden files and folders.
    ``published`` is the publication date given to documents that state none.
    Yields a ``Document`` per article and a ``ReadError`` per unreadable input.
    WARC archives may also be URLs (``s3a://bucket/x.warc.gz``; see ``iter_warc``).

    With ``deferred``, the costly part of reading is left to
    ``pipeline.process_item``: a WARC record comes as an unread ``Page`` (so the
    relevance gate can look at it before trafilatura, in a worker process),
    and a row of the Spark job's Parquet output as an ``Extracted`` document
    that carries its record.
    """
    for raw in paths:
        name = os.fspath(raw)
        if name == "-":
            yield from _read_stdin(published)
            continue
        if _URL.match(name) and not name.lower().startswith("file://"):
            if not is_warc(name):
                yield ReadError(name, "only WARC archives (.warc, .warc.gz) are read from URLs; "
                                      "download the file first")
            else:
                yield from (iter_warc if deferred else read_warc)(name, published)
            continue
        path = Path(name.removeprefix("file://"))
        try:
            is_dir, exists = path.is_dir(), path.exists() or path.is_symlink()
        except OSError as exc:  # e.g. a parent folder that may not be entered
            yield ReadError(name, f"cannot look at the path ({_reason(exc)}); "
                                  "check its permissions")
            continue
        if is_dir:
            yield from _read_dir(path, published, deferred)
        elif not exists:
            yield ReadError(name, "no such file or directory; check the path")
        else:
            yield from read_file(path, published, deferred=deferred)


def read_file(path: Path, published: date | None = None, *,
              deferred: bool = False) -> Iterator[Document | ReadError]:
    """Read one file: text, HTML, JSON Lines, WARC or Parquet, chosen by extension and content.

    ``.jsonl``/``.ndjson`` give one Document per line; ``.html``/``.htm`` or content
    that starts like an HTML page go through trafilatura; anything else that
    decodes as text is a plain-text article (with optional front matter).
    ``.warc``/``.warc.gz`` give one Document per HTML page (``read_warc``), streamed;
    ``.parquet`` (what ``powtrack spark`` writes) one per row. ``deferred``: see
    ``read_paths``.
    """
    path = Path(path)
    if is_warc(path.name):
        yield from (iter_warc if deferred else read_warc)(str(path), published)
        return
    if path.suffix.lower() in PARQUET_SUFFIXES:
        from powtrack.scale.table import read_table

        yield from read_table(path, deferred=deferred)
        return
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield ReadError(str(path), "no such file or directory; check the path")
        return
    except IsADirectoryError:
        yield ReadError(str(path), "is a directory; pass it to read_paths to read the files in it")
        return
    except OSError as exc:
        yield ReadError(str(path), f"cannot read the file ({_reason(exc)}); "
                                   "check that you may read it")
        return
    yield from _read_bytes(data, str(path), path.suffix.lower(), published)


def decode(data: bytes) -> str:
    """Decode article bytes to text with "\\n" newlines and no control characters.

    Tries a byte-order mark, then strict UTF-8, then charset-normalizer's best
    guess among common news encodings (Windows-1252, Windows-1251, KOI8-R, ...).
    Raises ``ValueError`` with a one-line reason when the bytes are binary or
    no encoding fits.
    """
    return _decode(data)


# --- reading -----------------------------------------------------------------


def _read_stdin(published: date | None) -> Iterator[Document | ReadError]:
    try:
        data = sys.stdin.buffer.read()
    except (OSError, ValueError, AttributeError) as exc:  # closed, or no stdin at all
        yield ReadError("-", f"cannot read standard input ({exc}); pipe an article into it")
        return
    yield from _read_bytes(data, "-", "", published, sniff_jsonl=True)


def _read_dir(path: Path, published: date | None,
              deferred: bool = False) -> Iterator[Document | ReadError]:
    found = False
    for item in _walk(path, {path.resolve()}):
        found = True
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item, published, deferred=deferred)
    if not found:
        yield ReadError(str(path), "no files in this directory (hidden files are skipped)")


def _walk(path: Path, seen: set[Path]) -> Iterator[Path | ReadError]:
    try:
        entries = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield ReadError(str(path), f"cannot list the directory ({_reason(exc)}); "
                                   "check its permissions")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _JOB_MARKERS:
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            yield ReadError(str(entry), f"cannot look at it ({_reason(exc)}); "
                                        "check its permissions")
            continue
        if is_dir:
            real = entry.resolve()
            if real in seen:  # a symlink loop: each real directory is read once
                continue
            seen.add(real)
            yield from _walk(entry, seen)
        elif is_file or entry.is_symlink():  # a broken link gets its own "no such file"
            yield entry
        else:  # reading a FIFO or device found in a folder could block for ever
            yield ReadError(str(entry), "not a regular file, so it was skipped; "
                                        "pass it by name to read it")


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _read_bytes(data: bytes, source: str, suffix: str, published: date | None,
                sniff_jsonl: bool = False) -> Iterator[Document | ReadError]:
    if not data:
        yield ReadError(source, f"empty file; {ASK_FOR_TEXT}")
        return
    is_html = suffix in HTML_SUFFIXES or (suffix not in JSONL_SUFFIXES and _starts_like_html(data))
    try:
        text = _decode(data, _declared_charset(data) if is_html else None)
    except _BinaryData as exc:
        yield ReadError(source, f"binary file ({exc}); {ASK_FOR_TEXT}")
        return
    except ValueError as exc:
        yield ReadError(source, f"cannot decode the text ({exc}); re-save the file as UTF-8")
        return
    if not text.strip():
        yield ReadError(source, f"the file holds only whitespace; {ASK_FOR_TEXT}")
        return
    if not is_html and suffix not in JSONL_SUFFIXES and _looks_like_html(text):
        is_html = True  # e.g. UTF-16 HTML, which the byte sniff cannot see
    if suffix in JSONL_SUFFIXES or (sniff_jsonl and not is_html and _looks_like_jsonl(text)):
        yield from _read_jsonl(text, source, published)
    elif is_html:
        yield _read_html(text, source, published)
    else:
        yield _read_text(text, source, published)


def _read_text(text: str, source: str, published: date | None) -> Document | ReadError:
    meta, body = _split_front_matter(text)
    day = None
    if "published" in meta:
        day = _parse_date(meta["published"])
        if day is None:
            return ReadError(source, f"front matter 'published: {meta['published']}' is not a "
                                     "date (YYYY-MM-DD); fix or remove that line")
    if not body.strip():
        return ReadError(source, f"no article text after the front matter; {ASK_FOR_TEXT}")
    return Document(
        text=body,
        id=meta.get("id") or None,
        url=meta.get("url") or None,
        published=day or published,
        lang=meta.get("lang") or None,
        title=meta.get("title") or None,
        source=source,
    )


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block of ``key: value`` lines from the text.

    The block counts only when it is closed by a second ``---`` line and every
    non-blank line in it is ``key: value``; otherwise the text is returned
    whole (a Markdown rule at the top stays text). Keys outside url, published,
    title, id and lang are dropped.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    except StopIteration:
        return {}, text
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        match = _FRONT_LINE.fullmatch(line.strip())
        if not match:
            return {}, text
        key, value = match.group(1).lower(), _unquote(match.group(2).strip())
        if key in FRONT_MATTER_KEYS:
            meta[key] = value
    body = "\n".join(lines[end + 1:]).lstrip("\n")
    return meta, body


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _read_jsonl(text: str, source: str, published: date | None) -> Iterator[Document | ReadError]:
    # split on "\n" only: JSON strings may hold U+2028, which splitlines() breaks on
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_record(line, f"{source}:{lineno}", published)


def _jsonl_record(line: str, where: str, published: date | None) -> Document | ReadError:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(where, f"not valid JSON ({exc.msg}, column {exc.colno}); "
                                "fix the line or remove it")
    except RecursionError:  # "[[[[..." thousands deep
        return ReadError(where, "JSON nested too deeply to read; each line must be an object "
                                'like {"text": ...}')
    if not isinstance(row, dict):
        return ReadError(where, 'not a JSON object; each line must be an object like {"text": ...}')
    text = row.get("text")
    if not isinstance(text, str):
        return ReadError(where, 'no string "text" field; put the article text in "text"')
    bad = _lone_surrogate(row)
    if bad:
        return ReadError(where, f'"{bad}" holds a lone surrogate escape (\\udXXX), which is '
                                "not Unicode text; fix the line or remove it")
    text = _normalise(text)
    if not text.strip():
        return ReadError(where, '"text" is empty; put the article text in "text"')
    day = published
    if row.get("published") is not None:
        value = row["published"]
        day = _parse_date(value) if isinstance(value, str) else None
        if day is None:
            return ReadError(where, f'"published" is {json.dumps(value)}, not an ISO date '
                                    "(YYYY-MM-DD); fix it or set it to null")
    doc_id = row.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    fields = {"id": doc_id, "url": row.get("url"), "lang": row.get("lang"),
              "title": row.get("title")}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            return ReadError(where, f'"{name}" is {json.dumps(value)}, not a string; '
                                    "fix it or set it to null")
        if value:  # control characters (NUL above all) as the text loses them
            fields[name] = _CONTROL_OR_BREAK.sub("", value)
    return Document(
        text=text,
        id=fields["id"] or None,
        url=fields["url"] or None,
        published=day,
        lang=fields["lang"] or None,
        title=fields["title"] or None,
        source=where,
    )


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _lone_surrogate(row: dict) -> str | None:
    """The first field whose string holds a lone surrogate (JSON allows "\\ud800")."""
    for name in ("text", "id", "url", "lang", "title"):
        value = row.get(name)
        if isinstance(value, str) and _SURROGATE.search(value):
            return name
    return None


class _NoText(ReadError):
    """An HTML page with no article text in it (for a web archive: not an error)."""


def _read_html(html: str, source: str, published: date | None) -> Document | ReadError:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        raw = trafilatura.extract(html, output_format="json", with_metadata=True,
                                  include_comments=False, favor_precision=False)
    except Exception as exc:  # a parser failure on odd markup is bad input, not a crash
        return ReadError(source, f"could not parse the HTML ({type(exc).__name__}); "
                                 "save the article page again or paste its text into a .txt file")
    meta = json.loads(raw) if raw else {}
    text = _normalise(meta.get("text") or "").strip()
    if not text:
        return _NoText(source, "no article text found in the HTML; save the article page "
                               "itself, or paste its text into a .txt file")
    head = _HeadParser()
    # the canonical link, og:url and <html lang> all stand before </head>
    end = _HEAD_END.search(html)
    head.feed(html[:end.end()] if end else html)
    head.close()
    found_url = meta.get("source") or meta.get("url")
    url = head.canonical or head.og_url or found_url
    if url and not re.match(r"[a-z][a-z0-9+.-]*://", url, re.I):
        base = head.og_url or found_url
        url = urljoin(base, url) if base else url
    day = _parse_date(meta.get("date")) or _find_date(html)
    lang = meta.get("language") or head.lang
    return Document(
        text=text,
        url=url or None,
        published=day or published,
        lang=lang.split("-")[0].split("_")[0].lower() if lang else None,
        title=meta.get("title") or None,
        source=source,
    )


def _find_date(html: str) -> date | None:
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate on odd markup: no date is the right answer
        return None
    return _parse_date(found) if found else None


class _HeadParser(HTMLParser):
    """Collects the canonical link, og:url and the <html lang> attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical: str | None = None
        self.og_url: str | None = None
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "html" and values.get("lang") and self.lang is None:
            self.lang = values["lang"]
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            if values.get("href") and self.canonical is None:
                self.canonical = values["href"]
        elif tag == "meta" and values.get("property", values.get("name", "")).lower() == "og:url":
            if values.get("content") and self.og_url is None:
                self.og_url = values["content"]


# --- decoding ----------------------------------------------------------------


def _decode(data: bytes, declared: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data[len(bom):].decode(encoding))
            except UnicodeDecodeError as exc:
                raise ValueError(f"starts with a {encoding} byte-order mark but is not "
                                 f"{encoding} at byte {exc.start + len(bom)}") from None
    kind = _signature(data)
    if kind:
        raise _BinaryData(f"looks like {kind}")
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise _BinaryData("contains NUL bytes, so it is not text")
        return _normalise(_checked(text))
    try:
        return _normalise(_checked(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _normalise(_checked(data.decode(declared)))
        except (UnicodeDecodeError, LookupError):
            pass
    return _normalise(_checked(_guess(data)))


def _guess(data: bytes) -> str:
    """Decode non-UTF-8 bytes with charset-normalizer, breaking its many ties.

    For short text charset-normalizer often ranks several code pages equal
    (Windows-1250 and -1252 both fit "Zürich"). Among its best candidates we
    take the decoding with fewest implausible characters (symbols inside
    words, words mixing scripts), then the earlier one in _LEGACY_ENCODINGS.
    """
    from charset_normalizer import from_bytes

    results = list(from_bytes(data, cp_isolation=_LEGACY_ENCODINGS))
    if not results:
        raise ValueError("not UTF-8, and no common encoding fits the bytes")
    least = min(r.chaos for r in results)
    best = [r for r in results if r.chaos <= least + 0.01]

    def rank(result) -> tuple[int, int]:
        order = _LEGACY_ENCODINGS.index(result.encoding) if result.encoding in \
            _LEGACY_ENCODINGS else len(_LEGACY_ENCODINGS)
        return _implausible(str(result)), order

    return str(min(best, key=rank))


def _implausible(text: str) -> int:
    """Count non-ASCII characters that real text rarely has where they stand."""
    bad = 0
    for word in re.findall(r"\S+", text):
        if word.isascii():
            continue
        scripts = set()
        for i, ch in enumerate(word):
            if ch.isascii():
                if ch.isalpha():
                    scripts.add("LATIN")
                continue
            if ch.isalpha():
                scripts.add(unicodedata.name(ch, "?").split(" ")[0])
            elif 0 < i < len(word) - 1 and word[i - 1].isalpha() and word[i + 1].isalpha():
                bad += 1  # a symbol between letters: "odby³a" is "odbyła" misread
        bad += len(scripts) - 1 if scripts else 0
    return bad


def _bomless_utf16(data: bytes) -> str | None:
    """Decode UTF-16 without a byte-order mark, if the NUL bytes say it is that."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) == 0:
        encoding = "utf-16-le"
    elif even.count(0) > len(even) * 0.3 and odd.count(0) == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _signature(data: bytes) -> str | None:
    return next((kind for magic, kind in _SIGNATURES if data.startswith(magic)), None)


def _checked(text: str) -> str:
    """Refuse decoded text that is mostly control characters or replacement marks."""
    sample = text[:65536]
    odd = len(_ODD.findall(sample))  # a regex, not a loop: web pages run to 100 KB and more
    if sample and odd > len(sample) * 0.1:
        raise _BinaryData("mostly control characters, so it is not text")
    return text


def _normalise(text: str) -> str:
    """"\\n" newlines, no leading BOM, no control characters but "\\n" and "\\t".

    Vertical tab and form feed (page breaks) become "\\n" so words either side
    of them stay apart.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not _CONTROL_OR_BREAK.search(text):  # nearly always: one scan instead of two
        return text
    return _CONTROL.sub("", _PAGE_BREAK.sub("\n", text))


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    if label in _DECLARED_AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _starts_like_html(data: bytes) -> bool:
    head = data[:256].lstrip(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _looks_like_html(text: str) -> bool:
    return text[:256].lstrip().lower().startswith(("<!doctype html", "<html"))


def _looks_like_jsonl(text: str) -> bool:
    first = next((line for line in text.split("\n") if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _parse_date(value: object) -> date | None:
    """An ISO date ("2024-01-03"), or the date of an ISO timestamp; else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


# --- web archives (WARC) -------------------------------------------------------

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_UNKNOWN_TYPES = {"", "application/octet-stream", "unknown/unknown", "text/plain"}


@dataclass
class Page:
    """One HTML page from a web archive, not read yet: its bytes and what the record says.

    ``source`` is ``"ARCHIVE@OFFSET"``: the archive and the byte offset where the
    record starts in it. ``fetched`` (the record's WARC-Date) is the publication
    date of a page that states none, before ``published`` (the caller's).
    """

    body: bytes
    source: str
    url: str | None = None
    fetched: date | None = None
    charset: str | None = None
    published: date | None = None


def is_warc(name: str) -> bool:
    """Whether a file name or URL names a WARC archive (``.warc`` or ``.warc.gz``)."""
    return name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str, published: date | None = None) -> Iterator[Document | ReadError]:
    """Read the HTML pages of a WARC archive into Documents, streaming.

    Each page goes through trafilatura; the record's URL is the document's URL
    and its WARC-Date the publication date when the page states none. Pages
    with no article text in them (section fronts, galleries) are passed over.
    See ``iter_warc`` for what is read and how damage is reported.
    """
    for item in iter_warc(path, published):
        if isinstance(item, ReadError):
            yield item
            continue
        doc = read_page(item)
        if doc is not None:
            yield doc


def iter_warc(path: str, published: date | None = None) -> Iterator[Page | ReadError]:
    """Stream the HTML pages of a WARC archive, unread: one ``Page`` per record.

    Reads WARC/1.0 and 1.1, gzip-compressed per record or not, from a local
    path or a URL (``s3a://``, ``s3://``, ``gs://``, ``hdfs://``... through fsspec).
    Response records with a 2xx status and resource records that hold HTML
    become Pages; requests, metadata, redirects, images and the like are
    passed over. Memory does not grow with the archive. A truncated or corrupt
    archive gives the pages before the damage, then one ``ReadError`` naming
    the archive and the byte offset of the damage.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = (WarcRecordType.response, WarcRecordType.resource)
    try:
        stream = _open_archive(path)
    except FileNotFoundError:
        yield ReadError(path, "no such file or directory; check the path")
        return
    except IsADirectoryError:
        yield ReadError(path, "is a directory; pass it to read_paths to read the files in it")
        return
    except ImportError as exc:
        yield ReadError(path, f"cannot open URLs ({exc}); pip install fsspec and the "
                              "filesystem for the scheme (s3fs for s3a://), or copy the file")
        return
    except (OSError, ValueError) as exc:
        reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
        yield ReadError(path, f"cannot read the archive ({reason}); "
                              "check the path and that you may read it")
        return
    records = pages = 0
    last: int | None = None  # where the last whole record starts
    with stream:
        try:
            for record in ArchiveIterator(stream, parse_http=True, auto_decode="none"):
                pos = record.stream_pos
                if record.headers.get("Content-Length") is None:
                    yield _damaged(path, pos, "a record ends inside its header", pages)
                    return
                expected = record.content_length
                if record.record_type not in wanted:
                    if record.reader.consume() < expected:
                        yield _damaged(path, pos, "the file ends inside a record", pages)
                        return
                    records += 1
                    last = pos
                    continue
                body = record.reader.read()
                if len(body) < expected:
                    yield _damaged(path, pos, "the file ends inside a record", pages)
                    return
                records += 1
                last = pos
                page = _page(record, body, f"{path}@{pos}", published)
                if page is not None:
                    pages += 1
                    yield page
        except OSError as exc:
            if records == 0:
                yield ReadError(path, f"no WARC record could be read ({exc}, at byte 0); give "
                                      "a .warc or .warc.gz archive, or fetch this one again")
                return
            where = _end_of_record(path, last)
            yield _damaged(path, where if where is not None else last, str(exc), pages)
            return
    if records == 0:
        yield ReadError(path, "no WARC records in the archive; give a .warc or .warc.gz file")


def page_html(page: Page) -> str | ReadError:
    """The page's HTML as text: charset from a BOM, the page's meta tag or the HTTP header."""
    if not page.body.strip():
        return ReadError(page.source, "the record holds an empty page; nothing to read")
    try:
        return _decode(page.body, _declared_charset(page.body) or page.charset)
    except _BinaryData as exc:
        return ReadError(page.source, f"binary data in a record said to be HTML ({exc}); "
                                      "skipped this record")
    except ValueError as exc:
        return ReadError(page.source, f"cannot decode the page ({exc}); skipped this record")


def read_page(page: Page, html: str | None = None) -> Document | ReadError | None:
    """Read a web-archive page through trafilatura: a Document, or None when it has no article.

    ``html`` is the page already decoded (``page_html``), if the caller has it.
    The record's URL is the document's URL.
    """
    if html is None:
        html = page_html(page)
        if isinstance(html, ReadError):
            return html
    doc = _read_html(html, page.source, page.fetched or page.published)
    if isinstance(doc, _NoText):
        return None
    if isinstance(doc, Document) and page.url:
        doc.url = page.url
    return doc


def _open_archive(path: str):
    """A binary file object for a local path or a URL (s3a:// is read as s3://)."""
    if not _URL.match(path):
        return open(path, "rb")  # closed by the caller's ``with``
    import fsspec

    url = re.sub(r"^s3[an]://", "s3://", path, flags=re.I)
    return fsspec.open(url, "rb").open()


def _page(record, body: bytes, source: str, published: date | None) -> Page | None:
    """A Page for an HTML record; None for redirects, errors and other content."""
    from fastwarc.warc import WarcRecordType

    if record.record_type == WarcRecordType.response:
        http = record.http_headers
        if http is None or not 200 <= (http.status_code or 0) < 300:
            return None
        mime, charset = (record.http_content_type or "").lower(), record.http_charset
        try:
            body = _undo_encodings(body, http.get("Transfer-Encoding"),
                                   http.get("Content-Encoding"))
        except ValueError:
            return None  # a payload we cannot decompress is no page we can read
    else:
        mime, _, params = (record.headers.get("Content-Type") or "").partition(";")
        mime = mime.strip().lower()
        found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
        charset = found.group(1) if found else None
    if mime not in _HTML_TYPES and not (mime in _UNKNOWN_TYPES and _starts_like_html(body)):
        return None
    url = (record.headers.get("WARC-Target-URI") or "").strip().strip("<>") or None
    fetched = record.record_date.date() if record.record_date else None
    return Page(body=body, source=source, url=url, fetched=fetched, charset=charset,
                published=published)


def _undo_encodings(body: bytes, transfer: str | None, content: str | None) -> bytes:
    """Undo chunked transfer encoding and gzip/deflate/br content encoding, as stored raw."""
    import zlib

    if transfer and "chunked" in transfer.lower():
        body = _dechunk(body)
    for coding in reversed([c.strip().lower() for c in (content or "").split(",") if c.strip()]):
        try:
            if coding in ("gzip", "x-gzip"):
                body = zlib.decompress(body, 47)
            elif coding == "deflate":
                try:
                    body = zlib.decompress(body)
                except zlib.error:
                    body = zlib.decompress(body, -15)  # raw deflate, as some servers send
            elif coding == "br":
                import brotli

                body = brotli.decompress(body)
            elif coding != "identity":
                raise ValueError(f"content encoding {coding!r}")
        except (zlib.error, ImportError) as exc:
            raise ValueError(str(exc)) from None
        except Exception as exc:  # brotli.error has no public base class
            raise ValueError(str(exc)) from None
    return body


def _dechunk(body: bytes) -> bytes:
    out, i = [], 0
    while i < len(body):
        end = body.find(b"\r\n", i)
        if end < 0:
            break
        try:
            size = int(body[i:end].split(b";")[0].strip() or b"0", 16)
        except ValueError:
            return body  # not chunked after all: keep the bytes as they are
        if size == 0:
            break
        out.append(body[end + 2:end + 2 + size])
        i = end + 2 + size + 2
    return b"".join(out)


def _damaged(path: str, offset: int, what: str, pages: int) -> ReadError:
    kept = f"the {pages} page{'s' * (pages != 1)} before it were read"
    return ReadError(path, f"archive damaged at byte {offset} ({what}): {kept}, the rest "
                           "was not; fetch the file again")


def _end_of_record(path: str, start: int) -> int | None:
    """Where the whole record that starts at ``start`` ends: its gzip member, or its block."""
    import zlib

    try:
        with _open_archive(path) as f:
            f.seek(start)
            block = f.read(65536)
            if block.startswith(b"\x1f\x8b"):
                inflate, used = zlib.decompressobj(31), 0
                while block and not inflate.eof:
                    inflate.decompress(block, 1 << 20)
                    while inflate.unconsumed_tail and not inflate.eof:
                        inflate.decompress(inflate.unconsumed_tail, 1 << 20)
                    used += len(block)
                    block = b"" if inflate.eof else f.read(65536)
                return start + used - len(inflate.unused_data) if inflate.eof else None
            end = block.find(b"\r\n\r\n")
            length = re.search(rb"(?im)^content-length:[ \t]*(\d+)", block[:max(end, 0)])
            if end < 0 or not length:
                return None
            return start + end + 4 + int(length.group(1)) + 4
    except (OSError, ValueError, zlib.error):
        return None
