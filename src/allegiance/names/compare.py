"""Comparing two names: may they denote the same person or group?

Tokens are compared folded; two tokens also agree when their consonant skeletons agree
(masjid / masjed). A shorter name must be covered by the longer one, with enough tokens
that are not common (Abu, Muhammad, Ahmad...) to tell people apart. Group names whose
generic heads differ (Jaysh vs Jabhat, Army vs Front) never match on spelling alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from allegiance.names.data import name_data
from allegiance.names.fold import IZAFA, fold_token, is_arabic, same_across_scripts, tokens
from allegiance.names.glossary import glossary
from allegiance.names.parts import guess_kind_or_none

_STOP = {"the", "of", "and", "in", "for", "fi", "wa", "wal", "waal", "li", "de", "du", "des", "et", "la", "le"}
_VOWELS_RE = re.compile(r"(?<=.)[aiu]")


@cache
def common_tokens() -> frozenset[str]:
    """Common tokens in their folded form (the data file lists them as usually spelled)."""
    raw = name_data().common_tokens
    return frozenset(raw | {fold_token(t) for t in raw})


@cache
def generic_words() -> frozenset[str]:
    """Generic words folded, with the words of weak heads ('Organization', 'Tanzim')."""
    data = name_data()
    raw = data.generic_words | {w for w, cls in data.group_heads.items() if cls in data.weak_heads}
    return frozenset(raw | {fold_token(t) for t in raw})


def skeleton(folded: str) -> str:
    """Consonants of a folded token, keeping its first letter: masjid, masjad -> msjd."""
    return _VOWELS_RE.sub("", folded)


@dataclass(frozen=True)
class NameForm:
    """A name prepared for comparison."""

    text: str
    kind: str  # Person | Organization | Unknown
    toks: tuple[str, ...]  # folded, articles, titles and stop words dropped
    heads: frozenset[str]
    acronyms: frozenset[str]  # initials of a group name's words, with and without articles
    arabic: bool = False  # written in Arabic script: compared with Latin names by consonants

    @property
    def distinctive(self) -> tuple[str, ...]:
        common = common_tokens()
        return tuple(t for t in self.toks if t not in common)


@lru_cache(maxsize=100_000)
def prepare(name: str, kind: str | None = None) -> NameForm:
    data = name_data()
    k = kind or guess_kind_or_none(name) or "Unknown"
    words = [t for t in tokens(name) if t not in _STOP]
    raw = [t for t in words if t not in data.articles]
    if k != "Organization":
        raw = [t for t in raw if t not in data.titles]
    if k != "Person":  # 'Soldiers of the Caliphate' reads as 'jund khilafa'
        raw = glossary().translate(raw)
    if k == "Organization":
        raw = [t for t in raw if t not in IZAFA]  # Lashkar-e-Tayyiba
    heads = frozenset(data.group_heads[t] for t in raw if t in data.group_heads) if k == "Organization" else frozenset()
    heads -= data.weak_heads
    folded = tuple(f for f in (fold_token(t) for t in raw) if f)
    acronyms: frozenset[str] = frozenset()
    if k == "Organization":
        # initials of the words as written (untranslated), with and without the articles
        bare = [t for t in words if t not in data.articles and t not in IZAFA]
        acronyms = frozenset("".join(t[0] for t in ws) for ws in (words, bare) if len(ws) >= 3)
    return NameForm(name, k, folded, heads, acronyms, is_arabic(name))


def acronym_letters(name: str) -> str:
    """'(AAS-T)' -> 'aast': an acronym's letters, unfolded (AQI is not AQY)."""
    return re.sub("[^a-z]", "", name.lower())


def written_as_acronym(name: str) -> bool:
    """'HUJI', '(AQAP)': one word of capitals."""
    word = name.strip().strip('()"').replace("-", "")
    return 2 <= len(word) <= 8 and word.isalpha() and word.isupper()


