"""``check``: a store kept by ordinary use has no problem; each kind of damage is found and
named on one line."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from allegiance.resolve.claim_review import review, undo_review
from allegiance.store import Store
from allegiance.store.check import check
from allegiance.store.samples import ansar_document, sample_extractions


def lines(store: Store) -> list[str]:
    return [p.line() for p in check(store.conn, store.dialect)]


def nth_claim(store: Store, n: int) -> str:
    return str(store.all("SELECT id FROM claims ORDER BY id")[n][0])


def corrected(tail: str) -> object:
    e = ansar_document()
    e.text = (e.text or "") + tail
    return e


#: steps of ordinary use, run one after the other; the store is checked after each
STEPS: list[tuple[str, Callable[[Store], object]]] = [
    ("merge", lambda s: s.merge("Ansar al-Islam", "Ansar al-Sunna", reason="renamed")),
    ("split", lambda s: s.split("Abu Obeida", ["army-2007/e1"], reason="a second man")),
    ("reject", lambda s: s.reject("Mosul", "Kirkuk", reason="two towns")),
    ("undo", lambda s: s.undo()),
    ("confirm a claim", lambda s: review(s, "claim", nth_claim(s, 0), "confirmed")),
    ("edit a claim", lambda s: review(s, "claim", nth_claim(s, 1), "edited",
                                      changes={"stance": "alleged", "predicate": "leader_of"})),
    ("reject a claim", lambda s: review(s, "claim", nth_claim(s, 2), "rejected")),
    ("undo a decision", lambda s: undo_review(s)),
    ("a new version", lambda s: s.ingest(corrected(" Corrected."))),  # type: ignore[arg-type]
    ("delete a document", lambda s: s.delete("news-2016")),
    ("undo the merge", lambda s: s.undo()),
]


def test_ordinary_use_leaves_no_problem(store: Store) -> None:
    for e in sample_extractions():
        store.ingest(e)
    assert lines(store) == []
    for name, step in STEPS:
        step(store)
        assert lines(store) == [], name


def _conn(store: Store) -> sqlite3.Connection:
    assert isinstance(store.conn, sqlite3.Connection)
    return store.conn


def _sql(*statements: str) -> Callable[[Store], None]:
    def damage(store: Store) -> None:
        conn = _conn(store)
        conn.execute("PRAGMA foreign_keys = OFF")
        for s in statements:
            conn.execute(s)
        conn.execute("PRAGMA foreign_keys = ON")
    return damage


FIRST_FACT = "(SELECT id FROM facts ORDER BY id LIMIT 1)"
FIRST_CLAIM = "(SELECT claim_id FROM fact_claims ORDER BY claim_id LIMIT 1)"

#: (case, damage done with plain SQL, words of the line that must be printed)
DAMAGES: list[tuple[str, Callable[[Store], None], str]] = [
    ("document row gone", _sql("DELETE FROM documents WHERE id = 'news-2016'"),
     "foreign-key: entities row"),
    ("canonical entity gone", _sql("DELETE FROM canonical_entities WHERE id = "
                                   "(SELECT canonical_id FROM entities LIMIT 1)"),
     "points at a canonical_entities row that is gone"),
    ("a fact lost its claims", _sql(f"DELETE FROM fact_claims WHERE fact_id = {FIRST_FACT}"),
     "has no claim"),
    ("a claim in no fact", _sql(f"DELETE FROM fact_claims WHERE claim_id = {FIRST_CLAIM}"),
     "is in no fact"),
    ("source count wrong", _sql(f"UPDATE facts SET sources = sources + 2 WHERE id = {FIRST_FACT}"),
     "sources, its claims are"),
    ("stance summary wrong", _sql("UPDATE facts SET stances = '{\"denied\": 1}' "
                                  f"WHERE id = {FIRST_FACT}"),
     "summarises stances as"),
    ("claim says another thing", _sql(f"UPDATE claims SET predicate = predicate || '_x' "
                                      f"WHERE id = {FIRST_CLAIM}"),
     "its fact"),
    ("rejected claim left in a fact", _sql(
        "INSERT INTO reviews (target, target_id, state, changes, note, by, at) "
        f"VALUES ('claim', {FIRST_CLAIM}, 'rejected', '{{}}', '', 'x', '2020')"),
     "rejected claim"),
    ("superseded claim left in a fact", _sql(
        "UPDATE documents SET superseded_by = 'news-2016' WHERE id = 'army-2007'"),
     "of superseded document army-2007"),
    ("superseded by nothing", _sql(
        "UPDATE documents SET superseded_by = 'gone' WHERE id = 'army-2007'"),
     "superseded by gone, which is not stored"),
    ("search index lost a document", _sql("DELETE FROM search_index WHERE ref = 'army-2007'"),
     "document army-2007 is missing from the search index"),
    ("search rows of no document", _sql(
        "INSERT INTO search_index (kind, ref, document_id, title, body) "
        "VALUES ('quote', 'x', 'gone', NULL, 'words')"),
     "search index rows of document gone"),
]


@pytest.mark.parametrize(("case", "damage", "words"), DAMAGES, ids=[d[0] for d in DAMAGES])
def test_damage_is_found(tmp_path: Path, case: str, damage: Callable[[Store], None],
                         words: str) -> None:
    with Store.open(tmp_path / "s.db") as s:
        for e in sample_extractions():
            s.ingest(e)
        assert lines(s) == []
        damage(s)
        found = lines(s)
    assert any(words in line for line in found), found
    assert all("\n" not in line for line in found)


def test_damaged_pages_are_an_integrity_problem(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as s:
        for e in sample_extractions() * 20:
            s.ingest(e)
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn = sqlite3.connect(path)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims_subject'"
                        ).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    at = (root - 1) * page
    data[at + 8 : at + page] = bytes(page - 8)  # an index page emptied
    path.write_bytes(bytes(data))
    with Store.open(path) as s:
        found = lines(s)
    assert found and all(line.startswith("integrity: ") for line in found)
