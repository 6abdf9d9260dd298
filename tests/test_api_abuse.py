"""The API and dashboard under abuse and load: injections, tokens, bodies, slow clients.

In-process (the real ASGI app through TestClient): SQL and HTML injection in
every parameter of every operation the OpenAPI document lists and of every
page, malformed bodies, and tokens. Through a real `powtrack serve` (uvicorn
on 127.0.0.1, in a subprocess): slow and oversized bodies, the bounded load
test of benchmarks/serve.py, and articles ingested through the API while
readers read. Every loop is bounded by a request count and a timeout.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx2
import pytest
from fastapi.testclient import TestClient

import dashboard_data
from ledger_data import snapshot
from powtrack.serve import create_app
from powtrack.store import Store

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "abuse-token-7c1d"

SQL = ["' OR '1'='1", "1; DROP TABLE documents; --", "\" OR 1=1 --",
       "%' UNION SELECT id, text FROM documents --", "ukraine') OR ('a'='a",
       "*/ DELETE FROM exchanges /*", "1 OR 1=1"]
HTML = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
        "{{7*7}}${7*7}", "</textarea><svg onload=alert(1)>"]
PAYLOADS = SQL + HTML
UNESCAPED = ["<script>alert(1)", "<img src=x", "<svg onload"]


@pytest.fixture
def ledger(db_url):
    with Store.open(db_url) as store:
        dashboard_data.fill(store)
    return db_url


@pytest.fixture
def client(ledger):
    with TestClient(create_app(ledger, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, (what, response.status_code, response.text[:300])
    if response.status_code >= 400 and response.headers["content-type"].startswith(
            "application/json"):
        err = response.json()["error"]
        assert err["status"] == response.status_code and err["message"], what


def assert_escaped(response, what: str) -> None:
    if "text/html" in response.headers.get("content-type", ""):
        for raw in UNESCAPED:
            assert raw not in response.text, (what, raw)


def operations(app) -> list[tuple[str, str, list[dict]]]:
    """(method, path, parameters) of every operation in the app's OpenAPI document."""
    out = []
    for path, methods in app.openapi()["paths"].items():
        for method, op in methods.items():
            out.append((method.upper(), path, op.get("parameters", [])))
    return out


# --- injection ----------------------------------------------------------------------


def test_sql_and_html_in_every_api_parameter_are_only_data(client, ledger):
    with Store.open(ledger) as store:
        before = snapshot(store)
    tried = 0
    for method, path, params in operations(client.app):
        if method != "GET":
            continue
        for param in params:
            for payload in PAYLOADS:
                if param["in"] == "path":
                    url = path.replace("{" + param["name"] + "}", quote(payload, safe=""))
                    response = client.get(url)
                else:
                    url = path.replace("{exchange_id}", "0000").replace("{document_id}", "x")
                    response = client.get(url, params={param["name"]: payload})
                what = f"GET {path} {param['name']}={payload!r}"
                assert_no_server_error(response, what)
                if response.status_code == 200 and param["name"] in ("party", "mediator", "q"):
                    # a filter that was not SQL: the payload matched nothing
                    if path.endswith(".csv"):
                        assert len(response.text.strip().splitlines()) == 1, what  # header
                    else:
                        body = response.json()
                        assert body.get("total", 0) == 0 and not body.get("totals"), what
                tried += 1
    assert tried > 100
    with Store.open(ledger) as store:
        assert snapshot(store) == before


PAGES = [("/", ["q"]), ("/exchanges", ["party", "status", "year", "mediator", "conflict", "q",
                                       "since", "until", "sort", "order", "page"]),
         ("/exchanges.csv", ["party", "mediator", "q", "sort"]), ("/documents", ["q", "page"]),
         ("/try", ["text"])]


def test_sql_and_html_in_every_page_parameter_and_path_are_escaped(client, ledger):
    with Store.open(ledger) as store:
        before = snapshot(store)
    for payload in PAYLOADS:
        for page, names in PAGES:
            for name in names:
                response = client.get(page, params={name: payload})
                assert_no_server_error(response, f"{page}?{name}={payload!r}")
                assert_escaped(response, f"{page}?{name}={payload!r}")
        for page in ("/exchanges/", "/documents/"):
            response = client.get(page + quote(payload, safe=""))
            assert response.status_code in (404, 422), (page, payload)
            assert_escaped(response, page + payload)
        tried = client.post("/try", data={"text": f"Kyiv said 5 came home. {payload}",
                                          "published": payload, "url": payload})
        assert_no_server_error(tried, f"POST /try {payload!r}")
        assert_escaped(tried, f"POST /try {payload!r}")
    with Store.open(ledger) as store:
        assert snapshot(store) == before


