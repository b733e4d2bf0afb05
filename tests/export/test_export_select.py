"""Filters of an export (date, window, around, stance, confirmed) and fact status."""

from __future__ import annotations

import json
from typing import Any

import pytest

from allegiance.errors import InputError
from allegiance.export import Selection
from allegiance.export.records import status
from allegiance.query.fact_records import FactTime, ReviewState, StanceSummary
from allegiance.query.facts import iter_facts, stance_summary
from allegiance.query.fact_records import Fact
from allegiance.resolve.claim_review import review
from allegiance.store import Store
from tests.export.export_helpers import run_export


def exported(store: Store, **filters: Any) -> tuple[set[str], set[str]]:
    """(predicate of each fact, name of each entity) of a jsonl export."""
    facts, names = set(), set()
    for line in run_export(store, "jsonl", **filters).splitlines():
        r = json.loads(line)
        if r["kind"] == "facts":
            facts.add(f"{r['record']['predicate']}:{r['record']['object']}")
        elif r["kind"] == "entities":
            names.add(r["record"]["name"])
    return facts, names


CASES = [
    ({"at": "2014-06-25"}, {"captured:Mosul", "pledged_allegiance:Islamic State"}),
    ({"from_": "2015", "to": "2016-12"}, {"killed:Abu Obeida", "attacked:Islamic State"}),
    ({"stances": ("denied",)}, {"lost_control_of:Kirkuk Camp West"}),
    ({"stances": ("denied", "disputed")},
     {"lost_control_of:Kirkuk Camp West", "member_of:Jaysh al-Haqq"}),
    # one step out reaches Islamic State and Abu Obeida: the facts among the three
    ({"around": "Jaysh al-Haqq", "depth": 1},
     {"attacked:Islamic State", "member_of:Jaysh al-Haqq", "member_of:Islamic State",
      "pledged_allegiance:Islamic State", "killed:Abu Obeida"}),
]


@pytest.mark.parametrize(("filters", "want"), CASES)
def test_filters_choose_facts_and_their_entities(
    facts_store: Store, filters: dict[str, Any], want: set[str]
) -> None:
    facts, names = exported(facts_store, **filters)
    assert facts == want
    for f in facts:
        assert f.split(":", 1)[1] in names


def test_around_widens_with_depth(facts_store: Store) -> None:
    one, _ = exported(facts_store, around="Jaysh al-Haqq", depth=1)
    two, _ = exported(facts_store, around="Jaysh al-Haqq", depth=2)
    assert one < two and "captured:Mosul" in two


def test_confirmed_only(facts_store: Store) -> None:
    assert exported(facts_store, confirmed_only=True) == (set(), set())
    fact = next(f for f in iter_facts(facts_store) if f.predicate == "captured")
    review(facts_store, "fact", fact.id, "confirmed", by="ana")
    facts, names = exported(facts_store, confirmed_only=True)
    assert facts == {"captured:Mosul"} and names == {"Islamic State", "Mosul"}


BAD = [
    {"at": "June 2014"},
    {"at": "2014", "from_": "2013"},
    {"depth": 0},
    {"stances": ("rumoured",)},
]


@pytest.mark.parametrize("filters", BAD)
def test_bad_filters_are_refused(filters: dict[str, Any]) -> None:
    with pytest.raises(InputError):
        Selection(**filters)


def fact_with(counts: dict[str, int]) -> Fact:
    return Fact("f1", "member_of", "a", "A", "Person", "b", "B", "Organization",
                FactTime(None, None, "undated", "undated"), stance_summary(counts), [],
                ReviewState(), None)


STATUS = [
    ({"asserted": 2}, "asserted"),
    ({"reported": 1, "asserted": 1}, "asserted"),
    ({"asserted": 1, "denied": 1}, "contested"),
    ({"denied": 2, "disputed": 1}, "denied"),
    ({"disputed": 1, "alleged": 3}, "disputed"),
    ({"negated": 1}, "negated"),
    ({"alleged": 1}, "alleged"),
    ({"alleged": 1, "claimed": 1}, "claimed"),
]


@pytest.mark.parametrize(("counts", "want"), STATUS)
def test_status(counts: dict[str, int], want: str) -> None:
    assert status(fact_with(counts)) == want
    assert isinstance(fact_with(counts).stance, StanceSummary)
