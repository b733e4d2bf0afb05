"""Claims as CSV, one row per claim, with names, time, stance, source and provenance."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from allegiance.export.base import Exporter

COLUMNS = [
    "id", "subject_id", "subject", "predicate", "object_id", "object", "time_start", "time_end",
    "time_text", "place", "role", "stance", "source", "document_id", "document_title",
    "document_published", "evidence_start", "evidence_end", "evidence", "extractor",
]


class CsvClaimsExporter(Exporter):
    """Writes one CSV row per claim; other record kinds are not part of this format."""

    kinds = ("claims",)

    def __init__(self, fh: TextIO) -> None:
        super().__init__(fh)
        self._writer = csv.writer(fh)
        self._writer.writerow(COLUMNS)

    def write(self, kind: str, record: dict[str, Any]) -> None:
        if kind != "claims":
            return
        subj, obj, time = record["subject"] or {}, record["object"] or {}, record["time"] or {}
        prov = record["provenance"]
        ev = prov["evidence"]
        self._writer.writerow([
            record["id"], subj.get("id"), subj.get("name"), record["predicate"], obj.get("id"),
            obj.get("name"), time.get("start"), time.get("end"), time.get("text"),
            record["place"], record["role"], record["stance"], record["source"],
            prov["document_id"], prov["document_title"], prov["document_published"],
            ev["start"], ev["end"], " ".join(str(ev["text"]).split()), prov["extractor"],
        ])
