"""Regular expressions made of lists of words (cue words, titles, heads of names)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """The words as one alternation, each escaped, longest first (so the longest wins)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def opening(words: Iterable[str], *, both_cases: bool = True, also: str = "") -> str:
    """A look-ahead for the first characters of ``words`` and ``also`` (the inside of a
    character class, such as ``0-9``), to put before an alternation of them: at most places of
    a text its one test fails where every word of the alternation would be tried in turn.
    ``both_cases`` takes each first character in upper and lower case too (for a pattern that
    ignores case). None where a word is empty or opens with a sign that is no letter or digit."""
    firsts: set[str] = set()
    for w in words:
        c = w[:1]
        if not c.isalnum():
            return ""
        firsts.update((c, c.lower(), c.upper()) if both_cases else (c,))
    return "(?=[" + re.escape("".join(sorted(firsts))) + also + "])" if firsts else ""


__all__ = ["alternation", "opening"]
