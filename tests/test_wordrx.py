"""Patterns made of word lists: the alternation tries the longest word first, and the
look-ahead of first characters lets through every place a word of the list may start."""

from __future__ import annotations

import re

import pytest

from allegiance.wordrx import alternation, opening


def test_the_longest_word_is_tried_first() -> None:
    assert re.match(alternation(["al", "al-Qaeda"]), "al-Qaeda").group(0) == "al-Qaeda"  # type: ignore[union-attr]
    assert alternation(["a.b"]) == r"a\.b"


#: (words, keyword arguments, the look-ahead made)
CASES: list[tuple[list[str], dict[str, object], str]] = [
    (["killed", "Attacked"], {}, "(?=[AKak])"),
    (["Abu", "Umm"], {"both_cases": False}, "(?=[AU])"),
    (["one", "two"], {"also": r"\d"}, r"(?=[OTot\d])"),
    (["al"], {"both_cases": False, "also": "A-Z"}, "(?=[aA-Z])"),
    # none: a word that opens with a sign, an empty word, no words
    (["'s men", "killed"], {}, ""),
    (["", "killed"], {}, ""),
    ([], {"also": r"\d"}, ""),
]


@pytest.mark.parametrize(("words", "kwargs", "expected"), CASES)
def test_opening(words: list[str], kwargs: dict[str, object], expected: str) -> None:
    assert opening(words, **kwargs) == expected  # type: ignore[arg-type]


#: (words, flags, text): every place a word matches, the look-ahead lets through
MATCHES: list[tuple[list[str], re.RegexFlag, str]] = [
    (["killed", "attacked"], re.IGNORECASE, "Gunmen KILLED two and Attacked a post"),
    (["Sheikh", "Abu"], re.NOFLAG, "Sheikh Abu Omar met Abu Bakr"),
    (["İstanbul"], re.IGNORECASE, "in istanbul and İSTANBUL"),
]


@pytest.mark.parametrize(("words", "flags", "text"), MATCHES)
def test_the_look_ahead_keeps_every_match(words: list[str], flags: re.RegexFlag, text: str) -> None:
    plain = re.compile(rf"\b(?:{alternation(words)})\b", flags)
    ahead = re.compile(rf"\b{opening(words, both_cases=bool(flags & re.IGNORECASE))}(?:{alternation(words)})\b",
                       flags)
    found = [m.span() for m in plain.finditer(text)]
    assert found and [m.span() for m in ahead.finditer(text)] == found
