"""The JSON API under /api: a thin layer over the store, the queries and the pipeline."""

from __future__ import annotations

import gzip
import hmac
import json
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from powtrack.serve import queries
from powtrack.serve.errors import APIError, ErrorBody
from powtrack.store import Store

router = APIRouter(prefix="/api")

MAX_TEXT = 200_000        # characters in one article sent to extract or ingest
EARLIEST = date(1800, 1, 1)
LATEST = date(2199, 12, 31)
NO_NUL = r"^[^\x00]*$"    # PostgreSQL text cannot hold NUL

# Query parameters shared by the exchange list, its CSV and the table page.
Party = Annotated[str | None, Query(max_length=100, pattern=NO_NUL,
                                     description="A side: canonical name or alias (Kyiv).")]
Status = Annotated[Literal["completed", "agreed", "failed"] | None, Query()]
Year = Annotated[int | None, Query(ge=1800, le=2199, description="Swap year (its date, "
                                   "else when it was first reported).")]
Mediator = Annotated[str | None, Query(max_length=100, pattern=NO_NUL)]
Conflict = Annotated[bool | None, Query(description="true: sources disagree on a figure.")]
Search = Annotated[str | None, Query(max_length=200, pattern=NO_NUL,
                                     description="Id prefix, parties, location or mediator.")]
Since = Annotated[date | None, Query(ge=EARLIEST, le=LATEST)]
Until = Annotated[date | None, Query(ge=EARLIEST, le=LATEST)]
Sort = Annotated[Literal[tuple(queries.SORTS)] | None, Query()]  # type: ignore[valid-type]
Order = Annotated[Literal["asc", "desc"] | None, Query()]
Page = Annotated[int, Query(ge=1, le=100_000)]
PerPage = Annotated[int, Query(ge=1, le=500)]
ExchangeId = Annotated[str, Path(pattern=r"^[0-9a-fA-F]{1,16}$",
                                 description="An exchange id, or a unique prefix of one.")]
DocumentId = Annotated[str, Path(min_length=1, max_length=200, pattern=NO_NUL,
                                 description="Content hash (or prefix), or the input id.")]

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text} for code, text in (
        (404, "Not found"), (409, "An id prefix matches several"), (422, "Invalid input"))}


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def exchange_filter(party: Party = None, status: Status = None, year: Year = None,
                    mediator: Mediator = None, conflict: Conflict = None, q: Search = None,
                    since: Since = None, until: Until = None, sort: Sort = None,
                    order: Order = None) -> queries.ExchangeFilter:
    return queries.ExchangeFilter(party=party, status=status, year=year, mediator=mediator,
                                  conflict=conflict, q=q, since=since, until=until,
                                  sort=sort or "date", order=order or "desc")


FilterDep = Annotated[queries.ExchangeFilter, Depends(exchange_filter)]


def _clean_text(value: str | None) -> str | None:
    if value is None:
        return value
    if "\x00" in value:
        raise ValueError("contains a NUL character; remove it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains invalid Unicode (a lone surrogate)") from None
    return value


