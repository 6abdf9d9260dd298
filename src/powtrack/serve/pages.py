"""Server-rendered pages: overview, exchanges, one exchange, documents, Try it, API docs.

Every value reaches HTML through Jinja2 with autoescaping on; article text
is cut into segments (``powtrack.serve.highlight``) and never turned into
markup here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates

from powtrack.serve import queries
from powtrack.serve.errors import APIError
from powtrack.serve.highlight import Span, describe, find_number, in_context, kind_of, mark
from powtrack.store import Store

HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False)

CSV_COLUMNS = ["id", "date", "first_reported", "status", "party_a", "returned_to_a", "party_b",
               "returned_to_b", "total", "mediators", "location", "parent_id", "stage",
               "n_documents", "n_conflicts"]
PER_PAGE = 50
SIDE_FIELDS = ["returned", "breakdown.military", "breakdown.civilians", "breakdown.wounded",
               "breakdown.bodies", "promised", "refused", "absent"]


def _num(value: Any) -> str:
    if value is None or value == "":
        return "?"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _day(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)


def _label(field: str) -> str:
    return field.replace("breakdown.", "").replace("_", " ")


def _web_url(url: str | None) -> str | None:
    """The URL if it is http(s), for links; anything else (javascript:, data:) is not linked."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(num=_num, day=_day, label=_label, web_url=_web_url)
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    return render(request, "error.html", status, status_code=status, code=code, message=message)


def store_of(request: Request) -> Store:
    return request.app.state.store


# --- filters from a form ------------------------------------------------------------


def filter_from_query(request: Request) -> queries.ExchangeFilter:
    """The table's filters from its query string; empty fields mean "any"."""
    p = {k: v.strip() for k, v in request.query_params.items()}
    for key, value in p.items():
        if "\x00" in value or len(value) > 200:
            raise APIError(422, f"{key}: too long or not text")

    def choice(key: str, allowed) -> str | None:
        value = p.get(key) or None
        if value is not None and value not in allowed:
            raise APIError(422, f"{key} must be one of {', '.join(allowed)}")
        return value

    def day(key: str) -> date | None:
        if not p.get(key):
            return None
        try:
            return date.fromisoformat(p[key])
        except ValueError:
            raise APIError(422, f"{key} must be a date such as 2024-01-03") from None

    year = None
    if p.get("year"):
        if not p["year"].isdigit() or not 1800 <= int(p["year"]) <= 2199:
            raise APIError(422, "year must be a year such as 2024")
        year = int(p["year"])
    conflict = {"": None, "yes": True, "true": True, "no": False, "false": False}.get(
        p.get("conflict", "").lower(), None)
    return queries.ExchangeFilter(
        party=p.get("party") or None, status=choice("status", queries.STATUSES),
        year=year, mediator=p.get("mediator") or None, conflict=conflict,
        q=p.get("q") or None, since=day("since"), until=day("until"),
        sort=choice("sort", list(queries.SORTS)) or "date",
        order=choice("order", ["asc", "desc"]) or "desc")


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1").strip() or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        raise APIError(422, "page must be a number from 1")
    return int(raw)


def _query_string(request: Request, **changes: Any) -> str:
    params = dict(parse_qsl(request.url.query, keep_blank_values=False))
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return urlencode(params)


# --- CSV ------------------------------------------------------------------------------


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # a spreadsheet must not read a cell as a formula
    return value


def csv_response(store: Store, f: queries.ExchangeFilter) -> StreamingResponse:
    def rows() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for i, row in enumerate(queries.iter_exchanges(store, f)):
            writer.writerow([_csv_cell(row[c]) for c in CSV_COLUMNS])
            if i % 200 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="powtrack-exchanges.csv"'})


# --- pages ----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    store = store_of(request)
    cache: queries.LedgerCache = request.app.state.cache
    version = cache.version()
    totals = cache.get("totals", store.totals, version)
    summary = cache.get("summary", lambda: queries.summary(store), version)
    conflicts, n_conflicts = queries.open_conflicts(store, 10)
    return render(request, "overview.html", summary=summary,
                  by_party=queries.returned_by_party(totals), latest=queries.latest(store, 8),
                  conflicts=conflicts, n_conflicts=n_conflicts, page="overview")


