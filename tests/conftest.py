"""Shared test helpers: paths to the real texts beside the repository, fresh stores."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from allegiance.store import Store
from allegiance.store.samples import sample_extractions

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


#: a PostgreSQL server for the store tests (``.ci/run`` starts one and sets both)
PG_URL = os.environ.get("ALLEGIANCE_TEST_PG", "")
REQUIRE_PG = os.environ.get("ALLEGIANCE_REQUIRE_PG") == "1"


@contextmanager
def postgres_store() -> Iterator[Store]:
    """A fresh, empty store in a new database on the test server, dropped afterwards."""
    import psycopg

    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("ALLEGIANCE_REQUIRE_PG=1 but ALLEGIANCE_TEST_PG names no server")
        pytest.skip("no PostgreSQL server (set ALLEGIANCE_TEST_PG)")
    name = "t_" + uuid.uuid4().hex[:16]
    parts = urlsplit(PG_URL)
    url = f"{parts.scheme}://{parts.netloc}/{name}" + (f"?{parts.query}" if parts.query else "")
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"'.encode())
    try:
        with Store.open(url) as s:
            yield s
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty store per test, on each backend: a SQLite file and a PostgreSQL
    database."""
    if request.param == "sqlite":
        with Store.open(tmp_path / "test.db") as s:
            yield s
    else:
        with postgres_store() as s:
            yield s


@pytest.fixture
def sample_store(store: Store) -> Store:
    """A fresh store holding the sample documents."""
    for extraction in sample_extractions():
        store.ingest(extraction)
    return store
