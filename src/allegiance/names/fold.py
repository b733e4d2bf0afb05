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


#: hamza seats and Persian letter forms as the plain letters names use; alif maqsura, read
#: -a (Mustafa) or -i (Ali, as Egyptian spelling writes it), is left out
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": None,
                                 "ی": "ي", "ک": "ك", "\u0640": None})
_HARAKAT_RE = re.compile("[\u064b-\u065f\u0670]")
#: ta marbuta of a word without article before a definite one is read -t (Jabhat al-Nusra),
#: elsewhere -a/-ah (Nusra, al-Dawla al-Islamiya)
_TA_MARBUTA_CONSTRUCT_RE = re.compile("(?<![\u0600-\u06ff])(?!ال)([\u0600-\u06ff]+)ة(?=\\s+ال)")
#: the article written together with its word: الدولة -> ال-دولة (as 'al-Dawla'); not Allah
_ARABIC_ARTICLE_RE = re.compile("(?<![\u0600-\u06ff])ال(?!له(?![\u0600-\u06ff]))(?=[\u0600-\u06ff]{2})")
_MARKS_RE = re.compile("[\u02bf\u02be\u02bc'`\u00b4]")


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


def romanise(text: str) -> str:
    """Latin letters for Arabic script (ICU), with the article split off, ta marbuta read as
    names are romanised and the ayn and hamza marks dropped; other text unchanged.

    Arabic script writes no short vowels, so 'أبو بكر' comes out as 'abw bkr': compare such
    names by their consonants (``consonant_key``).
    """
    if not _ARABIC_RE.search(text):
        return text
    t = _HARAKAT_RE.sub("", text.translate(_ARABIC_LETTERS))
    t = _TA_MARBUTA_CONSTRUCT_RE.sub("\\1ت", t).replace("ة", "ه")
    t = _ARABIC_ARTICLE_RE.sub("ال-", t)
    tr = _romaniser()
    return _MARKS_RE.sub("", str(tr.transliterate(t))) if tr is not None else text


#: the Persian and Urdu izafa linking the words of a group name (Lashkar-e-Tayyiba), written
#: -e-, -i- or not at all
IZAFA = frozenset({"e", "i"})

_ARABIC_WORDS = {"abw": "abu", "bd": "abd", "am": "umm", "bn": "bin", "bnt": "bint", "abn": "ibn"}


def _written(folded: str) -> str:
    """A word as Arabic script could write it: no final h (-ah / -a), and no opening vowel,
    whose quality an initial alif does not tell (أ/إ for a, i or u)."""
    t = folded.replace("_", "")
    t = t[:-1] if len(t) > 2 and t.endswith("h") else t
    return t[1:] if len(t) > 2 and t[0] in "aiu" else t


def _within(arabic: str, latin: str) -> bool:
    """Do the long vowels that Arabic script writes stand in the Latin word, in order? Alif
    ('a') must, and a final ya ('i'); a medial w or y may be a consonant, or a diphthong that
    folding made 'a' (Faysal), so it need not. Consonants are compared by ``consonant_key``."""
    k = 0
    for n, c in enumerate(arabic):
        j = latin.find(c, k) if c != "v" else min((x for x in (latin.find("v", k), latin.find("u", k)) if x >= 0),
                                                  default=-1)
        if j >= 0:
            k = j + 1
        elif c == "a" or (c == "i" and n == len(arabic) - 1):
            return False
    return True


def same_across_scripts(arabic: str, latin: str) -> bool:
    """Does a folded word romanised from Arabic script agree with a folded Latin one? Their
    consonants must agree, and the long vowels the Arabic writes must stand in the Latin in
    that order: 'hmdi' (حمدي) is Hamdi, not Ahmad, though both have the consonants h-m-d."""
    key = consonant_key(arabic)
    return len(key) >= 2 and key == consonant_key(latin) and _within(_written(arabic), _written(latin))


def consonant_key(folded: str) -> str:
    """The consonants of a folded word (or compound): how a Latin name and the same name in
    Arabic script, which writes no short vowels, agree ('abu_bakr' and 'abv bkr' -> 'bbkr').
    Long vowels written as letters in Arabic (w, y) are dropped too, but a word's first w."""
    t = _written(folded)
    return re.sub("[aeiou]", "", t[:1]) + re.sub("[aeiouv]", "", t[1:])


def tokens(text: str) -> list[str]:
    """Lower-case ASCII tokens with apostrophes dropped and articles split off."""
    arabic = is_arabic(text)
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
            out.append(_ARABIC_WORDS.get(t, t) if arabic else t)
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
