"""The fact and time-question commands and claim review, through the main CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegiance.cli.main import cli, main
from allegiance.store import Store
from tests.query.graph_helpers import S, document

IS, JN = "Organization:Islamic State", "Organization:Jabhat al-Nusra"
BAKR, UMAR = "Person:Abu Bakr", "Person:Abu Umar"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "graph.db"
    with Store.open(path) as store:
        store.ingest(document("a", "2014-09-01", [
            S(BAKR, "member_of", IS, "2014-01-01", "2014-12-31"),
            S(UMAR, "member_of", JN, "2014-03-01", "2014-09-30"),
            S(IS, "hostile_to", JN, "2014-01-01", None),
            S(BAKR, "leader_of", IS, "2014-08-20", "2014-08-31"),
        ]))
        store.ingest(document("b", "2016-01-01", [
            S(UMAR, "member_of", IS, "2014-06-01", "2014-06-30"),
            S(BAKR, "leader_of", IS, "2014-08-20", "2014-08-31", stance="denied"),
            S(None, "killed", BAKR, None, "2010-12-31",
              qualifiers=(("basis", "attribution prior"),)),
        ]))
    return str(path)


def run(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_timeline_shows_honest_precision_and_basis(db: str) -> None:
    out = run("timeline", "Abu Bakr", "--db", db)
    assert "before 2010-12-31 | (unknown) — killed → Abu Bakr" in out
    assert "{basis: attribution prior}" in out
    assert "2014-08 (end) | Abu Bakr — leader_of → Islamic State | asserted by 1, denied by 1" in out
    data = json.loads(run("timeline", "Abu Bakr", "--predicate", "leader_of", "--db", db,
                          "--format", "json"))
    assert [d["time"]["label"] for d in data] == ["2014-08 (end)"]
    assert {s["stance"] for s in data[0]["sources"]} == {"asserted", "denied"}


def test_known_by_on_timeline(db: str) -> None:
    data = json.loads(run("timeline", "Abu Bakr", "--known-by", "2015-01-01", "--db", db,
                          "--format", "json"))
    assert all(s["document_id"] == "a" for d in data for s in d["sources"])
    assert [d["stance"]["label"] for d in data if d["predicate"] == "leader_of"] == [
        "asserted by 1"
    ]


def test_at_marks_uncertain(db: str) -> None:
    data = json.loads(run("at", "2014-06-15", "--db", db, "--format", "json"))
    members = {(f["subject"], f["object"]): f["certainty"] for f in data["relations"]["membership"]}
    assert members[("Abu Bakr", "Islamic State")] == "certain"
    assert members[("Abu Umar", "Islamic State")] == "certain"
    year = json.loads(run("at", "2014", "--db", db, "--format", "json"))
    members = {(f["subject"], f["object"]): f["certainty"] for f in year["relations"]["membership"]}
    assert members[("Abu Bakr", "Islamic State")] == "certain"
    assert members[("Abu Umar", "Islamic State")] == "uncertain"  # only June of 2014
    hostile = data["relations"]["hostilities"]
    assert [f["certainty"] for f in hostile] == ["uncertain"]  # open end
    around = json.loads(run("at", "2014-06-15", "--around", "Abu Umar", "--db", db,
                            "--format", "json"))
    assert {f["subject"] for f in around["relations"]["membership"]} == {"Abu Umar"}


def test_path(db: str) -> None:
    data = json.loads(run("path", "Abu Bakr", "Abu Umar", "--db", db, "--format", "json"))
    assert data["found"] and len(data["steps"]) == 2
    assert main(["path", "Abu Bakr", "Abu Umar", "--at", "2030", "--db", db]) == 1


def test_search(db: str) -> None:
    data = json.loads(run("search", "Umar", "--db", db, "--format", "json"))
    assert {"name", "quote", "document"} <= {h["kind"] for h in data}
    assert run("search", "nothingatall", "--db", db) == ""


def test_conflicts_and_stats(db: str) -> None:
    data = json.loads(run("conflicts", "--db", db, "--format", "json"))
    kinds = sorted(c["kind"] for c in data)
    assert kinds == ["after_death", "after_death", "contested", "hostile_memberships"]
    stats = json.loads(run("stats", "--db", db, "--format", "json"))
    assert stats["documents"] == 2 and stats["conflicts"]["contested"] == 1
    assert stats["open_review"]["claims"] == 7


def test_review_claims_interactively(db: str) -> None:
    # confirm the first, reject the second, edit the third, undo, then quit
    keys = "c\nchecked\nr\n\ne\n\nmember_of\n\n\n\nu\nq\n"
    out = run("review", "claims", "--by", "ana", "--db", db, input=keys)
    assert "confirmed" in out and "rejected" in out and "undid edited" in out
    history = json.loads(run("review", "history", "--db", db))
    assert [(h["state"], h["active"]) for h in history] == [
        ("confirmed", True), ("rejected", True), ("edited", False)
    ]
    stats = json.loads(run("stats", "--db", db, "--format", "json", "--no-conflicts"))
    assert stats["open_review"]["claims"] == 5
    run("review", "undo", "--db", db)
    stats = json.loads(run("stats", "--db", db, "--format", "json", "--no-conflicts"))
    assert stats["open_review"]["claims"] == 6


@pytest.mark.parametrize(
    "args",
    [
        ["at", "June 2014"],
        ["timeline", "--from", "2014-13"],
        ["path", "Abu Bakr", "Nobody"],
        ["search", "..."],
        ["review", "decide", "claim", "nope", "confirmed"],
        ["timeline", "--known-by", "yesterday"],
    ],
)
def test_bad_questions_fail_in_one_line(db: str, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*args, "--db", db]) != 0
    err = capsys.readouterr().err
    assert err.startswith("allegiance: error:") and err.count("\n") == 1
