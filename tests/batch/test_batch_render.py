"""The readable summary and the JSON forms of one extraction; the progress bar."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TextIO

import pytest

from allegiance.batch.progress import Ticker
from allegiance.batch.render import Format, render, to_text, write, write_extraction
from allegiance.batch.sinks import write_atomic
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


#: extractions whose JSON is written a piece at a time: it must read as the whole dumped at once
WRITTEN_CASES: list[Extraction] = [
    EXTRACTION,
    Extraction(document={"id": "empty"}),
    Extraction(document={}),
    Extraction(document={"id": "d2", "title": "Ḥayʾat Taḥrīr al-Shām\n“quoted”"},
               entities=[Entity("e1", "Organization", "Jabhat al-Nusra", aliases=["JN", "al-Nusra\tFront"])]),
    Extraction(document={"id": "d3"}, claims=[
        Claim("c1", None, "killed", None, Span(0, 5, "a\nb"), stance="denied",
              qualifiers={"also_evidence": [{"start": 9, "end": 12}], "victims": 3})]),
]


@pytest.mark.parametrize("extraction", WRITTEN_CASES)
def test_json_written_in_pieces_is_the_whole_dumped(extraction: Extraction) -> None:
    whole = extraction.to_dict()
    assert render(extraction, "json") == json.dumps(whole, indent=2, ensure_ascii=False)
    assert render(extraction, "jsonl") == json.dumps(whole, ensure_ascii=False, separators=(",", ":"))
    out = io.StringIO()
    write(extraction, "json", out)
    assert out.getvalue() == render(extraction, "json")


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("kept\n", encoding="utf-8")

    def broken(fh: TextIO) -> None:
        fh.write("{\n  half")
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken)
    assert target.read_text(encoding="utf-8") == "kept\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    write_atomic(target, lambda fh: write_extraction(EXTRACTION, "json", fh))
    assert json.loads(target.read_text(encoding="utf-8")) == EXTRACTION.to_dict()
