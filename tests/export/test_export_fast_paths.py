"""The quicker ways the formats build their output give what the plain ways give:
FollowTheMoney entities built from cleaned values against ``EntityProxy.add`` one value
at a time, STIX ids against ``uuid.uuid5``, XML escaping against ``xml.sax.saxutils``."""

from __future__ import annotations

import json
import uuid
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pytest
from followthemoney.exc import InvalidData

from allegiance.export.ftm import Add, _Builder
from allegiance.export.graph_attrs import xml_attr, xml_text, xml_value
from allegiance.export.stix import NAMESPACE, stix_id

#: (schema, id, adds before the id is set, adds after)
ENTITIES: list[tuple[str, str, list[Add], list[Add]]] = [
    ("Person", "allegiance-p1", [], [("name", "Abu Obeida"), ("alias", ["Abu  Obeida", "AO"]),
                                     ("weakAlias", [])]),
    ("Person", "allegiance-p2", [], [("name", '  "Abu" Obeida\t'), ("alias", ["", " ", "x"])]),
    ("Address", "allegiance-a1", [], [("name", "Mosul"), ("full", "Mosul"),
                                      ("latitude", "36.335"), ("longitude", "43.119")]),
    ("Document", "allegiance-d1", [], [("title", "Caf\u0065\u0301 report\x00"),
                                       ("publishedAt", "2016-04-02")]),
    ("Document", "allegiance-d2", [], [("title", "A"), ("publishedAt", "2016-04")]),
    ("Document", "allegiance-d3", [], [("title", "B"), ("publishedAt", "not a date")]),
    ("Membership", "allegiance-f1",
     [("member", "allegiance-p1"), ("organization", "allegiance-o1")],
     [("role", "member_of"), ("status", "disputed"), ("startDate", "2014"),
      ("endDate", "2016-03-31"), ("summary", "disputed: disputed 1"),
      ("recordId", "f1"), ("description", ["[disputed] a quote", "[disputed] a quote"]),
      ("proof", ["allegiance-d1", "allegiance-d1", "allegiance-d2"])]),
    ("Event", "allegiance-f2",
     [("name", "A attacked B"), ("involved", None), ("addressEntity", "allegiance-a1"),
      ("location", "Mosul")],
     [("keywords", ["attacked", "asserted"]), ("startDate", None), ("endDate", "2016"),
      ("description", ["[asserted] x"]), ("proof", ["not an id!"])]),
    ("UnknownLink", "allegiance-f3", [("subject", "allegiance-o1"), ("object", 5)],
     [("role", "allied_with")]),
]


def _by_add(schema: str, eid: str, before: list[Add], after: list[Add]) -> Any:
    """The plain way: each value added through followthemoney's own ``add``."""
    return _Builder._by_add(schema, eid, before, after).to_dict()


@pytest.mark.parametrize(("schema", "eid", "before", "after"), ENTITIES)
def test_built_entities_are_those_add_gives(schema: str, eid: str, before: list[Add],
                                            after: list[Add]) -> None:
    builder = _Builder()
    for _ in range(2):  # the second time from the remembered values
        made = builder.make(schema, eid, before, after).to_dict()
        assert json.dumps(made) == json.dumps(_by_add(schema, eid, before, after))


def test_a_self_relationship_is_refused_as_add_refuses_it() -> None:
    adds: list[Add] = [("proof", ["allegiance-f9"])]
    with pytest.raises(InvalidData):
        _by_add("UnknownLink", "allegiance-f9", [], adds)
    with pytest.raises(InvalidData):
        _Builder().make("UnknownLink", "allegiance-f9", [], adds)


@pytest.mark.parametrize(("kind", "local"), [
    ("relationship", "f00000d106746bbee293"), ("identity", ""), ("note", "é中/:x"),
    ("threat-actor", "c" * 300), ("report", "doc000001"),
])
def test_stix_ids_are_the_name_based_uuids(kind: str, local: str) -> None:
    digest = uuid.uuid5(NAMESPACE, kind + ":" + local)
    assert stix_id(kind, local) == f"{kind}--{uuid.UUID(bytes=digest.bytes, version=4)}"


@pytest.mark.parametrize("text", [
    "", "plain", "a & b", "<tag>", "x > y", 'say "so"', "it's", "'\"both\"'",
    "line\nbreak", "tab\there", "cr\r", "&amp;", "é中",
])
def test_xml_escaping_is_saxutils(text: str) -> None:
    assert xml_text(text) == escape(text)
    assert xml_attr(text) == quoteattr(text)


@pytest.mark.parametrize("value", ["s", 0, 7, -3, 10**20, True, False, 1.5, 36.335, None])
def test_xml_values_are_json_for_non_strings(value: Any) -> None:
    assert xml_value(value) == (value if isinstance(value, str) else json.dumps(value))
