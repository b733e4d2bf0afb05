"""Stance and source: how the text presents a claim, and who says it.

Order of precedence: negated > denied > disputed > alleged > claimed > reported > asserted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.engine import RawClaim
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
    """Entity index of who says it: 'according to X', 'X told me', or the witness."""
    span = attribution(view)
    if span is not None:
        a, b = span
        cue = view.text[a:b].lower()
        people = ("Person", "Organization")
        if cue.startswith("according to") or cue.startswith("in the words of"):
            after = [r for r in view.refs if r.start >= b and r.type in people]
            if after:
                return min(after, key=lambda r: r.start).entity
        before = [r for r in view.refs if r.end <= a and r.start >= view.start and r.type in people]
        if before:
            return max(before, key=lambda r: r.start).entity
    if view.speaker == "witness":
        return view.source
    return None
