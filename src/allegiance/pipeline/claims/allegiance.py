"""Allegiance claims (pledged_allegiance, defected_from): rules from
resources/cues/claims/allegiance.yml, and repeated waves of the same defections."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from allegiance.pipeline.claims.engine import RawClaim, applicable, apply_rule
from allegiance.pipeline.claims.rules import load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.resources import load_mapping


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for rule in applicable(load_rules("allegiance"), view):
        out.extend(apply_rule(rule, view, found + out))
    return out


@cache
def _repeats() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    spec = load_mapping("cues", "claims", "allegiance.yml").get("repeats") or {}
    ords = "|".join(re.escape(w) for w in spec.get("ordinals", []))
    nouns = "|".join(re.escape(w) for w in spec.get("nouns", []))
    anaphor = re.compile(rf"\b(?:the|a|an)\s+(?:{ords})\s+(?:\w+\s+)?(?:{nouns})\b", re.IGNORECASE)
    antecedent = re.compile(rf"\b(?:{nouns})\b", re.IGNORECASE)
    return anaphor, antecedent, frozenset(spec.get("predicates", []))


def repeated(views: list[SentenceView], claims: list[tuple[RawClaim, int]]) -> list[tuple[RawClaim, int]]:
    """'The second advertised wave was at the end of August 2014' after 'the first wave of
    defections from X': the same defections again, with the new sentence as evidence."""
    anaphor, antecedent, predicates = _repeats()
    out: list[tuple[RawClaim, int]] = []
    for k, view in enumerate(views):
        m = anaphor.search(view.sent_text)
        if not m:
            continue
        # a wave is collective: only a group's defections or pledges come again
        earlier = [(c, j) for c, j in claims if k - 2 <= j < k and c.rule.predicate in predicates
                   and c.subject is not None and c.subject.type == "Organization"
                   and antecedent.search(c.sentence.sent_text)]
        if not earlier:
            continue
        seen = set()
        for c, j in earlier:
            key = (c.rule.predicate, c.subject.entity if c.subject else None, c.object.entity if c.object else None)
            if key in seen:
                continue
            seen.add(key)
            a = view.start + m.start()
            out.append((replace(c, sentence=view, cue_start=a, cue_end=view.start + m.end(), role=None), k))
    return out
