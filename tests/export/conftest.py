"""The export tests' store: samples plus denied and disputed claims."""

from __future__ import annotations

import pytest

from allegiance.store import Store
from tests.export.export_helpers import fill


@pytest.fixture
def facts_store(store: Store) -> Store:
    return fill(store)
