"""Run the ordered extraction stages over one document."""

from __future__ import annotations

from allegiance.model.types import Document, Extraction


def extract_document(doc: Document) -> Extraction:
    """Extract entities and claims from ``doc``."""
    return Extraction(document=doc.meta_dict(), text=doc.text)
