from __future__ import annotations

import pytest

from allegiance.errors import DataFileError
from allegiance.model.vocab import _parse, vocabulary


def test_packaged_vocabulary_loads() -> None:
    v = vocabulary()
    assert {"Organization", "Person", "Place"} <= set(v.entity_types)
    assert v.predicates["allied_with"].symmetric
    assert not v.predicates["member_of"].symmetric
    assert v.stances["negated"] == "negative"
    assert v.stances["disputed"] == "uncertain"
    assert v.stances["reported"] == "positive"


def test_every_ontology_predicate_is_declared() -> None:
    names = {"member_of", "leader_of", "pledged_allegiance", "defected_from", "branch_of", "predecessor_of",
             "split_from", "merged_into", "allied_with", "cooperated_with", "hostile_to", "affiliated_with",
             "founded", "dissolved", "active_in", "expanded_into", "controls", "captured", "lost_control_of",
             "attacked", "killed", "arrested", "located_in"}
    assert names <= set(vocabulary().predicates)


@pytest.mark.parametrize("raw", [
    {"entity_types": {"Person": "x"}, "predicates": {"p": {"subject": ["Robot"]}}, "stances": {}},
    {"entity_types": {"Person": "x"}, "predicates": {}, "stances": {"s": {"factuality": "maybe"}}},
    {"predicates": {}, "stances": {}},
])
def test_malformed_schema_is_rejected(raw: dict) -> None:
    with pytest.raises(DataFileError):
        _parse(raw)
