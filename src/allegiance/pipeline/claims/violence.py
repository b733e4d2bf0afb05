"""Violence claims (attacked, killed, arrested): rules from resources/cues/claims/violence.yml.

Besides the cue rules, a group named as the attacker's kind ('a Taliban suicide bomber',
'Boko Haram militants', 'an al-Shabaab car bombing') is taken as the one who attacked.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache


from allegiance.resources import load_mapping
from allegiance.pipeline.claims.engine import RawClaim, apply_rule
from allegiance.pipeline.claims.rules import Rule, load_rules
from allegiance.pipeline.claims.view import SentenceView


@cache
def _attacker_nouns() -> re.Pattern[str]:
    words = load_mapping("cues", "claims", "violence.yml").get("attacker_nouns") or []
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"^\s*(?:(?:double|twin|multiple|\d+|suspected|female|male|teenage|armed)\s+){0,3}(?:" + alts + r")\b",
                      re.IGNORECASE)


def _attack_rule() -> Rule:
    base = next(r for r in load_rules("violence") if r.predicate == "attacked")
    return replace(base, cues=("attacker kind",), subject="after", object="none")


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for rule in load_rules("violence"):
        out.extend(apply_rule(rule, view, found + out))
    if any(c.rule.predicate == "attacked" for c in out):
        return out
    context = next((r.context for r in load_rules("violence") if r.context is not None), None)
    if context is not None and not context.search(view.context or view.sent_text):
        return out
    nouns = _attacker_nouns()
    rule = _attack_rule()
    for ref in view.refs:
        if ref.type != "Organization" or ref.kind != "name":
            continue
        m = nouns.match(view.text[ref.end:ref.end + 60])
        if m:
            out.append(RawClaim(rule, ref, None, ref.end, ref.end + m.end(), view))
            break
    return out
