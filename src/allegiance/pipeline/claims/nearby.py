"""Names near a claim's cue: the first after it, the nearest before it, the names joined
to one ('X, Y and Z'), and the tests that keep a name out (it opens another clause, it sits
in the phrase of another word)."""

from __future__ import annotations

import re
from typing import Any

from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref, first_person

_MAX_GAP_WORDS = 6
_COORD_RE = re.compile(r"(?:\s*(?:,|and|&|or|/|as well as)\s*)+(?:both\s+|the\s+)?", re.IGNORECASE)
_RELATIONAL_RE = re.compile(r"[’'`]s?\s+(?:predecessor|successor|forerunner)\b", re.IGNORECASE)
#: "Islamic State affiliated Jamaah Ansharut Daulah": the name after the qualifier is meant
_QUALIFIER_RE = re.compile(r"\s*[-‑]?\s*(?:affiliated|linked|backed|aligned|inspired|allied)\s+(?:group\s+)?(?=[A-Z])")
#: where one clause ends and the next begins: a name after it belongs to the next clause
#: ('X claimed the attack, but officials believe Y ...': Y was not attacked; 'X claimed the
#: bombing, which killed Y': Y was killed, by the bombing, not claimed)
_CLAUSE_END_RE = re.compile(r";|,\s+(?:but|yet|and|while|whereas|although|though|which|who|whom)\b"
                            r"|\s(?:but|yet|whereas)\s", re.IGNORECASE)
_POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}
_POSSESSOR_RE = re.compile(r"['’]s? ")


def first_after(view: SentenceView, pos: int, types: tuple[str, ...], limit: int = _MAX_GAP_WORDS,
                 exclude: Ref | None = None, skip_possessives: bool = False) -> Ref | None:
    for r in sorted(view.refs, key=lambda r: r.start):
        if r.start < pos or r.end > view.end:
            continue
        if skip_possessives and r.kind == "pronoun" and view.text[r.start:r.end].lower() in _POSSESSIVE_PRONOUNS:
            continue  # 'seized the depots of his brigade': he is not what was seized
        if view.words_between(pos, r.start) > limit or _CLAUSE_END_RE.search(view.text[pos:r.start]):
            return None
        if _RELATIONAL_RE.match(view.text[r.end:r.end + 30]) or _QUALIFIER_RE.match(view.text[r.end:r.end + 30]):
            pos = r.end  # "ISIS' predecessor- ISI": the name after the relational noun is meant
            continue
        owner = _POSSESSOR_RE.match(view.text[r.end:r.end + 3])
        if owner and any(o.start == r.end + owner.end() and o.type in types and o.end <= view.end
                         for o in view.refs):
            pos = r.end  # "trained by Iran's Quds Force": the force, named right after its owner
            continue
        if r.type in types and (exclude is None or r.entity != exclude.entity):
            return r
    return None


def nearest_before(view: SentenceView, pos: int, types: tuple[str, ...],
                    exclude: Ref | None = None, root: Any | None = None) -> Ref | None:
    """The nearest name before ``pos``; with the cue's token ``root``, not one inside the
    phrase of a word the cue hangs from ('Senior member of [X] and member of Y': X is where
    the first membership is, not who the second is of)."""
    governing = _governing(root) if root is not None else set()
    best = None
    for r in view.refs:
        if r.end <= pos and r.start >= view.start and r.type in types:
            if exclude is not None and r.entity == exclude.entity:
                continue
            if first_person(view.text, r):
                continue  # a witness's 'I' is a subject by the parse alone, not by nearness
            between = view.text[r.end:pos]
            if between.count(")") > between.count("("):
                continue  # '(no affiliation to the Palestinian Hamas) was ...': an aside
            if governing and _embedded(view, r, governing):
                continue
            if best is None or r.start > best.start:
                best = r
    return best


def _governing(root: Any) -> set[int]:
    """The words the cue's word is coordinated with ('Senior member of X and member of Y')."""
    out: set[int] = set()
    t = root
    for _ in range(12):
        if t.dep_ != "conj" or t.head.i == t.i:
            break
        t = t.head
        out.add(t.i)
    return out


