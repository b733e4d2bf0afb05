"""Relations claims: rules from resources/cues/claims/relations.yml."""

from __future__ import annotations

from allegiance.pipeline.claims.engine import RawClaim, applicable, apply_rule
from allegiance.pipeline.claims.rules import load_rules
from allegiance.pipeline.claims.view import SentenceView


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for rule in applicable(load_rules("relations"), view):
        out.extend(apply_rule(rule, view, found + out))
    return out
