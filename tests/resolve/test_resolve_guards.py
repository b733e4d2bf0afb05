"""Merges that would change an entity's type or reference record need force; a name that
denotes several entities is refused with the candidates listed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from allegiance.errors import AmbiguousError, GuardError
from allegiance.model.types import Entity, Extraction
from allegiance.resolve.judgements import judgements
from allegiance.store import Store


def doc(doc_id: str, *entities: Entity) -> Extraction:
    text = " ".join(e.name for e in entities) + "."
    return Extraction(document={"id": doc_id}, entities=list(entities), text=text)


@pytest.fixture
def guarded(store: Store) -> Store:
    store.ingest(doc("d1", Entity("e1", "Place", "Idlib"),
                     Entity("e2", "Person", "Abu Hafs al-Halabi"),
                     Entity("e3", "Place", "Raqqa", reference_id="geonames:1"),
                     Entity("e4", "Place", "Al-Raqqah", reference_id="geonames:2")))
    store.ingest(doc("d2", Entity("e1", "Person", "Abu Obeida"),
                     Entity("e2", "Place", "Abu Obeida")))
    return store


Act = Callable[[Store], object]
#: (case, act, error, words)
REFUSED: list[tuple[str, Act, type[Exception], str]] = [
    ("place into person", lambda s: s.merge("Idlib", "Abu Hafs al-Halabi", reason="x"),
     GuardError, "Person into a Place"),
    ("two reference records", lambda s: s.merge("Raqqa", "Al-Raqqah", reason="x"),
     GuardError, "geonames:1"),
    ("ambiguous name", lambda s: s.merge("Abu Obeida", "Idlib", reason="x"),
     AmbiguousError, "names 2 entities"),
    ("ambiguous reject", lambda s: s.reject("Idlib", "Abu Obeida"), AmbiguousError, "id"),
]


@pytest.mark.parametrize(("case", "act", "error", "words"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_without_force(guarded: Store, case: str, act: Act, error: type[Exception],
                               words: str) -> None:
    before = [tuple(r) for r in guarded.all("SELECT id, canonical_id FROM entities ORDER BY id")]
    with pytest.raises(error, match=words) as info:
        act(guarded)
    assert "\n" not in str(info.value)
    after = [tuple(r) for r in guarded.all("SELECT id, canonical_id FROM entities ORDER BY id")]
    assert after == before
    assert judgements(guarded) == []


def test_ambiguous_name_lists_ids_that_then_work(guarded: Store) -> None:
    with pytest.raises(AmbiguousError) as info:
        guarded.merge("Abu Obeida", "Abu Hafs al-Halabi", reason="x")
    person = guarded.one("SELECT canonical_id FROM entities WHERE id = 'd2/e1'")[0]
    assert person in str(info.value)
    j = guarded.merge(person, "Abu Hafs al-Halabi", reason="same man")
    assert j.kind == "merge"


@pytest.mark.parametrize(("a", "b"), [("Idlib", "Abu Hafs al-Halabi"), ("Raqqa", "Al-Raqqah")])
def test_force_merges(guarded: Store, a: str, b: str) -> None:
    j = guarded.merge(a, b, reason="checked", force=True)
    assert j.active and judgements(guarded)[0].kind == "merge"
