"""The store on the seed text: its gold annotations turned into an extraction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from allegiance.model.types import Claim, Entity, Extraction, Span, TimeInterval
from allegiance.query import render_report
from allegiance.store import Store

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"
NAME = "tamimi-2015-ansar-al-islam"


def first(value: Any) -> str | None:
    if isinstance(value, list):
        return next((v for v in value if v), None)
    return value if isinstance(value, str) else None


def seed_extraction() -> Extraction:
    if not (DEV / f"{NAME}.txt").is_file():
        pytest.skip("the seed text is not beside the repository")
    text = (DEV / f"{NAME}.txt").read_text(encoding="utf-8")
    gold = json.loads((DEV / f"{NAME}.gold.json").read_text(encoding="utf-8"))
    entities = [
        Entity(e["id"], e["type"], e["names"][0], list(e["names"][1:])) for e in gold["entities"]
    ]
    claims = []
    for n, c in enumerate(gold["claims"]):
        at = text.find(c["evidence"])
        if at < 0:
            continue
        t = c.get("time")
        claims.append(Claim(
            f"c{n}", first(c["subject"]), c["predicate"], first(c["object"]),
            Span(at, at + len(c["evidence"])), first(c["stance"]) or "asserted",
            time=TimeInterval(t.get("start"), t.get("end"), t.get("text", "")) if t else None,
            place=first(c.get("place")), role=first(c.get("role")),
        ))
    meta = {"id": NAME, "title": "Jamaat Ansar al-Islam", "author": gold["author"],
            "published": gold["published"]}
    return Extraction(meta, entities, claims, text)


def test_seed_text_round_trip(store: Store) -> None:
    x = seed_extraction()
    result = store.ingest(x)
    assert result.new and result.claims > 40
    assert not store.ingest(seed_extraction()).new
    report = render_report(store, NAME)
    assert report.startswith("Report: Jamaat Ansar al-Islam (Aymenn Jawad Al-Tamimi, 2015-03-18)")
    assert "Jamaat Ansar al-Islam — aka Ansar al-Islam" in report
    assert any(line.startswith("  2011 | Jamaat Ansar al-Islam — expanded_into → ")
               for line in report.splitlines())
    profile = store.profile("Ansar al-Islam")
    labels = [c.time_label for c in profile.claims]
    dated = [label for label in labels if label != "undated"]
    assert labels[: len(dated)] == dated and dated == sorted(dated)
