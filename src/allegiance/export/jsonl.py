"""JSON lines for pipelines: one record a line, ``{"kind": ..., "record": {...}}``, in the
base's order (documents, facts with their sources, entities)."""

from __future__ import annotations

import json
from typing import Any

from allegiance.export.base import Exporter, Renderer


_JSON = json.JSONEncoder(ensure_ascii=False)


class JsonlRenderer(Renderer):
    """A record's line."""

    def render(self, kind: str, record: dict[str, Any]) -> Any:
        return _JSON.encode({"kind": kind, "record": record}) + "\n"


class JsonlExporter(Exporter):
    """Writes documents, facts and entities, one JSON object a line."""

    kinds = ("documents", "facts", "entities")
    renderer = JsonlRenderer()

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.fh.write(_JSON.encode({"kind": kind, "record": record}) + "\n")

    def put(self, kind: str, rendered: Any) -> None:
        self.fh.write(rendered)
