"""The Starlette application: page routes, their JSON twins, static files and the guard.

Every page ``/x`` has a twin ``/x.json`` built by the same call; the template only lays the
data out. Reads open one store connection per worker thread; uploads write through their
own connection, one at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route

from allegiance import settings
from allegiance.errors import AllegianceError, InputError, NotFoundError
from allegiance.store.db import Store
from allegiance.web import routes
from allegiance.web.assets import Assets
from allegiance.web.background import WAIT_SECONDS, Background
from allegiance.web.openapi import openapi_document
from allegiance.web.security import Guard, RateLimits, Secrets, default_limits, signed_in
from allegiance.web.uploads import Board, Extractor

#: the largest upload accepted, in bytes
MAX_UPLOAD_BYTES = settings.WEB_MAX_UPLOAD_BYTES

PAGES = ("home", "documents", "entities", "network", "timeline", "map", "review", "upload")


def _folder(name: str) -> Path:
    return Path(str(resources.files("allegiance.web").joinpath(name)))


class Stores:
    """One open store per thread, opened on first use."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._local = threading.local()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.db, create=False)
            self._local.store = store
        return store


class Web:
    """What the routes share: the stores, secrets, upload board and templates."""

    def __init__(self, db: str, secrets: Secrets, board: Board, max_upload: int,
                 wait: float) -> None:
        from allegiance.web.review import slow_part

        self.stores = Stores(db)
        self.review_slow: Background[dict[str, Any]] = Background(db, slow_part, wait)
        self.counts: Background[dict[str, int]] = Background(db, lambda s: s.counts(), wait)
        self.secrets = secrets
        self.board = board
        self.max_upload = max_upload
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(_folder("templates"))),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.assets = Assets(_folder("static"))
        self.env.globals["url"] = routes.url
        self.env.globals["asset"] = self.assets.url

    def render(self, request: Request, template: str, data: dict[str, Any],
               status: int = 200) -> Response:
        """The page ``template`` over ``data``, or ``data`` itself for a ``.json`` URL."""
        if request.url.path.endswith(".json"):
            return JSONResponse(data, status_code=status)
        html = self.env.get_template(template).render(
            data=data,
            page=template.removesuffix(".html"),
            csrf=self.secrets.csrf,
            signed_in=signed_in(request, self.secrets),
            json_url=routes.json_url(request),
            max_upload=self.max_upload,
        )
        return HTMLResponse(html, status_code=status)


def _error(web: Web) -> Callable[[Request, Exception], Response]:
    def handle(request: Request, exc: Exception) -> Response:
        if isinstance(exc, NotFoundError):
            status, message = 404, str(exc)
        elif isinstance(exc, InputError):
            status, message = 400, str(exc)
        elif isinstance(exc, HTTPException):
            status, message = exc.status_code, str(exc.detail)
        elif isinstance(exc, AllegianceError):
            status, message = 500, str(exc)
        else:
            raise exc
        wants_json = request.url.path.endswith(".json") or "application/json" in \
            request.headers.get("accept", "") or request.method == "POST"
        if wants_json:
            return JSONResponse({"error": message}, status_code=status)
        return web.render(request, "error.html", {"error": message, "status": status}, status)

    return handle


def _openapi(request: Request) -> Response:
    return JSONResponse(openapi_document())


def create_app(db: str, *, secrets: Secrets | None = None, extractor: Extractor | None = None,
               max_upload: int = MAX_UPLOAD_BYTES, wait: float = WAIT_SECONDS,
               limits: RateLimits | None = None) -> Starlette:
    """The workbench over the store at ``db`` (which must exist). Whole-store answers
    (review candidates, conflicts, counts) are awaited ``wait`` seconds at most; writes are
    limited per client by ``limits`` (default: the settings')."""
    Store.open(db, create=False).close()  # a missing or broken store fails now, not per page
    web = Web(db, secrets or Secrets(), Board(db, extractor), max_upload, wait)
    handler = _error(web)
    app = Starlette(
        routes=[*routes.table(web), Route("/openapi.json", _openapi),
                Mount("/static", web.assets.app(), name="static")],
        middleware=[Middleware(Guard, max_body=max_upload + 64 * 1024,
                               limits=limits or default_limits())],
        exception_handlers={AllegianceError: handler, HTTPException: handler},
    )
    app.state.web = web
    return app


__all__ = ["PAGES", "Route", "Web", "create_app"]
