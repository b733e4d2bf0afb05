"""Translations of the words of group names (resources/names/glossary.yml).

'Soldiers of the Caliphate in Algeria' reads as 'jund khilafa jazair', as does
'Jund al-Khilafah fi Ard al-Jaza'ir'; group names are compared in that reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.resources import load_mapping

_FILE = "names/glossary.yml"


@dataclass(frozen=True)
class Glossary:
    phrases: dict[tuple[str, ...], tuple[str, ...]]  # words of a translation -> the term's words
    longest: int

    def translate(self, words: Sequence[str]) -> list[str]:
        """The words with each listed word or phrase (longest first) read as its term."""
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                term = self.phrases.get(tuple(words[i:i + n]))
                if term is not None:
                    out.extend(term)
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return out


def parse_glossary(data: Any) -> Glossary:
    if not isinstance(data, dict) or not isinstance(data.get("terms"), dict):
        raise DataFileError(f"{_FILE}: expected a 'terms' mapping")
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
    for term, forms in data["terms"].items():
        if not isinstance(term, str) or not term.strip():
            raise DataFileError(f"{_FILE}: a term must be a non-empty string")
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise DataFileError(f"{_FILE}: terms.{term} must be a list of words or phrases")
        words = tuple(term.lower().split())
        for form in [term, *forms]:
            key = tuple(form.lower().split())
            if key in phrases and phrases[key] != words:
                raise DataFileError(f"{_FILE}: {form!r} is listed under two terms")
            phrases[key] = words
    return Glossary(phrases, max((len(k) for k in phrases), default=1))


@cache
def glossary() -> Glossary:
    return parse_glossary(load_mapping(*_FILE.split("/")))
