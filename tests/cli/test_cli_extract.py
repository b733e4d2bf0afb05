"""``allegiance extract`` and ``allegiance ingest`` through click's test runner.

Most cases use a stand-in extractor (patched into this process, so ``--jobs 1``); the
parallel case runs the real pipeline in worker processes and compares with ``--jobs 1``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegiance.batch import run as batch_run
from allegiance.cli.main import cli
from allegiance.model.types import Document, Entity, Extraction

REPORTS = [
    "In June 2014 the Islamic State captured Mosul from the Iraqi army.",
    "Jabhat al-Nusra fought the Islamic State in Deir ez-Zor in 2014.",
    "Abu Muhammad al-Julani is the leader of Jabhat al-Nusra.",
]


def fake_extract(doc: Document) -> Extraction:
    names = sorted({w.strip(".,") for w in doc.text.split() if w[:1].isupper()})
    entities = [Entity(f"e{i}", "Organization", n) for i, n in enumerate(names, 1)]
    return Extraction(document=doc.meta_dict(), entities=entities, text=doc.text)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_run, "default_extractor", fake_extract)
    monkeypatch.setattr(batch_run, "default_batch_extractor", lambda docs: [fake_extract(d) for d in docs])
    monkeypatch.setattr(batch_run, "default_jobs", lambda: 1)  # the patch lives in this process


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(REPORTS[0], encoding="utf-8")
    (root / "sub" / "b.txt").write_text(REPORTS[1], encoding="utf-8")
    (root / "c.md").write_text(REPORTS[2], encoding="utf-8")
    return root


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(cli, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def write_rows(path: Path) -> Path:
    texts = [f"Wire {i}: {t}" for i, t in enumerate(REPORTS)]
    lines = [json.dumps({"id": f"r{i}", "text": t, "source": "wire"}) for i, t in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_file_prints_the_extraction_json(fake: None, tmp_path: Path) -> None:
    f = tmp_path / "report.txt"
    f.write_text(REPORTS[0], encoding="utf-8")
    code, out, _ = run("extract", str(f), "--date", "2014-07-01")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"document", "entities", "claims"}
    assert data["document"]["id"] == "report"
    assert data["document"]["published"] == "2014-07-01"
    assert out.startswith('{\n  "document"')


def test_text_format(fake: None, tmp_path: Path) -> None:
    f = tmp_path / "report.txt"
    f.write_text(REPORTS[0], encoding="utf-8")
    code, out, _ = run("extract", str(f), "--format", "text")
    assert code == 0
    assert out.startswith("Document report")
    assert "[Organization] Islamic" in out


def test_stdin(fake: None) -> None:
    code, out, _ = run("extract", "-", "--title", "Wire", input=REPORTS[1].encode())
    assert code == 0
    assert json.loads(out)["document"]["title"] == "Wire"


def test_folder_needs_out(fake: None, folder: Path) -> None:
    code, _, err = run("extract", str(folder))
    assert code == 2
    assert err.count("\n") == 1 and "--out" in err


def test_folder_writes_one_json_per_input_and_resumes(
    fake: None, folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _, err = run("extract", str(folder), "--out", str(out), "--no-progress")
    assert code == 0, err
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert names == ["a.txt.json", "c.md.json", "sub/b.txt.json"]
    assert json.loads((out / "sub" / "b.txt.json").read_text("utf-8"))["document"]["id"] == "sub/b"
    (out / "c.md.json").unlink()
    before = (out / "a.txt.json").stat().st_mtime_ns
    code, _, err = run("extract", str(folder), "--out", str(out))
    assert code == 0
    assert "1 done, 2 skipped" in err
    assert (out / "a.txt.json").stat().st_mtime_ns == before
    assert (out / "c.md.json").exists()


def test_bad_file_in_folder_is_reported_and_the_rest_done(
    fake: None, folder: Path, tmp_path: Path
) -> None:
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("extract", str(folder), "--out", str(out))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("allegiance: error:")]
    assert len(errors) == 2
    assert "broken.txt" in errors[0] and "binary" in errors[0]
    assert "empty.txt" in errors[1]
    assert len(list(out.rglob("*.json"))) == 3


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"\x00\x01\x02binary", "binary"), (b"", "empty"),
     (b"\x81\x8d\x8f\x90\x9d" * 20, "UTF-8")],
)
def test_bad_single_file_is_one_line_exit_2(
    fake: None, tmp_path: Path, content: bytes, reason: str
) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    code, out, err = run("extract", str(f))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("allegiance: error:") and str(f) in err
    assert reason in err


def test_missing_path_exit_2(fake: None, tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path / "nope.jsonl"))
    assert code == 2 and "no such file" in err


def test_jsonl_rows_to_stdout(fake: None, tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "rows.jsonl")
    code, out, _ = run("extract", str(rows), "--format", "jsonl")
    assert code == 0
    docs = [json.loads(line)["document"] for line in out.splitlines()]
    assert [d["id"] for d in docs] == ["r0", "r1", "r2"]
    assert docs[0]["source"] == "wire"


def test_csv_rows_with_other_fields(fake: None, tmp_path: Path) -> None:
    f = tmp_path / "rows.csv"
    f.write_text('key,body\nk1,"Islamic State, in Mosul."\nk2,Jabhat al-Nusra.\n', encoding="utf-8")
    code, out, _ = run("extract", str(f), "--text-field", "body", "--id-field", "key")
    assert code == 0
    assert [json.loads(x)["document"]["id"] for x in out.splitlines()] == ["k1", "k2"]


def test_rows_as_json_array(fake: None, tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "rows.jsonl")
    code, out, _ = run("extract", str(rows), "--format", "json")
    assert code == 0
    assert [d["document"]["id"] for d in json.loads(out)] == ["r0", "r1", "r2"]


def test_jsonl_output_file_resumes(fake: None, tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "rows.jsonl")
    target = tmp_path / "out.jsonl"
    done = fake_extract(Document("r1", "Wire 1: " + REPORTS[1])).to_dict()
    target.write_text(json.dumps(done) + "\n", "utf-8")
    code, _, err = run("extract", str(rows), "-o", str(target))
    assert code == 0 and "2 done, 1 skipped" in err
    ids = [json.loads(x)["document"]["id"] for x in target.read_text("utf-8").splitlines()]
    assert ids == ["r1", "r0", "r2"]


def test_bad_row_is_one_line(fake: None, tmp_path: Path) -> None:
    f = tmp_path / "rows.jsonl"
    f.write_text('{"id": "a", "text": "Alpha."}\n{"id": "b", "text": \n', encoding="utf-8")
    code, out, err = run("extract", str(f))
    assert code == 1
    assert len(out.splitlines()) == 1
    assert err.splitlines()[0].startswith(f"allegiance: error: {f}:2")


def test_ingest_stores_and_skips_known_documents(fake: None, folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    rows = write_rows(tmp_path / "rows.jsonl")
    code, out, err = run("ingest", str(folder), str(rows), "--db", str(db))
    assert code == 0, err
    assert out.startswith("documents: 6 new, 0 unchanged, 0 failed;")
    code, out, _ = run("ingest", str(folder), str(rows), "--db", str(db))
    assert code == 0
    assert out.startswith("documents: 0 new, 6 unchanged, 0 failed;")
    assert "entities: 0; claims: 0" in out


def test_ingest_bad_single_file_exit_2(fake: None, tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(b"\x00\x00")
    code, _, err = run("ingest", str(f), "--db", str(tmp_path / "s.db"))
    assert code == 2
    assert err.splitlines()[0].startswith(f"allegiance: error: {f}")


def test_jobs_2_equals_jobs_1(folder: Path, tmp_path: Path) -> None:
    """The real pipeline in two worker processes gives the same files as in-process."""
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        code, _, err = run("extract", str(folder), "--out", str(out), "--jobs", jobs)
        assert code == 0, err
        outs[jobs] = {p.relative_to(out): p.read_text("utf-8") for p in out.rglob("*.json")}
    assert len(outs["1"]) == 3
    assert outs["2"] == outs["1"]
