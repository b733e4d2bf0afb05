"""One exporter base: records are streamed to ``write(kind, record)``, then ``finalize()``.

``export(store, exporter, selection)`` feeds every exporter the same records, in a fixed
order, each kind only to the formats that take it: documents, facts (with all their
sources: documents, quotes, stances; read by ``scan.scan_facts``), entities (canonical,
with aliases, parts and, for places, the gazetteer's coordinates), claims (with
provenance), judgements. Facts come before entities so that a filtered export holds the
entities its facts touch; nothing is gathered in memory but those entity ids.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Generator, Iterator
from contextlib import closing
from typing import TYPE_CHECKING, Any, TextIO

from allegiance.export.parallel import split_records, worth_splitting
from allegiance.export.records import coordinates
from allegiance.export.scan import scan_facts
from allegiance.export.select import Selection, reach, read_entities
from allegiance.query.profile import CLAIM_SELECT, claim_view

if TYPE_CHECKING:
    from allegiance.store.db import Store

KINDS = ("documents", "facts", "entities", "claims", "judgements")


class Renderer:
    """The part of a format's writing that depends on one record alone: ``render`` turns a
    record into what ``Exporter.put`` writes (text, mostly). A split export
    (``parallel``) has the reading process render a batch when the writing one is behind,
    so both cores stay busy; an instance is pickled over to that process."""

    def render(self, kind: str, record: dict[str, Any]) -> Any:
        """What ``put`` writes for the record (``None``: nothing)."""
        return record


class Exporter(ABC):
    """Writes records of the kinds in ``KINDS`` to a text stream. A format whose writing
    is mostly per record has a ``renderer`` and writes through ``put``."""

    #: the kinds this format writes; others are skipped by ``export``
    kinds: tuple[str, ...] = KINDS
    #: whether the format writes a folder or a zip (a path), not one text stream
    needs_path = False
    #: whether the format dumps the whole store (entities with their parts per document)
    whole_store = False

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self.count = 0

    #: the format's ``Renderer`` (``None``: ``write`` does all the work)
    renderer: Renderer | None = None

    @abstractmethod
    def write(self, kind: str, record: dict[str, Any]) -> None:
        """Write one record of ``kind``."""

    def put(self, kind: str, rendered: Any) -> None:
        """Write what ``renderer.render(kind, record)`` gave (for a format with a
        renderer; its ``write`` is ``put(kind, renderer.render(kind, record))``)."""
        raise NotImplementedError(f"{type(self).__name__} has no renderer")

    def finalize(self) -> None:
        """Close whatever ``write`` left open."""
        self.fh.flush()


def documents(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.conn.execute(
        "SELECT id, content_hash, title, author, published, path, metadata, ingested_at "
        "FROM documents ORDER BY rowid"
    ):
        yield {
            "id": r["id"],
            "content_hash": r["content_hash"],
            "title": r["title"],
            "author": r["author"],
            "published": r["published"],
            "path": r["path"],
            "metadata": json.loads(r["metadata"]),
            "ingested_at": r["ingested_at"],
        }


def entities(store: Store, ids: set[str] | None = None) -> Iterator[dict[str, Any]]:
    """Canonical entities (all, or those of ``ids``) with aliases and, for places, the
    coordinates the gazetteer gives (``None`` when unknown)."""
    for e in read_entities(store, ids):
        lat = lon = None
        if e["type"] == "Place":
            lat, lon = coordinates(e["reference_id"], e["name"])
        e["lat"], e["lon"] = lat, lon
        yield e


def stored_entities(store: Store) -> Iterator[dict[str, Any]]:
    """Every canonical entity with its aliases (and whether pejorative) and its parts in
    each document: the whole-store dump's shape."""
    for c in store.all(
        "SELECT c.id, c.type, c.name, c.reference_id FROM canonical_entities c "
        "WHERE EXISTS (SELECT 1 FROM entities e WHERE e.canonical_id = c.id) ORDER BY c.type, c.name, c.id"
    ):
        parts = store.all(
            "SELECT id, document_id, local_id, name, resolved_by FROM entities "
            "WHERE canonical_id = ? ORDER BY seq",
            (c["id"],),
        )
        aliases: dict[str, bool] = {}
        for p in parts:
            if p["name"] != c["name"]:
                aliases.setdefault(str(p["name"]), False)
            for a in store.all("SELECT name, pejorative FROM aliases WHERE entity_id = ? ORDER BY rowid", (p["id"],)):
                if a["name"] != c["name"]:
                    aliases[str(a["name"])] = aliases.get(str(a["name"]), False) or bool(a["pejorative"])
        yield {
            "id": c["id"],
            "type": c["type"],
            "name": c["name"],
            "reference_id": c["reference_id"],
            "aliases": [{"name": n, "pejorative": p} for n, p in aliases.items()],
            "parts": [
                {"document_id": p["document_id"], "entity": p["local_id"], "name": p["name"],
                 "resolved_by": p["resolved_by"]}
                for p in parts
            ],
        }


