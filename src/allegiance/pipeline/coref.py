"""Simple coreference: pronouns and 'this man' / 'the group' point back at a named entity.

Personal pronouns take the nearest preceding person; group words (``the group``, ``it``,
``they``) take the last organisation seen as a grammatical subject, else the nearest one.
The search stays inside one segment chain: a note looks back within the note and then at
the text its marker is attached to; a testimony item looks back over earlier items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.pipeline.resources import word_list

_MAIN_REACH = 200  # how far before the nearest person a main-clause subject still wins
_SENT_END_RE = re.compile(r"[.!?][\"”’)]*\s")


@dataclass(slots=True)
class Ref:
    """An entity reference in the text: a name mention or a resolved pronoun / noun phrase."""

    start: int
    end: int
    entity: int
    type: str
    kind: str  # name | pronoun | np
    token: int  # index of the head token in the spaCy doc
    subject: bool = False
    main: bool = False  # subject of a main clause


def first_person(text: str, ref: Ref) -> bool:
    """Is the reference a witness's 'I' (the witness speaking of themself)? It is a subject by
    the parse alone: no antecedent of 'he', no subject by nearness."""
    return ref.kind == "pronoun" and text[ref.start:ref.end] == "I"


@cache
def _words() -> dict[str, set[str]]:
    return {k: {w.lower() for w in word_list("coref", k)} for k in
            ("person_pronouns", "group_pronouns", "person_nouns", "group_nouns", "demonstratives", "not_groups", "nobody")}


_PARTITIVE = {"most", "many", "some", "all", "part", "parts", "majority", "rest", "remnant", "remnants", "members",
              "branch", "wing", "fighters", "contingent", "much", "none", "one", "several", "leaders", "leadership"}


def is_main_subject(tok: Any) -> bool:
    """Is ``tok`` the subject of a main clause ('He refused...'), not of a subordinate one?"""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return bool(verb.dep_ == "ROOT")


def is_subject(tok: Any) -> bool:
    """Is ``tok`` (part of) a grammatical subject? 'most of X' and 'X's branch' count for X."""
    while tok.head is not tok:
        if tok.dep_ in ("compound", "amod", "poss", "det", "appos", "nmod"):
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _PARTITIVE:
            tok = tok.head.head
        else:
            break
    return bool(tok.dep_ in ("nsubj", "nsubjpass"))


def resolve(doc: Any, name_refs: list[Ref], types: list[str],
            full_text: str | None = None, offset: int = 0) -> list[Ref]:
    """Return references for pronouns and anaphoric noun phrases in ``doc``.

    ``name_refs`` are the references an antecedent may be taken from, with offsets relative
    to ``doc`` (negative for earlier segments); the caller chooses them (the segment chain).
    ``full_text`` and ``offset`` place ``doc`` in the whole text, to see sentence ends.
    """
    w = _words()
    out: list[Ref] = []
    refs = sorted(name_refs, key=lambda r: r.start)
    covered = {(r.start, r.end) for r in refs}

    text, base = (full_text, offset) if full_text is not None else (doc.text, 0)

    def a_group(r: Ref) -> bool:
        """Is the named body one that 'the group' may point back at (not 'the US-led coalition')?"""
        if r.kind != "name" or r.start + base < 0:
            return True
        said = text[r.start + base:r.end + base].split()
        return not said or said[-1].lower() not in w["not_groups"]

    def antecedent(pos: int, want: str, prefer_subject: bool, group_noun: bool = False) -> Ref | None:
        cands = [r for r in refs + out if r.start < pos and r.type == want and (not group_noun or a_group(r))]
        if not cands:
            return None
        cands.sort(key=lambda r: r.start)
        if prefer_subject:
            subj = [r for r in cands if r.subject]
            if subj:
                return subj[-1]
        elif want == "Person":
            # 'He refused to give bay'ah to al-Julani ... arrested him': within one sentence,
            # a main-clause subject outranks a person named after it
            last = cands[-1]
            main = [r for r in cands if r.main and last.start - _MAIN_REACH <= r.start < last.start
                    and r.start + base >= 0
                    and not _SENT_END_RE.search(text[r.end + base:last.start + base])]
            if main and not last.main:
                return main[-1]
        return cands[-1]

    named = {p for r in refs for p in range(max(r.start, 0), r.end)}  # offsets inside a name
    for tok in doc:
        low = tok.lower_
        if tok.idx in named:
            continue
        if tok.pos_ == "PRON" and _bound_by_nobody(tok, w["nobody"]):
            continue
        ref: Ref | None = None
        if low in w["person_pronouns"] and tok.pos_ == "PRON":
            a = antecedent(tok.idx, "Person", False)
            if a:
                ref = Ref(tok.idx, tok.idx + len(tok), a.entity, "Person", "pronoun", tok.i,
                          is_subject(tok), is_main_subject(tok))
        elif low in w["group_pronouns"] and tok.pos_ == "PRON":
            a = antecedent(tok.idx, "Organization", low in ("it", "its", "itself"))
            if a:
                ref = Ref(tok.idx, tok.idx + len(tok), a.entity, "Organization", "pronoun", tok.i,
                          is_subject(tok))
        elif _AGED_RE.fullmatch(low) and tok.i > 0 and doc[tok.i - 1].lower_ == "the" and tok.dep_ in ("nsubj", "nsubjpass"):
            # 'The 52-year-old headed the council': the person the text is about
            a = antecedent(tok.idx, "Person", False)
            if a:
                ref = Ref(doc[tok.i - 1].idx, tok.idx + len(tok), a.entity, "Person", "np", tok.i, True,
                          is_main_subject(tok))
        elif tok.pos_ in ("NOUN", "PROPN") and (low in w["group_nouns"] or low in w["person_nouns"]):
            det = _determiner(doc, tok, w["demonstratives"], refs)
            if det is None:
                continue
            # 'the group', 'this man', 'the Syrian branch', 'the parent branch'
            if low in w["person_nouns"] and det.lower_ in ("this", "that", "said"):
                want = "Person"
            elif low in w["group_nouns"]:
                want = "Organization"
            else:
                continue
            a = antecedent(det.idx, want, want == "Organization", group_noun=want == "Organization")
            if a and (det.idx, tok.idx + len(tok)) not in covered:
                ref = Ref(det.idx, tok.idx + len(tok), a.entity, want, "np", tok.i, is_subject(tok),
                          is_main_subject(tok))
        if ref:
            out.append(ref)
    return out


#: an age standing for a person: 'the 52-year-old'
_AGED_RE = re.compile(r"\d{1,3}-year-old")


def _bound_by_nobody(tok: Any, nobody: set[str]) -> bool:
    """Is the pronoun inside a clause that a verb with a subject naming no one governs ('No-one
    has said they carried it out', 'No group said it was behind the attack')? It is bound to
    that subject and points back at no entity."""
    head = tok.head
    for _ in range(6):
        if head.dep_ in ("ccomp", "xcomp", "advcl") and head.head is not head:
            governor = head.head
            for s in (c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")):
                if s.lower_ in nobody or any(c.dep_ == "det" and c.lower_ == "no" for c in s.children):
                    return True
        if head.head is head:
            return False
        head = head.head
    return False


def _determiner(doc: Any, tok: Any, dets: set[str], refs: list[Ref]) -> Any:
    """The demonstrative opening the noun phrase of ``tok``, over at most two modifiers."""
    for j in range(tok.i - 1, max(-1, tok.i - 4), -1):
        t = doc[j]
        if any(r.start <= t.idx < r.end for r in refs):
            return None
        if t.lower_ in dets:
            return t
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV") or t.is_punct:
            return None
    return None
