"""The JSON API and the pages, through the real application over SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time

import httpx2
import pytest
from fastapi.testclient import TestClient

import dashboard_data
from ledger_data import add, swap
from powtrack.serve import create_app
from powtrack.store import Store

TOKEN = "test-token-3f9a"


@pytest.fixture
def client(db_url):
    """The application over a ledger holding the dashboard articles, writes enabled."""
    with Store.open(db_url) as store:
        dashboard_data.fill(store)
    with TestClient(create_app(db_url, token=TOKEN)) as c:
        yield c


def items(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["items"]


def exchange_with_conflict(client) -> dict:
    (x,) = items(client.get("/api/exchanges", params={"conflict": "true"}))
    return x


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The one error shape: {"error": {"status", "code", "message"}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    err = response.json()["error"]
    assert err["status"] == status
    assert isinstance(err["message"], str) and err["message"]
    if code:
        assert err["code"] == code
    return err


# --- reading ---------------------------------------------------------------------------


def test_exchanges_are_listed_newest_first_with_paging(client):
    page = client.get("/api/exchanges", params={"per_page": 2}).json()
    assert (page["total"], page["pages"], page["page"], len(page["items"])) == (4, 2, 1, 2)
    second = client.get("/api/exchanges", params={"per_page": 2, "page": 2}).json()
    dates = [x["date"] for x in page["items"] + second["items"]]
    assert dates == ["2024-05-02", "2024-03-06", "2024-01-03", "2023-12-13"]


@pytest.mark.parametrize("params, expected", [
    ({"party": "Kyiv"}, 3),                       # an alias finds the canonical side
    ({"party": "Armenia"}, 1),
    ({"mediator": "Qatar"}, 1),
    ({"mediator": "United Arab Emirates"}, 1),
    ({"conflict": "true"}, 1),
    ({"conflict": "false"}, 3),
    ({"year": 2023}, 1),
    ({"status": "agreed"}, 0),
    ({"q": "azerb"}, 1),
    ({"since": "2024-01-01", "until": "2024-03-31"}, 2),
    ({"party": "Ukraine", "mediator": "qatar"}, 1),
])
def test_exchanges_filter(client, params, expected):
    assert client.get("/api/exchanges", params=params).json()["total"] == expected


def test_exchanges_sort_by_a_figure_with_unknowns_last(client):
    rows = items(client.get("/api/exchanges", params={"sort": "returned_to_a", "order": "asc"}))
    figures = [x["returned_to_a"] for x in rows]
    assert figures == sorted(figures)


def test_an_exchange_has_its_claims_with_evidence_and_its_conflict(client):
    x = exchange_with_conflict(client)
    detail = client.get(f"/api/exchanges/{x['id'][:6]}").json()   # a prefix is enough
    assert detail["id"] == x["id"] and detail["pair"] == "Russia / Ukraine"
    ukraine = [c for c in detail["consensus"] if c["field"] == "returned"
               and c["party"] == "Ukraine"][0]
    assert ukraine["conflict"] and {k["value"] for k in ukraine["candidates"]} == {"100", "90"}
    (ninety,) = [c for c in detail["claims"] if c["field"] == "returned" and c["value"] == "90"]
    assert ninety["outlet"] == "wire-service.example" and not ninety["agrees"]
    assert "90 Ukrainian prisoners" in ninety["sentence"]
    doc = client.get(f"/api/documents/{ninety['document_id']}").json()
    assert doc["text"][ninety["start"]:ninety["end"]] == "90"
    assert doc["text"][ninety["sentence_start"]:].startswith(ninety["sentence"])
    assert {d["input_id"] for d in detail["documents"]} == {"kyiv-0307", "wire-0307"}
    assert detail["findings"] == []


def test_unknown_and_malformed_exchange_ids(client):
    assert_error(client.get("/api/exchanges/0000000000000000"), 404, "not_found")
    err = assert_error(client.get("/api/exchanges/not-hex"), 422, "invalid")
    assert err["details"][0]["loc"] == ["path", "exchange_id"]


def test_documents_list_and_one_document_by_hash_or_input_id(client):
    page = client.get("/api/documents").json()
    assert page["total"] == len(dashboard_data.ARTICLES)
    assert "text" not in page["items"][0]
    by_input = client.get("/api/documents/kyiv-0103").json()
    by_hash = client.get(f"/api/documents/{by_input['id']}").json()
    assert by_input == by_hash
    assert by_input["text"].startswith("Ukraine and Russia exchanged prisoners")
    values = {(c["field"], c["party"], c["value"]) for c in by_input["claims"]}
    assert ("returned", "Ukraine", "230") in values
    assert all(c["exchange_id"] for c in by_input["claims"])
    assert client.get("/api/documents", params={"q": "wire-service"}).json()["total"] == 2
    assert_error(client.get("/api/documents/no-such-document"), 404, "not_found")


def test_totals_and_timeline_agree(client):
    body = client.get("/api/totals").json()
    by_party = {p["party"]: p["returned"] for p in body["by_party"]}
    assert by_party == {"Ukraine": 480, "Russia": 498, "Armenia": 32, "Azerbaijan": 2}
    assert body["summary"]["exchanges"] == 4
    response = client.get("/api/timeline", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    plain = client.get("/api/timeline", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == response.json()
    points = response.json()["points"]
    last = {}
    for p in points:
        last[p["side"]] = p["cumulative"]
    assert last == by_party
    assert [p["date"] for p in points] == sorted(p["date"] for p in points)


def test_conflicts_list_the_disputed_figure(client):
    body = client.get("/api/conflicts").json()
    assert body["total"] == 1
    assert body["items"][0]["party"] == "Ukraine" and body["items"][0]["consensus"] == "100"


def test_books_findings_are_listed_and_shown_on_their_exchange(db_url):
    with Store.open(db_url) as store:
        add(store, "Parts that do not add up.",
            swap("2024-02-01", 100, 100, breakdown={"Ukraine": {"military": 90, "civilians": 20}}),
            id="parts")
        store.resolve()
    with TestClient(create_app(db_url)) as client:
        (finding,) = client.get("/api/findings").json()["findings"]
        assert finding["check"] == "breakdown" and finding["sources"] == ["parts"]
        assert client.get("/api/findings", params={"check": "held"}).json()["findings"] == []
        detail = client.get(f"/api/exchanges/{finding['exchange_id']}").json()
        assert [f["message"] for f in detail["findings"]] == [finding["message"]]
        page = client.get(f"/exchanges/{finding['exchange_id']}").text
        assert "110" in finding["message"] and finding["message"] in page


def test_csv_download_has_what_the_filters_show(client):
    response = client.get("/api/exchanges.csv", params={"party": "Ukraine", "sort": "date",
                                                         "order": "asc"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["date"] for r in rows] == ["2024-01-03", "2024-03-06", "2024-05-02"]
    page_csv = client.get("/exchanges.csv?party=Ukraine&status=&year=&sort=date&order=asc")
    assert page_csv.text == response.text


# --- extract ---------------------------------------------------------------------------


def test_extract_returns_the_schema_record_with_evidence_and_stores_nothing(client):
    before = client.get("/api/documents").json()["total"]
    article = dashboard_data.ARTICLES[0]
    response = client.post("/api/extract", json={"text": article["text"],
                                                 "published": "2024-01-03",
                                                 "url": "https://x.example/1"})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["relevant"] is True and record["url"] == "https://x.example/1"
    (event,) = record["events"]
    assert event["date"] == "2024-01-03" and event["returned"] == {"Ukraine": [230],
                                                                   "Russia": [248]}
    ev = [e for e in event["evidence"] if e["field"] == "returned" and e["value"] == 230][0]
    assert article["text"][ev["start"]:ev["end"]] == "230"
    assert client.get("/api/documents").json()["total"] == before


def test_extract_without_a_date_leaves_relative_dates_null(client):
    record = client.post("/api/extract", json={"text": dashboard_data.ARTICLES[0]["text"]}).json()
    assert record["events"][0]["date"] is None


def test_malformed_json_gets_422_with_a_clear_message(client):
    err = assert_error(client.post("/api/extract", content=b'{"text": "abc",',
                                   headers={"content-type": "application/json"}), 422, "invalid")
    assert "not valid JSON" in err["message"]
    err = assert_error(client.post("/api/extract", content=b"plain words"), 422)
    assert "JSON object" in err["message"]


@pytest.mark.parametrize("body, where", [
    ({}, "text"),
    ({"text": ""}, "text"),
    ({"text": "a", "published": "03/01/2024"}, "published"),
    ({"text": "a", "published": "0001-01-01"}, "published"),
    ({"text": "a\x00b"}, "text"),
    ({"text": "a", "colour": "red"}, "colour"),
])
def test_invalid_extract_bodies_say_which_field(client, body, where):
    err = assert_error(client.post("/api/extract", json=body), 422, "invalid")
    assert where in err["message"]


def test_bodies_over_the_limit_get_413(db_url):
    with TestClient(create_app(db_url, max_body=1000)) as client:
        big = {"text": "x" * 2000}
        assert_error(client.post("/api/extract", json=big), 413, "too_large")

        def chunks():  # no Content-Length: the limit counts the bytes as they arrive
            for _ in range(10):
                yield b"x" * 500

        assert_error(client.post("/api/extract", content=chunks(),
                                 headers={"content-type": "application/json"}), 413)
        assert client.post("/try", data={"text": "y" * 2000}).status_code == 413
        assert client.post("/api/extract", json={"text": "short"}).status_code == 200


# --- writing ---------------------------------------------------------------------------


NEW = {"text": "Armenia and Azerbaijan exchanged prisoners on June 4. Armenia said 12 Armenian "
               "servicemen came home, and 9 Azerbaijani soldiers were returned to Azerbaijan.",
       "published": "2024-06-05", "url": "https://caucasus-news.example/a/604", "id": "c-0604"}


def test_writes_are_disabled_without_a_token(db_url, monkeypatch):
    monkeypatch.delenv("POWTRACK_TOKEN", raising=False)
    with TestClient(create_app(db_url)) as client:
        err = assert_error(client.post("/api/documents", json=NEW,
                                       headers={"Authorization": f"Bearer {TOKEN}"}), 403)
        assert err["code"] == "writes_disabled" and "POWTRACK_TOKEN" in err["message"]


def test_the_token_comes_from_the_environment(db_url, monkeypatch):
    monkeypatch.setenv("POWTRACK_TOKEN", "from-env")
    with TestClient(create_app(db_url)) as client:
        response = client.post("/api/documents", json=NEW,
                               headers={"Authorization": "Bearer from-env"})
        assert response.status_code == 201, response.text


def test_ingesting_needs_the_bearer_token_and_is_idempotent(client):
    assert_error(client.post("/api/documents", json=NEW), 401, "unauthorized")
    assert_error(client.post("/api/documents", json=NEW,
                             headers={"Authorization": "Bearer wrong"}), 403, "bad_token")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/documents", json=NEW, headers=auth)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["stored"] is True and body["version"] == 1 and len(body["exchanges"]) == 1
    again = client.post("/api/documents", json=NEW, headers=auth)
    assert again.status_code == 200 and again.json()["stored"] is False
    x = client.get(f"/api/exchanges/{body['exchanges'][0]}").json()
    assert (x["date"], x["returned_to_a"], x["returned_to_b"]) == ("2024-06-04", 12, 9)
    assert client.get("/api/documents/c-0604").json()["id"] == body["document_id"]


# --- one error shape -------------------------------------------------------------------


def test_every_api_error_has_the_one_shape(db_url, monkeypatch):
    from powtrack.serve import queries

    with TestClient(create_app(db_url, token=TOKEN, max_body=100),
                    raise_server_exceptions=False) as client:
        assert_error(client.get("/api/nothing-here"), 404, "not_found")
        assert_error(client.delete("/api/exchanges"), 405, "method_not_allowed")
        assert_error(client.get("/api/exchanges", params={"page": 0}), 422, "invalid")
        assert_error(client.post("/api/extract", json={"text": "z" * 200}), 413, "too_large")
        assert_error(client.post("/api/documents", json={"text": "x"}), 401, "unauthorized")

        def broken(*args, **kwargs):
            raise RuntimeError("boom")

        monkeypatch.setattr(queries, "list_exchanges", broken)
        err = assert_error(client.get("/api/exchanges"), 500, "internal_error")
        assert "boom" not in err["message"]  # internals stay in the log


# --- pages -----------------------------------------------------------------------------


def test_pages_render(client):
    x = exchange_with_conflict(client)
    for path in ("/", "/exchanges", f"/exchanges/{x['id']}", "/documents",
                 "/documents/kyiv-0103", "/try", "/docs"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
    page = client.get(f"/exchanges/{x['id']}").text
    assert '<mark class="value">90</mark>' in page
    assert 'class="claim conflict disagrees"' in page


def test_article_text_and_user_input_are_escaped(client):
    page = client.get("/documents/wire-0307").text
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page
    probe = '"><script>alert(1)</script>'
    for path in ("/exchanges", "/documents"):
        shown = client.get(path, params={"q": probe}).text
        assert "<script>alert(1)" not in shown and "&lt;script&gt;alert(1)" in shown
    tried = client.post("/try", data={"text": "Kyiv said 5 came home. " + probe,
                                      "url": probe}).text
    assert "<script>alert(1)" not in tried and "&lt;script&gt;alert(1)" in tried


def test_page_errors_are_pages(client):
    response = client.get("/exchanges/ffffffffffffffff")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "no exchange" in response.text
    assert client.get("/exchanges", params={"year": "soon"}).status_code == 422
    assert client.get("/documents/%00").status_code == 404


def test_pages_load_nothing_from_outside(client):
    from pathlib import Path

    from powtrack.serve import STATIC

    for path in ("/", "/exchanges", "/try", "/docs"):
        html = client.get(path).text
        assert "src=\"http" not in html and "href=\"http" not in html.replace(
            'href="https://kyiv', "")
    vendor = sum(p.stat().st_size for p in Path(STATIC).rglob("*") if p.is_file())
    assert vendor < 5_000_000
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js",
                 "swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/static/vendor/{name}").status_code == 200
    headers = client.get("/").headers
    assert "script-src 'self';" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_the_csv_guards_against_spreadsheet_formulas():
    from powtrack.serve.pages import _csv_cell

    assert _csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _csv_cell(["Qatar", "Turkey"]) == "Qatar; Turkey"
    assert _csv_cell(12) == 12


# --- the command ------------------------------------------------------------------------


def test_powtrack_serve_runs_the_app(tmp_path):
    import socket

    db = tmp_path / "ledger.db"
    with Store.open(str(db)) as store:
        dashboard_data.fill(store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "powtrack", "serve", "--db", str(db),
                             "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx2.get(f"http://127.0.0.1:{port}/api/exchanges", timeout=2)
                break
            except httpx2.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert response.json()["total"] == 4
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def test_powtrack_serve_says_what_is_wrong_with_the_database(tmp_path):
    result = subprocess.run([sys.executable, "-m", "powtrack", "serve", "--db",
                             str(tmp_path / "missing" / "x.db")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_totals_follow_writes_made_by_another_process(client, db_url):
    before = client.get("/api/totals").json()["summary"]["exchanges"]
    client.get("/")  # cached now
    with Store.open(db_url) as other:   # as `powtrack ingest` in another process would
        add(other, "Later swap.", swap("2024-08-01", 7, 8), id="later")
        other.resolve()
    assert client.get("/api/totals").json()["summary"]["exchanges"] == before + 1
    points = client.get("/api/timeline").json()["points"]
    assert points[-1]["date"] == "2024-08-01"
    assert "2024-08-01" in client.get("/").text
