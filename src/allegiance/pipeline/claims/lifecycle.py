"""Organisation lifecycle claims (founded, dissolved, merged_into, split_from, branch_of,
predecessor_of). Besides the cue rules, ``X's predecessor, Y`` makes Y the predecessor of X
and ``X's successor, Y`` the reverse.
"""

from __future__ import annotations

import re
from dataclasses import replace

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
    for x, y in zip(orgs, orgs[1:]):
        m = _REL_RE.match(view.text[x.end:y.start])
        if not m or x.entity == y.entity:
            continue
        rule = replace(pred_rule, cues=(m.group(1),))
        if m.group(1).lower() == "successor":
            out.append(RawClaim(rule, x, y, x.end, y.start, view))
        else:
            out.append(RawClaim(rule, y, x, x.end, y.start, view))
    # a possessive relational noun is no object of the cue before it ("ties to ISIS' predecessor- ISI")
    return out
