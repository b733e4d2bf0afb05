"""Automatic attachment of document entities to canonical entities."""

from __future__ import annotations

import pytest

from allegiance.model.types import Entity, Extraction
from allegiance.resolve import keys
from allegiance.store import Store


def doc(doc_id: str, *entities: tuple[str, str, list[str], str | None]) -> Extraction:
    """A one-line document holding the given (type, name, aliases, reference id) entities."""
    ents = [
        Entity(f"e{i}", t, n, aliases, reference_id=ref)
        for i, (t, n, aliases, ref) in enumerate(entities, 1)
    ]
    return Extraction({"id": doc_id, "title": doc_id}, ents, [], text=f"text of {doc_id}")


def canonical(store: Store, entity_id: str) -> str:
    return str(store.one("SELECT canonical_id FROM entities WHERE id = ?", (entity_id,))[0])


# (case, first document entity, second document entity, same canonical entity?)
CASES: list[tuple[str, tuple[str, str, list[str], str | None], tuple[str, str, list[str], str | None], bool]] = [
    ("same name", ("Organization", "Ansar al-Islam", [], None),
     ("Organization", "Ansar al-Islam", [], None), True),
    ("spelling folded by key", ("Organization", "Ansar al-Islam", [], None),
     ("Organization", "ANSAR AL ISLAM", [], None), True),
    ("alias of the other", ("Organization", "Islamic State", ["ISIS"], None),
     ("Organization", "ISIS", [], None), True),
    ("same reference id, different names", ("Place", "Mosul", [], "geo:1"),
     ("Place", "al-Mawsil", [], "geo:1"), True),
    ("must not merge: Ansar al-Islam vs Ansar al-Sunna",
     ("Organization", "Ansar al-Islam", [], None), ("Organization", "Ansar al-Sunna", [], None),
     False),
    ("same name, other type", ("Place", "Kirkuk", [], None),
     ("Organization", "Kirkuk", [], None), False),
    ("different names", ("Person", "Abu Obeida", [], None),
     ("Person", "Abu Omar", [], None), False),
]


@pytest.mark.parametrize(("case", "first", "second", "same"), CASES, ids=[c[0] for c in CASES])
def test_attachment(
    store: Store,
    case: str,
    first: tuple[str, str, list[str], str | None],
    second: tuple[str, str, list[str], str | None],
    same: bool,
) -> None:
    store.ingest(doc("a", first))
    store.ingest(doc("b", second))
    assert (canonical(store, "a/e1") == canonical(store, "b/e1")) is same


def test_two_entities_of_one_document_stay_apart(store: Store) -> None:
    store.ingest(doc("a", ("Person", "Abu Muhammad", [], None), ("Person", "Abu Muhammad", [], None)))
    assert canonical(store, "a/e1") != canonical(store, "a/e2")


def test_ambiguous_key_creates_a_new_entity(store: Store) -> None:
    store.ingest(doc("a", ("Person", "Abu Muhammad", [], None), ("Person", "Abu Muhammad", [], None)))
    store.ingest(doc("b", ("Person", "Abu Muhammad", [], None)))
    assert canonical(store, "b/e1") not in {canonical(store, "a/e1"), canonical(store, "a/e2")}
    assert store.one("SELECT resolved_by FROM entities WHERE id = 'b/e1'")[0] == "new"


def test_context_check_blocks_a_key_match(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "_compatible", lambda a, b, kind: False)
    store.ingest(doc("a", ("Organization", "Ansar al-Islam", [], None)))
    store.ingest(doc("b", ("Organization", "Ansar al-Islam", [], None)))
    assert canonical(store, "a/e1") != canonical(store, "b/e1")


def test_canonical_name_is_the_most_frequent(store: Store) -> None:
    store.ingest(doc("a", ("Organization", "ISIS", ["Islamic State"], None)))
    store.ingest(doc("b", ("Organization", "Islamic State", [], None)))
    store.ingest(doc("c", ("Organization", "Islamic State", ["ISIS"], None)))
    name = store.one("SELECT name FROM canonical_entities WHERE id = ?", (canonical(store, "a/e1"),))
    assert name[0] == "Islamic State"
