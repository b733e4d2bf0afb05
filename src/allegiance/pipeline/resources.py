"""Loading the packaged cue and pattern files of the pipeline."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from allegiance.errors import DataFileError


@cache
def load_cues(name: str) -> dict[str, Any]:
    """Parse ``resources/cues/<name>.yml`` (cached). Raises DataFileError when malformed."""
    path = resources.files("allegiance.resources").joinpath("cues", f"{name}.yml")
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"cues/{name}.yml: {e}".splitlines()[0]) from None
    if not isinstance(data, dict):
        raise DataFileError(f"cues/{name}.yml: expected a mapping at the top")
    return data


def word_list(name: str, key: str) -> list[str]:
    """One list of strings from a cue file, validated."""
    value = load_cues(name).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"cues/{name}.yml: {key!r} must be a list of strings")
    return value
