"""Static files under versioned URLs: a year in the browser's cache for the current
version, asked again each time otherwise; the network page names its first data for the
browser to fetch early."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from allegiance.resolve.lookup import find
from allegiance.store import Store
from allegiance.web import Secrets, create_app
from allegiance.web.assets import LONG, SHORT, Assets

PAGES = ["/", "/documents", "/entities", "/network", "/timeline", "/map", "/review", "/upload"]
STATIC = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def client(db: Path) -> TestClient:
    return TestClient(create_app(str(db), secrets=Secrets("t"), wait=60))


def test_every_static_url_in_a_page_is_versioned_and_cached_for_a_year(split_db: Path) -> None:
    c = client(split_db)
    seen: set[str] = set()
    for page in PAGES:
        for url in STATIC.findall(c.get(page).text):
            assert "?v=" in url, (page, url)
            seen.add(url.replace("&amp;", "&"))
    assert any("cytoscape" in u for u in seen) and any("app.css" in u for u in seen)
    for url in seen:
        r = c.get(url)
        assert r.status_code == 200, url
        assert r.headers["cache-control"] == LONG, url


@pytest.mark.parametrize("query, expected", [
    ("", SHORT),  # no version: asked again each time
    ("?v=000000000000", SHORT),  # an old version
    ("?x=1", SHORT),
])
def test_other_static_urls_are_revalidated(split_db: Path, query: str, expected: str) -> None:
    r = client(split_db).get("/static/network.js" + query)
    assert r.status_code == 200
    assert r.headers["cache-control"] == expected


def test_a_changed_file_gets_a_new_url(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, body in ((one, "a"), (two, "b")):
        folder.mkdir()
        (folder / "x.js").write_text(body, encoding="utf-8")
    assert Assets(one).url("x.js") != Assets(two).url("x.js")
    assert Assets(one).url("x.js") == Assets(one).url("x.js")
    app = Starlette(routes=[Mount("/static", Assets(one).app())])
    r = TestClient(app).get(Assets(one).url("x.js"))
    assert r.text == "a" and r.headers["cache-control"] == LONG


@pytest.mark.parametrize("path", ["missing.js", "../assets.py", "vendor"])
def test_no_url_for_what_is_not_a_static_file(path: str) -> None:
    from allegiance.web.app import _folder

    with pytest.raises(ValueError):
        Assets(_folder("static")).url(path)


@pytest.mark.parametrize("query, twin", [
    ("", {}),
    ("?at=2014-06", {"at": ["2014-06"]}),
    ("?entity=Liwa+Example&at=2013", {"entity": None, "at": ["2013"]}),
])
def test_the_network_page_names_its_first_data(split_db: Path, query: str,
                                               twin: dict[str, list[str] | None]) -> None:
    c = client(split_db)
    html = c.get("/network" + query).text
    found = re.search(r'<link rel="preload" id="network-data" href="([^"]+)" as="fetch"', html)
    assert found, html[:500]
    url = found.group(1).replace("&amp;", "&")
    parts = urlsplit(url)
    assert parts.path == "/network.json"
    got = parse_qs(parts.query)
    assert set(got) == set(twin)
    if "at" in twin:
        assert got["at"] == twin["at"]
    if "entity" in twin:
        with Store.open(split_db, create=False) as store:
            cid = find(store.conn, "Liwa Example")
        assert got["entity"] == [cid]
    assert c.get(url).status_code == 200
