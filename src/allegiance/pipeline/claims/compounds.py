"""Names joined by a hyphen to a participle (``cues/claims/compounds.yml``).

``Iran-backed Kataib Hezbollah``: cooperated_with(Iran, Kataib Hezbollah); ``X is a
Syria-based group``: active_in(X, Syria); ``IS-held Mosul``: controls(IS, Mosul). The joined
name and the noun the compound describes are read from the parse; the noun stands for a
name when it is one, stands beside one, or is what 'be' says of its subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.model.vocab import vocabulary
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.rules import Rule, state_rule
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping

FINDER = "compounds.v1"
_WHERE = "cues/claims/compounds.yml"


@dataclass(frozen=True)
class Compound:
    predicate: str
    name_is: str  # subject | object: where the joined name stands in the claim
    words: frozenset[str]


@cache
def compounds() -> tuple[Compound, ...]:
    data = load_mapping("cues", "claims", "compounds.yml")
    spec = data.get("compounds")
    if not isinstance(spec, list) or not spec:
        raise DataFileError(f"{_WHERE}: 'compounds' must be a list of entries")
    out: list[Compound] = []
    for entry in spec:
        if not isinstance(entry, dict):
            raise DataFileError(f"{_WHERE}: each compound must be a mapping")
        predicate, side, words = entry.get("predicate"), entry.get("name_is"), entry.get("words")
        if predicate not in vocabulary().predicates:
            raise DataFileError(f"{_WHERE}: unknown predicate {predicate!r}")
        if side not in ("subject", "object"):
            raise DataFileError(f"{_WHERE}: {predicate}: name_is must be subject or object")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise DataFileError(f"{_WHERE}: {predicate}: words must be a list of participles")
        out.append(Compound(str(predicate), str(side), frozenset(w.strip().lower() for w in words)))
    return tuple(out)


def _rule(predicate: str) -> Rule:
    return state_rule(predicate, "compounds", "name-participle")


_JOINED_RE = re.compile(r"-([a-z]+)$")


def _described(view: SentenceView, noun: Any, types: tuple[str, ...]) -> Ref | None:
    """The name the noun a compound describes stands for: the noun's own, the name it stands
    beside ('X, a Turkey-backed faction'), or the subject 'be' says it of ('X is a ... group')."""
    ref = view.ref_for_token(noun, types)
    if ref is not None:
        return ref
    if noun.dep_ == "appos" and noun.head.i != noun.i:
        return view.ref_for_token(noun.head, types)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return view.ref_for_token(subj, types) if subj is not None else None
    return None


def _joined(view: SentenceView) -> list[tuple[Any, Compound, int]]:
    """The tokens of the sentence that join a name to a participle of ``compounds.yml``, with
    the compound and where the participle begins in the token."""
    out = []
    kinds = compounds()
    for tok in view.tokens:
        m = _JOINED_RE.search(tok.text)
        if m is None or m.start() == 0:
            continue
        kind = next((k for k in kinds if m.group(1).lower() in k.words), None)
        if kind is not None:
            out.append((tok, kind, m.start()))
    return out


def joined_names(view: SentenceView) -> frozenset[int]:
    """Where the names joined to a participle begin ('Iran' of 'Iran-backed'): such a name is
    a party only to what its participle says, not to the clause it stands in."""
    return frozenset(tok.idx + view.doc_offset for tok, _, _ in _joined(view))


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for tok, kind, cut in _joined(view):
        if tok.head.i == tok.i or tok.dep_ not in ("amod", "compound", "nmod"):
            continue
        pred = vocabulary().predicates[kind.predicate]
        joined_types, noun_types = ((pred.subject_types, pred.object_types) if kind.name_is == "subject"
                                    else (pred.object_types, pred.subject_types))
        joined = view.ref_for_token(tok, joined_types)
        if joined is None or joined.kind != "name" or joined.end > tok.idx + view.doc_offset + cut:
            continue
        described = _described(view, tok.head, noun_types)
        if described is None or described.entity == joined.entity:
            continue
        if joined.type == "Place" and not pred.place_party(kind.name_is) and joined.entity not in view.countries:
            continue  # a place backs no one unless it is a country, the state acting
        subject, obj = (joined, described) if kind.name_is == "subject" else (described, joined)
        a = tok.idx + view.doc_offset
        out.append(RawClaim(_rule(kind.predicate), subject, obj, a, a + len(tok.text), view))
    return out