class Article(BaseModel):
    """An article to read: its text, and optionally when it was published and its URL."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "Ukraine and Russia exchanged prisoners on Wednesday. Kyiv said 230 "
                "Ukrainians came home; Moscow said 248 Russian soldiers were returned.",
        "published": "2024-01-03", "url": "https://news.example/swap"}]})

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    published: date | None = Field(None, ge=EARLIEST, le=LATEST,
                                   description="YYYY-MM-DD; anchors 'on Wednesday'.")
    url: str | None = Field(None, max_length=2000)

    @field_validator("text", "url")
    @classmethod
    def _no_bad_characters(cls, value: str | None) -> str | None:
        return _clean_text(value)


class NewDocument(Article):
    """An article to store in the ledger (``id`` is the name it has in your data)."""

    id: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=1000)

    @field_validator("id", "title")
    @classmethod
    def _no_bad_characters_either(cls, value: str | None) -> str | None:
        return _clean_text(value)


class Page_(BaseModel):
    items: list[dict[str, Any]]
    page: int
    per_page: int
    total: int
    pages: int


class Stored(BaseModel):
    document_id: str
    stored: bool
    version: int | None
    exchanges: list[str]


def page_of(items: list[dict], page: int, per_page: int, total: int) -> dict:
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "pages": (total + per_page - 1) // per_page}


def _lookup(fn, *args):
    try:
        return fn(*args)
    except queries.NotFound as exc:
        raise APIError(404, str(exc)) from None
    except queries.Ambiguous as exc:
        raise APIError(409, str(exc)) from None


@router.get("/exchanges", response_model=Page_, responses=ERRORS, tags=["exchanges"])
def list_exchanges(store: StoreDep, f: FilterDep, page: Page = 1, per_page: PerPage = 50):
    """Exchanges with their consensus figures, filtered, sorted (newest first) and paged."""
    rows, total = queries.list_exchanges(store, f, page, per_page)
    return page_of(rows, page, per_page, total)


@router.get("/exchanges.csv", responses={200: {"content": {"text/csv": {}}}, **ERRORS},
            response_class=StreamingResponse, tags=["exchanges"])
def exchanges_csv(store: StoreDep, f: FilterDep):
    """Every exchange that matches the filters, as CSV (the table page's download)."""
    from powtrack.serve.pages import csv_response

    return csv_response(store, f)


@router.get("/exchanges/{exchange_id}", responses=ERRORS, tags=["exchanges"])
def get_exchange(store: StoreDep, exchange_id: ExchangeId) -> dict[str, Any]:
    """One exchange: consensus figures, every claim with its sentence, documents, stages,
    and the books findings about it."""
    return _lookup(queries.exchange_detail, store, exchange_id)


@router.get("/documents", response_model=Page_, responses=ERRORS, tags=["documents"])
def list_documents(store: StoreDep, q: Search = None, page: Page = 1,
                   per_page: PerPage = 50):
    """Stored articles (without their text), newest first."""
    rows, total = queries.list_documents(store, q, page, per_page)
    return page_of(rows, page, per_page, total)


@router.get("/documents/{document_id}", responses=ERRORS, tags=["documents"])
def get_document(store: StoreDep, document_id: DocumentId) -> dict[str, Any]:
    """One article: its text and every value read from it, with the exchange it joined."""
    return _lookup(queries.document_detail, store, document_id)


@router.get("/totals", tags=["figures"], responses=ERRORS)
def totals(request: Request, store: StoreDep, party: Party = None) -> dict[str, Any]:
    """People returned to each side per year and cumulatively (completed exchanges)."""
    cache: queries.LedgerCache = request.app.state.cache
    version = cache.version()
    rows = store.totals(party=party) if party else cache.get("totals", store.totals, version)
    return {"totals": rows, "by_party": queries.returned_by_party(rows),
            "summary": cache.get("summary", lambda: queries.summary(store), version)}


@router.get("/timeline", tags=["figures"], response_class=JSONResponse,
            responses={200: {"content": {"application/json": {"example": {"points": [
                {"date": "2024-01-03", "side": "Ukraine", "returned": 230, "cumulative": 230,
                 "exchange_id": "832005a02372079b", "pair": "Russia / Ukraine"}]}}}}})
def timeline(request: Request, store: StoreDep) -> Response:
    """People returned to each side per swap, and cumulatively, in date order (the chart)."""
    def encoded() -> tuple[bytes, bytes]:
        raw = json.dumps({"points": queries.timeline(store)}, ensure_ascii=False,
                         separators=(",", ":")).encode("utf-8")
        return raw, gzip.compress(raw, compresslevel=6, mtime=0)

    # the whole ledger in one answer (MBs at 10,000 swaps): encoded and
    # compressed once per change of the ledger, not per request
    raw, packed = request.app.state.cache.get("timeline", encoded)
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        return Response(packed, media_type="application/json",
                        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(raw, media_type="application/json", headers={"Vary": "Accept-Encoding"})


@router.get("/findings", tags=["figures"], responses=ERRORS)
def findings(store: StoreDep,
             check: Annotated[Literal["breakdown", "total", "promised", "held"] | None,
                              Query(description="Only findings of this check.")] = None
             ) -> dict[str, Any]:
    """The books: where figures do not add up (as `powtrack check` reports them)."""
    from powtrack.books import check as run_check

    found = run_check(store.all_exchanges(), store.held_figures())
    return {"findings": [f.to_dict() for f in found if check is None or f.check == check]}


@router.get("/conflicts", tags=["figures"], responses=ERRORS)
def conflicts(store: StoreDep, per_page: PerPage = 50) -> dict[str, Any]:
    """Figures that sources disagree on, newest swaps first."""
    rows, total = queries.open_conflicts(store, per_page)
    return {"items": rows, "total": total}


@router.post("/extract", tags=["extract"], responses={413: {"model": ErrorBody}, **ERRORS})
def extract(article: Article) -> dict[str, Any]:
    """What powtrack reads in one article: the SCHEMA.md record with evidence. Nothing is stored."""
    from powtrack.pipeline import extract as run

    return run(article.text, published=article.published, url=article.url).to_dict()


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>``; without a token set they are off."""
    token: str | None = request.app.state.token
    if not token:
        raise APIError(403, "write endpoints are disabled; start the server with "
                            "POWTRACK_TOKEN set to enable them", code="writes_disabled")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise APIError(401, "send the token as 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8", "replace"),
                               token.encode("utf-8")):
        raise APIError(403, "the token is not valid", code="bad_token")


@router.post("/documents", status_code=201, response_model=Stored, tags=["documents"],
             dependencies=[Depends(require_token)],
             responses={200: {"model": Stored, "description": "Already stored"},
                        401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                        413: {"model": ErrorBody}, **ERRORS})
def add_document(request: Request, store: StoreDep, article: NewDocument):
    """Store an article in the ledger and resolve its exchanges (needs the bearer token).

    201 when stored (as a new document, or a new version of one at the same
    URL), 200 when this text was stored already.
    """
    from powtrack.document import Document
    from powtrack.store import ingest

    doc = Document(text=article.text, id=article.id, url=article.url,
                   published=article.published, title=article.title, source="api")
    errors: list[str] = []
    stats = ingest(store, [doc], on_error=lambda _src, msg: errors.append(msg))
    if errors:
        raise APIError(422, errors[0], code="extraction_failed")
    if stats.added:
        request.app.state.cache.clear()
    body = {"document_id": doc.content_hash, "stored": bool(stats.added),
            "version": queries.document_version(store, doc.content_hash),
            "exchanges": queries.exchanges_of_document(store, doc.content_hash)}
    return JSONResponse(body, status_code=201 if stats.added else 200)
