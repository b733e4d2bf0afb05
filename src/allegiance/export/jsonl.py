"""JSON lines for pipelines: one record a line, ``{"kind": ..., "record": {...}}``, in the
base's order (documents, facts with their sources, entities)."""

from __future__ import annotations

import json
from typing import Any

from allegiance.export.base import Exporter


class JsonlExporter(Exporter):
    """Writes documents, facts and entities, one JSON object a line."""

    kinds = ("documents", "facts", "entities")

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.fh.write(json.dumps({"kind": kind, "record": record}, ensure_ascii=False))
        self.fh.write("\n")
