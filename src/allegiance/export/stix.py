"""A STIX 2.1 bundle, streamed object by object:
organizations are ``threat-actor``, people ``identity`` (individual), places ``location``
(with the gazetteer's coordinates and country; a place it does not know has region
``unknown``, never guessed coordinates), facts with both ends ``relationship`` (the
predicate as relationship type, the fact's time as start/stop time, its status and
predicate as labels), each with a ``note`` for its provenance (every source's document,
quote and stance), and a ``report`` per dated source document listing the relationships
it supports. Ids derive from allegiance's own ids, so the same store gives the same
ids. Report contents are gathered in a temporary SQLite file, not in memory.

Objects are written as plain JSON objects with the properties, their order and their
timestamp forms that the ``stix2`` package gives (checking each object through ``stix2`` at
run time cost more than all the rest of the export). The tests hold the output to both
consumers: every object parsed by ``stix2`` serializes back to the same text, and the
bundle passes ``stix2-validator`` with no error."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import uuid
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, TextIO

from allegiance.export.base import Exporter, Renderer

NAMESPACE = uuid.UUID("6b1f0c1e-4f55-5d2a-9c1e-5b6a1c2d3e4f")
SPEC_VERSION = "2.1"
TYPES = {"Organization": "threat-actor", "Person": "identity", "Place": "location"}
#: report references held before they go to the spool file
SPOOL_BATCH = 20_000


_NAMESPACE_HASH = hashlib.sha1(NAMESPACE.bytes, usedforsecurity=False)


@lru_cache(maxsize=65536)
def stix_id(kind: str, local: str) -> str:
    """The STIX id of an allegiance id for an object of ``kind``: a UUID in version 4
    form (as STIX asks of objects) whose bits come from a name-based hash, so the same
    store gives the same ids. (That is ``uuid.uuid5(NAMESPACE, kind:local)`` with its
    version bits set to 4, computed straight from the SHA-1 digest.)"""
    sha = _NAMESPACE_HASH.copy()
    sha.update((kind + ":" + local).encode("utf-8"))
    b = bytearray(sha.digest()[:16])
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{kind}--{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def timestamp(day: str, end: bool = False) -> str:
    """A STIX timestamp for an ISO day, month or year (its first or, with ``end``, last
    instant)."""
    parts = day.split("-")
    if end:
        if len(parts) == 1:
            return f"{parts[0]}-12-31T23:59:59.999Z"
        if len(parts) == 2:
            nxt = datetime(int(parts[0]) + int(parts[1]) // 12, int(parts[1]) % 12 + 1, 1)
            last = (nxt.toordinal() - 1)
            return datetime.fromordinal(last).strftime("%Y-%m-%d") + "T23:59:59.999Z"
        return f"{day}T23:59:59.999Z"
    return "-".join((parts + ["01", "01"])[:3]) + "T00:00:00.000Z"


def plain(stamp: str) -> str:
    """A timestamp as a property without a fixed precision carries it: no fraction of a
    second when it is zero (``2014-06-01T00:00:00Z``)."""
    return stamp[:-5] + "Z" if stamp.endswith(".000Z") else stamp


class StixRenderer(Renderer):
    """An entity's object, or a fact's relationship and note with the report references
    of its dated sources (document id, title, published, relationship id), as JSON text;
    ``now`` is every object's created and modified time."""

    def __init__(self, now: str) -> None:
        self.now = now

    def head(self, kind: str, sid: str) -> dict[str, Any]:
        """The properties every object starts with."""
        return {"type": kind, "spec_version": SPEC_VERSION, "id": sid, "created": self.now,
                "modified": self.now}

    def render(self, kind: str, record: dict[str, Any]) -> Any:
        if kind == "entities":
            return json.dumps(self._entity(record))
        if record["subject_id"] and record["object_id"]:
            return self._fact(record)
        return None

    def _entity(self, e: dict[str, Any]) -> dict[str, Any]:
        kind = TYPES.get(e["type"], "identity")
        obj = self.head(kind, stix_id(kind, e["id"]))
        obj["name"] = e["name"]
        if kind == "threat-actor":
            if e["aliases"]:
                obj["aliases"] = list(e["aliases"])
        elif kind == "location":
            lat, lon = e.get("lat"), e.get("lon")
            if lat is not None and lon is not None:
                obj["latitude"], obj["longitude"] = float(lat), float(lon)
            country = self._country(e)
            if country:
                obj["country"] = country
            if "latitude" not in obj and "country" not in obj:
                obj["region"] = "unknown"
        else:
            obj["identity_class"] = "individual"
        return obj

    @staticmethod
    def _country(e: dict[str, Any]) -> str | None:
        from allegiance.export.records import _gazetteer

        record = _gazetteer().get(e["reference_id"]) if e["reference_id"] else None
        return record.country if record is not None else None

    def _fact(self, f: dict[str, Any]) -> tuple[str, str, list[tuple[str, Any, Any, str]]]:
        rid = stix_id("relationship", f["id"])
        rel = self.head("relationship", rid)
        rel["relationship_type"] = f["predicate"].replace("_", "-")
        rel["description"] = (f"{f['subject']} {f['predicate'].replace('_', ' ')} "
                              f"{f['object']} ({f['status']}: {f['stances']})")
        rel["source_ref"] = stix_id(TYPES.get(f["subject_type"] or "", "identity"),
                                    f["subject_id"])
        rel["target_ref"] = stix_id(TYPES.get(f["object_type"] or "", "identity"),
                                    f["object_id"])
        start = timestamp(f["start"]) if f["start"] else None
        if start is not None:
            rel["start_time"] = plain(start)
        if f["end"]:
            stop = timestamp(f["end"], end=True)
            if start is None or stop > start:
                rel["stop_time"] = plain(stop)
        rel["labels"] = [f"status:{f['status']}", f["predicate"]]
        sources = f["sources"]
        note = self.head("note", stix_id("note", f["id"]))
        note["abstract"] = f"Sources of {f['id']}: {f['stances']}"
        note["content"] = "\n".join(
            f"[{s['stance']}] {s['document_title'] or s['document_id']}: {s['quote']}"
            for s in sources
        )
        authors = sorted({s["source"] for s in sources if s["source"]})
        if authors:
            note["authors"] = authors
        note["object_refs"] = [rid]
        note["labels"] = [f"status:{f['status']}"]
        note["external_references"] = [
            {"source_name": "allegiance",
             "description": (s["document_title"] or s["document_id"])
             + f" [{s['stance']}], characters {s['span_start']}-{s['span_end']}",
             "external_id": s["document_id"]}
            for s in sources
        ]
        refs = [(s["document_id"], s["document_title"], s["published"], rid)
                for s in sources if s["published"]]
        return json.dumps(rel), json.dumps(note), refs


