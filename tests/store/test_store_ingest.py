"""Ingest: one transaction per document, content-hash idempotence, clean failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from allegiance.errors import NotFoundError, StoreError
from allegiance.model.types import Claim, Extraction, Span
from allegiance.store import Store
from allegiance.store import ingest as ingest_module
from allegiance.store.migrations import MIGRATIONS
from allegiance.store.samples import ansar_document, news_document, sample_extractions

TABLES = ["documents", "entities", "aliases", "mentions", "claims", "canonical_entities"]


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {t: [tuple(r) for r in store.all(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in TABLES}


def test_open_applies_named_migrations_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as s:
        assert s.migrations() == [m.name for m in MIGRATIONS]
        assert s.one("PRAGMA journal_mode")[0] == "wal"
        assert s.one("PRAGMA foreign_keys")[0] == 1
    with Store.open(path) as s:
        assert len(s.all("SELECT * FROM migrations")) == len(MIGRATIONS)


def test_open_missing_without_create(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        Store.open(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_open_rejects_unknown_migration(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES ('9999_future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="9999_future"):
        Store.open(path)


def test_ingest_counts_and_has_document(store: Store) -> None:
    doc = ansar_document()
    result = store.ingest(doc)
    assert (result.document_id, result.new, result.entities, result.claims) == (
        "ansar-2015", True, 7, 5
    )
    assert store.has_document("ansar-2015")
    chash = store.one("SELECT content_hash FROM documents")[0]
    assert store.has_document(chash)
    assert not store.has_document("news-2016")
    assert store.counts()["claims"] == 5


def test_reingest_is_a_no_op(store: Store) -> None:
    for x in sample_extractions():
        store.ingest(x)
    before = snapshot(store)
    again = [store.ingest(x) for x in sample_extractions()]
    assert all(not r.new and r.claims == 0 for r in again)
    assert [r.document_id for r in again] == ["ansar-2015", "news-2016", "army-2007"]
    assert snapshot(store) == before


def test_claim_ids_are_stable_hashes(tmp_path: Path) -> None:
    ids = []
    for name in ("a.db", "b.db"):
        with Store.open(tmp_path / name) as s:
            s.ingest(ansar_document())
            ids.append(sorted(r[0] for r in s.all("SELECT id FROM claims")))
    assert ids[0] == ids[1]
    assert all(len(i) == 64 for i in ids[0])


def test_same_id_different_text_is_kept_apart(store: Store) -> None:
    store.ingest(ansar_document())
    changed = ansar_document()
    changed.text = (changed.text or "") + " "
    result = store.ingest(changed)
    assert result.new and result.document_id.startswith("ansar-2015~")
    assert store.counts()["documents"] == 2


def test_evidence_sentence_is_stored(store: Store) -> None:
    store.ingest(news_document())
    texts = [r[0] for r in store.all("SELECT evidence_text FROM claims ORDER BY evidence_start")]
    assert texts[0].startswith("Abu Ubaida al-Iraqi, also known as Abu Obeida, was killed")


def test_pejoratives_are_flagged(store: Store) -> None:
    store.ingest(ansar_document())
    rows = {r[0]: r[1] for r in store.all("SELECT name, pejorative FROM aliases")}
    assert rows["khawarij"] == 1 and rows["Ansar al-Islam"] == 0


BAD_CLAIMS = [
    ("unknown subject", Claim("cx", "e99", "member_of", "e2", Span(0, 5))),
    ("unknown source", Claim("cx", "e1", "member_of", "e2", Span(0, 5), source="e42")),
    ("backwards span", Claim("cx", "e1", "member_of", "e2", Span(9, 3))),
]


@pytest.mark.parametrize(("label", "bad"), BAD_CLAIMS, ids=[b[0] for b in BAD_CLAIMS])
def test_bad_extraction_writes_nothing(store: Store, label: str, bad: Claim) -> None:
    store.ingest(news_document())
    before = snapshot(store)
    doc = ansar_document()
    doc.claims.append(bad)
    with pytest.raises(StoreError):
        store.ingest(doc)
    assert snapshot(store) == before


def test_failure_mid_way_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.ingest(news_document())
    before = snapshot(store)
    real = ingest_module._insert_claim
    calls = []

    def failing(*args: object, **kwargs: object) -> bool:
        calls.append(1)
        if len(calls) == 3:
            raise store._errors[0]("disk I/O error (simulated)")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_module, "_insert_claim", failing)
    with pytest.raises(StoreError, match="nothing changed"):
        store.ingest(ansar_document())
    assert len(calls) == 3
    assert snapshot(store) == before
    assert not store.has_document("ansar-2015")
    monkeypatch.undo()
    assert store.ingest(ansar_document()).new


def test_document_without_text_or_hash_is_refused(store: Store) -> None:
    with pytest.raises(StoreError):
        store.ingest(Extraction(document={"id": "x"}))
    assert store.counts()["documents"] == 0
