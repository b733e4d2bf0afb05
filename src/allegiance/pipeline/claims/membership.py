"""Membership claims: rules from resources/cues/claims/membership.yml."""

from __future__ import annotations

import re
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


#: 'head of the media office of X', 'chief of finance of X': a leader's title over a part of
#: the group named by common nouns (and a preposition) before the group's name
_PART_OF_GROUP = re.compile(r"^\s*(?:(?:the|its|a|an)\s+)?((?:[A-Za-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)\s+(?:of|for|in)\s+"
                            r"(?:the\s+)?$")


def _over_a_part(c: RawClaim) -> str | None:
    """The part of the group a leader's title is over, if the text names one between the
    title and the group ('head of the media office of X': 'media office')."""
    if c.object is None or c.object.start <= c.cue_end:
        return None
    m = _PART_OF_GROUP.match(c.sentence.text[c.cue_end:c.object.start])
    return m.group(1) if m else None


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    rules = load_rules("membership")
    member = next(r for r in rules if r.predicate == "member_of")
    mods = _member_modifiers()
    for rule in applicable(rules, view):
        for c in apply_rule(rule, view, found + out):
            if c.rule.predicate == "leader_of" and c.role and any(w.lower() in mods for w in c.role.split()[:-1]):
                c = replace(c, rule=replace(member, cues=c.rule.cues))  # a post inside the group
            elif c.rule.predicate == "leader_of" and (part := _over_a_part(c)) is not None:
                title = c.role or view.text[c.cue_start:c.cue_end].rsplit(None, 1)[0]
                c = replace(c, rule=replace(member, cues=c.rule.cues), role=f"{title} of {part}")
            out.append(c)
    return out
