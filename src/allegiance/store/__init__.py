"""The store: SQLite (WAL) with named migrations; documents, entities, claims, judgements."""

from allegiance.store.db import Store
from allegiance.store.ingest import IngestResult

__all__ = ["IngestResult", "Store"]
