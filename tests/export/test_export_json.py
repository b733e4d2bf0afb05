"""The JSON graph export and the CSV of claims."""

from __future__ import annotations

import csv
import io
import json

import pytest

from allegiance.errors import InputError
from allegiance.export import JsonExporter, export, exporter
from allegiance.store import Store


def graph(store: Store) -> dict[str, object]:
    fh = io.StringIO()
    export(store, exporter("json", fh))
    data: dict[str, object] = json.loads(fh.getvalue())
    return data


def test_json_shape(sample_store: Store) -> None:
    sample_store.merge("Ansar al-Islam", "Ansar al-Sunna", reason="one group", by="ana")
    g = graph(sample_store)
    assert list(g) == ["format", "version", "documents", "entities", "claims", "judgements"]
    assert (g["format"], g["version"]) == ("allegiance-graph", 1)
    docs, ents, claims, judged = g["documents"], g["entities"], g["claims"], g["judgements"]
    assert isinstance(docs, list) and isinstance(ents, list)
    assert isinstance(claims, list) and isinstance(judged, list)
    assert [d["id"] for d in docs] == ["ansar-2015", "news-2016", "army-2007"]
    assert "text" not in docs[0] and docs[0]["metadata"]["author"] == "A. Analyst"
    ids = {e["id"] for e in ents}
    assert len(ents) == 7
    isis = next(e for e in ents if e["name"] == "Islamic State")
    assert {"name": "khawarij", "pejorative": True} in isis["aliases"]
    assert [p["document_id"] for p in isis["parts"]] == ["ansar-2015", "news-2016"]
    assert len(claims) == 8
    for c in claims:
        assert c["subject"] is None or c["subject"]["id"] in ids
        assert c["object"] is None or c["object"]["id"] in ids
        assert set(c["provenance"]) >= {"document_id", "evidence", "extractor", "claim"}
    pledge = next(c for c in claims if c["predicate"] == "pledged_allegiance")
    assert pledge["source"] == "Abu Omar al-Falastini" and pledge["stance"] == "reported"
    assert pledge["time"]["text"] == "the end of June 2014"
    assert judged[0]["kind"] == "merge" and judged[0]["by"] == "ana"


def test_empty_store_is_valid_json(store: Store) -> None:
    g = graph(store)
    assert g["documents"] == g["entities"] == g["claims"] == g["judgements"] == []


def test_exporter_refuses_out_of_order_records() -> None:
    e = JsonExporter(io.StringIO())
    e.write("claims", {})
    with pytest.raises(ValueError):
        e.write("documents", {})


def test_csv_claims(sample_store: Store) -> None:
    fh = io.StringIO()
    n = export(sample_store, exporter("claims", fh))
    rows = list(csv.DictReader(io.StringIO(fh.getvalue())))
    assert n == len(rows) == 8
    killed = next(r for r in rows if r["predicate"] == "killed")
    assert (killed["subject"], killed["object"], killed["place"]) == ("", "Abu Obeida", "Mosul")


def test_unknown_format() -> None:
    with pytest.raises(InputError):
        exporter("xlsx", io.StringIO())
