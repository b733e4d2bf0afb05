"""allegiance: sourced, time-aware knowledge graphs of armed groups from analysts' texts."""

from __future__ import annotations

from typing import Any

from allegiance.errors import AllegianceError, InputError
from allegiance.model.types import Claim, Document, Entity, Extraction, TimeInterval

__all__ = [
    "AllegianceError",
    "Claim",
    "Document",
    "Entity",
    "Extraction",
    "InputError",
    "Store",
    "TimeInterval",
    "extract_document",
    "read_path",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # the pipeline loads spaCy and the store opens SQLite: import them only when used
    if name == "extract_document":
        from allegiance.pipeline import extract_document

        return extract_document
    if name == "Store":
        from allegiance.store import Store

        return Store
    if name == "read_path":
        from allegiance.ingest import read_path

        return read_path
    raise AttributeError(name)
