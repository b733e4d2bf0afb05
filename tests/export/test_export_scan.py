"""The export's own fact reader (``scan.scan_facts``) gives, record for record, what the
query layer's reader gives (``iter_facts`` then ``fact_record``), under every filter and
with reviews standing on facts and claims, a page of facts at a time, whether the facts
are read page by page by id or in one sorted pass (``bulk``)."""

from __future__ import annotations

from typing import Any

import pytest

from allegiance.export import Selection
from allegiance.export import scan
from allegiance.export.records import fact_record
from allegiance.export.select import reach
from allegiance.model.types import Extraction
from allegiance.query.facts import iter_facts
from allegiance.resolve.claim_review import review, undo_review
from allegiance.store import Store
from allegiance.store.samples import claim, entity

ECHO = "Jaysh al-Haqq attacked Islamic State near Mosul in March 2016, a witness said."


def echo_document() -> Extraction:
    """A second report of the dispute document's attack, so that one fact has two
    sources."""
    t = ECHO
    return Extraction(
        document={"id": "echo-2016", "title": "A second report", "published": "2016-05-01"},
        entities=[entity(t, "e1", "Organization", "Jaysh al-Haqq"),
                  entity(t, "e2", "Organization", "Islamic State"),
                  entity(t, "e3", "Place", "Mosul")],
        claims=[claim(t, "c1", "e1", "attacked", "e2", t, stance="reported",
                      time=("2016-03-01", "2016-03-31", "March 2016"), place="e3")],
        text=t,
    )

SELECTIONS: list[dict[str, Any]] = [
    {},
    {"at": "2014-06-25"},
    {"at": "2014"},
    {"from_": "2015", "to": "2016-12"},
    {"from_": "2013"},
    {"to": "2014-06"},
    {"stances": ("denied",)},
    {"stances": ("denied", "disputed", "asserted")},
    {"confirmed_only": True},
    {"confirmed_only": True, "from_": "2010"},
    {"around": "Jaysh al-Haqq", "depth": 1},
    {"around": "Islamic State", "depth": 2, "stances": ("asserted",)},
]


def reference(store: Store, sel: Selection) -> list[dict[str, Any]]:
    """The records as the query layer's reader gives them."""
    filters: dict[str, Any] = {"at": sel.at, "from_": sel.from_, "to": sel.to,
                               "stance": list(sel.stances) or None,
                               "confirmed_only": sel.confirmed_only, "order": "id"}
    if sel.around is None:
        return [fact_record(f) for f in iter_facts(store, **filters)]
    scope = reach(store, sel)
    inside = set(scope)
    return [fact_record(f) for f in iter_facts(store, entity_ids=scope, **filters)
            if all(e in inside for e in (f.subject_id, f.object_id) if e)]


def reviewed(store: Store) -> Store:
    """The store with decisions of every kind standing: confirmed, rejected and edited
    facts, a decision replaced by a later one, an undone one, and edited claims."""
    store.ingest(echo_document())
    facts = [f for f in iter_facts(store, order="id")]
    assert any(len(f.sources) > 1 for f in facts), "the store needs a fact with two sources"
    by_pred = {f.predicate: f for f in facts}
    review(store, "fact", by_pred["captured"].id, "confirmed")
    review(store, "fact", by_pred["killed"].id, "edited",
           changes={"predicate": "attacked", "time_start": "2013-01-01",
                    "time_end": "2013-12-31"})
    review(store, "fact", by_pred["member_of"].id, "rejected")
    review(store, "fact", by_pred["member_of"].id, "confirmed")
    review(store, "fact", by_pred["lost_control_of"].id, "rejected")
    review(store, "fact", facts[0].id, "rejected")
    undo_review(store)
    many = next(f for f in facts if len(f.sources) > 1)
    review(store, "claim", many.sources[-1].claim_id, "edited", changes={"stance": "denied"})
    review(store, "claim", facts[-1].sources[0].claim_id, "confirmed")
    return store


@pytest.mark.parametrize("filters", SELECTIONS)
@pytest.mark.parametrize(("page", "cache", "fetch"), [(1, 3, 1), (2, 200_000, 3),
                                                      (5000, 200_000, 2000)])
@pytest.mark.parametrize("bulk", [False, True])
def test_scan_gives_what_the_query_reader_gives(
    facts_store: Store, filters: dict[str, Any], page: int, cache: int, fetch: int,
    bulk: bool, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = reviewed(facts_store)
    monkeypatch.setattr(scan, "PAGE", page)
    monkeypatch.setattr(scan, "CACHE", cache)
    monkeypatch.setattr(scan, "FETCH", fetch)
    sel = Selection(**filters)
    scope = reach(store, sel) if sel.around is not None else None
    got = list(scan.scan_facts(store, sel, scope, bulk=bulk))
    want = reference(store, sel)
    assert got == want
    if not filters:
        assert len(got) > 5
        assert {r["review"] for r in got} == {"proposed", "confirmed", "edited"}
        assert any(s["stance"] == "denied" for r in got if len(r["sources"]) > 1
                   for s in r["sources"])


@pytest.mark.parametrize("filters", SELECTIONS[:4])
@pytest.mark.parametrize("bulk", [False, True])
def test_scan_of_a_store_without_reviews(facts_store: Store, filters: dict[str, Any],
                                         bulk: bool) -> None:
    facts_store.ingest(echo_document())
    sel = Selection(**filters)
    assert list(scan.scan_facts(facts_store, sel, bulk=bulk)) == reference(facts_store, sel)


def test_large_stores_are_read_in_one_sorted_pass(facts_store: Store,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The default reader: sorted for a store of ``BULK_FACTS`` facts (here lowered), by
    page for a smaller one or an ``around`` scope; the same records either way."""
    facts_store.ingest(echo_document())
    used: list[str] = []
    for name in ("_sorted_pages", "_id_pages"):
        real = getattr(scan, name)
        monkeypatch.setattr(scan, name, lambda *a, _r=real, _n=name: used.append(_n) or _r(*a))
    small = list(scan.scan_facts(facts_store, Selection()))
    monkeypatch.setattr(scan, "BULK_FACTS", 2)
    large = list(scan.scan_facts(facts_store, Selection()))
    sel = Selection(around="Jaysh al-Haqq")
    list(scan.scan_facts(facts_store, sel, reach(facts_store, sel)))
    sorted_pass = "_sorted_pages" if facts_store.dialect == "sqlite" else "_id_pages"
    assert used == ["_id_pages", sorted_pass, "_id_pages"]
    assert large == small