def _same_token(a: str, b: str, cross: int = 0) -> bool:
    """Do two folded tokens agree? ``cross``: 1 if ``a`` comes from Arabic script, -1 if ``b``
    does (Arabic writes no short vowels: see ``same_across_scripts``)."""
    if a == b:
        return True
    if cross:
        return same_across_scripts(a, b) if cross > 0 else same_across_scripts(b, a)
    if len(a) == 1 or len(b) == 1:  # an initial: 'Raed M. Hijazi'
        return a[0] == b[0]
    common = common_tokens()
    if a in common or b in common:  # Mahmud is not Muhammad, though their consonants agree
        return False
    sa, sb = skeleton(a), skeleton(b)
    return sa == sb and (len(sa) >= 3 or min(len(a), len(b)) >= 4)


def _covered(small: tuple[str, ...], large: tuple[str, ...], cross: int = 0) -> tuple[int, int]:
    """(tokens of ``small`` found in ``large``, how many of those are distinctive)."""
    common = common_tokens()
    used: set[int] = set()
    hit = distinct = 0
    for t in small:
        for j, u in enumerate(large):
            if j not in used and _same_token(t, u, cross):
                used.add(j)
                hit += 1
                distinct += t not in common and len(t) > 1
                break
    return hit, distinct


def same_entity(a: NameForm, b: NameForm, rare: frozenset[str] = frozenset(), acronyms: bool = True) -> bool:
    """Do two prepared names denote one entity, on their spelling alone?

    ``rare`` holds consonant skeletons of tokens that few names of the list share: one such
    token, with nothing contradicting it, is enough for a two-word person's name.
    ``acronyms=False`` leaves out an acronym's agreement with a spelled-out name (a list
    decides those by itself: 'AAS' may stand for more than one of its groups).
    """
    kinds = {a.kind, b.kind} - {"Unknown"}
    if len(kinds) > 1:
        return False
    if "Organization" in kinds:
        if a.heads and b.heads and a.heads != b.heads:
            return False
        single = [f for f in (a, b) if len(f.toks) == 1]
        if single:
            one, other = (a, b) if len(a.toks) == 1 else (b, a)
            if acronyms and written_as_acronym(one.text) and acronym_letters(one.text) in other.acronyms:
                return True
            if len(other.toks) == 1 and (written_as_acronym(a.text) or written_as_acronym(b.text)):
                # 'AQI' is an acronym, 'Aqi' a nickname; two acronyms agree letter for letter
                return written_as_acronym(a.text) == written_as_acronym(b.text) and \
                    acronym_letters(a.text) == acronym_letters(b.text)
            return a.toks == b.toks
    if (a.arabic or b.arabic) and "Organization" not in kinds:  # Arabic-script people: evidence alone
        return False
    small, large = (a, b) if len(set(a.toks)) <= len(set(b.toks)) else (b, a)
    if not small.toks:
        return False
    if small.toks == large.toks and small.distinctive:
        return True
    cross = 0 if small.arabic == large.arabic else (1 if small.arabic else -1)
    hit, distinct = _covered(small.toks, large.toks, cross)
    n = len(small.toks)
    if "Organization" in kinds:
        # every word of the shorter name found, and the longer adds only generic words:
        # 'Al Haramain Al Masjed Al Aqsa' is the '... Charity Foundation', but 'Ansar
        # al-Sharia' is not 'Ansar al-Sharia in Tunisia'
        generic = generic_words()
        extra = [t for t in large.toks if t not in generic and not any(_same_token(u, t, cross) for u in small.toks)]
        return hit == n and distinct >= 2 and not extra
    if hit == n and (distinct >= 2 or (n >= 3 and distinct >= 1)):
        return True
    if hit == n == 2 and distinct == 1 and any(skeleton(t) in rare for t in small.distinctive):
        return True
    return n >= 3 and hit >= n - 1 and distinct >= 2


def compatible(a: str, b: str, kind: str | None = None) -> bool:
    """May names ``a`` and ``b`` denote the same entity? Never by spelling alone when two
    group names differ in their generic head (Ansar al-Islam / Jaysh al-Islam)."""
    from allegiance.names.evidence import no_list, same_person, units  # it builds on this module

    fa, fb = prepare(a, kind), prepare(b, kind)
    if fa.kind == "Organization" and fa.heads and fb.heads and fa.heads != fb.heads:
        return False
    if same_entity(fa, fb) or fa.toks == fb.toks:
        return True
    people = "Organization" not in (fa.kind, fb.kind)
    return people and same_person(units(fa), units(fb), no_list())
