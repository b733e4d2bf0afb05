"""Deleting a document removes everything only it supports and nothing else; merges of two
gazetteer records need force; entity types match in any case; qualifiers are shown."""

from __future__ import annotations

import pytest

from allegiance.errors import InputError, NotFoundError, StoreError
from allegiance.model.types import Entity, Extraction
from allegiance.query.facts import facts
from allegiance.query.report import render_report
from allegiance.query.search import search
from allegiance.store import Store
from tests.query.graph_helpers import S, document

IS, JN = "Organization:Islamic State", "Organization:Jabhat al-Nusra"
BAKR = "Person:Abu Bakr"


def test_delete_removes_only_what_the_document_supports(store: Store) -> None:
    store.ingest(document("a", "2015-01-01", [S(BAKR, "member_of", IS), S(IS, "hostile_to", JN)]))
    store.ingest(document("b", "2015-02-01", [S(BAKR, "member_of", IS)]))
    d = store.delete("b")
    assert (d.document_id, d.claims, d.facts_removed, d.facts_changed) == ("b", 1, 0, 1)
    found = {f.predicate: len(f.sources) for f in facts(store)}
    assert found == {"member_of": 1, "hostile_to": 1}
    assert all(h.document_id == "a" for h in search(store, "Bakr"))
    d = store.delete("a")
    assert d.facts_removed == 2 and facts(store) == []
    assert store.counts()["documents"] == 0 and store.entities() == []
    with pytest.raises(NotFoundError):
        store.delete("a")


def _with_refs(doc_id: str, names: list[tuple[str, str]]) -> Extraction:
    text = f"Report {doc_id}. " + " ".join(n for n, _ in names)
    ents = [Entity(f"e{i}", "Place", n, reference_id=r) for i, (n, r) in enumerate(names)]
    return Extraction({"id": doc_id, "published": "2015-01-01"}, ents, [], text=text)


def test_different_reference_ids_are_never_proposed_or_merged_silently(store: Store) -> None:
    store.ingest(_with_refs("a", [("Syria", "geo:SY"), ("Syrie", "geo:EG")]))
    assert store.review_candidates() == []
    with pytest.raises(StoreError, match="different reference ids"):
        store.merge("Syria", "Syrie", reason="typo?")
    store.merge("Syria", "Syrie", reason="really one", force=True)
    assert len(store.entities()) == 1


@pytest.mark.parametrize("given", ["place", "PLACE", " Place "])
def test_entity_type_in_any_case(store: Store, given: str) -> None:
    store.ingest(_with_refs("a", [("Mosul", "geo:1")]))
    assert [e.name for e in store.entities(given)] == ["Mosul"]


def test_unknown_entity_type_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="unknown entity type"):
        store.entities("town")


def test_report_shows_qualifiers(store: Store) -> None:
    store.ingest(document("a", "2015-01-01", [
        S(IS, "attacked", "Place:Mosul", qualifiers=(("basis", "attribution prior"),)),
    ]))
    assert "basis: attribution prior" in render_report(store)