def _embedded(view: SentenceView, ref: Ref, governing: set[int]) -> bool:
    """Is ``ref`` the object of a preposition (or a verb) that hangs from a governing token?"""
    toks = list(view.tokens_in(ref.start, ref.end))
    if not toks:
        return False
    inside = {x.i for x in toks}
    t = next((x for x in toks if x.head.i not in inside or x.head.i == x.i), toks[0])
    through_object = False
    for _ in range(12):
        if t.head.i == t.i:
            return False
        if t.dep_ in ("pobj", "dobj"):
            through_object = True
        elif t.dep_ not in ("compound", "appos", "conj", "cc", "prep", "flat", "nmod", "amod", "det"):
            return False
        t = t.head
        if t.i in governing:
            return through_object
    return False


def in_other_clause(view: SentenceView, ref: Ref, a: int, b: int) -> bool:
    """Does the name after the cue hang from it through a clause that modifies something
    else ('leader of an armed group linked to X', 'attacked a convoy carrying X')? Then it
    is that clause's, not the cue's object."""
    cue = {t.i for t in view.tokens_in(a, b)}
    toks = list(view.tokens_in(ref.start, ref.end))
    if not cue or not toks:
        return False
    t = toks[-1]
    crossed = False
    for _ in range(12):
        if t.i in cue:
            return crossed
        if t.dep_ in ("acl", "relcl") and t.head.i not in cue:
            crossed = True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def coordinated(view: SentenceView, first: Ref, types: tuple[str, ...] | None = None) -> list[Ref]:
    """``Ninawa and Kirkuk``, ``Raqqa, Hasakah and Aleppo``: the names joined to ``first``;
    of its type, or with ``types`` of any of them. A bracket after a name is an aside
    (``Al-Qaida (QDe.004) and X``, ``the Organization of X (AQIM), Y``)."""
    out = [first]
    cur = first
    ordered = sorted(view.refs, key=lambda r: r.start)
    while True:
        pos = after_asides(view.text, cur.end, view.end)
        if view.text[pos:pos + 1] == ")" and view.text.rfind("(", view.start, cur.start) > view.text.rfind(
                ")", view.start, cur.start):
            pos += 1  # 'X (PUK) and Y': from the bracketed name, past its bracket
        nxt = next((r for r in ordered if r.start >= pos and r.end <= view.end and r.entity != cur.entity), None)
        if nxt is None or (nxt.type != first.type if types is None else nxt.type not in types):
            break
        gap = view.text[pos:nxt.start]
        gap = re.sub(r"^\s*(?:governorates?|provinces?|cities|districts?|areas?)\b", "", gap)
        if not _COORD_RE.fullmatch(gap):
            break
        if nxt.type != cur.type and not _CONJUNCTION_RE.search(gap):
            break  # 'a cathedral, Makassar, Sulawesi': a comma alone joins names of one kind
        if any(t.dep_ in ("nsubj", "nsubjpass") for t in view.tokens_in(nxt.start, nxt.end)):
            break  # 'attacked Kabul, and Hezbollah accused ...': the subject of a clause of its own
        out.append(nxt)
        cur = nxt
    return out


def joined_before(view: SentenceView, last: Ref, types: tuple[str, ...]) -> list[Ref]:
    """The names coordinated with ``last`` that come before it (``PUK and US [military
    operations]``), with ``last``, in order."""
    for r in sorted(view.refs, key=lambda r: r.start):
        if r.start >= last.start or r.start < view.start or r.type not in types:
            continue
        chain = coordinated(view, r, types)
        if chain[-1].start == last.start and len(chain) > 1:
            return chain
    return [last]


_CONJUNCTION_RE = re.compile(r"\b(?:and|or|as well as)\b|&", re.IGNORECASE)
_ASIDE_RE = re.compile(r"\s*\([^()]{1,60}\)")


def after_asides(text: str, pos: int, end: int) -> int:
    """Past the brackets just after ``pos``: 'Al-Qaida (QDe.004) (AQ)' -> after the last."""
    while True:
        m = _ASIDE_RE.match(text, pos, end)
        if not m:
            return pos
        pos = m.end()


__all__ = ["after_asides", "coordinated", "first_after", "in_other_clause", "nearest_before"]
