"""The command line under bad input, bad paths, bad stores and bugs: one line with a code,
a non-zero exit, no traceback (unless --debug); row files go on past bad rows."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from allegiance.batch import run as batch_run
from allegiance.cli import store_cmds
from allegiance.cli.main import main
from allegiance.model.types import Document, Entity, Extraction
from allegiance.store import Store
from allegiance.store.samples import sample_extractions


def fake_extract(doc: Document) -> Extraction:
    names = sorted({w.strip(".,") for w in doc.text.split() if w[:1].isupper()})
    entities = [Entity(f"e{i}", "Organization", n) for i, n in enumerate(names, 1)]
    return Extraction(document=doc.meta_dict(), entities=entities, text=doc.text)


@pytest.fixture(autouse=True)
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_run, "default_extractor", fake_extract)
    monkeypatch.setattr(batch_run, "default_jobs", lambda: 1)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as e:
        code = int(e.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def rows_file(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row(i: int, text: str | None = None) -> str:
    return json.dumps({"id": f"r{i}", "text": text or f"Liwa Number{i} left Idlib."})


def test_600_rows_with_a_bad_first_are_599_stored(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    f = rows_file(tmp_path / "rows600-badfirst.jsonl", ["{broken"] + [row(i) for i in range(599)])
    code, out, err = run(capsys, "ingest", str(f), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert out.startswith("documents: 599 new, 0 unchanged, 1 failed;")
    assert err.splitlines() == [err.splitlines()[0]] and err.startswith(f"allegiance: error: {f}:1:")


def test_every_bad_row_is_reported_and_counted(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    lines = [row(0), "[1]", row(1), '{"id": "x"}', '{"id": ["a"], "text": "Nusra."}', row(2)]
    f = rows_file(tmp_path / "rows.jsonl", lines)
    code, out, err = run(capsys, "ingest", str(f), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert out.startswith("documents: 3 new, 0 unchanged, 3 failed;")
    prefix = f"allegiance: error: {f}:"
    assert [e[len(prefix):].split(":")[0] for e in err.splitlines()] == ["2", "4", "5"]


def test_fail_fast_stops_at_the_first(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = rows_file(tmp_path / "rows.jsonl", [row(0), "[1]", row(1)])
    db = tmp_path / "s.db"
    code, out, err = run(capsys, "ingest", str(f), "--db", str(db), "--fail-fast")
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and "--fail-fast" in err and ":2:" in err


def test_a_changed_row_is_stored_again(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    f = rows_file(tmp_path / "rows.jsonl", [row(0), row(1)])
    assert run(capsys, "ingest", str(f), "--db", str(db))[0] == 0
    rows_file(f, [row(0), row(1, "Liwa Corrected left Raqqa.")])
    code, out, _ = run(capsys, "ingest", str(f), "--db", str(db))
    assert code == 0 and out.startswith("documents: 1 new, 1 unchanged, 0 failed;")
    with Store.open(db, readonly=True) as s:
        current = s.all("SELECT id FROM documents WHERE superseded_by IS NULL ORDER BY id")
        assert [r[0] for r in current] == ["r0", "r1~" + current[1][0].split("~")[1]]


def test_unclosed_quote_is_reported_and_later_rows_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "rows.csv"
    f.write_text('id,text\n1,"Liwa One left\n2,Liwa Two stayed.\n3,Liwa Three came.\n', "utf-8")
    code, out, err = run(capsys, "ingest", str(f), "--db", str(tmp_path / "s.db"))
    assert code == 1 and out.startswith("documents: 2 new, 0 unchanged, 1 failed;")
    assert f"{f}:2:" in err and "quote" in err


#: (case, arguments after the input, exit code, words of the one error line)
BAD_ARGUMENTS: list[tuple[str, list[str], int, str]] = [
    ("impossible date", ["--date", "2017-02-30"], 2, "no such day"),
    ("year 99999", ["--date", "99999-01-01"], 2, "outside"),
    ("date in words", ["--date", "soon"], 2, "not a date"),
    ("output is a folder", ["-o", "."], 1, "is a directory"),
    ("output under a file", ["-o", "{input}/x.json"], 1, "is a file, not a folder"),
    ("out dir is a file", ["--out", "{input}"], 1, "is a file, not a folder"),
]


@pytest.mark.parametrize(("case", "extra", "code", "words"), BAD_ARGUMENTS,
                         ids=[c[0] for c in BAD_ARGUMENTS])
def test_bad_arguments_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch, case: str,
                                    extra: list[str], code: int, words: str) -> None:
    monkeypatch.chdir(tmp_path)
    f = tmp_path / "doc.txt"
    f.write_text("Liwa al-Haqq left Idlib.", "utf-8")
    args = [a.replace("{input}", str(f)) for a in extra]
    got, out, err = run(capsys, "extract", str(f), *args)
    assert got == code, err
    assert len(err.splitlines()) == 1 and err.startswith("allegiance: error:") and words in err
    assert "Traceback" not in err and err.rstrip().endswith("]")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    with Store.open(path) as s:
        for e in sample_extractions():
            s.ingest(e)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


READS = [["entities"], ["show", "Mosul"], ["timeline"], ["report"], ["review", "names"],
         ["export", "json", "-o", "-"], ["facts"], ["conflicts"], ["stats"],
         ["search", "Mosul"], ["at", "2015"]]


@pytest.mark.parametrize("command", READS, ids=[c[0] for c in READS])
def test_read_commands_never_write(capsys: pytest.CaptureFixture[str], db: Path,
                                   command: list[str]) -> None:
    before = digest(db)
    code, _, err = run(capsys, *command, "--db", str(db))
    assert code == 0, err
    assert digest(db) == before


@pytest.mark.parametrize("content", [b"", b"not a store at all\n"])
@pytest.mark.parametrize("command", READS[:3], ids=[c[0] for c in READS[:3]])
def test_read_commands_leave_other_files_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               command: list[str], content: bytes) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    code, _, err = run(capsys, *command, "--db", str(path))
    assert code == 1 and len(err.splitlines()) == 1 and "[E300]" in err
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_foreign_sqlite_file_is_left_alone(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    path = tmp_path / "contacts.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    for command in (["entities"], ["merge", "a", "b", "--reason", "x"]):
        code, _, err = run(capsys, *command, "--db", str(path))
        assert code == 1 and "not an allegiance store" in err
    f = tmp_path / "doc.txt"
    f.write_text("Liwa al-Haqq left Idlib.", "utf-8")
    code, _, err = run(capsys, "ingest", str(f), "--db", str(path))
    assert code == 1 and "not an allegiance store" in err
    assert digest(path) == before


def test_merge_of_a_place_into_a_person_needs_force(capsys: pytest.CaptureFixture[str],
                                                    db: Path) -> None:
    code, _, err = run(capsys, "merge", "Mosul", "Abu Omar al-Falastini", "--reason", "x",
                       "--db", str(db))
    assert code == 1 and "--force" in err and "[E420]" in err
    code, out, _ = run(capsys, "merge", "Mosul", "Abu Omar al-Falastini", "--reason", "x",
                       "--force", "--db", str(db))
    assert code == 0 and out.startswith("judgement ")


def test_export_to_a_folder_is_one_line(capsys: pytest.CaptureFixture[str], db: Path,
                                        tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "json", "--db", str(db), "-o", str(tmp_path))
    assert code == 1 and "is a directory" in err and len(err.splitlines()) == 1


def test_a_bug_is_one_line_and_debug_shows_the_traceback(
    capsys: pytest.CaptureFixture[str], db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db: str) -> Store:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(store_cmds, "_read", broken)
    monkeypatch.delenv("ALLEGIANCE_DEBUG", raising=False)
    code, _, err = run(capsys, "entities", "--db", str(db))
    assert code == 70 and len(err.splitlines()) == 1
    assert "something unforeseen" in err and "[E999]" in err and "Traceback" not in err
    code, _, err = run(capsys, "--debug", "entities", "--db", str(db))
    monkeypatch.delenv("ALLEGIANCE_DEBUG", raising=False)
    assert code == 70 and "Traceback" in err


def test_a_damaged_store_read_is_one_line(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[100:] = b"\x00" * (len(data) - 100)
    db.write_bytes(bytes(data))
    code, _, err = run(capsys, "timeline", "--db", str(db))
    assert code == 1 and len(err.splitlines()) == 1 and "[E300]" in err
