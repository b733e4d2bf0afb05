"""The founding example reads with its metadata, witness items and linked notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from allegiance.ingest import read_path

EXAMPLE = (Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"
           / "tamimi-2015-ansar-al-islam.txt")


def test_founding_example() -> None:
    if not EXAMPLE.is_file():
        pytest.skip("the founding example is not beside the repository")
    doc = read_path(EXAMPLE)
    text = doc.text
    assert doc.title and doc.title.endswith("Testimony of Abu Omar al-Falastini")
    assert doc.author == "Aymenn Jawad Al-Tamimi"
    assert doc.published == "2015-03-18"

    items = [s for s in doc.segments if s.kind == "item"]
    assert len(items) == 12
    assert all(s.speaker == "witness" and s.source_name == "Abu Omar al-Falastini" for s in items)

    notes = [s for s in doc.segments if s.kind == "note"]
    assert [n.marker for n in notes] == ["*" * k for k in range(1, 7)]
    first_note = notes[0].start
    for n in notes:
        assert n.speaker == "author"
        assert n.refers_to is not None and n.refers_to < first_note
        assert text.startswith(n.marker or "", n.refers_to)
        after = n.refers_to + len(n.marker or "")
        assert text[after:after + 1] != "*" and text[n.refers_to - 1] != "*"
    positions = [m.start() for m in re.finditer(r"(?<![*\s])\*+", text[:first_note])]
    assert [n.refers_to for n in notes] == positions
