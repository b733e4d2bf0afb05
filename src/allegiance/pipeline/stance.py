"""Stance and source: how the text presents a claim, and who says it.

Order of precedence: negated > denied > disputed > alleged > claimed > reported > asserted.

Most cues are scoped by distance: they work on a claim whose cue follows them closely. Verbs
and nouns of belief ('the police believe', 'accused X of', 'is thought to') are scoped by the
parse: they hedge the claims in the clause they govern, and their subject, when it names a
person or group, is the source of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.engine import RawClaim, cue_root
from allegiance.pipeline.claims.rules import cue_regex
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.resources import load_cues

PRECEDENCE = ["negated", "denied", "disputed", "alleged", "claimed", "reported", "asserted"]
_CLAUSE_BREAK_RE = re.compile(r"[;:]|,\s+(?:but|yet|and|while|although|though|as)\b|\s(?:but|yet)\s|\.\s")


@dataclass(frozen=True)
class _Windowed:
    pattern: re.Pattern[str]
    window: int


@dataclass(frozen=True)
class _Belief:
    lemma: str
    governs: str | None = None  # a word the verb must govern ('hold responsible')


@dataclass(frozen=True)
class StanceCues:
    negation: tuple[_Windowed, ...]
    negation_exceptions: re.Pattern[str]
    negative_cues: re.Pattern[str]
    hedge: tuple[_Windowed, ...]
    irrealis: tuple[_Windowed, ...]
    dispute: re.Pattern[str]
    contrast: re.Pattern[str]
    denial: re.Pattern[str]
    declaration: re.Pattern[str]
    claimed: re.Pattern[str]
    reported: re.Pattern[str]
    belief_verbs: tuple[_Belief, ...] = ()
    belief_nouns: frozenset[str] = frozenset()
    belief_out_of_scope: frozenset[str] = frozenset()
    author_subjects: frozenset[str] = frozenset()
    author_forms: frozenset[str] = frozenset()


def _windowed(items: object, key: str) -> tuple[_Windowed, ...]:
    if not isinstance(items, list):
        raise DataFileError(f"cues/stance.yml: {key!r} must be a list")
    out = []
    for it in items:
        if not isinstance(it, dict) or not isinstance(it.get("cue"), str):
            raise DataFileError(f"cues/stance.yml: {key}: each entry needs a 'cue'")
        out.append(_Windowed(cue_regex([it["cue"]]), int(it.get("window", 5))))
    return tuple(out)


def _phrases(data: dict[str, object], key: str) -> re.Pattern[str]:
    v = data.get(key)
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise DataFileError(f"cues/stance.yml: {key!r} must be a list of strings")
    return cue_regex(v)


def _words(data: dict[str, object], key: str) -> tuple[str, ...]:
    v = data.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise DataFileError(f"cues/stance.yml: {key!r} must be a list of words")
    return tuple(x.strip().lower() for x in v)


def _beliefs(data: dict[str, object]) -> tuple[_Belief, ...]:
    out = []
    for entry in _words(data, "belief_verbs"):
        parts = entry.split()
        if len(parts) > 2:
            raise DataFileError(f"cues/stance.yml: belief_verbs: {entry!r}: a verb, or a verb and one word")
        out.append(_Belief(parts[0], parts[1] if len(parts) == 2 else None))
    return tuple(out)


@cache
def stance_cues() -> StanceCues:
    d = load_cues("stance")
    return StanceCues(
        negation=_windowed(d.get("negation"), "negation"),
        negation_exceptions=_phrases(d, "negation_exceptions"),
        negative_cues=_phrases(d, "negative_cues"),
        hedge=_windowed(d.get("hedge"), "hedge"),
        irrealis=_windowed(d.get("irrealis"), "irrealis"),
        dispute=_phrases(d, "dispute"),
        contrast=re.compile(r"^\W*(?:" + "|".join(re.escape(w) for w in d["contrast_openers"]) + r")\b",
                            re.IGNORECASE),
        denial=_phrases(d, "denial"),
        declaration=_phrases(d, "declaration"),
        claimed=_phrases(d, "claimed"),
        reported=_phrases(d, "reported"),
        belief_verbs=_beliefs(d),
        belief_nouns=frozenset(_words(d, "belief_nouns")),
        belief_out_of_scope=frozenset(_words(d, "belief_out_of_scope")),
        author_subjects=frozenset(_words(d, "author_subjects")),
        author_forms=frozenset(_words(d, "author_forms")),
    )


def _before(view: SentenceView, cues: tuple[_Windowed, ...], pos: int,
            exceptions: re.Pattern[str] | None = None) -> bool:
    sent = view.sent_text
    excluded = [(m.start(), m.end()) for m in exceptions.finditer(sent)] if exceptions else []
    for w in cues:
        for m in w.pattern.finditer(sent):
            a, b = view.start + m.start(), view.start + m.end()
            if a == pos:  # the claim's own cue is the hedge ('blamed X for')
                return True
            if b > pos or view.words_between(b, pos) > w.window:
                continue
            if any(x <= m.start() < y for x, y in excluded):
                continue
            if _CLAUSE_BREAK_RE.search(view.text[b:pos]):
                continue
            return True
    return False


def _is_belief_verb(tok: Any) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    for b in stance_cues().belief_verbs:
        if b.lemma == lemma and (b.governs is None or any(
                t.lower_ == b.governs for t in tok.subtree if t.i != tok.i)):
            return True
    return False


def _authors_view(verb: Any, view: SentenceView) -> bool:
    """Is the believer the author ('I believe', 'we suspect'), not someone the text names?"""
    if view.speaker == "witness":
        return False  # a witness's 'I' is not the author
    cues = stance_cues()
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.lower_ in cues.author_forms:
        return True  # 'Considering that Mosul fell ...'
    return any(c.dep_ == "nsubj" and c.lower_ in cues.author_subjects for c in subjects)


def believing(claim: RawClaim) -> Any | None:
    """The belief verb or noun whose scope holds the claim, or None.

    In scope: the claim's own cue is a belief verb ('is blamed', 'suspect'), or its cue hangs
    from one through its complement ('the police believe [X was responsible]', 'accused X [of
    attacking]', 'X is thought [to have attacked]'), not through its subject or a coordinated
    clause. A belief the author holds ('I believe') hedges nothing here.
    """
    view = claim.sentence
    cues = stance_cues()
    for tok in view.tokens_in(claim.cue_start, claim.cue_end):
        if _is_belief_verb(tok):
            return None if _authors_view(tok, view) else tok
    tok = cue_root(view, claim.cue_start, claim.cue_end)
    if tok is None:
        return None
    for _ in range(12):
        head = tok.head
        if head.i == tok.i or head.idx + view.doc_offset < view.start:
            return None
        if tok.dep_ not in cues.belief_out_of_scope:
            if _is_belief_verb(head):
                return None if _authors_view(head, view) else head
            if head.pos_ == "NOUN" and head.lemma_.lower() in cues.belief_nouns and (
                    tok.dep_ in ("acl", "ccomp", "prep")
                    or tok.dep_ == "relcl" and any(c.dep_ == "mark" for c in tok.children)):
                return head  # 'accusations that X attacked', 'suspicions of X attacking'
        tok = head
    return None


def believer(view: SentenceView) -> int | None:
    """Entity index of who holds the belief the sentence states ('Hezbollah accused X of').

    Only a belief verb that is the sentence's main verb, with a subject that names a person or
    group (the subject itself, or the name it is made of: 'Hezbollah officials').
    """
    for tok in view.tokens_in(view.start, view.end):
        if tok.dep_ != "ROOT" or not _is_belief_verb(tok) or _authors_view(tok, view):
            continue
        if any(c.dep_ == "auxpass" for c in tok.children):
            continue
        for subj in (c for c in tok.children if c.dep_ == "nsubj"):
            for t in [subj, *(c for c in subj.children if c.dep_ in ("compound", "appos"))]:
                r = view.ref_for_token(t, ("Person", "Organization"))
                if r is not None:
                    return r.entity
    return None


def is_irrealis(claim: RawClaim) -> bool:
    """A wish, plan or attempt ('calling for permission to pledge'): no claim at all."""
    return _before(claim.sentence, stance_cues().irrealis, claim.cue_start)


def is_declared(claim: RawClaim) -> bool:
    """Does a declaration cue ('declaring the dissolution of') introduce the claim?"""
    view = claim.sentence
    cues = stance_cues()
    for m in cues.declaration.finditer(view.sent_text):
        b = view.start + m.end()
        if b <= claim.cue_start and view.words_between(b, claim.cue_start) <= 4:
            return True
    return False


def decide(claim: RawClaim, previous: SentenceView | None, following: SentenceView | None) -> str:
    """The stance of ``claim`` from cues in its sentence and, for declarations, the next one."""
    view = claim.sentence
    cues = stance_cues()
    sent = view.sent_text
    cue_text = view.text[claim.cue_start:claim.cue_end]
    if not cues.negative_cues.fullmatch(cue_text) and _before(
            view, cues.negation, claim.cue_start, cues.negation_exceptions):
        return "negated"
    if cues.denial.search(sent) and _before(view, (_Windowed(cues.denial, 10),), claim.cue_start):
        return "denied"
    if cues.dispute.search(sent):
        return "disputed"
    declared = is_declared(claim)
    if declared and following is not None and cues.contrast.search(following.sent_text):
        if cues.dispute.search(following.sent_text):
            return "disputed"
        if cues.denial.search(following.sent_text):
            return "denied"
    if declared and following is not None and cues.denial.search(following.sent_text) and re.search(
            r"\b(?:this|that|it|the claim|the statement)\s+(?:was|were|has been|is)\s+", following.sent_text,
            re.IGNORECASE):
        return "denied"
    if _before(view, cues.hedge, claim.cue_start):
        return "alleged"
    if believing(claim) is not None:
        return "alleged"
    if claim.rule.family == "violence" and cues.claimed.search(sent):
        return "claimed"
    if declared:
        return "claimed"
    if view.speaker == "witness" or attribution(view) is not None:
        return "reported"
    return "asserted"


def attribution(view: SentenceView) -> tuple[int, int] | None:
    """The span of a reporting cue ('according to', 'told me', 'said') in the sentence."""
    m = stance_cues().reported.search(view.sent_text)
    if not m:
        return None
    return view.start + m.start(), view.start + m.end()


def source_of(view: SentenceView) -> int | None:
    """Entity index of who says it: 'according to X', 'X told me', the witness, or who holds
    the belief the sentence states ('Hezbollah accused X of')."""
    span = attribution(view)
    if span is not None:
        a, b = span
        cue = view.text[a:b].lower()
        people = ("Person", "Organization")
        if cue.startswith(("according to", "in the words of")):
            after = [r for r in view.refs if r.start >= b and r.type in people]
            if after:
                return min(after, key=lambda r: r.start).entity
        before = [r for r in view.refs if r.end <= a and r.start >= view.start and r.type in people]
        if before:
            return max(before, key=lambda r: r.start).entity
    if view.speaker == "witness":
        return view.source
    return believer(view)
