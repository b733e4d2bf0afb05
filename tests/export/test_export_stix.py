"""The STIX 2.1 bundle validated by stix2-validator (no error) and read back."""

from __future__ import annotations

import json

import pytest
import stix2
from stix2validator import ValidationOptions, validate_string

from allegiance.export.stix import timestamp
from allegiance.store import Store
from tests.export.export_helpers import run_export


def test_bundle_validates_without_error(facts_store: Store) -> None:
    text = run_export(facts_store, "stix")
    result = validate_string(text, ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for r in result.object_results for e in r.errors]
    objects = json.loads(text)["objects"]
    ids = {o["id"] for o in objects}
    kinds = {o["type"] for o in objects}
    assert {"threat-actor", "identity", "location", "relationship", "note", "report"} <= kinds
    for o in objects:
        if o["type"] == "relationship":
            assert o["source_ref"] in ids and o["target_ref"] in ids
        if o["type"] in ("note", "report"):
            assert set(o["object_refs"]) <= ids
    denied = next(o for o in objects if o["type"] == "relationship"
                  and o["relationship_type"] == "lost-control-of")
    assert "status:denied" in denied["labels"]
    note = next(o for o in objects if o["type"] == "note" and denied["id"] in o["object_refs"])
    assert note["content"].startswith("[denied]")
    mosul = next(o for o in objects if o["type"] == "location" and o["name"] == "Mosul")
    assert 36 < mosul["latitude"] < 37
    camp = next(o for o in objects if o["type"] == "location" and o["name"] == "Kirkuk Camp West")
    assert "latitude" not in camp


@pytest.mark.parametrize("filters", [{}, {"stances": ("denied",)}, {"at": "2014-06"}])
def test_every_object_is_what_stix2_makes_of_it(
    facts_store: Store, filters: dict[str, object]
) -> None:
    """Each object, parsed and checked by stix2, serializes back to the very text the
    export wrote: the properties, their order and their timestamp forms are stix2's."""
    text = run_export(facts_store, "stix", **filters)
    objects = json.loads(text)["objects"]
    assert objects
    lines = [line.rstrip(",") for line in text.splitlines()[1:-1]]
    assert len(lines) == len(objects)
    for line, obj in zip(lines, objects):
        assert stix2.parse(obj, allow_custom=False).serialize() == line


def test_same_store_same_ids(facts_store: Store) -> None:
    one = [o["id"] for o in json.loads(run_export(facts_store, "stix"))["objects"]]
    two = [o["id"] for o in json.loads(run_export(facts_store, "stix"))["objects"]]
    assert one == two


@pytest.mark.parametrize(("day", "end", "stamp"), [
    ("2014-06-01", False, "2014-06-01T00:00:00.000Z"),
    ("2014", False, "2014-01-01T00:00:00.000Z"),
    ("2014", True, "2014-12-31T23:59:59.999Z"),
    ("2016-02", True, "2016-02-29T23:59:59.999Z"),
    ("2015-12", True, "2015-12-31T23:59:59.999Z"),
])
def test_timestamps(day: str, end: bool, stamp: str) -> None:
    assert timestamp(day, end) == stamp
