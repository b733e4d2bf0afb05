"""The whole graph as one JSON object, written as it streams:
``{"format": ..., "documents": [...], "entities": [...], "claims": [...], "judgements": [...]}``."""

from __future__ import annotations

import json
from typing import Any, TextIO

from allegiance.export.base import Exporter

FORMAT = "allegiance-graph"
VERSION = 1


class JsonExporter(Exporter):
    """Streams records into one JSON document, one record per line inside each list."""

    kinds = ("documents", "entities", "claims", "judgements")
    whole_store = True

    def __init__(self, fh: TextIO) -> None:
        super().__init__(fh)
        self._open: str | None = None
        self._first = True
        self._done: list[str] = []
        fh.write(json.dumps({"format": FORMAT, "version": VERSION})[:-1])

    def _section(self, kind: str) -> None:
        if kind == self._open:
            return
        last = self.kinds.index(self._open) if self._open is not None else -1
        if kind not in self.kinds or self.kinds.index(kind) < last or kind in self._done:
            raise ValueError(f"records of kind {kind!r} out of order")
        self._close()
        self.fh.write(f', "{kind}": [')
        self._open, self._first = kind, True

    def _close(self) -> None:
        if self._open is not None:
            self.fh.write("\n]" if not self._first else "]")
            self._done.append(self._open)
            self._open = None

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self._section(kind)
        self.fh.write(("\n" if self._first else ",\n") + json.dumps(record, ensure_ascii=False))
        self._first = False

    def finalize(self) -> None:
        self._close()
        for kind in self.kinds:
            if kind not in self._done:
                self.fh.write(f', "{kind}": []')
        self.fh.write("}\n")
        super().finalize()
