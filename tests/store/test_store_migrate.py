"""A store written by the previous version (schema 0001-0005, dumped as SQL) opens,
migrates and keeps everything: documents, entities, claims, judgements; facts and the
search index are derived from what it holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from allegiance.query.facts import facts
from allegiance.query.search import search
from allegiance.store import Store

DUMP = Path(__file__).parent / "data" / "store-0.1.0.sql"


def _old_store(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(DUMP.read_text(encoding="utf-8"))
    conn.close()
    return path


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    finally:
        conn.close()


def test_previous_store_migrates_without_loss(tmp_path: Path) -> None:
    path = _old_store(tmp_path)
    tables = ["documents", "entities", "aliases", "mentions", "claims", "judgements",
              "canonical_entities"]
    before = {t: _rows(path, t) for t in tables}
    with Store.open(path) as store:
        assert store.migrations()[-1] == "0010_document_versions"
        assert len(facts(store)) == 8
        assert sum(len(f.sources) for f in facts(store)) == len(before["claims"])
        assert {h.kind for h in search(store, "Mosul")} == {"document", "name", "quote"}
    after = {t: _rows(path, t) for t in tables}
    # 0010 adds documents.superseded_by, empty for every document already stored
    assert [r[-1] for r in after["documents"]] == [None] * len(before["documents"])
    after["documents"] = [r[:-1] for r in after["documents"]]
    assert after == before
    with Store.open(path) as again:  # a second open changes nothing
        assert len(facts(again)) == 8
