"""JSON lines for pipelines: one record a line, ``{"kind": ..., "record": {...}}``, in the
base's order (documents, facts with their sources, entities)."""

from __future__ import annotations

import json
from typing import Any

from allegiance.export.base import Exporter


_JSON = json.JSONEncoder(ensure_ascii=False)


class JsonlExporter(Exporter):
    """Writes documents, facts and entities, one JSON object a line."""

    kinds = ("documents", "facts", "entities")

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.fh.write(_JSON.encode({"kind": kind, "record": record}) + "\n")
