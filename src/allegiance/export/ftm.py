"""FollowTheMoney entities, one JSON object a line, built with the ``followthemoney``
model so Aleph and OpenSanctions' tools import them: Person, Organization, Address (a
place, with the gazetteer's coordinates), Document (each source document, once), and for
each fact with both ends a Membership (``member_of``), Directorship (``leader_of``),
Event (violent and territorial deeds, ``resources/export/events.yml``) or UnknownLink
(every other relation, its predicate as ``role``). A fact carries its dates, its sources'
quotes (``description``), documents (``proof``), stances (``summary``) and its status
(``status``: denied, disputed, contested... never a plain fact).

Each entity is built once, with its values already clean: every value is cleaned by
followthemoney's own functions (``sanitize_text``, then the property type's
``clean_text``), a value that recurs (a date, an entity or document id, a role, a name)
only once, and the proxy made from the cleaned properties (``EntityProxy(...,
cleaned=True)``). Where that could differ from adding the values one by one with
``EntityProxy.add`` (a value that is no plain string, a self-relationship, values past
followthemoney's size limit), the entity is built by ``add`` instead."""

from __future__ import annotations

import json
from typing import Any, TextIO

from followthemoney import model
from followthemoney.property import Property
from followthemoney.proxy import EntityProxy
from followthemoney.util import PROP_VALUE_MAX, sanitize_text

from allegiance.export.base import Exporter, Renderer
from allegiance.export.events import event_rules

PREFIX = "allegiance-"
SCHEMAS = {"Person": "Person", "Organization": "Organization", "Place": "Address"}
#: predicate -> (schema, property of the subject, property of the object)
INTERVALS = {
    "member_of": ("Membership", "member", "organization"),
    "leader_of": ("Directorship", "director", "organization"),
}


#: distinct cleaned values remembered per property type, at most
CACHE = 100_000
#: property types whose values are free text, mostly unique: cleaned, not remembered
_FREE_TEXT = frozenset({"text"})
_JSON = json.JSONEncoder(ensure_ascii=False)

#: one ``proxy.add(name, values)``: the property's name and the values
Add = tuple[str, Any]


def ftm_id(local: str) -> str:
    """The FollowTheMoney id of an allegiance entity, fact or document id."""
    return PREFIX + local


