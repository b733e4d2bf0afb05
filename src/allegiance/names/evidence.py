"""Weighted evidence that two person names of one list denote the same person.

In a list of names, a word says more the fewer names carry it: 'Kaskar' in four names of a
thousand is strong evidence, 'Muhammad' in eighty is weak. Each word of a person's name gets
the weight ``log(N / df)`` (``df``: how many names of the list carry it, never fewer than the
floor of a common word; ``N``: the list's size, never less than ``min_list_size`` so that a
short list does not make every word look rare). Compound names count as one word
(``Abd al-Rahman``, ``Abu Hamza``), the nasab particle (``bin``) not at all.

The evidence of a pair is the weight of the words they share (one to one; a transliteration
variant counts nearly in full, a close spelling less) minus a share of the weight of the
words the shorter name has that the longer lacks: 'Abu Bakr al-Baghdadi' and
'Abu Bakr al-Iraqi' share a kunya but not a nisba. The weights are in ``names.yml``
(``list_evidence``), where an analyst can tune them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from allegiance.errors import DataFileError
from allegiance.names.compare import NameForm, common_tokens, skeleton
from allegiance.names.data import name_data
from allegiance.names.fold import consonant_key, same_across_scripts

#: words that open a compound name and are joined to the word after them
_COMPOUND_HEADS = ("abd", "abu", "um", "umm")
_NASAB = frozenset({"bin", "bint"})
#: 'Abd Allah' in its spellings and from Arabic script (عبد الله), read as Abdullah
_ALLAH = frozenset({"alh", "ala", "alah", "ula", "ulah", "lah", "la"})
_ABDULLAH = "abdula"
_LEADING_VOWEL_RE = re.compile(r"^[aiu](?=.{3})")


@dataclass(frozen=True)
class EvidenceSettings:
    min_list_size: int
    common_floor: float  # df floor of a common word, as a share of the list
    common_compound_floor: float  # the same for a compound of a common word (Abu Muhammad)
    kunya_weight: float  # a bare 'Abu' or 'Umm' left over
    initial_weight: float  # the weight of an initial ('K.')
    initial_share: float  # an initial agreeing with a word's first letter
    variant_share: float  # a transliteration variant (Ibrahim / Ebrahim)
    close_share: float  # a close spelling (Jalahmah / Jalamah)
    close_similarity: float  # normalised Levenshtein similarity of a close spelling
    unmatched_penalty: float
    full_match_bonus: float  # every word of both names agrees: one name, two spellings
    threshold: float


@cache
def evidence_settings() -> EvidenceSettings:
    raw = name_data().list_evidence
    try:
        s = EvidenceSettings(
            min_list_size=int(raw["min_list_size"]), common_floor=float(raw["common_floor"]),
            common_compound_floor=float(raw["common_compound_floor"]), kunya_weight=float(raw["kunya_weight"]),
            initial_weight=float(raw["initial_weight"]), initial_share=float(raw["initial_share"]),
            variant_share=float(raw["variant_share"]),
            close_share=float(raw["close_share"]), close_similarity=float(raw["close_similarity"]),
            unmatched_penalty=float(raw["unmatched_penalty"]),
            full_match_bonus=float(raw["full_match_bonus"]), threshold=float(raw["threshold"]),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(f"names/names.yml: list_evidence: missing or bad value ({e})") from None
    if s.min_list_size < 1 or not 0 < s.common_floor < 1 or not 0 < s.common_compound_floor < 1 or s.threshold <= 0:
        raise DataFileError("names/names.yml: list_evidence: sizes and floors must be positive, floors below 1")
    return s


@cache
def common_consonants() -> frozenset[str]:
    """The consonants of the common tokens: 'mhmd' for Muhammad in Arabic script."""
    return frozenset(k for k in (consonant_key(t) for t in common_tokens()) if len(k) >= 2)


def units(form: NameForm) -> tuple[str, ...]:
    """The words of a person's name as compared: 'abd' and 'abu' joined to the next word.
    A name in Arabic script gives its words' consonants, marked '^' ('^bbkr' for أبو بكر)."""
    toks = [t for t in form.toks if t not in _NASAB]
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "abd" and i + 1 == len(toks) and i > 0:
            out.append("abdu")  # Abdu, Abdo, Abduh: a name of its own, not a compound's head
            i += 1
        elif t in _COMPOUND_HEADS and i + 1 < len(toks) and len(toks[i + 1]) > 1:
            out.append(f"{t}_{toks[i + 1]}")
            i += 2
        else:
            out.append(t)
            i += 1
    out = [_ABDULLAH if u.startswith("abd_") and _compound_tail(u) in _ALLAH else u for u in out]
    if form.arabic:
        return tuple(f"^{u}" for u in out)
    return tuple(out)


