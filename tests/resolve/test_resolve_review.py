"""Review candidates: similar names within blocks, not yet judged."""

from __future__ import annotations

from allegiance.model.types import Entity, Extraction
from allegiance.store import Store


def ingest(store: Store, doc_id: str, type_: str, name: str) -> None:
    store.ingest(Extraction({"id": doc_id}, [Entity("e1", type_, name)], [], text=doc_id))


def test_similar_names_are_candidates(store: Store) -> None:
    ingest(store, "a", "Person", "Abu Omar al-Falastini")
    ingest(store, "b", "Person", "Abu Omar al-Filastini")
    ingest(store, "c", "Organization", "Abu Omar al-Filastini Brigade")
    found = store.review_candidates()
    assert len(found) == 1
    c = found[0]
    assert {c.left_name, c.right_name} == {"Abu Omar al-Falastini", "Abu Omar al-Filastini"}
    assert c.type == "Person" and 85 <= c.score < 100 and "name model" in c.why


def test_names_alike_only_in_spelling_are_candidates_by_similarity(store: Store) -> None:
    ingest(store, "a", "Person", "Abdelkarim Hussein")
    ingest(store, "b", "Person", "Abdelkarim Husseini")
    c = store.review_candidates()[0]
    assert 85 <= c.score < 100 and "similar names" in c.why


def test_rejected_and_merged_pairs_leave_the_list(store: Store) -> None:
    ingest(store, "a", "Person", "Abu Omar al-Falastini")
    ingest(store, "b", "Person", "Abu Omar al-Filastini")
    store.reject("Abu Omar al-Falastini", "Abu Omar al-Filastini", reason="two men")
    assert store.review_candidates() == []
    store.undo()
    store.merge("Abu Omar al-Falastini", "Abu Omar al-Filastini", reason="one man")
    assert store.review_candidates() == []


def test_distinct_groups_are_not_candidates(store: Store) -> None:
    ingest(store, "a", "Organization", "Ansar al-Islam")
    ingest(store, "b", "Organization", "Ansar al-Sunna")
    assert store.review_candidates() == []


def test_limit(store: Store) -> None:
    # near-identical names that the name key keeps apart (different endings), so review lists them
    for i, name in enumerate(["Abu Hamza al-Muhajir", "Abu Hamza al-Muhajiri", "Abu Hamza al-Muhajirin"]):
        ingest(store, f"d{i}", "Person", name)
    assert len(store.review_candidates(limit=10)) == 3
    assert len(store.review_candidates(limit=1)) == 1
