"""A store written by every earlier schema opens with this version: for each migration step
k, a store with only the first k migrations applied, holding rows written in that schema
(documents, entities, names, mentions, claims, judgements, reviews, facts and the index as
far as the schema has them), is upgraded, keeps every row, and has its derived tables
(facts, search) filled and consistent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from allegiance.query.facts import facts
from allegiance.query.search import search
from allegiance.resolve.claim_review import review
from allegiance.store import Store
from allegiance.store.check import check
from allegiance.store.migrations import MIGRATIONS
from allegiance.store.samples import sample_extractions

#: tables of SQLite's full-text index that the index keeps for itself
SHADOW = ("search_index_data", "search_index_idx", "search_index_docsize",
          "search_index_config", "search_index_content")


def reference(path: Path) -> Path:
    """A store written by this version: the samples, a merge, a claim decision."""
    with Store.open(path) as s:
        for e in sample_extractions():
            s.ingest(e)
        s.merge("Ansar al-Islam", "Ansar al-Sunna", reason="renamed", by="ana")
        s.reject("Mosul", "Kirkuk", reason="two towns", by="ana")
        claim = s.one("SELECT id FROM claims WHERE predicate = 'captured'")[0]
        review(s, "claim", claim, "edited", by="ana", changes={"stance": "alleged"})
    return path


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_xinfo("{table}")')]


def user_tables(conn: sqlite3.Connection) -> list[str]:
    names = [str(r[0]) for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return [n for n in names if n not in SHADOW and n != "migrations"]


def old_store(path: Path, ref: Path, k: int) -> dict[str, list[str]]:
    """A store at schema step ``k`` holding the reference rows its schema has room for;
    returns the columns of each table it has."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for m in MIGRATIONS[:k]:
        conn.executescript(m.sql)
        conn.execute("INSERT INTO migrations VALUES (?, '2020-01-01T00:00:00Z')", (m.name,))
    conn.execute("ATTACH DATABASE ? AS ref", (str(ref),))
    kept: dict[str, list[str]] = {}
    for table in user_tables(conn):
        cols = columns(conn, table)
        if table == "search_index":
            cols = ["kind", "ref", "document_id", "title", "body"]
        names = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM ref."{table}"')
        kept[table] = cols
    conn.execute("DETACH DATABASE ref")
    conn.close()
    return kept


def projected(path: Path, table: str, cols: list[str]) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        names = ", ".join(f'"{c}"' for c in cols)
        return sorted(conn.execute(f'SELECT {names} FROM "{table}"').fetchall(), key=repr)
    finally:
        conn.close()


STEPS = list(range(1, len(MIGRATIONS)))


@pytest.mark.parametrize("k", STEPS, ids=[MIGRATIONS[k - 1].name for k in STEPS])
def test_store_of_every_earlier_schema_is_upgraded_intact(tmp_path: Path, k: int) -> None:
    ref = reference(tmp_path / "ref.db")
    with Store.open(ref, readonly=True) as r:
        want_facts = sorted((f.predicate, len(f.sources)) for f in facts(r))
        want_hits = sorted((h.kind, h.id) for h in search(r, "Mosul"))
    path = tmp_path / "old.db"
    kept = old_store(path, ref, k)
    assert "claims" in kept or k < 3
    before = {t: projected(path, t, c) for t, c in kept.items() if t != "search_index"}
    with Store.open(path) as s:
        assert s.migrations() == sorted(m.name for m in MIGRATIONS)
        assert [p.line() for p in check(s.conn)] == []
        if "claims" in kept:  # derived from what the old store holds
            assert sorted((f.predicate, len(f.sources)) for f in facts(s)) == want_facts
        assert sorted((h.kind, h.id) for h in search(s, "Mosul")) == [
            h for h in want_hits if h[0] in (("document",) if k < 2 else
                                             ("document", "name") if k < 3 else
                                             ("document", "name", "quote"))]
        if "judgements" in kept:  # the merge still holds
            ids = {r[0] for r in s.all("SELECT canonical_id FROM entities WHERE name IN "
                                       "('Jamaat Ansar al-Islam', 'Ansar al-Sunna')")}
            assert len(ids) == 1
    after = {t: projected(path, t, c) for t, c in kept.items() if t != "search_index"}
    assert after == before
    with Store.open(path) as again:  # a second opening changes nothing
        assert [p.line() for p in check(again.conn)] == []