def loose_key(unit: str) -> str:
    """The consonant skeleton without a leading vowel: Ibrahim and Ebrahim agree."""
    return _LEADING_VOWEL_RE.sub("", skeleton(unit))


def _compound_tail(unit: str) -> str | None:
    return unit.split("_", 1)[1] if "_" in unit else None


class ListFrequencies:
    """How many names of one list carry each word (by its loose key)."""

    def __init__(self, names: Iterable[Sequence[str]]) -> None:
        self.df: Counter[str] = Counter()
        self.consonant_df: Counter[str] = Counter()  # both scripts together, for Arabic words
        count = 0
        for us in names:
            count += 1
            self.df.update({loose_key(u) for u in us})
            self.consonant_df.update({consonant_key(u.lstrip("^")) for u in us})
        self.size = max(count, evidence_settings().min_list_size)
        self._weights: dict[str, float] = {}

    def weight(self, unit: str) -> float:
        w = self._weights.get(unit)
        if w is None:
            w = self._weights[unit] = self._weight(unit)
        return w

    def _weight(self, unit: str) -> float:
        s = evidence_settings()
        if unit in _COMPOUND_HEADS:
            return s.kunya_weight
        if len(unit) == 1:
            return s.initial_weight
        common = common_tokens()
        if unit[0] == "^":  # a word from Arabic script, counted with its Latin spellings
            key = consonant_key(unit[1:])
            df = float(self.consonant_df[key])
            if key in common_consonants():
                df = max(df, s.common_floor * self.size)
            return math.log(self.size / max(df, 1.0))
        df = float(self.df[loose_key(unit)])
        tail = _compound_tail(unit)
        if unit in common:
            df = max(df, s.common_floor * self.size)
        elif tail is not None and tail in common:
            df = max(df, s.common_compound_floor * self.size)
        return math.log(self.size / max(df, 1.0))


@cache
def no_list() -> ListFrequencies:
    """The frequencies of no list: two names compared on their own (every word rare but the
    common ones), with the weights it has worked out kept between calls."""
    return ListFrequencies(())


@lru_cache(maxsize=500_000)
def unit_similarity(a: str, b: str) -> float:
    """1 for one word, less for a looser agreement, 0 for none."""
    s = evidence_settings()
    if a == b:
        return 1.0
    if a[0] == "^" or b[0] == "^":  # one in Arabic script, which writes no short vowels
        wa, wb = a.lstrip("^"), b.lstrip("^")
        if a[0] == b[0]:
            return 1.0 if wa == wb else 0.0
        arabic, latin = (wa, wb) if a[0] == "^" else (wb, wa)
        return s.variant_share if same_across_scripts(arabic, latin) else 0.0
    if len(a) == 1 or len(b) == 1:
        return s.initial_share if a[0] == b[0] else 0.0
    common = common_tokens()
    if a in common or b in common:
        # a common name agrees with its own spellings only: Ibrahim is Ebrahim, but
        # Mahmud is not Muhammad though their consonants agree
        return s.variant_share if a[0] in "aiu" and b[0] in "aiu" and a[1:] == b[1:] else 0.0
    if skeleton(a) == skeleton(b):
        return 1.0
    ta, tb = _compound_tail(a), _compound_tail(b)
    if (ta is None) != (tb is None) or (ta is not None and a.split("_")[0] != b.split("_")[0]):
        return 0.0  # Abu Hamza is not Hamza's son's name 'Hamza', nor Abd al-Hamza
    if loose_key(a) == loose_key(b):
        return s.variant_share
    if min(len(a), len(b)) >= 5 and Levenshtein.normalized_similarity(a, b) >= s.close_similarity:
        return s.close_share
    return 0.0


def evidence(a: Sequence[str], b: Sequence[str], freq: ListFrequencies) -> float:
    """Shared weight minus the penalty for the shorter name's unshared words."""
    s = evidence_settings()
    candidates = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            sim = unit_similarity(x, y)
            if sim:
                candidates.append((sim * min(freq.weight(x), freq.weight(y)), i, j))
    candidates.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    shared = 0.0
    for w, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        shared += w
    rest_a = sum(freq.weight(x) for i, x in enumerate(a) if i not in used_a)
    rest_b = sum(freq.weight(y) for j, y in enumerate(b) if j not in used_b)
    bonus = s.full_match_bonus if len(used_a) == len(a) and len(used_b) == len(b) else 0.0
    return shared + bonus - s.unmatched_penalty * min(rest_a, rest_b)


def same_person(a: Sequence[str], b: Sequence[str], freq: ListFrequencies) -> bool:
    return evidence(a, b, freq) >= evidence_settings().threshold
