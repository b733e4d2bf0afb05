"""The plain-text report of a document or the whole store."""

from __future__ import annotations

import pytest

from allegiance.errors import NotFoundError
from allegiance.query import render_report
from allegiance.store import Store


def test_document_report(sample_store: Store) -> None:
    out = render_report(sample_store, "ansar-2015")
    lines = out.splitlines()
    assert lines[0] == "Report: Ansar al-Islam and the Islamic State (A. Analyst, 2015-03-18)"
    assert "Entities (7)" in lines
    org = lines.index("  Organization")
    assert lines[org + 1 : org + 4] == [
        "    Ansar al-Sunna",
        "    Islamic State — aka IS; pejorative: khawarij",
        "    Jamaat Ansar al-Islam — aka Ansar al-Islam",
    ]
    assert "Timeline (5 claims)" in lines
    assert (
        "  2014-06-20..30 | Abu Obeida — pledged_allegiance → Islamic State | reported, source: "
        "Abu Omar al-Falastini | “Abu Obeida, a Shari'a official of Jamaat Ansar al-Islam, pledged "
        "allegiance to the Islamic State at the end of June 2014, according to Abu Omar "
        "al-Falastini.” [Ansar al-Islam and the Islamic State, 2015-03-18]"
    ) in lines
    assert any(
        line.startswith("  2007 | Jamaat Ansar al-Islam — hostile_to → Ansar al-Sunna (in: Kirkuk)")
        for line in lines
    )
    assert lines[-1].startswith("  undated | Abu Obeida — member_of → Jamaat Ansar al-Islam "
                                "(role: Shari'a official) | asserted |")


def test_store_report_covers_every_document(sample_store: Store) -> None:
    out = render_report(sample_store)
    assert out.startswith("Report: the whole store (3 documents)")
    assert "Timeline (8 claims)" in out
    assert "[Commander killed near Mosul, 2016-01-10]" in out
    assert "Abu Obeida — aka Abu Ubaida al-Iraqi" in out


def test_long_evidence_is_shortened(store: Store) -> None:
    from allegiance.model.types import Claim, Entity, Extraction, Span

    text = "Jabhat al-Nusra fought the Islamic State " + "again and again " * 40 + "."
    x = Extraction(
        {"id": "long", "title": "Long"},
        [Entity("e1", "Organization", "Jabhat al-Nusra"), Entity("e2", "Organization", "Islamic State")],
        [Claim("c1", "e1", "hostile_to", "e2", Span(0, len(text)))],
        text,
    )
    store.ingest(x)
    line = render_report(store, "long").splitlines()[-1]
    assert "again…”" in line and len(line) < 320


def test_empty_store_and_unknown_document(store: Store) -> None:
    assert "Timeline (0 claims)" in render_report(store)
    with pytest.raises(NotFoundError):
        render_report(store, "nope")
