"""Serve stage: the dashboard (HTML pages) and the JSON API in one FastAPI application.

``create_app(store_url)`` opens the ledger and returns the ASGI app;
``powtrack serve`` runs it with uvicorn. Pages and API are thin layers
over ``powtrack.store``, ``powtrack.serve.queries`` and ``powtrack.pipeline``.
Everything the pages load (scripts, styles) is served from ``static/``.
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from powtrack import __version__

MAX_BODY = 1_000_000  # bytes in one request body; more gets 413
STATIC = Path(__file__).parent / "static"


def create_app(store_url: str | None = None, token: str | None = None,
               max_body: int = MAX_BODY):
    """The application over the ledger at ``store_url`` (see ``powtrack.store.database_url``).

    ``token``: the bearer token write endpoints (``POST /api/documents``)
    require; None reads $POWTRACK_TOKEN, and with no token at all writes
    are disabled (403). ``max_body``: the largest request body accepted, in
    bytes. Raises ``powtrack.store.StoreError`` when the database cannot be opened.
    """
    from powtrack.serve import api, errors, pages, queries
    from powtrack.store import Store

    store = Store.open(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="powtrack", version=__version__, lifespan=lifespan,
        description="Prisoner exchanges read from news reports: every swap, its consensus "
                    "figures, and the sentences behind them. Errors always have the shape "
                    '`{"error": {"status", "code", "message"}}`.',
        docs_url=None, redoc_url=None,  # /docs is served from local files (pages.docs)
    )
    app.state.store = store
    app.state.cache = queries.LedgerCache(store)
    app.state.token = token if token is not None else os.environ.get("POWTRACK_TOKEN") or None
    errors.install(app, pages.render_error)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(errors.BodyLimit, max_body=max_body)
    app.add_middleware(errors.SecurityHeaders)
    return app


__all__ = ["MAX_BODY", "create_app"]
