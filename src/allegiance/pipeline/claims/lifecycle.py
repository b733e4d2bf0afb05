"""Organisation lifecycle claims (founded, dissolved, merged_into, split_from, branch_of,
predecessor_of). Besides the cue rules, ``X's predecessor, Y`` makes Y the predecessor of X
and ``X's successor, Y`` the reverse.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from allegiance.pipeline.claims.engine import RawClaim, apply_rule
from allegiance.pipeline.claims.rules import load_rules
from allegiance.pipeline.claims.view import SentenceView

_REL_RE = re.compile(r"^[’'`]s?\s+(predecessor|forerunner|successor)\s*[-–—,:]?\s*(?:the\s+)?$", re.IGNORECASE)


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    rules = load_rules("lifecycle")
    for rule in rules:
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
    return out


_COPULA_RE = re.compile(r"\b(?:is|was|are|were|becomes?|became|as|remains?|remained)\s+(?:\w+\s+){0,3}$",
                        re.IGNORECASE)
_BRANCH_RE = re.compile(r"^[’'`]s?\s+(?:\w+\s+)?(affiliate|branch|wing|franchise|arm|offshoot|province)\b",
                        re.IGNORECASE)