class _Builder:
    """Makes entity proxies from their ``add`` calls (see the module docstring)."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str | None], dict[str, str | None]] = {}

    def _clean(self, prop: Property, value: str) -> str | None:
        """``value`` as ``EntityProxy.add`` stores it in ``prop`` (``None``: dropped)."""
        if prop.type.name in _FREE_TEXT:
            text = sanitize_text(value)
            return None if text is None else prop.type.clean_text(text, format=prop.format)
        known = self._known.setdefault((prop.type.name, prop.format), {})
        try:
            return known[value]
        except KeyError:
            pass
        text = sanitize_text(value)
        cleaned = None if text is None else prop.type.clean_text(text, format=prop.format)
        if len(known) >= CACHE:
            known.clear()
        known[value] = cleaned
        return cleaned

    def make(self, schema: str, eid: str, before: list[Add], after: list[Add]) -> EntityProxy:
        """The proxy of schema ``schema`` and id ``eid`` that ``model.make_entity``, then
        the ``before`` adds, ``proxy.id = eid``, then the ``after`` adds give."""
        made = model.get(schema)
        if made is None:
            return self._by_add(schema, eid, before, after)
        properties: dict[str, list[str]] = {}
        size = 0
        for calls, named in ((before, False), (after, True)):
            for name, values in calls:
                prop = made.properties[name]
                if prop.stub:
                    return self._by_add(schema, eid, before, after)
                for value in values if type(values) is list else (values,):
                    if value is None:
                        continue
                    if type(value) is not str:
                        return self._by_add(schema, eid, before, after)
                    text = self._clean(prop, value)
                    if text is None:
                        continue
                    if named and text == eid and prop.type.name == "entity":
                        return self._by_add(schema, eid, before, after)
                    size += len(text)
                    properties.setdefault(name, []).append(text)
        if size > PROP_VALUE_MAX:
            return self._by_add(schema, eid, before, after)
        return EntityProxy(made, {"id": eid, "properties": properties}, cleaned=True)

    @staticmethod
    def _by_add(schema: str, eid: str, before: list[Add], after: list[Add]) -> EntityProxy:
        proxy = model.make_entity(schema)
        for name, values in before:
            proxy.add(name, values)
        proxy.id = eid
        for name, values in after:
            proxy.add(name, values)
        return proxy


class FtmRenderer(Renderer):
    """An entity's line, or a fact's line with the documents it cites (each source's id,
    title and publication date, which the writer makes Document entities of, once)."""

    def __init__(self) -> None:
        self._events = event_rules().types
        self._builder = _Builder()

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), ()  # made anew where it is unpickled (its buffers are not sent)

    def line(self, proxy: EntityProxy) -> str:
        return _JSON.encode(proxy.to_dict()) + "\n"

    def document(self, document_id: str, title: str | None, published: str | None) -> str:
        """The line of a source document's Document entity."""
        adds: list[Add] = [("title", title or document_id), ("publishedAt", published)]
        return self.line(self._builder.make("Document", ftm_id(document_id), [], adds))

    def render(self, kind: str, record: dict[str, Any]) -> Any:
        if kind == "entities":
            return self._entity(record)
        if record["subject_id"] and record["object_id"]:
            documents = [(s["document_id"], s["document_title"], s["published"])
                         for s in record["sources"]]
            return documents, self._fact(record)
        return None

    def _entity(self, e: dict[str, Any]) -> str:
        schema = SCHEMAS.get(e["type"], "LegalEntity")
        adds: list[Add] = [("name", e["name"])]
        if schema == "Address":
            adds.append(("full", e["name"]))
            if e.get("lat") is not None:
                adds += [("latitude", str(e["lat"])), ("longitude", str(e["lon"]))]
        else:
            adds += [("alias", e["aliases"]), ("weakAlias", e["pejoratives"])]
        return self.line(self._builder.make(schema, ftm_id(e["id"]), [], adds))

    def _fact(self, f: dict[str, Any]) -> str:
        pred = f["predicate"]
        subj, obj = ftm_id(f["subject_id"]), ftm_id(f["object_id"])
        interval = INTERVALS.get(pred)
        before: list[Add]
        if interval and f["subject_type"] in ("Person", "Organization") \
                and f["object_type"] == "Organization":
            schema, sprop, oprop = interval
            before = [(sprop, subj), (oprop, obj)]
        elif pred in self._events:
            schema = "Event"
            before = [("name", f"{f['subject']} {pred.replace('_', ' ')} {f['object']}"),
                      ("involved", subj if f["subject_type"] != "Place" else None)]
            before.append(("addressEntity", obj) if f["object_type"] == "Place"
                          else ("involved", obj))
            before.append(("location", f["place"]))
        else:
            schema = "UnknownLink"
            before = [("subject", subj), ("object", obj)]
        after: list[Add]
        if schema == "Event":
            after = [("keywords", [pred, f["status"]])]
        else:
            after = [("role", pred), ("status", f["status"])]
        after += [
            ("startDate", f["start"]),
            ("endDate", f["end"]),
            ("summary", f"{f['status']}: {f['stances']}"),
            ("recordId", f["id"]),
            ("description", [f"[{s['stance']}] {s['quote']}" for s in f["sources"]]),
            ("proof", [ftm_id(s["document_id"]) for s in f["sources"]]),
        ]
        return self.line(self._builder.make(schema, ftm_id(f["id"]), before, after))


class FtmExporter(Exporter):
    """Writes FollowTheMoney entities as JSON lines: a fact's line after the lines of
    the documents it is the first to cite."""

    kinds = ("facts", "entities")

    def __init__(self, fh: TextIO) -> None:
        super().__init__(fh)
        self._documents: set[str] = set()
        self._renderer = self.renderer = FtmRenderer()

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.put(kind, self._renderer.render(kind, record))

    def put(self, kind: str, rendered: Any) -> None:
        if kind == "entities":
            self.fh.write(rendered)
        elif rendered is not None:
            documents, line = rendered
            for document_id, title, published in documents:
                if document_id not in self._documents:
                    self._documents.add(document_id)
                    self.fh.write(self._renderer.document(document_id, title, published))
            self.fh.write(line)
