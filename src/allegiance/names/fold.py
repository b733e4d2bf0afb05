"""Transliteration folding: spelling variants of an Arabic-derived name coincide.

Arabic script is romanised with ICU, accents and ayn/hamza marks dropped, articles
(al-, el-, ash-...) separated and removed, whole-token variants (Mohammed -> muhammad) and
letter rules (q -> k, ou -> u, doubled letters, -ah -> -a) applied from names.yml.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from normality import ascii_text

from allegiance.names.data import name_data

_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_SPLIT_RE = re.compile(r"[^a-z0-9']+")
_APOS_RE = re.compile("['\u2018\u2019\u02bc\u02bf\u02be`\u00b4]")


@cache
def _romaniser() -> Any:
    try:
        import icu  # PyICU ships no type information
    except ImportError:  # pragma: no cover - PyICU is a pinned dependency
        return None
    return icu.Transliterator.createInstance("Arabic-Latin; Latin-ASCII")


def romanise(text: str) -> str:
    """Latin letters for Arabic script (ICU); other text unchanged."""
    if not _ARABIC_RE.search(text):
        return text
    tr = _romaniser()
    return str(tr.transliterate(text)) if tr is not None else text


def tokens(text: str) -> list[str]:
    """Lower-case ASCII tokens with apostrophes dropped and articles split off."""
    s = (ascii_text(romanise(text)) or "").lower()
    s = _APOS_RE.sub("", s)
    s = re.sub(r"\b(al|el|ad|as|ash|at|an|ar|az|ul|ud|ur)-", r"\1 ", s)
    s = s.replace("-", " ")
    out: list[str] = []
    for t in _SPLIT_RE.split(s):
        if not t:
            continue
        m = _ABD_RE.match(t)
        k = _ABU_RE.match(t)
        if m and m.group(2) not in ("llah", "lah", "la", "llahi"):
            out += ["abd", m.group(2)]  # Abdusalam, Abdulrahman -> abd salam, abd rahman
        elif k:
            out += ["abu", k.group(1)]  # Abubakar, Abulabbas -> abu bakar, abu abbas
        else:
            out.append(t)
    return out


_ABU_RE = re.compile(r"^(?:abu|abou|abo)(?:l|al|el)?([b-df-hj-np-tv-z][a-z]{3,}|a[a-z]{3,})$")
_ABD_RE = re.compile(r"^(abd(?:u|ul|el|al|ur|us|ar|as|ou|oul)?)(?:[lrs])?([a-z]{3,})$")


@lru_cache(maxsize=200_000)
def fold_token(tok: str) -> str:
    """The folded form of one token ('Qa'ida' -> 'kaida', 'Mohammed' -> 'muhamad')."""
    data = name_data()
    t = tok.lower().replace("'", "")
    t = data.variants.get(t, t)
    for pattern, repl in data.letter_rules:
        t = pattern.sub(repl, t)
    return t


def fold_tokens(text: str, *, drop_articles: bool = True) -> list[str]:
    data = name_data()
    out = []
    for t in tokens(text):
        if drop_articles and t in data.articles:
            continue
        f = fold_token(t)
        if f:
            out.append(f)
    return out


def fold(text: str) -> str:
    """The whole name folded: tokens joined by single spaces."""
    return " ".join(fold_tokens(text))