def test_sql_and_html_in_stored_articles_come_back_as_text(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for i, payload in enumerate(PAYLOADS):
        body = {"text": f"Armenia and Azerbaijan exchanged prisoners on June {i + 1}. Armenia "
                        f"said 12 Armenian soldiers came home. {payload}",
                "id": payload, "title": payload, "url": f"https://x.example/{quote(payload)}",
                "published": "2024-06-20"}
        response = client.post("/api/documents", json=body, headers=auth)
        assert response.status_code == 201, response.text
        doc = client.get(f"/api/documents/{response.json()['document_id']}").json()
        assert doc["text"] == body["text"] and doc["input_id"] == payload
        page = client.get(f"/documents/{response.json()['document_id']}")
        assert page.status_code == 200
        assert_escaped(page, payload)
    assert client.get("/api/documents").json()["total"] == len(dashboard_data.ARTICLES) + \
        len(PAYLOADS)


# --- tokens -------------------------------------------------------------------------


NEW = {"text": "Armenia and Azerbaijan exchanged prisoners on June 4. Armenia said 12 Armenian "
               "servicemen came home, and 9 Azerbaijani soldiers were returned to Azerbaijan.",
       "published": "2024-06-05", "id": "c-0604"}


@pytest.mark.parametrize("header, status", [
    (None, 401),
    ("", 401),
    ("Bearer", 401),
    ("Bearer ", 401),
    (f"Basic {TOKEN}", 401),
    (f"Token {TOKEN}", 401),
    ("Bearer wrong", 403),
    (f"Bearer {TOKEN[:-1]}", 403),            # a prefix of the token
    (f"Bearer {TOKEN}x", 403),                # the token and more
    (f"Bearer {TOKEN.upper()}", 403),
    (f"Bearer {TOKEN} {TOKEN}", 403),
    ("Bearer " + "a" * 20_000, 403),          # long
    ("Bearer t\u00f6ken", 403),                # not ASCII (sent as Latin-1)
    ("Bearer ' OR '1'='1", 403),
], ids=["no-header", "empty-header", "bearer-alone", "bearer-empty", "basic-scheme",
        "token-scheme", "wrong", "prefix", "suffix", "upper-case", "twice", "20000-chars",
        "latin-1", "sql"])
def test_an_invalid_token_stores_nothing(ledger, header, status):
    with TestClient(create_app(ledger, token=TOKEN)) as client:
        headers = {} if header is None else {"Authorization": header.encode("latin-1")}
        response = client.post("/api/documents", json=NEW, headers=headers)
        assert response.status_code == status, response.text
        assert response.json()["error"]["code"] in ("unauthorized", "bad_token")
        assert client.get("/api/documents/c-0604").status_code == 404


def test_the_token_is_compared_in_constant_time(ledger, monkeypatch):
    from powtrack.serve import api

    calls = []
    compare = hmac.compare_digest

    def recording(a, b):
        calls.append((a, b))
        return compare(a, b)

    monkeypatch.setattr(api.hmac, "compare_digest", recording)
    with TestClient(create_app(ledger, token=TOKEN)) as client:
        client.post("/api/documents", json=NEW, headers={"Authorization": "Bearer guess"})
        client.post("/api/documents", json=NEW, headers={"Authorization": f"Bearer {TOKEN}"})
    # every check of a given token goes through hmac.compare_digest, on bytes
    assert calls == [(b"guess", TOKEN.encode()), (TOKEN.encode(), TOKEN.encode())]


@pytest.mark.parametrize("token", [None, ""], ids=["no-token", "empty-token"])
def test_write_endpoints_are_off_unless_a_token_is_set(ledger, monkeypatch, token):
    monkeypatch.delenv("POWTRACK_TOKEN", raising=False)
    if token is not None:
        monkeypatch.setenv("POWTRACK_TOKEN", token)  # set but empty: still off
    with Store.open(ledger) as store:
        before = snapshot(store)
    with TestClient(create_app(ledger, token=token)) as client:
        for header in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer anything"}):
            response = client.post("/api/documents", json=NEW, headers=header)
            assert response.status_code == 403 and \
                response.json()["error"]["code"] == "writes_disabled"
        for method, path, _ in operations(client.app):
            if method in ("GET", "POST"):
                continue
            assert client.request(method, path).status_code == 405  # no other writes
        for path in ("/api/exchanges", "/api/documents", "/api/totals"):
            for method in ("PUT", "PATCH", "DELETE"):
                assert client.request(method, path).status_code == 405
        assert client.post("/try", data={"text": NEW["text"]}).status_code == 200
        assert client.post("/api/extract", json={"text": NEW["text"]}).status_code == 200
    with Store.open(ledger) as store:
        assert snapshot(store) == before  # reading and trying store nothing


# --- bodies -------------------------------------------------------------------------


@pytest.mark.parametrize("body, content_type, status", [
    (b"[" * 100_000, "application/json", 400),                   # nested too deeply
    (b'{"text": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", "application/json", 400),
    (b'{"text": "\xff\xfe swap"}', "application/json", 400),      # not UTF-8
    (b'{"text": "a \\ud800 b"}', "application/json", 422),        # a lone surrogate
    (b'{"text": "a", "published": NaN}', "application/json", 422),
    (b'{"text": "a", "published": 1' + b"0" * 5000 + b"}", "application/json", 400),
    (b"", "application/json", 422),
    (b"null", "application/json", 422),
    (b'[{"text": "a"}]', "application/json", 422),
    (b'{"text": {"nested": "object"}}', "application/json", 422),
    (b'{"text": "a"}', "text/plain", 422),
    (b"text=a", "application/x-www-form-urlencoded", 422),
    (b"--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\na\r\n--x--\r\n",
     "multipart/form-data; boundary=x", 422),
], ids=["nested-100000-deep", "nested-5000-deep", "invalid-utf8", "lone-surrogate", "nan",
        "5000-digit-number", "empty", "null", "array", "text-not-a-string", "text-plain",
        "form-urlencoded", "multipart"])
def test_malformed_bodies_get_one_error_shape(client, body, content_type, status):
    for path in ("/api/extract", "/api/documents"):
        response = client.post(path, content=body, headers={
            "content-type": content_type, "Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == status, (path, response.text)
        err = response.json()["error"]
        assert err["status"] == status and err["message"]


def test_an_article_with_a_figure_the_ledger_cannot_hold_gets_422_and_stores_nothing(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = client.get("/api/documents").json()["total"]
    text = ("Ukraine and Russia exchanged prisoners on Wednesday. Kyiv said "
            "1,000,000,000,000 Ukrainians came home.")
    response = client.post("/api/documents", json={"text": text, "published": "2024-03-04"},
                           headers=auth)
    assert response.status_code == 422, response.text
    assert "1,000,000,000,000" in response.json()["error"]["message"]
    assert client.get("/api/documents").json()["total"] == before
    assert client.post("/api/extract", json={"text": text}).status_code == 200  # read only


def test_an_article_over_the_text_limit_is_refused_whole(client):
    from powtrack.serve.api import MAX_TEXT

    response = client.post("/api/extract", json={"text": "x" * (MAX_TEXT + 1)})
    assert response.status_code == 422 and "text" in response.json()["error"]["message"]


# --- a real server ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db_url: str, log: Path, token: str | None = TOKEN):
    """`powtrack serve` on 127.0.0.1 in a subprocess, its stderr in ``log``: yields its URL."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("POWTRACK_TOKEN", None)
    if token:
        env["POWTRACK_TOKEN"] = token
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "powtrack", "serve", "--db", db_url,
                                 "--port", str(port), "--log-level", "warning"], env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx2.get(base + "/api/conflicts", timeout=2).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def raw_request(port: int, head: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(head)
    return sock


def read_status(sock: socket.socket) -> int:
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return int(data.split(b" ", 2)[1]) if data else 0


@pytest.mark.slow
def test_slow_and_oversized_bodies_do_not_hold_up_other_clients(tmp_path):
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    with Store.open(db) as store:
        dashboard_data.fill(store)
    with serving(db, tmp_path / "serve.log") as base:
        port = int(base.rsplit(":", 1)[1])
        body = json.dumps({"text": "Kyiv said 12 Ukrainians came home."}).encode()
        head = (b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: " +
                str(len(body)).encode() + b"\r\n\r\n")
        # 10 clients that send their body a byte at a time, 4 that stop half-way
        slow = [raw_request(port, head) for _ in range(10)]
        stalled = [raw_request(port, head + body[:10]) for _ in range(4)]
        sent = 0
        started = time.monotonic()
        latencies = []
        with httpx2.Client(base_url=base, timeout=10) as fast:
            for i in range(len(body)):
                for sock in slow:
                    sock.sendall(body[i:i + 1])
                sent += 1
                if i % 4 == 0:  # meanwhile, everyone else is answered
                    t0 = time.monotonic()
                    assert fast.get("/api/exchanges").status_code == 200
                    latencies.append(time.monotonic() - t0)
                time.sleep(0.04)
            # the stalled clients never finish: a server that waited on them would not
            # have answered at all; the bound only keeps a slow machine honest
            assert max(latencies) < 5.0, latencies
            for sock in slow:  # the slow bodies, once whole, are read and answered
                assert read_status(sock) == 200
                sock.close()
            for sock in stalled:  # a client that gives up leaves nothing behind
                sock.close()
            assert fast.get("/api/exchanges").status_code == 200

            # bodies over the limit: refused with 413 before they are read whole
            big = b'{"text": "' + b"x" * 5_000_000 + b'"}'
            response = fast.post("/api/extract", content=big,
                                 headers={"content-type": "application/json"})
            assert response.status_code == 413
            assert response.json()["error"]["code"] == "too_large"
            response = fast.post("/api/extract", content=iter([big[i:i + 65536] for i in
                                                               range(0, len(big), 65536)]),
                                 headers={"content-type": "application/json"})
            assert response.status_code == 413
            # a Content-Length that lies or is nonsense
            for length in (b"-1", b"abc", b"99999999999999999999"):
                sock = raw_request(port, b"POST /api/extract HTTP/1.1\r\nHost: x\r\n"
                                         b"Content-Type: application/json\r\n"
                                         b"Content-Length: " + length + b"\r\n\r\n{}")
                assert read_status(sock) in (400, 413), length
                sock.close()
            assert fast.get("/api/exchanges").status_code == 200
        assert time.monotonic() - started < 120
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log, log


@pytest.mark.slow
def test_the_serve_benchmark_bounded_load_has_no_errors(db_url, tmp_path):
    out = tmp_path / "serve.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "serve.py"), "--exchanges", "200",
         "--requests", "30", "--concurrency", "4", "--db", db_url, "--json", str(out)],
        capture_output=True, text=True, timeout=300,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["exchanges"] == 200
    assert len(report["results"]) == 7
    for r in report["results"]:
        assert r["errors"] == 0 and r["requests"] == 30 and r["rps"] > 0, r


def articles(n: int) -> list[dict]:
    """``n`` articles about ``n // 2`` swaps, each swap reported twice."""
    out = []
    day = date(2023, 1, 10)
    for s in range(n // 2):
        day += timedelta(days=60)
        x, y = 20 + 3 * s, 30 + 5 * s
        when = f"{day:%B} {day.day}, {day.year}"
        texts = [f"Armenia and Azerbaijan exchanged prisoners on {when}. Armenia said {x} "
                 f"Armenian soldiers came home, and {y} Azerbaijani servicemen were returned.",
                 f"On {when}, Armenia brought home {x} Armenian soldiers in a swap with "
                 f"Azerbaijan, which received {y} Azerbaijani servicemen."]
        for r, text in enumerate(texts):
            out.append({"text": text, "id": f"s{s}r{r}", "published": str(day + timedelta(r)),
                        "url": f"https://outlet{r}.example/{s}"})
    return out


async def _ingest_while_reading(base: str, docs: list[dict], reads: int) -> dict:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    paths = ["/api/exchanges?per_page=100", "/api/totals", "/api/timeline", "/",
             "/exchanges", "/api/documents", "/api/conflicts"]
    outcome: dict = {"writes": [], "reads": [], "seen": []}
    limits = httpx2.Limits(max_connections=8)
    async with httpx2.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        todo = list(docs)

        async def writer() -> None:
            while todo:
                doc = todo.pop(0)
                response = await client.post("/api/documents", json=doc, headers=auth)
                outcome["writes"].append((response.status_code, response.text[:200]))

        async def reader(k: int) -> None:
            seen = []
            for i in range(reads):
                response = await client.get(paths[(i + k) % len(paths)])
                outcome["reads"].append((response.status_code, response.text[:200]))
                if paths[(i + k) % len(paths)] == "/api/documents":
                    seen.append(response.json()["total"])
            outcome["seen"].append(seen)

        await asyncio.gather(*(writer() for _ in range(4)), *(reader(k) for k in range(4)))
    return outcome


@pytest.mark.slow
def test_articles_posted_while_readers_read_are_all_stored_and_resolved(db_url, tmp_path):
    docs = articles(40)
    with serving(db_url, tmp_path / "serve.log") as base:
        outcome = asyncio.run(asyncio.wait_for(
            _ingest_while_reading(base, docs, reads=50), timeout=240))
        assert [s for s, _ in outcome["writes"]] == [201] * len(docs), outcome["writes"]
        assert all(s == 200 for s, _ in outcome["reads"]), \
            [r for r in outcome["reads"] if r[0] != 200][:3]
        for seen in outcome["seen"]:  # each reader sees the ledger only grow
            assert seen == sorted(seen)
        final = httpx2.get(base + "/api/documents", timeout=10).json()["total"]
        assert final == len(docs)
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log and "locked" not in log.lower(), log
    # the same articles stored one after another give the same ledger
    from powtrack.document import Document
    from powtrack.store import ingest

    alone = f"sqlite:///{tmp_path / 'sequential.db'}"
    with Store.open(alone) as store:
        ingest(store, [Document(text=d["text"], id=d["id"], url=d["url"],
                                published=date.fromisoformat(d["published"]), source="api")
                       for d in docs])
    with Store.open(db_url) as concurrent, Store.open(alone) as sequential:
        assert snapshot(concurrent, skip=("ingested_at",)) == \
            snapshot(sequential, skip=("ingested_at",))
        assert len(concurrent.exchanges()) == 20
