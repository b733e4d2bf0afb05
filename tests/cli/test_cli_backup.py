"""``allegiance backup`` and ``allegiance check`` from the command line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from allegiance.cli.main import main
from allegiance.store import Store
from allegiance.store.samples import sample_extractions

WRITER = textwrap.dedent("""
    import sys
    from allegiance.model.types import Entity, Extraction
    from allegiance.store import Store

    with Store.open(sys.argv[1]) as store:
        i = 0
        while True:
            text = f"Liwa Number{i} fought Jaysh Other{i % 5} in Town{i % 3}."
            ents = [Entity("e1", "Organization", f"Liwa Number{i}"),
                    Entity("e2", "Organization", f"Jaysh Other{i % 5}"),
                    Entity("e3", "Place", f"Town{i % 3}")]
            store.ingest(Extraction(document={"id": f"w{i}"}, entities=ents, text=text))
            print(i, flush=True)
            i += 1
""")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "store.db")
    with Store.open(path) as s:
        for e in sample_extractions():
            s.ingest(e)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_backup_is_a_whole_store(db: str, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.db"
    code, out, _ = run(capsys, "backup", str(copy), "--db", db)
    assert code == 0 and "3 documents" in out
    assert rows(copy, "PRAGMA journal_mode") == [("delete",)]  # one file, no -wal beside it
    tables = ["documents", "entities", "claims", "facts", "fact_claims", "migrations"]
    for t in tables:
        assert rows(copy, f"SELECT * FROM {t} ORDER BY 1") == rows(Path(db), f"SELECT * FROM {t} "
                                                                             "ORDER BY 1"), t
    assert run(capsys, "check", "--db", str(copy))[0] == 0
    assert run(capsys, "entities", "--db", str(copy))[1] == run(capsys, "entities", "--db", db)[1]


#: (case, what is at the destination, extra arguments, exit code, words of the error)
REFUSALS: list[tuple[str, str, list[str], int, str]] = [
    ("an existing file", "file", [], 1, "exists: give another name, or --force"),
    ("a folder", "folder", [], 1, "is a directory"),
    ("a missing folder", "missing", [], 1, "does not exist"),
    ("the store itself", "store", ["--force"], 2, "is the store itself"),
]


@pytest.mark.parametrize(("case", "what", "extra", "code", "words"), REFUSALS,
                         ids=[r[0] for r in REFUSALS])
def test_backup_refusals(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                         case: str, what: str, extra: list[str], code: int, words: str) -> None:
    dest = {"file": tmp_path / "old.db", "folder": tmp_path / "dir",
            "missing": tmp_path / "no" / "copy.db", "store": Path(db)}[what]
    if what == "file":
        dest.write_bytes(b"precious")
    if what == "folder":
        dest.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    got, out, err = run(capsys, "backup", str(dest), "--db", db, *extra)
    assert got == code and words in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no partial file left
    if what == "file":
        assert dest.read_bytes() == b"precious"


def test_backup_force_replaces(db: str, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "old.db"
    dest.write_bytes(b"precious")
    assert run(capsys, "backup", str(dest), "--db", db, "--force")[0] == 0
    assert rows(dest, "SELECT count(*) FROM documents") == [(3,)]


def test_backup_of_postgresql_gives_pg_dump_advice(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    code, _, err = run(capsys, "backup", str(tmp_path / "x.db"),
                       "--db", "postgresql://ana:secret@localhost/graph")
    assert code != 0 and "pg_dump" in err and "secret" not in err
    assert not (tmp_path / "x.db").exists()


def test_backup_while_another_process_writes(db: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, str(script), db], text=True,
                            stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    try:
        proc.stdout.readline()  # writing has begun
        counts = []
        for n in range(4):
            copy = tmp_path / f"copy{n}.db"
            assert run(capsys, "backup", str(copy), "--db", db)[0] == 0
            assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
            # every document in the copy is whole: its three entities, its search row
            docs = rows(copy, "SELECT count(*) FROM documents WHERE id LIKE 'w%'")[0][0]
            assert rows(copy, "SELECT count(*) FROM entities WHERE document_id LIKE 'w%'"
                        ) == [(3 * docs,)]
            code, out, _ = run(capsys, "check", "--db", str(copy))
            assert code == 0, out
            counts.append(docs)
            proc.stdout.readline()
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert counts == sorted(counts) and counts[-1] > counts[0]


def test_check_clean_and_damaged(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--db", db)
    assert code == 0 and "no problem found" in out
    conn = sqlite3.connect(db)
    conn.execute("UPDATE facts SET sources = 9 WHERE rowid = 1")
    conn.execute("DELETE FROM search_index WHERE ref = 'news-2016'")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--db", db)
    assert code == 1
    assert sorted(line.split(":")[0] for line in out.splitlines()) == ["fact", "orphan"]
    assert "2 problem(s)" in err


def test_check_never_writes(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(db).close()
    before = Path(db).read_bytes()
    assert run(capsys, "check", "--db", db)[0] == 0
    assert Path(db).read_bytes() == before
