"""One error shape for every error, a request-size limit, and security headers.

API errors (paths under /api, and /openapi.json) are JSON::

    {"error": {"status": 404, "code": "not_found", "message": "no exchange 'abc'"}}

with ``details`` added for validation errors. Page errors are the same
information as an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("powtrack.serve")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "ambiguous",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal_error",
}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorDetail


class APIError(StarletteHTTPException):
    """An HTTP error with its own code (``writes_disabled``, ``ambiguous``, ...)."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(status, message, headers)
        self.code = code or CODES.get(status, "error")


def error_body(status: int, message: str, code: str | None = None,
               details: list[dict] | None = None) -> dict:
    err: dict[str, Any] = {"status": status, "code": code or CODES.get(status, "error"),
                           "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def _validation_message(errors: list[dict]) -> tuple[str, list[dict]]:
    details = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ())]
        details.append({"loc": loc, "type": e.get("type"), "message": e.get("msg")})
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        reason = (first.get("ctx") or {}).get("error", "JSON decode error")
        pos = first.get("loc", ("body", "?"))[-1]
        return (f"the request body is not valid JSON ({reason}: character {pos}); "
                'send one JSON object, e.g. {"text": "..."}', details)
    if tuple(first.get("loc", ())) == ("body",) and first.get("type") in (
            "missing", "model_attributes_type", "dict_type"):
        return ("the request body must be one JSON object sent with Content-Type: "
                'application/json, e.g. {"text": "..."}', details)
    parts = []
    for d in details[:3]:
        where = ".".join(p for p in d["loc"] if p not in ("body",)) or "body"
        parts.append(f"{where}: {d['message']}")
    more = f" (and {len(details) - 3} more)" if len(details) > 3 else ""
    return "; ".join(parts) + more, details


def install(app: FastAPI, render_page: Callable[[Request, int, str, str], Response]) -> None:
    """Register the handlers that give every error the one shape."""

    def respond(request: Request, status: int, message: str, code: str | None = None,
                details: list[dict] | None = None,
                headers: dict[str, str] | None = None) -> Response:
        if wants_json(request):
            return JSONResponse(error_body(status, message, code, details), status_code=status,
                                headers=headers)
        response = render_page(request, status, code or CODES.get(status, "error"), message)
        if headers:
            response.headers.update(headers)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see /docs for the API"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return respond(request, exc.status_code, message, getattr(exc, "code", None),
                       headers=dict(exc.headers) if exc.headers else None)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message, details = _validation_message(list(exc.errors()))
        return respond(request, 422, message, details=details)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s %s", request.method, request.url.path)
        return respond(request, 500, "the server failed on this request; it has been logged")


class BodyLimit:
    """Answer 413 to requests whose body is larger than ``max_body`` bytes.

    Checks Content-Length first, then counts the bytes actually received
    (a chunked body has no Content-Length).
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await self._reply(scope, send, 400, "Content-Length is not a number")
                    return
                if length > self.max_body:
                    await self._too_large(scope, send)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise APIError(413, self._message())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except APIError as exc:
            if exc.status_code != 413 or started:
                raise
            await self._too_large(scope, send)

    def _message(self) -> str:
        return (f"the request body is larger than {self.max_body:,} bytes; "
                "send a shorter text")

    async def _too_large(self, scope: Scope, send: Send) -> None:
        await self._reply(scope, send, 413, self._message())

    async def _reply(self, scope: Scope, send: Send, status: int, message: str) -> None:
        path = scope.get("path", "")
        if path.startswith("/api"):
            response: Response = JSONResponse(error_body(status, message), status_code=status)
        else:
            response = Response(f"{status} {CODES.get(status, 'error')}: {message}\n",
                                status_code=status, media_type="text/plain")
        response.headers["connection"] = "close"

        async def no_body() -> Message:
            return {"type": "http.disconnect"}

        await response(scope, no_body, send)


CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """Headers that keep pages from running or framing anything not served from here."""

    HEADERS = [
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in self.HEADERS if h[0] not in present]
            await send(message)

        await self.app(scope, receive, add_headers)

