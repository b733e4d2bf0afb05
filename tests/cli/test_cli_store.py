"""The store commands, through the main CLI, on a store holding the sample documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegiance.cli.main import cli, main
from allegiance.errors import InputError, NotFoundError
from allegiance.store import Store
from allegiance.store.samples import sample_extractions


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with Store.open(path) as store:
        for x in sample_extractions():
            store.ingest(x)
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_entities_text_and_json(db: str) -> None:
    text = run("entities", "--db", db, "--type", "Organization")
    assert "Islamic State — aka IS, ISIS; pejorative: khawarij" in text
    assert "Mosul" not in text
    data = json.loads(run("entities", "--db", db, "--format", "json"))
    assert {e["type"] for e in data} == {"Organization", "Person", "Place"}
    assert {"id", "name", "aliases", "documents", "mentions", "claims"} <= set(data[0])


def test_show_by_alias(db: str) -> None:
    out = run("show", "Abu Ubaida al-Iraqi", "--db", db)
    assert out.startswith("Abu Obeida — aka Abu Ubaida al-Iraqi")
    assert "2014-06-20..30 | Abu Obeida — pledged_allegiance → Islamic State | reported" in out
    data = json.loads(run("show", "ISIS", "--db", db, "--format", "json"))
    assert data["entity"]["name"] == "Islamic State"
    assert [c["predicate"] for c in data["claims"]] == [
        "captured", "pledged_allegiance", "member_of"
    ]


def test_timeline(db: str) -> None:
    lines = run("timeline", "--db", db, "--no-sources").splitlines()
    assert lines[0].startswith("2001 | (unknown) — founded → Jamaat Ansar al-Islam")
    assert lines[-1].startswith("undated |")
    data = json.loads(run("timeline", "Mosul", "--db", db, "--format", "json"))
    assert [v["predicate"] for v in data] == ["captured"]
    assert data[0]["sources"][0]["document_id"] == "ansar-2015"


def test_report(db: str) -> None:
    out = run("report", "--db", db, "--document", "news-2016")
    assert out.startswith("Report: Commander killed near Mosul (2016-01-10)")


def test_export_json_to_file_and_stdout(db: str, tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    run("export", "json", "--db", db, "-o", str(target))
    graph = json.loads(target.read_text(encoding="utf-8"))
    assert len(graph["claims"]) == 8
    assert json.loads(run("export", "json", "--db", db)) == graph
    csv_lines = run("export", "claims", "--db", db).splitlines()
    assert csv_lines[0].startswith("id,subject_id,subject,predicate") and len(csv_lines) == 9


def test_merge_split_undo_review(db: str) -> None:
    out = run("merge", "Ansar al-Islam", "Ansar al-Sunna", "--reason", "renamed", "--by", "ana",
              "--db", db)
    assert out.startswith("judgement 1: merge") and "by ana" in out
    assert "aka Ansar al-Islam, Ansar al-Sunna" in run("show", "Ansar al-Sunna", "--db", db)
    run("split", "Abu Obeida", "--names", "Abu Ubaida al-Iraqi,nobody", "--reason", "two men",
        "--db", db)
    assert run("show", "Abu Ubaida al-Iraqi", "--db", db).startswith("Abu Ubaida al-Iraqi")
    assert "split" in run("undo", "--db", db)
    assert "merge" in run("undo", "--db", db)
    assert "Ansar al-Sunna" in run("show", "Ansar al-Sunna", "--db", db).splitlines()[0]
    assert json.loads(run("review", "names", "--db", db, "--format", "json", "--limit", "5")) == []


def test_unknown_name_is_a_one_line_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = CliRunner().invoke(cli, ["show", "Nobody al-Nowhere", "--db", db])
    assert isinstance(result.exception, NotFoundError)
    assert main(["show", "Nobody al-Nowhere", "--db", db]) == NotFoundError.exit_code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nobody al-Nowhere" in err


@pytest.mark.parametrize("command", [["entities"], ["timeline"], ["export", "json"], ["undo"]])
def test_missing_store_is_not_created(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "absent.db"
    result = CliRunner().invoke(cli, [*command, "--db", str(path)])
    assert isinstance(result.exception, NotFoundError)
    assert not path.exists()


def test_export_formats_from_the_command(db: str, tmp_path: Path) -> None:
    from allegiance.cli.store_cmds import EXPORT_FORMATS
    from allegiance.export import FORMATS

    assert set(EXPORT_FORMATS) == set(FORMATS)
    run("export", "csv", "--db", db, "-o", str(tmp_path / "t.zip"))
    assert (tmp_path / "t.zip").stat().st_size > 0
    out = run("export", "jsonl", "--db", db, "--at", "2014-06-25")
    preds = {json.loads(line)["record"].get("predicate") for line in out.splitlines()}
    assert "captured" in preds and "founded" not in preds
    target = tmp_path / "g.gexf"
    run("export", "gexf", "--db", db, "-o", str(target), "--stance", "reported")
    assert target.read_text(encoding="utf-8").startswith("<?xml")
    assert not (tmp_path / "g.gexf.part").exists()


@pytest.mark.parametrize("args", [
    ["export", "csv"],
    ["export", "jsonl", "--at", "June"],
    ["export", "json", "--at", "2014"],
    ["export", "stix", "--stance", "rumoured"],
])
def test_export_refuses_bad_requests(db: str, args: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", db])
    assert isinstance(result.exception, InputError)
