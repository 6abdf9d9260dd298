"""Web archives for the crawl tests: generated pages (benchmarks/warcs.py) and hand-made records."""

from __future__ import annotations

import gzip
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_articles  # noqa: E402
from benchmarks.warcs import WebPage, iter_pages, write_html_files, write_warc  # noqa: E402

__all__ = ["ROOT", "WebPage", "http", "iter_pages", "make_articles", "page_html", "record",
           "warc_file", "write_html_files", "write_warc"]


def page_html(body: str, title: str = "A page", head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}"
            f"</title>{head}</head><body><article><h1>{title}</h1>{body}</article></body></html>")


def record(kind: str, url: str | None, block: bytes, version: str = "1.1",
           date: str = "2024-01-05T10:00:00Z", content_type: str | None = None) -> bytes:
    """One WARC record: ``kind`` response (``block`` is the HTTP message), resource, request..."""
    if content_type is None:
        content_type = {"response": "application/http; msgtype=response",
                        "request": "application/http; msgtype=request",
                        "resource": "text/html; charset=utf-8"}.get(kind, "application/warc-fields")
    head = f"WARC/{version}\r\nWARC-Type: {kind}\r\nWARC-Date: {date}\r\n"
    rid = hashlib.md5(repr((kind, url)).encode() + block).hexdigest()
    head += f"WARC-Record-ID: <urn:uuid:{rid}>\r\n"
    if url:
        head += f"WARC-Target-URI: {url}\r\n"
    head += f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def http(body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
         headers: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{headers}"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def warc_file(path: Path, records: list[bytes], compress: bool | None = None) -> Path:
    """Write records to ``path``; one gzip member each when the name ends in .gz."""
    compress = path.name.endswith(".gz") if compress is None else compress
    with open(path, "wb") as out:
        for r in records:
            out.write(gzip.compress(r, mtime=0) if compress else r)
    return path
