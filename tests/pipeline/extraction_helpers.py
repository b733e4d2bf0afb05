"""Helpers the pipeline tests share: extract a sentence written for a test, read its claims."""

from __future__ import annotations

from allegiance.model.types import Claim, Document, Extraction
from allegiance.pipeline import extract_document


def extract(text: str, subject: str | None = None, published: str = "2020-01-01") -> Extraction:
    """The extraction of ``text`` as a document published on ``published``, about ``subject``."""
    meta = {"subject": subject} if subject else {}
    return extract_document(Document(id="t", text=text, published=published, metadata=meta))


def name_of(ex: Extraction, entity_id: str | None) -> str | None:
    return next((e.name for e in ex.entities if e.id == entity_id), None)


def attacks(ex: Extraction) -> list[Claim]:
    return [c for c in ex.claims if c.predicate == "attacked"]
