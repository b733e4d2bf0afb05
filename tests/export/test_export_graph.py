"""GraphML and GEXF read back with networkx's own readers; JSON lines with json."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from allegiance.store import Store
from tests.export.export_helpers import run_export, write_export

#: facts of the test store with both ends (founded and killed have no subject)
EDGES = 9


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_read_back(facts_store: Store, tmp_path: Path, fmt: str, read: object) -> None:
    path = write_export(facts_store, fmt, tmp_path / f"g.{fmt}")
    g = read(path)  # type: ignore[operator]
    assert g.is_directed() and g.number_of_edges() == EDGES
    for node, data in g.nodes(data=True):
        assert data["type"] in ("Person", "Organization", "Place") and data["label"]
    statuses = {}
    for u, v, data in g.edges(data=True):
        assert u in g and v in g
        assert data["sources"] == len(json.loads(data["provenance"])) >= 1
        for source in json.loads(data["provenance"]):
            assert source["document_id"] in data["documents"] and source["quote"]
        statuses[(data["predicate"], g.nodes[v]["label"])] = data["status"]
    assert statuses[("lost_control_of", "Kirkuk Camp West")] == "denied"
    assert statuses[("member_of", "Jaysh al-Haqq")] == "disputed"
    mosul = next(d for _, d in g.nodes(data=True) if d["label"] == "Mosul")
    assert 36 < mosul["lat"] < 37 and 43 < mosul["lon"] < 44
    kirkuk = next(d for _, d in g.nodes(data=True) if d["label"] == "Kirkuk")
    assert "lat" not in kirkuk


def test_gexf_edges_carry_time_spells(facts_store: Store, tmp_path: Path) -> None:
    g = nx.read_gexf(write_export(facts_store, "gexf", tmp_path / "g.gexf"))
    spells = {d["label"]: d.get("spells") for _, _, d in g.edges(data=True)
              if d["label"] in ("captured", "lost_control_of")}
    assert spells["captured"] == [("2014-06-01", "2014-06-30")]
    assert spells["lost_control_of"] is None  # undated: present throughout


def test_graphml_keeps_time_as_attributes(facts_store: Store, tmp_path: Path) -> None:
    g = nx.read_graphml(write_export(facts_store, "graphml", tmp_path / "g.graphml"))
    attack = next(d for _, _, d in g.edges(data=True) if d["predicate"] == "attacked")
    assert (attack["start"], attack["end"], attack["precision"]) == (
        "2016-03-01", "2016-03-31", "month")


def test_jsonl_lines(facts_store: Store) -> None:
    lines = [json.loads(line) for line in run_export(facts_store, "jsonl").splitlines()]
    kinds = [r["kind"] for r in lines]
    assert kinds == sorted(kinds, key=["documents", "facts", "entities"].index)
    facts = [r["record"] for r in lines if r["kind"] == "facts"]
    assert len(facts) == 11 and all(f["sources"] for f in facts)
    denied = next(f for f in facts if f["predicate"] == "lost_control_of")
    assert denied["status"] == "denied" and denied["sources"][0]["stance"] == "denied"
