"""The OpenAPI document covers every route, and schemathesis, generating requests from it
against the workbench on loopback (bounded in examples), never gets a server error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from starlette.routing import Route

from allegiance.model.types import Document, Extraction
from allegiance.web import Secrets, create_app
from allegiance.web.openapi import openapi_document
from allegiance.web.security import Rate, RateLimits

TOKEN = "test-write-token"
#: examples generated per operation (about 30 operations)
EXAMPLES = 12


def routes_of_app(db: Path) -> set[tuple[str, str]]:
    app = create_app(str(db), secrets=Secrets(TOKEN))
    out: set[tuple[str, str]] = set()
    for r in app.routes:
        if isinstance(r, Route):
            path = re.sub(r"\{(\w+)(:\w+)?\}", r"{\1}", r.path)
            for method in r.methods or ():
                if method != "HEAD":
                    out.add((method.lower(), path))
    return out


def test_openapi_document_covers_every_route(split_db: Path) -> None:
    doc = openapi_document()
    assert doc["openapi"].startswith("3.")
    documented = {(m, p) for p, ops in doc["paths"].items() for m in ops}
    assert documented == routes_of_app(split_db)
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert op.get("responses"), (method, path)
            named = set(re.findall(r"\{(\w+)\}", path))
            given = {p["name"] for p in op.get("parameters", []) if p.get("in") == "path"}
            assert named <= given or any("$ref" in p for p in op.get("parameters", [])), path


def stand_in(doc: Document) -> Extraction:
    """Uploads are extracted by a stand-in: the requests, not the pipeline, are tried here."""
    return Extraction(doc.meta_dict(), [], [], text=doc.text)


@pytest.fixture
def web_schema(serve: Any, hostile_db: Path) -> Any:
    unlimited = Rate(1_000_000, 1_000_000)
    live = serve(hostile_db, extractor=stand_in, limits=RateLimits(unlimited, unlimited))
    assert live.url.startswith("http://127.0.0.1:")
    return schemathesis.openapi.from_url(live.url + "/openapi.json")


schema = schemathesis.pytest.from_fixture("web_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case: Any) -> None:
    # with the write token, so that writes are tried past the sign-in check
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
