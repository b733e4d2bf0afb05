"""allegiance: sourced, time-aware knowledge graphs of armed groups from analysts' texts."""

from __future__ import annotations

from allegiance.errors import AllegianceError, InputError
from allegiance.model.types import Claim, Document, Entity, Extraction, TimeInterval
from allegiance.pipeline import extract_document

__all__ = [
    "AllegianceError",
    "Claim",
    "Document",
    "Entity",
    "Extraction",
    "InputError",
    "TimeInterval",
    "extract_document",
]
__version__ = "0.1.0"
