"""A fresh store file per test, empty or holding the sample documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from allegiance.store import Store
from allegiance.store.samples import sample_extractions


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "test.db") as s:
        yield s


@pytest.fixture
def sample_store(store: Store) -> Store:
    for extraction in sample_extractions():
        store.ingest(extraction)
    return store
