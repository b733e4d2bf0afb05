"""Joined subjects of a verb of what they did to each other (``cues/claims/mutual.yml``).

``A and B clashed in 2016``: hostile_to(A, B); ``A, B and C joined forces``: cooperated_with
between each pair. The parties are the verb's subject and the names joined to it; a verb
whose object or 'with' phrase names another party says nothing of them to each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

from allegiance.errors import DataFileError
from allegiance.model.vocab import vocabulary
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.nearby import coordinated
from allegiance.pipeline.claims.rules import Rule, state_rule
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping

FINDER = "mutual.v1"
_WHERE = "cues/claims/mutual.yml"
#: the parties a verb joins at most (a longer list is read as no claim between each pair)
_MAX_PARTIES = 4
#: the prepositions whose object is another party of the verb ('clashed with C')
_PARTY_PREPS = frozenset({"with", "against", "alongside"})


@dataclass(frozen=True)
class Mutual:
    predicate: str
    verbs: frozenset[str]
    #: the objects the verb needs, or empty: it needs none
    objects: frozenset[str]


def _words(entry: dict[str, Any], key: str, predicate: object) -> frozenset[str]:
    words = entry.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataFileError(f"{_WHERE}: {predicate}: {key} must be a list of words")
    return frozenset(w.strip().lower() for w in words)


@cache
def mutuals() -> tuple[Mutual, ...]:
    spec = load_mapping("cues", "claims", "mutual.yml").get("mutual")
    if not isinstance(spec, list) or not spec:
        raise DataFileError(f"{_WHERE}: 'mutual' must be a list of entries")
    out: list[Mutual] = []
    for entry in spec:
        if not isinstance(entry, dict):
            raise DataFileError(f"{_WHERE}: each entry must be a mapping")
        predicate = entry.get("predicate")
        if predicate not in vocabulary().predicates:
            raise DataFileError(f"{_WHERE}: unknown predicate {predicate!r}")
        verbs = _words(entry, "verbs", predicate)
        if not verbs:
            raise DataFileError(f"{_WHERE}: {predicate}: verbs must not be empty")
        out.append(Mutual(str(predicate), verbs, _words(entry, "objects", predicate)))
    return tuple(out)


def _rule(predicate: str) -> Rule:
    return state_rule(predicate, "mutual", "joined subjects")


def _said(tok: Any) -> tuple[str, str]:
    """An object as its lemma and as its words ('each other')."""
    return tok.lemma_.lower(), " ".join(t.lower_ for t in tok.subtree)


def _objects(verb: Any) -> list[Any]:
    """The verb's objects, and the objects of its 'with'/'against' phrases."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _PARTY_PREPS):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


@cache
def _verbs() -> frozenset[str]:
    return frozenset(v for kind in mutuals() for v in kind.verbs)


def _kind(verb: Any) -> Mutual | None:
    if verb.lemma_.lower() not in _verbs():
        return None
    objects = [_said(o) for o in _objects(verb)]
    for kind in mutuals():
        if verb.lemma_.lower() not in kind.verbs:
            continue
        if kind.objects and any(lemma in kind.objects or words in kind.objects for lemma, words in objects):
            return kind
        if not kind.objects and not objects:
            return kind
    return None


_BEFORE_GAP_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _joined_with(view: SentenceView, first: Ref, types: tuple[str, ...]) -> list[Ref]:
    """The names coordinated with ``first``, in order, those the text lists before it too
    ('A, B and C formed ...' with B parsed as the subject)."""
    ordered = sorted((r for r in view.refs if view.start <= r.start < first.start and r.type in types),
                     key=lambda r: r.start)
    before: list[Ref] = []
    nxt = first
    for r in reversed(ordered):
        if r.end > nxt.start or not _BEFORE_GAP_RE.fullmatch(view.text, r.end, nxt.start):
            break
        before.insert(0, r)
        nxt = r
    return [*before, *coordinated(view, first, types)]


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for verb in view.tokens:
        if verb.pos_ not in ("VERB", "AUX") or (kind := _kind(verb)) is None:
            continue
        pred = vocabulary().predicates[kind.predicate]
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        first = view.ref_for_token(subj, pred.subject_types) if subj is not None else None
        if first is None or first.kind != "name":
            continue
        a = verb.idx + view.doc_offset
        # the names joined to the subject, before it too where the parse took a later one
        # for the subject ('A, B and C formed an alliance' read with B as the subject)
        parties = [p for p in _joined_with(view, first, pred.subject_types) if p.end <= a]
        if not 2 <= len(parties) <= _MAX_PARTIES:
            continue
        rule = _rule(kind.predicate)
        out.extend(RawClaim(rule, x, y, a, a + len(verb.text), view) for x, y in combinations(parties, 2))
    return out
