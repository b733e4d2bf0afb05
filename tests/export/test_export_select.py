"""Filters of an export (date, window, around, stance, confirmed) and fact status."""

from __future__ import annotations

import json
from typing import Any

import pytest

from allegiance.errors import InputError
from allegiance.export import Selection, select
from allegiance.export.records import status
from allegiance.query.fact_records import FactTime, ReviewState, StanceSummary
from allegiance.query.facts import iter_facts, stance_summary
from allegiance.query.fact_records import Fact
from allegiance.resolve.claim_review import review
from allegiance.model.types import Extraction
from allegiance.store import Store
from allegiance.store.samples import claim, entity
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


def _second_report() -> Extraction:
    """A report naming two known groups by other names, one of them pejorative, and one
    group no other document names."""
    t = "Daesh, also called ISIL, fought the Haqq Army and the Lone Brigade near Mosul."
    return Extraction(
        document={"id": "names-2017", "title": "Other names", "published": "2017-02-01"},
        entities=[entity(t, "e1", "Organization", "Islamic State", aliases=["ISIL"],
                         pejoratives=["Daesh"]),
                  entity(t, "e2", "Organization", "Jaysh al-Haqq", aliases=["Haqq Army"]),
                  entity(t, "e3", "Organization", "Lone Brigade"),
                  entity(t, "e4", "Place", "Mosul")],
        claims=[claim(t, "c1", "e1", "attacked", "e2", t)],
        text=t,
    )


@pytest.mark.parametrize("page", [1, 3, 1000])
def test_sorted_entity_pass_gives_the_paged_records(facts_store: Store, page: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every entity read in one sorted pass over the parts is the record the paged read
    gives, in the same order: names of all parts, aliases, pejoratives."""
    facts_store.ingest(_second_report())
    monkeypatch.setattr(select, "PAGE", page)
    paged = list(select.read_entities(facts_store, bulk=False))
    assert list(select.read_entities(facts_store, bulk=True)) == paged
    by_name = {e["name"]: e for e in paged}
    assert {"ISIL", "Daesh"} <= set(by_name["Islamic State"]["aliases"])
    assert "Daesh" in by_name["Islamic State"]["pejoratives"]
    assert "Haqq Army" in by_name["Jaysh al-Haqq"]["aliases"]
    assert [e["id"] for e in paged] == sorted(e["id"] for e in paged)


def test_all_entities_of_a_large_store_are_read_in_one_pass(
        facts_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[bool] = []
    real = select._sorted_entities
    monkeypatch.setattr(select, "_sorted_entities", lambda conn: used.append(True) or real(conn))
    small = list(select.read_entities(facts_store))
    monkeypatch.setattr(select, "BULK_ENTITIES", 2)
    large = list(select.read_entities(facts_store))
    list(select.read_entities(facts_store, ids=[small[0]["id"]]))
    assert used == ([True] if facts_store.dialect == "sqlite" else [])
    assert large == small
