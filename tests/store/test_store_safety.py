"""Store safety: foreign and damaged files left untouched, read-only opening, new versions
of a changed document, writes that fail at COMMIT, concurrent writers of the same text."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from allegiance.errors import NotFoundError, StoreError
from allegiance.store import Store
from allegiance.store import opening
from allegiance.store.samples import ansar_document, news_document, sample_extractions


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def foreign_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('someone')")
    conn.commit()
    conn.close()
    return path


def damaged(path: Path) -> Path:
    Store.open(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    return path


def missing_table(path: Path) -> Path:
    with Store.open(path) as s:
        s.conn.execute("DROP TABLE judgements")
    return path


#: (case, make the file, opens read-only too, words of the error)
NOT_STORES: list[tuple[str, Any, str]] = [
    ("foreign SQLite", foreign_sqlite, "not an allegiance store"),
    ("text file", lambda p: (p.write_text("hello\n", "utf-8"), p)[1], "not a SQLite"),
    ("damaged store", damaged, "cannot open store"),
    ("store missing a table", missing_table, "table judgements missing"),
]


@pytest.mark.parametrize(("case", "make", "words"), NOT_STORES, ids=[c[0] for c in NOT_STORES])
@pytest.mark.parametrize("readonly", [True, False])
def test_not_a_store_is_refused_and_left_as_it_was(
    tmp_path: Path, case: str, make: Any, words: str, readonly: bool
) -> None:
    path = make(tmp_path / "file.db")
    before = digest(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(StoreError, match=words):
        Store.open(path, readonly=readonly)
    assert digest(path) == before
    if case == "foreign SQLite":
        assert sorted(p.name for p in tmp_path.iterdir()) == siblings
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert names == {"contacts"}


def test_an_empty_file_is_no_store_to_read(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="empty file"):
        Store.open(path, readonly=True)
    assert path.read_bytes() == b""


def test_readonly_missing_store_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        Store.open(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()


def make_store(path: Path) -> Path:
    with Store.open(path) as s:
        for e in sample_extractions():
            s.ingest(e)
    return path


def test_readonly_store_reads_and_never_writes(tmp_path: Path) -> None:
    path = make_store(tmp_path / "s.db")
    before = digest(path)
    with Store.open(path, readonly=True) as s:
        assert s.counts()["documents"] == 3
        assert s.timeline()
        with pytest.raises(StoreError):
            s.merge("Kirkuk", "Mosul", reason="test")
    assert digest(path) == before


def test_store_in_a_place_that_cannot_be_written(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_store(tmp_path / "s.db")
    before = digest(path)
    # as if the file and its folder were read-only (root may write anywhere, so the check
    # that decides is what is stubbed)
    monkeypatch.setattr(opening.os, "access", lambda p, mode: False)
    with Store.open(path, readonly=True) as s:
        assert s.counts()["documents"] == 3
    assert digest(path) == before


def test_old_store_is_upgraded_when_read(tmp_path: Path) -> None:
    path = make_store(tmp_path / "s.db")
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM migrations WHERE name = '0010_document_versions'")
    conn.execute("DROP INDEX documents_superseded")
    conn.execute("ALTER TABLE documents DROP COLUMN superseded_by")
    conn.commit()
    conn.close()
    with Store.open(path, readonly=True) as s:
        assert "0010_document_versions" in s.migrations()
        assert s.timeline()


def test_changed_text_under_a_known_id_is_a_new_version(store: Store) -> None:
    first = store.ingest(ansar_document())
    before = {v.id for v in store.timeline()}
    changed = ansar_document()
    changed.text = (changed.text or "") + " Corrected."
    second = store.ingest(changed)
    assert second.new and second.document_id != first.document_id
    rows = {r["id"]: r["superseded_by"] for r in store.all("SELECT id, superseded_by FROM documents")}
    assert rows == {first.document_id: second.document_id, second.document_id: None}
    after = {v.id for v in store.timeline()}
    assert after and not after & before  # the old version's claims are left out
    third = ansar_document()
    third.text = (third.text or "") + " Corrected twice."
    r3 = store.ingest(third)
    rows = {r["id"]: r["superseded_by"] for r in store.all("SELECT id, superseded_by FROM documents")}
    assert rows[second.document_id] == r3.document_id and rows[r3.document_id] is None
    assert rows[first.document_id] == second.document_id


class FailingCommit:
    """A connection whose COMMIT fails, as on a full disk."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def test_a_failing_commit_is_a_store_error_and_changes_nothing(store: Store) -> None:
    if store.dialect != "sqlite":
        pytest.skip("the stand-in connection raises SQLite's error")
    store.ingest(news_document())
    real = store.conn
    store.conn = FailingCommit(real)  # type: ignore[assignment]
    with pytest.raises(StoreError, match="disk is full"):
        store.ingest(ansar_document())
    store.conn = real
    assert store.counts()["documents"] == 1
    assert not real.in_transaction


def test_a_text_stored_by_another_writer_meanwhile_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as a, Store.open(path) as b:
        real_one = a.one
        calls = {"n": 0}

        def late_one(sql: str, params: tuple[Any, ...] = ()) -> Any:
            # the other writer stores the same text between the check and the write
            if "content_hash" in sql and calls["n"] == 0:
                calls["n"] += 1
                b.ingest(ansar_document())
                return None
            return real_one(sql, params)

        monkeypatch.setattr(a, "one", late_one)
        result = a.ingest(ansar_document())
        assert not result.new
        assert a.counts()["documents"] == 1


def _ingest_all(path: str) -> int:
    with Store.open(path) as s:
        return sum(s.ingest(e).new for e in sample_extractions() * 3)


def test_concurrent_writers_of_the_same_texts_both_succeed(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    Store.open(path).close()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        news = pool.map(_ingest_all, [path] * 4)
    assert sum(news) == 3
    with Store.open(path, readonly=True) as s:
        assert s.counts()["documents"] == 3
        assert s.one("PRAGMA integrity_check")[0] == "ok"
    assert os.path.exists(path)


def _open_new(path: str) -> list[str]:
    with Store.open(path) as s:
        return s.migrations()


@pytest.mark.parametrize("round_", range(3))
def test_processes_creating_the_same_store_at_once_all_succeed(tmp_path: Path,
                                                                round_: int) -> None:
    path = str(tmp_path / f"new{round_}.db")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        applied = pool.map(_open_new, [path] * 8)
    assert all(a == applied[0] for a in applied) and applied[0]
