"""Organisation lifecycle claims (founded, dissolved, merged_into, split_from, branch_of,
predecessor_of). Besides the cue rules, ``X's predecessor, Y`` makes Y the predecessor of X
and ``X's successor, Y`` the reverse, and a merger that makes a group (``as a result of a
merger between X and Y``, ``X merged with Y to form Z``) makes each party merged_into it
(the ``mergers`` of ``resources/cues/claims/lifecycle.yml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from typing import Any

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.engine import RawClaim, applicable, apply_rule, clause_subject, cue_root
from allegiance.pipeline.claims.nearby import after_asides, coordinated, first_after
from allegiance.pipeline.claims.rules import Rule, cue_regex, load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping

_REL_RE = re.compile(r"^[’'`]s?\s+(predecessor|forerunner|successor)\s*[-–—,:]?\s*(?:the\s+)?$", re.IGNORECASE)


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    rules = load_rules("lifecycle")
    for rule in applicable(rules, view):
        out.extend(apply_rule(rule, view, found + out))
    pred_rule = next(r for r in rules if r.predicate == "predecessor_of")
    orgs = sorted((r for r in view.refs if r.type == "Organization"), key=lambda r: r.start)
    for x, y in pairwise(orgs):
        m = _REL_RE.match(view.text[x.end:y.start])
        if not m or x.entity == y.entity:
            continue
        rule = replace(pred_rule, cues=(m.group(1),))
        if m.group(1).lower() == "successor":
            out.append(RawClaim(rule, x, y, x.end, y.start, view))
        else:
            out.append(RawClaim(rule, y, x, x.end, y.start, view))
    # "X is al-Qaeda's affiliate in Syria": the sentence's subject is a branch of the possessor
    branch_rule = next(r for r in rules if r.predicate == "branch_of")
    for y in orgs:
        m = _BRANCH_RE.match(view.text[y.end:y.end + 40])
        if not m or y.kind != "name" or not _COPULA_RE.search(view.text[max(view.start, y.start - 40):y.start]):
            continue
        subj = next((r for r in orgs if r.start < y.start and r.entity != y.entity and r.subject), None)
        if subj is None:
            subj = next((r for r in reversed(orgs) if r.end <= y.start and r.entity != y.entity), None)
        if subj is not None:
            out.append(RawClaim(replace(branch_rule, cues=(m.group(1),)), subj, y, y.end, y.end + m.end(), view))
    return _mergers(view, out, next(r for r in rules if r.predicate == "merged_into"))


_GROUPS = ("Organization",)
_ANY = ("Organization", "Person", "Place")


@dataclass(frozen=True)
class _MergerCues:
    nouns: re.Pattern[str]
    verbs: re.Pattern[str]
    results: re.Pattern[str]


@cache
def _merger_cues() -> _MergerCues:
    spec = load_mapping("cues", "claims", "lifecycle.yml").get("mergers")
    if not isinstance(spec, dict):
        raise DataFileError("cues/claims/lifecycle.yml: 'mergers' must be a mapping")
    lists = {}
    for key in ("nouns", "verbs", "results"):
        v = spec.get(key)
        if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
            raise DataFileError(f"cues/claims/lifecycle.yml: mergers.{key} must be a list of phrases")
        lists[key] = [x.strip() for x in v]
    results = re.compile(r"\s*,?\s*" + cue_regex(lists["results"]).pattern + r"\s", re.IGNORECASE)
    return _MergerCues(cue_regex(lists["nouns"]), cue_regex(lists["verbs"]), results)


#: a phrase of time or place between a merger and its result: 'merged in May 2015 to form Z',
#: 'united in Idlib to create Z'
_SETTING_RE = re.compile(r"\s*,?\s+(?:in|on|during|around|at|by)\s+(?:(?:the|late|early|mid|of)\s+|[A-Z0-9][\w'’.-]*\s*){1,5}")


def _result_after(view: SentenceView, pos: int) -> Ref | None:
    """The group a merger made, named by the result words after ``pos`` ('to form Z')."""
    pos = after_asides(view.text, pos, view.end)
    m = _merger_cues().results.match(view.text, pos, view.end)
    if m is None and (setting := _SETTING_RE.match(view.text, pos, view.end)) is not None:
        m = _merger_cues().results.match(view.text, setting.end(), view.end)
    return first_after(view, m.end() - 1, _GROUPS, limit=3) if m else None


def _governs(top: Any, tok: Any) -> bool:
    t = tok
    for _ in range(12):
        if t.i == top.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _parties(view: SentenceView, first: Ref | None, types: tuple[str, ...] = ("Organization",)) -> list[Ref]:
    if first is None:
        return []
    return [first] if first.kind == "document" else coordinated(view, first, types)


def _mergers(view: SentenceView, out: list[RawClaim], rule: Rule) -> list[RawClaim]:
    """Each party of a merger that made a group is merged_into it, dated as the merger (or the
    founding that it was the way of); 'X merged with Y to form Z' says nothing of X in Y."""
    cues = _merger_cues()
    sent = view.sent_text
    made: list[RawClaim] = []
    replaced: list[set[int]] = []
    for m in cues.nouns.finditer(sent):
        a, b = view.start + m.start(), view.start + m.end()
        if any(r.start <= a < r.end for r in view.refs if r.kind == "name"):
            continue
        # the pair, whatever the kind of its names ('between X and Y'); groups are the parties
        named = _parties(view, first_after(view, b, _ANY, limit=3), _ANY)
        parties = [p for p in named if p.type in _GROUPS]
        if len(named) < 2 or not parties:
            continue
        result, dated = _result_after(view, named[-1].end), None
        root = cue_root(view, a, b)
        if result is None and root is not None:
            founding = next((c for c in out if c.rule.predicate == "founded" and c.object is not None
                             and (top := cue_root(view, c.cue_start, c.cue_end)) is not None
                             and top.i != root.i and _governs(top, root)), None)
            if founding is not None:
                result, dated = founding.object, (founding.cue_start, founding.cue_end)
            else:
                result = clause_subject(view, root, _GROUPS)  # 'Z is the result of a merger of X and Y'
        made.extend(RawClaim(replace(rule, cues=(m.group(0),)), p, result, a, b, view, dated_by=dated)
                    for p in parties if result is not None and p.entity != result.entity)
    for m in cues.verbs.finditer(sent):
        a, b = view.start + m.start(), view.start + m.end()
        root = cue_root(view, a, b)
        if root is None or any(r.start <= a < r.end for r in view.refs if r.kind == "name"):
            continue
        subject = clause_subject(view, root, _GROUPS)
        if subject is None:  # 'X merged with Y to form Z' parsed as X modified by 'merged'
            subject = next((r for r in view.refs if r.type in _GROUPS and r.kind == "name"
                            and not view.text[r.end:a].strip()), None)
        parties = _parties(view, subject)
        with_ = re.match(r"\s+(?:together\s+)?with\s", view.text[b:b + 20])
        partners = _parties(view, first_after(view, b + with_.end() - 1, _GROUPS, limit=3)) if with_ else []
        last = max([b, *(p.end for p in parties + partners if p.kind != "document")])
        result = _result_after(view, last)
        if result is None or not parties + partners:
            continue
        everyone = [p for p in parties + partners if p.entity != result.entity]
        made.extend(RawClaim(replace(rule, cues=(m.group(0),)), p, result, a, b, view) for p in everyone)
        replaced.append({p.entity for p in everyone})
    # 'X merged with Y to form Z': the rule's merged_into(X, Y) is not what the text says
    kept = [c for c in out if not (c.rule.predicate == "merged_into" and c.subject is not None
                                   and c.object is not None and any({c.subject.entity, c.object.entity} <= group
                                                                    for group in replaced))]
    return kept + made


_COPULA_RE = re.compile(r"\b(?:is|was|are|were|becomes?|became|as|remains?|remained)\s+(?:\w+\s+){0,3}$",
                        re.IGNORECASE)
_BRANCH_RE = re.compile(r"^[’'`]s?\s+(?:\w+\s+)?(affiliate|branch|wing|franchise|arm|offshoot|province)\b",
                        re.IGNORECASE)
