"""Workbench fixtures: stores holding the cases, a live server, and Debian's Chromium.

Browser tests skip when /usr/bin/chromium is missing, unless ALLEGIANCE_REQUIRE_BROWSER=1
(set by CI) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from allegiance.model.types import Extraction
from allegiance.store import Store
from allegiance.web import Secrets, create_app
from web_cases import hostile_extraction, split_extraction

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "test-write-token"


def make_store(path: Path, extractions: list[Extraction]) -> Path:
    with Store.open(path) as store:
        for x in extractions:
            store.ingest(x)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def example_extraction() -> Extraction:
    """The bundled example, extracted once per run by the real pipeline."""
    from allegiance.cli.demo import example_path
    from allegiance.ingest import read_path
    from allegiance.pipeline import extract_document

    doc = read_path(example_path())
    x = extract_document(doc)
    x.text = doc.text
    return x


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory, example_extraction: Extraction) -> Path:
    return make_store(tmp_path_factory.mktemp("example") / "example.db", [example_extraction])


def add_look_alike(db: Path) -> Path:
    """A second text names a person of the example in another spelling: a pair of names to
    review (entities with two different reference ids are never proposed)."""
    from allegiance.model.types import Document
    from allegiance.pipeline import extract_document

    with Store.open(db, create=False) as store:
        store.ingest(extract_document(Document(
            id="look-alike", text="Abu Yusif al-Zinki commanded fighters in Aleppo in 2016.")))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture
def review_db(fresh_example_db: Path) -> Path:
    """The example store with a pair of names to review."""
    return add_look_alike(fresh_example_db)


@pytest.fixture
def fresh_example_db(tmp_path: Path, example_db: Path) -> Path:
    """A copy of the example store a test may write to."""
    target = tmp_path / "example.db"
    shutil.copy(example_db, target)
    return target


@pytest.fixture
def split_db(tmp_path: Path) -> Path:
    return make_store(tmp_path / "split.db", [split_extraction()])


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    return make_store(tmp_path / "hostile.db", [hostile_extraction(), split_extraction()])


@dataclass
class Live:
    url: str
    db: Path
    token: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def serve() -> Iterator[Any]:
    """A function starting the workbench over a store on a free loopback port."""
    import uvicorn

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(db: Path, **options: Any) -> Live:
        app = create_app(str(db), secrets=Secrets(TOKEN), wait=60, **options)
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the workbench did not start")
            time.sleep(0.02)
        servers.append((server, thread))
        return Live(f"http://127.0.0.1:{port}", db, TOKEN)

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("ALLEGIANCE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and ALLEGIANCE_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Tab:
    """A page with what went wrong in it: script errors, CSP violations, dialogs."""

    page: Any
    problems: list[str]


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.set_default_timeout(15000)
    yield Tab(page, problems)
    context.close()


@pytest.fixture
def shoot() -> Any:
    """Save a screenshot under $ALLEGIANCE_SCREENSHOTS (``make screenshots``: docs/web)."""
    folder = os.environ.get("ALLEGIANCE_SCREENSHOTS")

    def save(page: Any, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)

    return save
