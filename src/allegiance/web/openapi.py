"""The workbench's OpenAPI document (``web/openapi.yml``), read once and served as JSON."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from allegiance.errors import DataFileError


@lru_cache(maxsize=1)
def _text() -> str:
    path = resources.files("allegiance.web").joinpath("openapi.yml")
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"web/openapi.yml: {e}".splitlines()[0]) from None
    if not isinstance(data, dict) or not isinstance(data.get("paths"), dict):
        raise DataFileError("web/openapi.yml: expected an OpenAPI document with paths")
    return json.dumps(data)  # YAML anchors resolved into plain JSON


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document (a fresh copy)."""
    data: dict[str, Any] = json.loads(_text())
    return data
