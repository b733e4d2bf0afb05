"""CSV tables (folder and zip) and the ACLED-like events table, read back with csv."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from allegiance.errors import DataFileError, InputError
from allegiance.export import export, exporter
from allegiance.export.events import COLUMNS, event_rules, parse_events
from allegiance.export.tables import FACT_COLUMNS, SOURCE_COLUMNS, TablesExporter
from allegiance.store import Store
from tests.export.export_helpers import run_export


def read_tables(target: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for name in ("entities", "facts", "sources"):
        if target.suffix == ".zip":
            with zipfile.ZipFile(target) as zf:
                text = zf.read(f"{name}.csv").decode("utf-8")
        else:
            text = (target / f"{name}.csv").read_text(encoding="utf-8")
        out[name] = list(csv.DictReader(io.StringIO(text)))
    return out


@pytest.mark.parametrize("name", ["tables.zip", "tables"])
def test_tables_read_back(facts_store: Store, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    export(facts_store, exporter("csv", target))
    t = read_tables(target)
    ids = {e["id"] for e in t["entities"]}
    assert list(t["facts"][0]) == FACT_COLUMNS and list(t["sources"][0]) == SOURCE_COLUMNS
    assert len(t["facts"]) == 11
    per_fact: dict[str, int] = {}
    for s in t["sources"]:
        per_fact[s["fact_id"]] = per_fact.get(s["fact_id"], 0) + 1
        assert s["document_id"] and s["quote"] and s["stance"]
    for f in t["facts"]:
        assert int(f["sources"]) == per_fact[f["id"]] >= 1
        for end in (f["subject_id"], f["object_id"]):
            assert end == "" or end in ids
    status = {(f["predicate"], f["object"]): f["status"] for f in t["facts"]}
    assert status[("lost_control_of", "Kirkuk Camp West")] == "denied"
    assert status[("member_of", "Jaysh al-Haqq")] == "disputed"
    places = {e["name"]: (e["lat"], e["lon"]) for e in t["entities"] if e["type"] == "Place"}
    assert places["Mosul"][0].startswith("36.3") and places["Mosul"][1].startswith("43.1")
    # Kirkuk names a city and a governorate; a camp the gazetteer does not know
    assert places["Kirkuk"] == places["Kirkuk Camp West"] == ("", "")


def test_tables_refuse_a_stream_and_a_file_target(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        exporter("csv", io.StringIO())
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError):
        TablesExporter(tmp_path / "file")


def test_events_read_back(facts_store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(run_export(facts_store, "events"))))
    rules = event_rules()
    assert rows and list(rows[0]) == COLUMNS
    assert {r["event_type"] for r in rows} <= {t for t, _ in rules.types.values()}
    by_type = {(r["sub_event_type"], r["actor1"], r["actor2"], r["location"]): r for r in rows}
    attack = by_type[("Armed clash", "Jaysh al-Haqq", "Islamic State", "Mosul")]
    assert (attack["event_date"], attack["time_precision"]) == ("2016-03-01", "3")
    assert attack["latitude"].startswith("36.3") and attack["stance"] == "asserted"
    assert attack["source"] == "Claims and denials" and "[asserted] Jaysh al-Haqq" in attack["notes"]
    denied = by_type[("Territory lost", "Islamic State", "", "Kirkuk Camp West")]
    assert denied["stance"] == "denied" and denied["latitude"] == denied["longitude"] == ""
    assert denied["event_date"] == "" and "[denied]" in denied["notes"]
    for r in rows:
        assert (r["latitude"] == "") == (r["longitude"] == "")
        assert int(r["sources"]) >= 1 and r["notes"]


BAD_EVENTS = [
    ({}, "events"),
    ({"events": {"exploded": {"event_type": "Battles"}}, "time_precision": {}}, "exploded"),
    ({"events": {"attacked": {}}, "time_precision": {}}, "event_type"),
    ({"events": {"attacked": {"event_type": "Battles"}}, "time_precision": {"day": 7}},
     "time_precision"),
]


@pytest.mark.parametrize(("raw", "said"), BAD_EVENTS)
def test_event_rules_reject_bad_data(raw: object, said: str) -> None:
    with pytest.raises(DataFileError, match=said):
        parse_events(raw)


def test_packaged_event_rules_cover_every_precision() -> None:
    rules = event_rules()
    assert set(rules.precision) >= {"day", "month", "year", "undated", "open-start"}
    assert "attacked" in rules.types and "member_of" not in rules.types
