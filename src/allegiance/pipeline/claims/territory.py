"""Territory claims (active_in, expanded_into, captured, controls, lost_control_of, located_in).

Besides the cue rules, ``X in Y`` between two place names states that X lies in Y.
"""

from __future__ import annotations

import re
from itertools import pairwise

from allegiance.pipeline.claims.engine import RawClaim, apply_rule
from allegiance.pipeline.claims.rules import Rule, load_rules
from allegiance.pipeline.claims.view import SentenceView

_IN_RE = re.compile(r"\s+in\s+(?:the\s+)?")


def _located_rule() -> Rule:
    base = load_rules("territory")[0]
    from dataclasses import replace

    return replace(base, predicate="located_in", subject_types=("Place",), object_types=("Place",),
                   cues=("in",), time="state")


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for rule in load_rules("territory"):
        out.extend(apply_rule(rule, view, found + out))
    places = sorted((r for r in view.refs if r.type == "Place" and r.kind == "name"), key=lambda r: r.start)
    located = _located_rule()
    for a, b in pairwise(places):
        if a.entity != b.entity and _IN_RE.fullmatch(view.text[a.end:b.start]):
            out.append(RawClaim(located, a, b, a.end, b.start, view))
    return out
