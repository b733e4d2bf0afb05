"""Recorded judgements: merge, split, reject, undo, and canonical ids computed from them."""

from __future__ import annotations

import pytest

from allegiance.errors import NotFoundError, StoreError
from allegiance.resolve import judgements, replay
from allegiance.store import Store
from allegiance.store.samples import sample_extractions


def cid(store: Store, entity_id: str) -> str:
    return str(store.one("SELECT canonical_id FROM entities WHERE id = ?", (entity_id,))[0])


def assignment(store: Store) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in store.all("SELECT id, canonical_id FROM entities")}


def test_merge_split_undo_round_trip(sample_store: Store) -> None:
    s = sample_store
    start = assignment(s)
    assert cid(s, "ansar-2015/e2") != cid(s, "ansar-2015/e6")

    m = s.merge("Ansar al-Islam", "Ansar al-Sunna", reason="renamed in 2003", by="tester")
    assert (m.kind, m.by, m.reason, m.active) == ("merge", "tester", "renamed in 2003", True)
    assert cid(s, "ansar-2015/e2") == cid(s, "ansar-2015/e6") == m.left
    assert replay(s) == assignment(s)

    sp = s.split("Abu Obeida", ["army-2007/e1"], reason="a second man", by="tester")
    assert cid(s, "army-2007/e1") == sp.right != cid(s, "ansar-2015/e1")
    assert cid(s, "news-2016/e1") == cid(s, "ansar-2015/e1")
    assert replay(s) == assignment(s)

    assert s.undo().kind == "split"
    assert replay(s) == assignment(s)
    assert s.undo().kind == "merge"
    assert assignment(s) == start
    assert [j.active for j in judgements(s)] == [False, False]
    with pytest.raises(NotFoundError):
        s.undo()


def test_split_by_name(sample_store: Store) -> None:
    s = sample_store
    j = s.split("Abu Obeida", ["Abu Ubaida al-Iraqi"], reason="another commander")
    assert j.members == ["news-2016/e1"]
    assert s.profile("Abu Ubaida al-Iraqi").entity.id == j.right
    assert s.profile("Abu Ubaida al-Iraqi").entity.name == "Abu Ubaida al-Iraqi"


def test_later_documents_follow_a_merge(store: Store) -> None:
    first, news, army = sample_extractions()
    store.ingest(first)
    store.merge("Ansar al-Islam", "Ansar al-Sunna", reason="same group")
    store.ingest(news)
    store.ingest(army)
    assert replay(store) == assignment(store)
    store.undo()
    assert replay(store) == assignment(store)


def test_documents_ingested_after_a_split_return_on_undo(sample_store: Store) -> None:
    from allegiance.model.types import Entity, Extraction

    s = sample_store
    j = s.split("Abu Obeida", ["Abu Ubaida al-Iraqi"], reason="another commander")
    s.ingest(Extraction({"id": "late"}, [Entity("e1", "Person", "Abu Ubaida al-Iraqi")], [], "late"))
    assert cid(s, "late/e1") == j.right
    s.undo()
    assert cid(s, "late/e1") == cid(s, "ansar-2015/e1")
    assert replay(s) == assignment(s)


def test_who_defaults_to_user(sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "analyst1")
    assert sample_store.merge("Kirkuk", "Mosul", reason="test").by == "analyst1"


REFUSALS = [
    ("merge with itself", lambda s: s.merge("ISIS", "Islamic State", reason="x"), StoreError),
    ("merge without reason", lambda s: s.merge("Kirkuk", "Mosul", reason=" "), StoreError),
    ("merge unknown", lambda s: s.merge("Kirkuk", "Nowhere", reason="x"), NotFoundError),
    ("split every part", lambda s: s.split("Mosul", ["Mosul"], reason="x"), StoreError),
    ("split unknown part", lambda s: s.split("Mosul", ["Raqqa"], reason="x"), NotFoundError),
    ("reject one entity", lambda s: s.reject("ISIS", "Islamic State"), StoreError),
]


@pytest.mark.parametrize(("case", "act", "error"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_change_nothing(sample_store: Store, case: str, act: object, error: type) -> None:
    before = assignment(sample_store)
    with pytest.raises(error):
        act(sample_store)  # type: ignore[operator]
    assert assignment(sample_store) == before
    assert judgements(sample_store) == []


def test_reject_is_recorded_and_undone(sample_store: Store) -> None:
    j = sample_store.reject("Ansar al-Islam", "Ansar al-Sunna", reason="different groups")
    assert j.kind == "reject" and judgements(sample_store, active_only=True) == [j]
    sample_store.undo()
    assert judgements(sample_store, active_only=True) == []
