"""Structure: paragraphs, headings, items, notes linked to their markers, quotes, testimony."""

from __future__ import annotations

import pytest

from allegiance.ingest import segment
from allegiance.model.types import Segment

TESTIMONY = (
    "Valley Factions: Testimony of Abu Salim al-Tunisi / by Sara Qassem\n"
    "\n"
    "Jun 2, 2016 – The valley saw many defections.\n"
    "\n"
    "Below is my translation of a series of tweets by a former fighter- Abu Salim al-Tunisi. "
    "Notes follow.\n"
    "\n"
    "(Intro): I write these recollections for the brothers.\n"
    "\n"
    "  1. I recall Abu Dujana of Idlib,* an official of Jaysh al-Fursan.\n"
    "  2. He told me: “We will join the valley front.” And he did.**\n"
    "\n"
    "  1. Abu Hamza al-Kurdi was killed [Liwa al-Haqq] in front of his men.***\n"
    "\n"
    "*- Abu Dujana is also known as the Engineer.\n"
    "\n"
    "**- He joined in 2015.\n"
    "\n"
    "***- Others dispute this account.\n"
)


def kinds(segs: list[Segment], kind: str) -> list[Segment]:
    return [s for s in segs if s.kind == kind]


def check_order(segs: list[Segment]) -> None:
    assert [s.start for s in segs] == sorted(s.start for s in segs)
    blocks = [s for s in segs if s.kind != "quote"]
    for a, b in zip(blocks, blocks[1:]):
        assert a.end <= b.start, (a, b)
    for q in kinds(segs, "quote"):
        assert any(b.start <= q.start and q.end <= b.end for b in blocks), q


def test_testimony_items_are_witness_and_notes_author() -> None:
    segs = segment(TESTIMONY)
    check_order(segs)
    items = kinds(segs, "item")
    assert [s.marker for s in items] == ["1", "2", "1"]
    assert {(s.speaker, s.source_name) for s in items} == {("witness", "Abu Salim al-Tunisi")}
    intro = next(s for s in segs if TESTIMONY[s.start:s.end].startswith("(Intro)"))
    assert (intro.kind, intro.speaker) == ("paragraph", "witness")
    notes = kinds(segs, "note")
    assert [n.marker for n in notes] == ["*", "**", "***"]
    assert {n.speaker for n in notes} == {"author"}
    assert TESTIMONY[items[0].start:items[0].start + 3] == "1. "


@pytest.mark.parametrize(("marker", "body_context"), [
    ("*", "Idlib,*"),
    ("**", "did.**"),
    ("***", "men.***"),
])
def test_notes_point_at_their_markers(marker: str, body_context: str) -> None:
    segs = segment(TESTIMONY)
    note = next(n for n in kinds(segs, "note") if n.marker == marker)
    expected = TESTIMONY.index(body_context) + len(body_context) - len(marker)
    assert note.refers_to == expected


def test_paragraphs_and_quotes() -> None:
    segs = segment(TESTIMONY)
    quote = kinds(segs, "quote")[0]
    assert TESTIMONY[quote.start:quote.end] == "We will join the valley front."
    text = 'He said "we stay" and left.\n\n"Go," they said, «now».\n'
    segs = segment(text)
    check_order(segs)
    assert [(s.kind, text[s.start:s.end]) for s in segs] == [
        ("paragraph", 'He said "we stay" and left.'), ("quote", "we stay"),
        ("paragraph", '"Go," they said, «now».'), ("quote", "Go,"), ("quote", "now")]


def test_plain_numbered_list_is_author_items() -> None:
    text = ("The factions of the valley were these.\n"
            "1) Jaysh al-Fursan, in the north.\n"
            "   It held two villages.\n"
            "2) Liwa al-Haqq, in the south.\n")
    segs = segment(text)
    check_order(segs)
    items = kinds(segs, "item")
    assert [(s.marker, s.speaker) for s in items] == [("1", "author"), ("2", "author")]
    assert text[items[0].start:items[0].end] == (
        "1) Jaysh al-Fursan, in the north.\n   It held two villages.")


def test_numeric_footnotes_in_a_notes_section() -> None:
    text = ("Jaysh al-Fursan left the valley.1 Liwa al-Haqq stayed[2] until the spring.\n"
            "\n"
            "Notes\n"
            "\n"
            "1. According to a local source.\n"
            "2. See the earlier post.\n")
    segs = segment(text)
    check_order(segs)
    assert kinds(segs, "item") == []
    heading = kinds(segs, "heading")[0]
    assert text[heading.start:heading.end] == "Notes"
    notes = kinds(segs, "note")
    assert [(n.marker, n.refers_to) for n in notes] == [
        ("1", text.index("valley.1") + len("valley.")),
        ("2", text.index("[2]") + 1),
    ]


def test_bracket_notes_anywhere() -> None:
    text = "A claim about Tell Abyad.[1]\n\n[1] The claim is disputed.\n"
    note = kinds(segment(text), "note")[0]
    assert (note.marker, note.refers_to) == ("1", text.index("[1]") + 1)


def test_numbers_without_an_intro_are_not_testimony() -> None:
    text = "He said many things.\n\n1. One.\n2. Two.\n"
    assert {s.speaker for s in kinds(segment(text), "item")} == {"author"}


@pytest.mark.parametrize("text, witness", [
    # a witness's words set out whole in quotation marks after the paragraph introducing them
    ("Below is my translation of the testimony of Abu Hafs al-Homsi, a former fighter.\n\n"
     "\u201cI joined Jaysh al-Wadi in 2013. Later we left Idlib.\u201d\n", "Abu Hafs al-Homsi"),
    ('Abu Khalid al-Suri wrote the following:\n\n"We left Idlib and came back."\n', "Abu Khalid al-Suri"),
])
def test_a_quoted_paragraph_after_an_intro_is_testimony(text: str, witness: str) -> None:
    quoted = [s for s in segment(text) if s.kind == "paragraph" and text[s.start:s.end].lstrip()[:1] in "\"\u201c"]
    assert quoted and {(s.speaker, s.source_name) for s in quoted} == {("witness", witness)}


def test_a_quoted_paragraph_without_an_intro_is_the_authors() -> None:
    text = "The group was active in Hama.\n\n\u201cWe will fight on,\u201d a commander said.\n"
    assert {s.speaker for s in segment(text) if s.kind == "paragraph"} == {"author"}


def test_weak_cue_needs_a_colon() -> None:
    text = "Abu Khalid al-Suri wrote the following:\n\n1. We left Idlib.\n2. We came back.\n"
    items = kinds(segment(text), "item")
    assert {(s.speaker, s.source_name) for s in items} == {("witness", "Abu Khalid al-Suri")}


def test_witness_name_from_title_when_intro_names_nobody() -> None:
    text = ("The Valley: Testimony of Abu Layth al-Masri / by Sara Qassem\n\n"
            "Below is my translation of his testimony.\n\n1. We left.\n")
    item = kinds(segment(text), "item")[0]
    assert (item.speaker, item.source_name) == ("witness", "Abu Layth al-Masri")


def test_heading_rules() -> None:
    text = "Background\n\nA sentence.\n\nShort line ending with a period.\n"
    segs = segment(text)
    assert [s.kind for s in segs] == ["heading", "paragraph", "paragraph"]


def test_heading_can_introduce_testimony() -> None:
    text = "Statement by Abu Layth al-Masri\n\n1. We left the valley.\n2. We came back.\n"
    segs = segment(text)
    assert segs[0].kind == "heading"
    assert {(s.speaker, s.source_name) for s in kinds(segs, "item")} == {
        ("witness", "Abu Layth al-Masri")}