def claims(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.conn.execute(CLAIM_SELECT + " ORDER BY c.document_id, c.evidence_start, c.id"):
        v = claim_view(r)
        yield {
            "id": v.id,
            "subject": {"id": v.subject_id, "name": v.subject} if v.subject_id else None,
            "predicate": v.predicate,
            "object": {"id": v.object_id, "name": v.object} if v.object_id else None,
            "time": (
                {"start": v.time_start, "end": v.time_end, "text": v.time_text,
                 "precision": v.time_precision}
                if v.time_start or v.time_end or v.time_text else None
            ),
            "place": v.place,
            "role": v.role,
            "stance": v.stance,
            "source": v.source,
            "provenance": {
                "document_id": v.document_id,
                "document_title": v.document_title,
                "document_published": v.document_published,
                "claim": r["local_id"],
                "evidence": {"start": v.evidence_start, "end": v.evidence_end, "text": v.evidence},
                "cue": v.cue,
                "extractor": v.extractor,
            },
        }


def judgements(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.all("SELECT * FROM judgements ORDER BY id"):
        yield {
            "id": r["id"], "kind": r["kind"], "left": r["left_id"], "right": r["right_id"],
            "members": json.loads(r["members"]), "reason": r["reason"], "by": r["by"],
            "at": r["at"], "active": bool(r["active"]),
        }


def export(store: Store, exporter: Exporter, selection: Selection | None = None,
           split: bool | None = None) -> int:
    """Stream the graph (or the ``selection`` of it) into ``exporter``; return the number
    of records written. With ``split`` the records are read by a second process while
    this one writes them (``parallel``; by default for a large store on two cores), and
    renders some of them when this one is behind; the output is the same."""
    sel = selection or Selection()
    if split is None:
        split = worth_splitting(store)
    if not split:
        with closing(records(store, exporter.kinds, exporter.whole_store, sel)) as source:
            for kind, record in source:
                exporter.write(kind, record)
                exporter.count += 1
    else:
        with closing(split_records(store, exporter.kinds, exporter.whole_store, sel,
                                   exporter.renderer)) as batches:
            for rendered, batch in batches:
                if rendered:
                    for kind, item in batch:
                        exporter.put(kind, item)
                else:
                    for kind, item in batch:
                        exporter.write(kind, item)
                exporter.count += len(batch)
    exporter.finalize()
    return exporter.count


def records(
    store: Store, kinds: tuple[str, ...], whole_store: bool, sel: Selection
) -> Generator[tuple[str, dict[str, Any]], None, None]:
    """``(kind, record)`` of the ``kinds`` a format takes, in the order of ``KINDS``."""
    scope = reach(store, sel) if sel.around is not None else None
    touched: set[str] | None = set(scope or ()) if sel.filtered else None
    for kind in KINDS:
        if kind not in kinds:
            continue
        found: Iterator[dict[str, Any]]
        if kind == "facts":
            found = _facts(store, sel, scope, touched)
        elif kind == "entities":
            found = stored_entities(store) if whole_store else entities(store, touched)
        else:
            found = SIMPLE[kind](store)
        for record in found:
            yield kind, record


def _facts(
    store: Store, sel: Selection, scope: list[str] | None, touched: set[str] | None
) -> Iterator[dict[str, Any]]:
    for record in scan_facts(store, sel, scope):
        if touched is not None:
            touched.update(e for e in (record["subject_id"], record["object_id"]) if e)
        yield record


SIMPLE = {"documents": documents, "claims": claims, "judgements": judgements}
