"""Entity listings, profiles, timelines and the state at a date."""

from __future__ import annotations

import pytest

from allegiance.errors import InputError, NotFoundError
from allegiance.query import state_at, timeline
from allegiance.store import Store


@pytest.mark.parametrize(
    "name", ["Abu Obeida", "abu obeida", "Abu Ubaida al-Iraqi", "ansar-2015/e1"]
)
def test_profile_found_by_any_name(sample_store: Store, name: str) -> None:
    assert sample_store.profile(name).entity.name == "Abu Obeida"


def test_profile_by_pejorative_and_flags(sample_store: Store) -> None:
    p = sample_store.profile("khawarij")
    assert p.entity.name == "Islamic State"
    assert [(a.name, a.pejorative) for a in p.entity.aliases] == [
        ("IS", False), ("ISIS", False), ("khawarij", True)
    ]


def test_profile_claims_in_time_order_unknown_last(sample_store: Store) -> None:
    p = sample_store.profile("Abu Obeida")
    got = [(c.time_label, c.predicate, c.stance, c.source) for c in p.claims]
    assert got == [
        ("2006", "leader_of", "asserted", None),
        ("2014-06-20..30", "pledged_allegiance", "reported", "Abu Omar al-Falastini"),
        ("2015-12", "killed", "asserted", None),
        ("undated", "member_of", "asserted", None),
        ("undated", "member_of", "reported", None),
    ]
    first_undated = p.claims[3]
    assert first_undated.role == "Shari'a official"
    assert first_undated.document_title == "Ansar al-Islam and the Islamic State"
    assert first_undated.document_published == "2015-03-18"
    assert first_undated.evidence.endswith("according to Abu Omar al-Falastini.")
    assert p.entity.documents == 3 and p.entity.claims == 5


def test_unknown_name(sample_store: Store) -> None:
    with pytest.raises(NotFoundError):
        sample_store.profile("Jaish al-Mahdi")


def test_entities_by_type_with_counts(sample_store: Store) -> None:
    places = sample_store.entities("Place")
    assert [(e.name, e.documents, e.reference_id) for e in places] == [
        ("Kirkuk", 1, None), ("Mosul", 2, "geonames:99072")
    ]
    assert len(sample_store.entities()) == 8


def test_timeline_of_one_entity_and_of_all(sample_store: Store) -> None:
    assert [v.predicate for v in timeline(sample_store, "Mosul")] == ["captured"]
    assert len(sample_store.timeline()) == 8
    assert [v.predicate for v in timeline(sample_store, document_id="news-2016")] == [
        "killed", "member_of"
    ]


STATES = [
    ("2014-06-25", ["captured", "pledged_allegiance"]),
    ("2014-06", ["captured", "pledged_allegiance"]),
    ("2014-07-01", []),
    ("2007", ["hostile_to"]),
]


@pytest.mark.parametrize(("date", "predicates"), STATES)
def test_state_at(sample_store: Store, date: str, predicates: list[str]) -> None:
    assert [v.predicate for v in state_at(sample_store, date)] == predicates


def test_state_at_needs_an_iso_date(sample_store: Store) -> None:
    with pytest.raises(InputError):
        state_at(sample_store, "June 2014")
