"""Membership claims: rules from resources/cues/claims/membership.yml."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from allegiance.pipeline.claims.engine import RawClaim, applicable, apply_rule
from allegiance.pipeline.claims.rules import load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.resources import load_mapping


@cache
def _member_modifiers() -> frozenset[str]:
    words = load_mapping("cues", "claims", "membership.yml").get("member_role_modifiers") or []
    return frozenset(str(w).lower() for w in words)


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    rules = load_rules("membership")
    member = next(r for r in rules if r.predicate == "member_of")
    mods = _member_modifiers()
    for rule in applicable(rules, view):
        for c in apply_rule(rule, view, found + out):
            if c.rule.predicate == "leader_of" and c.role and any(w.lower() in mods for w in c.role.split()[:-1]):
                c = replace(c, rule=replace(member, cues=c.rule.cues))  # a post inside the group
            out.append(c)
    return out
