"""The readers' cue file loads and validates."""

from __future__ import annotations

from allegiance.ingest.cues import REQUIRED, validate, word_list


def test_cue_file_is_valid() -> None:
    validate()
    for name, keys in REQUIRED.items():
        for key in keys:
            assert word_list(name, key)


def test_expected_cues_are_present() -> None:
    assert "my translation of" in word_list("testimony", "strong_cues")
    assert "notes" in word_list("notes", "section_headings")
