"""Loading the analyst-editable cue file of the readers (``resources/ingest/structure.yml``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.resources import load_mapping

CUE_FILE = "structure.yml"


@cache
def ingest_cues() -> dict[str, Any]:
    """Parse ``resources/ingest/structure.yml`` (cached). Raises DataFileError when malformed."""
    return load_mapping("ingest", CUE_FILE)


def section(name: str) -> dict[str, Any]:
    """A mapping at the top of the cue file."""
    value = ingest_cues().get(name)
    if not isinstance(value, dict):
        raise DataFileError(f"ingest/{CUE_FILE}: {name!r} must be a mapping")
    return value


def word_list(name: str, key: str) -> list[str]:
    """The list ``name.key`` of the cue file, validated as a list of strings."""
    value = section(name).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"ingest/{CUE_FILE}: {name}.{key} must be a list of non-empty strings")
    return value


def validate() -> None:
    """Load every list the readers use; raise DataFileError on the first problem."""
    for name, keys in REQUIRED.items():
        for key in keys:
            word_list(name, key)


REQUIRED: dict[str, tuple[str, ...]] = {
    "header_fields": ("title", "author", "published", "other"),
    "notes": ("section_headings",),
    "testimony": ("strong_cues", "weak_cues", "part_labels", "name_particles"),
}
