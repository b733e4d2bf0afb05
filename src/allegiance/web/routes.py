"""Route handlers. Each reads its parameters, makes one library call and hands the data to
``Web.render``, which answers with the page or, for ``.json`` URLs, the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from allegiance.errors import InputError
from allegiance.model.vocab import vocabulary
from allegiance.resolve.lookup import find
from allegiance.web import entity as entity_data
from allegiance.web import graph, reader, review
from allegiance.web.security import SESSION_COOKIE, write_refusal
from allegiance.web.uploads import PASTE_FORMATS, SUFFIXES, Upload

if TYPE_CHECKING:
    from allegiance.store.db import Store
    from allegiance.web.app import Web


def url(kind: str, ident: str, **query: str) -> str:
    """The URL of one document or entity page; ids are quoted whole."""
    path = f"/{kind}/{quote(ident, safe='')}"
    return path + ("?" + urlencode(query) if query else "")


def json_url(request: Request) -> str:
    """The JSON twin of the page at ``request``."""
    path = request.url.path
    twin = "/home.json" if path == "/" else path.rstrip("/") + ".json"
    return twin + (f"?{request.url.query}" if request.url.query else "")


def _ident(request: Request, name: str) -> str:
    value = str(request.path_params[name])
    return value.removesuffix(".json") if request.url.path.endswith(".json") else value


def _param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    return value.strip() if value and value.strip() else None


def _int(request: Request, name: str, default: int) -> int:
    value = _param(request, name)
    if value is None:
        return default
    if not value.isdigit():
        raise InputError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _filters(web: Web, request: Request) -> graph.Filters:
    name = _param(request, "entity")
    cid = find(web.stores.get().conn, name) if name else None
    return graph.Filters(
        entity=cid, predicate=_param(request, "predicate"), stance=_param(request, "stance"),
        start=_param(request, "from"), end=_param(request, "to"), at=_param(request, "at"),
    ).check()


def _entity_names(web: Web, cid: str | None) -> str | None:
    if cid is None:
        return None
    row = web.stores.get().one("SELECT name FROM canonical_entities WHERE id = ?", (cid,))
    return str(row[0]) if row else None


def table(web: Web) -> list[BaseRoute]:
    """Every route of the workbench."""

    def home(request: Request) -> Response:
        store = web.stores.get()
        counts, current = web.counts.get(store)
        return web.render(request, "home.html", {
            "counts": counts or {}, "counts_current": current, "range": graph.date_range(store),
            "documents": reader.documents(store, limit=10),
        })

    def documents(request: Request) -> Response:
        offset = _int(request, "offset", 0)
        return web.render(request, "documents.html", {
            "documents": reader.documents(web.stores.get(), offset=offset), "offset": offset})

    def document(request: Request) -> Response:
        r = reader.reader(web.stores.get(), _ident(request, "doc_id"))
        if request.url.path.endswith(".json"):
            return JSONResponse(r.to_dict())
        return web.render(request, "reader.html", {"reader": r})

    def entities(request: Request) -> Response:
        type_ = _param(request, "type")
        if type_ and type_ not in vocabulary().entity_types:
            raise InputError(f"unknown entity type {type_!r}")
        q = _param(request, "q")
        offset = _int(request, "offset", 0)
        return web.render(request, "entities.html", {
            "entities": entity_data.entity_list(web.stores.get(), type_, q, offset=offset),
            "type": type_, "q": q, "offset": offset,
            "types": list(vocabulary().entity_types)})

    def entity(request: Request) -> Response:
        return web.render(request, "entity.html",
                          entity_data.entity_page(web.stores.get(), _ident(request, "cid")))

    def drawn(request: Request, template: str,
              build: Callable[[Store, graph.Filters], dict[str, Any]],
              preload: Callable[[graph.Filters], str] | None = None) -> Response:
        """A view drawn in the browser: the page carries the filters, its script fetches
        the twin, which carries the data; with ``preload``, the page names the twin's URL
        for the browser to fetch while it loads the scripts."""
        f = _filters(web, request)
        store = web.stores.get()
        if request.url.path.endswith(".json"):
            data = build(store, f)
        else:
            data = {"filters": f.__dict__, "range": graph.date_range(store),
                    "predicates": sorted(vocabulary().predicates),
                    "stances": list(vocabulary().stances)}
            if preload is not None:
                data["data_url"] = preload(f)
        data["entity_name"] = _entity_names(web, f.entity)
        return web.render(request, template, data)

    def network(request: Request) -> Response:
        return drawn(request, "network.html", graph.network, _network_twin)

    def timeline(request: Request) -> Response:
        return drawn(request, "timeline.html", graph.timeline_items)

    def map_(request: Request) -> Response:
        return drawn(request, "map.html", graph.places)

    def review_page(request: Request) -> Response:
        store = web.stores.get()
        slow, current = web.review_slow.get(store)
        return web.render(request, "review.html", review.queue(store, slow, current))

    def upload_page(request: Request) -> Response:
        return web.render(request, "upload.html", {
            "suffixes": list(SUFFIXES), "formats": list(PASTE_FORMATS),
            "max_bytes": web.max_upload})

    def job(request: Request) -> Response:
        found = web.board.get(str(request.path_params["job_id"]))
        if found is None:
            return JSONResponse({"error": "no such upload"}, status_code=404)
        return JSONResponse(found.to_dict())

    async def decide(request: Request) -> Response:
        form = await request.form()
        refusal = write_refusal(request, web.secrets, _field(form, "csrf"))
        if refusal:
            return JSONResponse({"error": refusal}, status_code=403)

        def record() -> dict[str, Any]:
            j = review.decide_names(
                web.stores.get(), _field(form, "left") or "", _field(form, "right") or "",
                _field(form, "decision") or "", _field(form, "reason") or "",
                _field(form, "by"))
            return {"judgement": j.__dict__}

        return JSONResponse(await run_in_threadpool(record))

    async def decide_on(request: Request) -> Response:
        target = str(request.path_params["target"])
        if target not in ("claim", "fact"):
            raise InputError(f"cannot review a {target!r}")
        form = await request.form()
        refusal = write_refusal(request, web.secrets, _field(form, "csrf"))
        if refusal:
            return JSONResponse({"error": refusal}, status_code=403)

        def record() -> dict[str, Any]:
            changes = {k: _field(form, k) or "" for k in review.EDIT_FIELDS}
            r = review.decide(web.stores.get(), target, _field(form, "id") or "",
                              _field(form, "decision") or "", _field(form, "note") or "",
                              _field(form, "by"), changes)
            return {"review": r.__dict__}

        return JSONResponse(await run_in_threadpool(record))

    async def upload(request: Request) -> Response:
        form = await request.form(max_part_size=web.max_upload)
        refusal = write_refusal(request, web.secrets, _field(form, "csrf"))
        if refusal:
            return JSONResponse({"error": refusal}, status_code=403)
        file = form.get("file")
        title = _field(form, "title")
        published = graph.check_date(_field(form, "published"))
        if isinstance(file, UploadFile) and file.filename:
            data = await file.read()
            if len(data) > web.max_upload:
                raise HTTPException(413, f"upload too large: {len(data)} bytes, the limit is "
                                         f"{web.max_upload} bytes")
            item = Upload(file.filename, data=data, title=title, published=published)
        else:
            text = _field(form, "text")
            if not text:
                raise InputError("choose a file or paste a text")
            item = Upload(title or "pasted text", text=text,
                          fmt=_field(form, "format") or "text", title=title, published=published)
        started = web.board.start(item)
        return JSONResponse(started.to_dict(), status_code=202)

    def login_page(request: Request) -> Response:
        return web.render(request, "login.html", {"error": None})

    async def login(request: Request) -> Response:
        form = await request.form()
        if not web.secrets.token_ok(_field(form, "token")):
            return web.render(request, "login.html",
                              {"error": "wrong token: use the one the server printed"}, 403)
        response = RedirectResponse("/review", status_code=303)
        response.set_cookie(SESSION_COOKIE, web.secrets.session, httponly=True,
                            samesite="strict", path="/")
        return response

    async def logout(request: Request) -> Response:
        form = await request.form()
        refusal = write_refusal(request, web.secrets, _field(form, "csrf"))
        if refusal:
            return JSONResponse({"error": refusal}, status_code=403)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    pages: list[tuple[str, Any]] = [
        ("/documents", documents), ("/entities", entities), ("/network", network),
        ("/timeline", timeline), ("/map", map_), ("/review", review_page),
        ("/upload", upload_page),
    ]
    out: list[BaseRoute] = [Route("/", home), Route("/home.json", home)]
    for path, handler in pages:
        out += [Route(path, handler), Route(path + ".json", handler)]
    out += [
        Route("/documents/{doc_id:path}", document),
        Route("/entities/{cid:path}", entity),
        Route("/jobs/{job_id}.json", job),
        Route("/review/names", decide, methods=["POST"]),
        Route("/review/{target}", decide_on, methods=["POST"]),
        Route("/upload", upload, methods=["POST"]),
        Route("/login", login_page),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
    ]
    return out


def _network_twin(f: graph.Filters) -> str:
    """The twin the network page draws first: its entity and date, as its script asks."""
    query = {k: v for k, v in (("entity", f.entity), ("at", f.at)) if v}
    return "/network.json" + ("?" + urlencode(query) if query else "")


def _field(form: Any, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None
