"""A store written by the previous version (schema 0001-0005, dumped as SQL) opens,
migrates and keeps everything: documents, entities, claims, judgements; facts and the
search index are derived from what it holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from allegiance.model.types import Extraction
from allegiance.query.at import snapshot
from allegiance.query.facts import facts
from allegiance.query.search import search
from allegiance.store import Store
from allegiance.store.migrations import MIGRATIONS
from allegiance.store.samples import sample_extractions

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
        assert store.migrations()[-1] == MIGRATIONS[-1].name
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


def _indexes(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
        return {str(r[0]) for r in rows}
    finally:
        conn.close()


#: the fact indexes each earlier schema left, as SQL that turns today's into them
_NOW = ("DROP INDEX facts_subject_cover; DROP INDEX facts_object_cover; "
        "DROP INDEX fact_claims_cover; CREATE INDEX fact_claims_fact ON fact_claims(fact_id, ord);")
EARLIER_INDEXES = [
    ("0010", _NOW + "CREATE INDEX facts_subject ON facts(subject_id, sort_time);"
     "CREATE INDEX facts_object ON facts(object_id, sort_time);"
     "DELETE FROM migrations WHERE name IN ('0011_fact_order_indexes', "
     "'0012_covering_fact_indexes');", {"facts_subject", "facts_object"}),
    ("0011", _NOW + "CREATE INDEX facts_subject_order ON facts(subject_id, sort_time, id);"
     "CREATE INDEX facts_object_order ON facts(object_id, sort_time, id);"
     "DELETE FROM migrations WHERE name = '0012_covering_fact_indexes';",
     {"facts_subject_order", "facts_object_order"}),
]


@pytest.mark.parametrize(("schema", "sql", "old"), EARLIER_INDEXES)
def test_store_of_an_earlier_schema_gets_the_covering_fact_indexes(
    tmp_path: Path, schema: str, sql: str, old: set[str]
) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        for x in sample_extractions():
            store.ingest(x)
        answers = [f.to_dict() for f in facts(store, entity="Abu Obeida")]
        snap = snapshot(store, "2014-06", around="Abu Obeida").to_dict()
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()
    assert old | {"fact_claims_fact"} <= _indexes(path), schema
    with Store.open(path) as store:
        assert store.migrations()[-1] == MIGRATIONS[-1].name
        assert [f.to_dict() for f in facts(store, entity="Abu Obeida")] == answers
        assert snapshot(store, "2014-06", around="Abu Obeida").to_dict() == snap
    found = _indexes(path)
    assert {"facts_subject_cover", "facts_object_cover", "fact_claims_cover"} <= found
    assert not (old | {"fact_claims_fact"}) & found


def _plan(store: Store, explain: str, params: tuple[object, ...]) -> str:
    """The details of SQLite's query plan for ``explain`` (an EXPLAIN QUERY PLAN), joined."""
    return " ".join(str(r[3]) for r in store.all(explain, params))


def _index_sql(path: Path, name: str) -> str:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else ""
    finally:
        conn.close()


#: today's store taken back to schema 0012: the reference index over every part
_AT_0012 = (
    "DROP INDEX entities_reference_canonical; "
    "CREATE INDEX entities_reference_canonical ON entities(reference_id, type, canonical_id); "
    "DELETE FROM migrations WHERE name = '0013_partial_reference_index';"
)


#: the tables a migration of indexes only must leave as they were
_KEPT = ["documents", "entities", "aliases", "claims", "facts", "fact_claims"]


def _taken_back(tmp_path: Path, script: str) -> tuple[Path, list[Extraction], list[object]]:
    """A store holding all the sample extractions but the last, taken back to an earlier
    schema by ``script``; with the extractions and the facts it answered before."""
    path = tmp_path / "s.db"
    xs = sample_extractions()
    with Store.open(path) as store:
        for x in xs[:-1]:
            store.ingest(x)
        answers: list[object] = [f.to_dict() for f in facts(store)]
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()
    return path, xs, answers


def test_store_at_0012_gets_the_partial_reference_index_without_loss(tmp_path: Path) -> None:
    path, xs, answers = _taken_back(tmp_path, _AT_0012)
    assert "WHERE" not in _index_sql(path, "entities_reference_canonical")
    before = {t: _rows(path, t) for t in _KEPT}
    with Store.open(path) as store:
        assert "0013_partial_reference_index" in store.migrations()
        assert [f.to_dict() for f in facts(store)] == answers
        # a part with a reference id still finds its canonical entity by it
        referenced = store.all(
            "SELECT reference_id, type, canonical_id FROM entities "
            "WHERE reference_id IS NOT NULL ORDER BY seq"
        )
        assert referenced
        plan = _plan(store, "EXPLAIN QUERY PLAN SELECT min(canonical_id) FROM entities "
                            "WHERE reference_id = ? AND type = ? AND canonical_id > ?",
                     (referenced[0][0], referenced[0][1], ""))
        assert "entities_reference_canonical" in plan
    assert "WHERE reference_id IS NOT NULL" in _index_sql(path, "entities_reference_canonical")
    assert {t: _rows(path, t) for t in _KEPT} == before
    with Store.open(path) as store:  # and the store takes new documents as before
        assert store.ingest(xs[-1]).new
        assert len(facts(store)) >= len(answers)


#: today's store taken back to schema 0013: no index of the parts with a reference id
#: by canonical entity
_AT_0013 = (
    "DROP INDEX entities_canonical_reference; "
    "DELETE FROM migrations WHERE name = '0014_canonical_reference_index';"
)

#: the look-up ``rename`` makes for a canonical entity's reference id
_RENAME_REFERENCE = (
    "EXPLAIN QUERY PLAN SELECT reference_id FROM entities WHERE canonical_id = ? "
    "AND reference_id IS NOT NULL ORDER BY seq LIMIT 1"
)


def test_store_at_0013_gets_the_canonical_reference_index_without_loss(tmp_path: Path) -> None:
    path, xs, answers = _taken_back(tmp_path, _AT_0013)
    assert _index_sql(path, "entities_canonical_reference") == ""
    before = {t: _rows(path, t) for t in _KEPT}
    with Store.open(path) as store:
        assert "0014_canonical_reference_index" in store.migrations()
        assert [f.to_dict() for f in facts(store)] == answers
        referenced = store.all(
            "SELECT canonical_id FROM entities WHERE reference_id IS NOT NULL ORDER BY seq"
        )
        assert referenced
        plan = _plan(store, _RENAME_REFERENCE, (referenced[0][0],))
        assert "entities_canonical_reference" in plan
    assert {t: _rows(path, t) for t in _KEPT} == before
    canonical = "SELECT id, name, type, reference_id FROM canonical_entities ORDER BY id"
    with Store.open(path) as store:  # new parts rename as in a store made at 0014
        assert store.ingest(xs[-1]).new
        migrated = [tuple(r) for r in store.all(canonical)]
    with Store.open(tmp_path / "fresh.db") as store:
        for x in xs:
            store.ingest(x)
        assert migrated == [tuple(r) for r in store.all(canonical)]
