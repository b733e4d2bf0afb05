"""Shared test helpers: paths to the real texts beside the repository, fresh stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty store file per test."""
    with Store.open(tmp_path / "test.db") as s:
        yield s


@pytest.fixture
def sample_store(store: Store) -> Store:
    """A fresh store holding the sample documents."""
    for extraction in sample_extractions():
        store.ingest(extraction)
    return store