class StixExporter(Exporter):
    """Writes one STIX 2.1 bundle."""

    kinds = ("facts", "entities")

    def __init__(self, fh: TextIO) -> None:
        super().__init__(fh)
        self.now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        self._renderer = self.renderer = StixRenderer(self.now)
        self._first = True
        fd, self._spool_path = tempfile.mkstemp(prefix="allegiance-stix-", suffix=".db")
        os.close(fd)
        self._spool = sqlite3.connect(self._spool_path)
        self._spool.execute(
            "CREATE TABLE refs (document_id TEXT, title TEXT, published TEXT, ref TEXT)"
        )
        self._refs: list[Any] = []
        fh.write(json.dumps({"type": "bundle", "id": f"bundle--{uuid.uuid4()}"})[:-1])
        fh.write(', "objects": [')

    def _emit(self, text: str) -> None:
        self.fh.write(("\n" if self._first else ",\n") + text)
        self._first = False

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.put(kind, self._renderer.render(kind, record))

    def put(self, kind: str, rendered: Any) -> None:
        if kind == "entities":
            self._emit(rendered)
        elif rendered is not None:
            rel, note, refs = rendered
            self._emit(rel)
            self._emit(note)
            self._refs.extend(refs)
            if len(self._refs) >= SPOOL_BATCH:
                self._flush_refs()

    def _flush_refs(self) -> None:
        self._spool.executemany("INSERT INTO refs VALUES (?, ?, ?, ?)", self._refs)
        self._refs = []

    def _reports(self) -> None:
        current: tuple[str, str | None, str] | None = None
        refs: list[str] = []
        rows = self._spool.execute(
            "SELECT document_id, title, published, ref FROM refs ORDER BY document_id, ref"
        )
        for doc, title, published, ref in rows:
            if current is not None and doc != current[0]:
                self._report(current, refs)
                refs = []
            current = (doc, title, published)
            if not refs or refs[-1] != ref:
                refs.append(ref)
        if current is not None:
            self._report(current, refs)

    def _report(self, doc: tuple[str, str | None, str], refs: list[str]) -> None:
        report = self._renderer.head("report", stix_id("report", doc[0]))
        report["name"] = doc[1] or doc[0]
        report["report_types"] = ["threat-actor"]
        report["published"] = plain(timestamp(doc[2]))
        report["object_refs"] = refs
        report["external_references"] = [{"source_name": "allegiance", "external_id": doc[0]}]
        self._emit(json.dumps(report))

    def finalize(self) -> None:
        self._flush_refs()
        self._spool.commit()
        self._reports()
        self._spool.close()
        os.unlink(self._spool_path)
        self.fh.write("\n]}\n")
        super().finalize()
