"""Long segments are cut into pieces at paragraph, line or sentence bounds, never in a name."""

from __future__ import annotations

import pytest

from allegiance.model.types import Document, Segment
from allegiance.pipeline.pieces import cut_segments
from allegiance.pipeline.run import extract_batch

SENTENCE = "Ansar al-Islam pledged allegiance to the Islamic State in 2014. "

CASES = [
    # (text, limit, pieces expected)
    ("short text.", 100, ["short text."]),
    ("One two three. Four five six. Seven eight nine.", 20, ["One two three.", "Four five six.", "Seven eight nine."]),
    ("aaaa bbbb\n\ncccc dddd eeee", 16, ["aaaa bbbb", "cccc dddd eeee"]),
    ("aaaa bbbb cccc dddd", 12, ["aaaa bbbb", "cccc dddd"]),
]


@pytest.mark.parametrize(("text", "limit", "expected"), CASES)
def test_cut_segments(text: str, limit: int, expected: list[str]) -> None:
    pieces = cut_segments([Segment("paragraph", 0, len(text))], text, [], limit)
    assert [text[p.start:p.end] for p in pieces] == expected
    assert all(p.end - p.start <= limit for p in pieces)


def test_a_cut_never_splits_a_kept_span() -> None:
    text = "aaaa bbbb cccc dddd"
    pieces = cut_segments([Segment("paragraph", 0, len(text))], text, [(5, 14)], 12)
    assert len(pieces) > 1
    assert not any(5 < p.start < 14 or 5 < p.end < 14 for p in pieces)


def test_a_paragraph_longer_than_a_piece_extracts_with_exact_offsets() -> None:
    text = SENTENCE * 400  # 25,600 characters on one line: three pieces
    [result] = extract_batch([Document(id="long", text=text)])
    assert not isinstance(result, Exception)
    # the same statement with the same time said 400 times: one claim, every span kept
    [claim] = result.claims
    spans = [(claim.evidence.start, claim.evidence.end)] + [
        (e["start"], e["end"]) for e in claim.qualifiers["also_evidence"]]
    assert len(spans) == 400
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    assert {text[a:b] for a, b in spans} == {SENTENCE.strip()}
