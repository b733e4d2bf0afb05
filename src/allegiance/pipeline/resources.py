"""Loading the packaged cue and pattern files of the pipeline."""

from __future__ import annotations

from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.resources import load_mapping


@cache
def load_cues(name: str) -> dict[str, Any]:
    """Parse ``resources/cues/<name>.yml`` (cached). Raises DataFileError when malformed."""
    return load_mapping("cues", f"{name}.yml")


@cache
def word_list(name: str, key: str) -> list[str]:
    """One list of strings from a cue file, validated (once: the same list each time,
    not to be changed by the caller)."""
    value = load_cues(name).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"cues/{name}.yml: {key!r} must be a list of strings")
    return value
