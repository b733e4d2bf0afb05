"""FollowTheMoney entities, one JSON object a line, built with the ``followthemoney``
model so Aleph and OpenSanctions' tools import them: Person, Organization, Address (a
place, with the gazetteer's coordinates), Document (each source document, once), and for
each fact with both ends a Membership (``member_of``), Directorship (``leader_of``),
Event (violent and territorial deeds, ``resources/export/events.yml``) or UnknownLink
(every other relation, its predicate as ``role``). A fact carries its dates, its sources'
quotes (``description``), documents (``proof``), stances (``summary``) and its status
(``status``: denied, disputed, contested... never a plain fact)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from allegiance.export.base import Exporter
from allegiance.export.events import event_rules

PREFIX = "allegiance-"
SCHEMAS = {"Person": "Person", "Organization": "Organization", "Place": "Address"}
#: predicate -> (schema, property of the subject, property of the object)
INTERVALS = {
    "member_of": ("Membership", "member", "organization"),
    "leader_of": ("Directorship", "director", "organization"),
}


def ftm_id(local: str) -> str:
    """The FollowTheMoney id of an allegiance entity, fact or document id."""
    return PREFIX + local


class FtmExporter(Exporter):
    """Writes FollowTheMoney entities as JSON lines."""

    kinds = ("facts", "entities")

    def __init__(self, fh: TextIO) -> None:
        super().__init__(fh)
        self._documents: set[str] = set()
        self._events = event_rules().types

    def _emit(self, proxy: EntityProxy) -> None:
        self.fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False) + "\n")

    def write(self, kind: str, record: dict[str, Any]) -> None:
        if kind == "entities":
            self._entity(record)
        elif record["subject_id"] and record["object_id"]:
            self._fact(record)

    def _entity(self, e: dict[str, Any]) -> None:
        proxy = model.make_entity(SCHEMAS.get(e["type"], "LegalEntity"))
        proxy.id = ftm_id(e["id"])
        proxy.add("name", e["name"])
        if proxy.schema.name == "Address":
            proxy.add("full", e["name"])
            if e.get("lat") is not None:
                proxy.add("latitude", str(e["lat"]))
                proxy.add("longitude", str(e["lon"]))
        else:
            proxy.add("alias", e["aliases"])
            proxy.add("weakAlias", e["pejoratives"])
        self._emit(proxy)

    def _document(self, source: dict[str, Any]) -> str:
        did = ftm_id(source["document_id"])
        if source["document_id"] not in self._documents:
            self._documents.add(source["document_id"])
            doc = model.make_entity("Document")
            doc.id = did
            doc.add("title", source["document_title"] or source["document_id"])
            doc.add("publishedAt", source["published"])
            self._emit(doc)
        return did

    def _fact(self, f: dict[str, Any]) -> None:
        pred = f["predicate"]
        subj, obj = ftm_id(f["subject_id"]), ftm_id(f["object_id"])
        interval = INTERVALS.get(pred)
        if interval and f["subject_type"] in ("Person", "Organization") \
                and f["object_type"] == "Organization":
            schema, sprop, oprop = interval
            proxy = model.make_entity(schema)
            proxy.add(sprop, subj)
            proxy.add(oprop, obj)
        elif pred in self._events:
            proxy = model.make_entity("Event")
            proxy.add("name", f"{f['subject']} {pred.replace('_', ' ')} {f['object']}")
            proxy.add("involved", subj if f["subject_type"] != "Place" else None)
            if f["object_type"] == "Place":
                proxy.add("addressEntity", obj)
            else:
                proxy.add("involved", obj)
            proxy.add("location", f["place"])
        else:
            proxy = model.make_entity("UnknownLink")
            proxy.add("subject", subj)
            proxy.add("object", obj)
        proxy.id = ftm_id(f["id"])
        if proxy.schema.name == "Event":
            proxy.add("keywords", [pred, f["status"]])
        else:
            proxy.add("role", pred)
            proxy.add("status", f["status"])
        proxy.add("startDate", f["start"])
        proxy.add("endDate", f["end"])
        proxy.add("summary", f"{f['status']}: {f['stances']}")
        proxy.add("recordId", f["id"])
        proxy.add("description", [f"[{s['stance']}] {s['quote']}" for s in f["sources"]])
        proxy.add("proof", [self._document(s) for s in f["sources"]])
        self._emit(proxy)
