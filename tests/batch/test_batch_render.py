"""The readable summary and the JSON forms of one extraction; the progress bar."""

from __future__ import annotations

import io
import json

import pytest

from allegiance.batch.progress import Ticker
from allegiance.batch.render import Format, render, to_text
from allegiance.model.types import Claim, Entity, Extraction, Span, TimeInterval

EXTRACTION = Extraction(
    document={
        "id": "d1", "title": "Defections", "author": "A. Analyst", "published": "2015-03-18"
    },
    entities=[
        Entity("e1", "Organization", "Jamaat Ansar al-Islam", aliases=["Ansar al-Islam"]),
        Entity(
            "e2", "Organization", "Islamic State", aliases=["IS", "ISIS"], pejoratives=["Daesh"]
        ),
        Entity("e3", "Person", "Abu Hashim al-Ibrahim"),
    ],
    claims=[
        Claim(
            "c1", "e1", "pledged_allegiance", "e2",
            Span(10, 60, "Part of Ansar al-Islam\n pledged allegiance to IS."),
            stance="reported", source="e3",
            time=TimeInterval("2014-08-20", "2014-08-31", "end of August 2014", "day"),
        ),
        Claim("c2", None, "killed", "e3", Span(70, 90, ""), stance="asserted"),
    ],
)


def test_text_summary_lists_entities_and_claims() -> None:
    lines = to_text(EXTRACTION).splitlines()
    assert lines[0] == "Document d1 - Defections (A. Analyst, 2015-03-18)"
    assert "  [Organization] Islamic State  aka IS, ISIS  (pejorative: Daesh)" in lines
    assert "  Jamaat Ansar al-Islam --pledged_allegiance--> Islamic State" in lines
    claim = lines[lines.index("  Jamaat Ansar al-Islam --pledged_allegiance--> Islamic State") + 1]
    assert "time: end of August 2014 (2014-08-20..2014-08-31)" in claim
    assert "stance: reported" in claim and "source: Abu Hashim al-Ibrahim" in claim
    assert '      "Part of Ansar al-Islam pledged allegiance to IS."' in lines
    assert "  (unknown) --killed--> Abu Hashim al-Ibrahim" in lines
    assert any("source: author" in line for line in lines)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_forms_are_to_dict(fmt: Format) -> None:
    out = render(EXTRACTION, fmt)
    assert json.loads(out) == EXTRACTION.to_dict()
    assert ("\n" in out) == (fmt == "json")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_ticker_draws_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _Terminal()
    monkeypatch.setattr("sys.stderr", fake)
    with Ticker(3, label="extracting") as t:
        for _ in range(3):
            t.advance()
    assert t.done == 3
    assert "3/3" in fake.getvalue() and "docs/s" in fake.getvalue()


def test_ticker_counts_silently_when_off(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _Terminal()
    monkeypatch.setattr("sys.stderr", fake)
    with Ticker(None, enabled=False) as t:
        t.advance(2)
    assert t.done == 2 and fake.getvalue() == ""
