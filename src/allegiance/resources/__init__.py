"""Analyst-editable data files of the package, and the one loader they share."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from allegiance import yamlio

from allegiance.errors import DataFileError


def load_mapping(*parts: str) -> dict[str, Any]:
    """Parse the YAML file ``resources/<parts...>``; DataFileError (naming it) if malformed.

    The parsed file is kept compiled between runs (``allegiance.compiled``), keyed by its
    bytes: an edited file is parsed anew."""
    from allegiance import compiled

    where = "/".join(parts)
    path = resources.files("allegiance.resources").joinpath(*parts)

    def parse() -> dict[str, Any]:
        try:
            data = yamlio.safe_load(path.read_text("utf-8"))
        except (OSError, yaml.YAMLError) as e:
            raise DataFileError(f"{where}: {e}".splitlines()[0]) from None
        if not isinstance(data, dict):
            raise DataFileError(f"{where}: expected a mapping at the top")
        return data

    if not isinstance(path, Path):  # not a file on disk (a zipped package): no cache
        return parse()
    return compiled.cached("yaml-" + where.replace("/", "-"), [path], parse, libraries=("PyYAML",))
