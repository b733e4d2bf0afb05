"""Light normalisation of surface forms for in-document lookups."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "'\u2019\u2018\u02bc\u02bf\u02be`\u00b4"
_APOS_RE = re.compile(f"[{APOSTROPHES}]")
_SEP_RE = re.compile(r"[\s\-_/.,;:\"()\[\]]+")


@lru_cache(maxsize=200_000)
def surface_key(text: str) -> str:
    """Lower-case, accent- and apostrophe-free, separators folded to one space."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _APOS_RE.sub("", s)
    s = _SEP_RE.sub(" ", s).strip()
    s = s.removeprefix("the ")
    return s


_POSSESSIVE_RE = re.compile(f"[{APOSTROPHES}]s?$")


def strip_possessive(text: str) -> str:
    """``JRTN’s`` -> ``JRTN``, ``ISIS’`` -> ``ISIS`` (a final ayn after a vowel pair stays)."""
    m = _POSSESSIVE_RE.search(text)
    if not m:
        return text
    if m.group(0)[1:] == "":  # a bare trailing apostrophe
        stem = text[:-1]
        # keep an ayn that ends a transliterated word with an inner apostrophe: al-Qaa'qaa'
        if _APOS_RE.search(stem):
            return text
        return stem if stem[-1:].isupper() or stem.endswith("s") else text
    return text[: m.start()]


@lru_cache(maxsize=200_000)
def clean_name(text: str) -> str:
    """A mention's name as shown: no leading article 'the', no possessive, no stray marks."""
    s = re.sub(r"\s+", " ", text).strip()
    s = s.strip("*-–—,.;:!?\"“”‘ ")
    s = re.sub(r"^(?:the|The)\s+", "", s)
    s = strip_possessive(s)
    return s