@router.get("/exchanges", response_class=HTMLResponse)
def exchanges_page(request: Request):
    store = store_of(request)
    f = filter_from_query(request)
    page = _page_number(request)
    rows, total = queries.list_exchanges(store, f, page, PER_PAGE)
    pages = max(1, (total + PER_PAGE - 1) // PER_PAGE)

    def sort_link(column: str) -> str:
        order = "asc" if f.sort == column and f.order == "desc" else "desc"
        return "?" + _query_string(request, sort=column, order=order, page=None)

    return render(request, "exchanges.html", rows=rows, total=total, f=f, page_no=page,
                  pages=pages, sort_link=sort_link,
                  options=request.app.state.cache.get("options",
                                                      lambda: queries.filter_options(store)),
                  prev_link="?" + _query_string(request, page=page - 1) if page > 1 else None,
                  next_link="?" + _query_string(request, page=page + 1)
                  if page < pages else None,
                  csv_link="/exchanges.csv?" + _query_string(request, page=None),
                  page="exchanges")


@router.get("/exchanges.csv")
def exchanges_csv_page(request: Request):
    return csv_response(store_of(request), filter_from_query(request))


def _lookup(fn, *args):
    try:
        return fn(*args)
    except queries.NotFound as exc:
        raise APIError(404, str(exc)) from None
    except queries.Ambiguous as exc:
        raise APIError(409, str(exc)) from None


@router.get("/exchanges/{exchange_id}", response_class=HTMLResponse)
def exchange_page(request: Request, exchange_id: str):
    store = store_of(request)
    if not exchange_id or len(exchange_id) > 16 or \
            not all(c in "0123456789abcdefABCDEF" for c in exchange_id):
        raise APIError(404, f"no exchange {exchange_id!r}; ids are hexadecimal")
    x = _lookup(queries.exchange_detail, store, exchange_id)
    texts = queries.document_texts(store, [d["id"] for d in x["documents"]])
    for c in x["claims"]:
        c["context"] = in_context(texts.get(c["document_id"]), c["sentence"], c["start"],
                                  c["end"])
    sides = [p for p in (x["party_a"], x["party_b"]) if p]
    figures = {(c["field"], c["party"]): c for c in x["consensus"]}
    side_fields = [f for f in SIDE_FIELDS if any((f, s) in figures for s in sides)]
    other = [c for c in x["consensus"] if not c["party"]]
    return render(request, "exchange.html", x=x, sides=sides, figures=figures,
                  side_fields=side_fields, other=other, page="exchanges")


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request):
    store = store_of(request)
    q = request.query_params.get("q", "").strip()
    if "\x00" in q or len(q) > 200:
        raise APIError(422, "q: too long or not text")
    page = _page_number(request)
    rows, total = queries.list_documents(store, q or None, page, PER_PAGE)
    pages = max(1, (total + PER_PAGE - 1) // PER_PAGE)
    return render(request, "documents.html", rows=rows, total=total, q=q, page_no=page,
                  pages=pages,
                  prev_link="?" + _query_string(request, page=page - 1) if page > 1 else None,
                  next_link="?" + _query_string(request, page=page + 1)
                  if page < pages else None, page="documents")


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str):
    if "\x00" in document_id or len(document_id) > 200:
        raise APIError(404, "no such document")
    d = _lookup(queries.document_detail, store_of(request), document_id)
    spans = []
    for c in d["claims"]:
        if c["start"] is None or c["end"] is None:
            continue
        href = f"/exchanges/{c['exchange_id']}#claim-{c['id']}" if c["exchange_id"] else None
        spans.append(Span(c["start"], c["end"], kind_of(c["field"]),
                          describe(c["field"], c["party"], c["value"]), href, f"span-{c['id']}"))
    spans += _held_spans(d["text"], d["held"])
    return render(request, "document.html", d=d, segments=mark(d["text"], spans),
                  marked=sum(1 for s in spans), page="documents")


def _held_spans(text: str, held: list[dict]) -> list[Span]:
    """Held figures have a sentence but no offsets: find the figure in its sentence."""
    from powtrack.serve.highlight import sentence_bounds

    out = []
    for h in held:
        bounds = sentence_bounds(text, h.get("sentence"), None)
        if bounds is None:
            continue
        at = find_number(text, h["count"], *bounds)
        if at:
            out.append(Span(at[0], at[1], "held",
                            f"held by {h['held_by']}: {h['count']:,} {h['of']} captives"))
    return out


def record_spans(record) -> list[Span]:
    """Highlights for everything in a freshly extracted record (Try it)."""
    spans = []
    for i, event in enumerate(record.events):
        for e in event.evidence:
            spans.append(Span(e.start, e.end, kind_of(e.field),
                              describe(e.field, e.party, e.value) + f" (event {i + 1})",
                              f"#event-{i + 1}"))
    for h in record.held:
        for e in h.evidence:
            spans.append(Span(e.start, e.end, "held",
                              f"held by {h.held_by}: {h.count:,} {h.of} captives"))
    return spans


@router.get("/try", response_class=HTMLResponse)
def try_page(request: Request):
    return render(request, "try.html", form={"text": "", "published": "", "url": ""},
                  page="try")


@router.post("/try", response_class=HTMLResponse)
async def try_submit(request: Request):
    from fastapi.concurrency import run_in_threadpool

    from powtrack.pipeline import extract

    body = (await request.body()).decode("utf-8", errors="replace")
    form = {k: v for k, v in parse_qsl(body, keep_blank_values=True)}
    form = {k: form.get(k, "").replace("\x00", "") for k in ("text", "published", "url")}
    text = form["text"].replace("\r\n", "\n")
    error = None
    published = None
    if form["published"].strip():
        try:
            published = date.fromisoformat(form["published"].strip())
            if not 1800 <= published.year <= 2199:
                raise ValueError
        except ValueError:
            error = "The publication date must be a date such as 2024-01-03."
    if not text.strip():
        error = "Paste the text of an article first."
    elif len(text) > 200_000:
        error = "That article is longer than 200,000 characters; paste a shorter one."
    if error:
        return render(request, "try.html", 422, form=form, error=error, page="try")
    record = await run_in_threadpool(extract, text, published, form["url"].strip() or None)
    return render(request, "try.html", form=form, record=record, text=text,
                  segments=mark(text, record_spans(record)), page="try",
                  json_text=json.dumps(record.to_dict(), indent=2, ensure_ascii=False))


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    return render(request, "docs.html", page="docs")
