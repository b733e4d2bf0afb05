"""Violence claims (attacked, killed, arrested): rules from resources/cues/claims/violence.yml.

Besides the cue rules, a group named as the attacker's kind ('a Taliban suicide bomber',
'Boko Haram militants', 'an al-Shabaab car bombing') is taken as the one who attacked.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from allegiance.pipeline.claims import fragments
from allegiance.pipeline.claims.engine import RawClaim, applicable, apply_rule, cue_root
from allegiance.pipeline.claims.rules import Rule, load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping


@cache
def _attacker_nouns() -> re.Pattern[str]:
    words = load_mapping("cues", "claims", "violence.yml").get("attacker_nouns") or []
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"^\s*(?:(?:double|twin|multiple|\d+|suspected|female|male|teenage|armed)\s+){0,3}(?:" + alts + r")\b",
                      re.IGNORECASE)


def _attack_rule() -> Rule:
    base = next(r for r in load_rules("violence") if r.predicate == "attacked")
    return replace(base, cues=("attacker kind",), subject="after", object="none")


def _attacker_kind(view: SentenceView) -> tuple[Ref, int] | None:
    """The first group named as the attacker's kind ('Boko Haram militants') and where the
    kind word ends."""
    nouns = _attacker_nouns()
    for ref in view.refs:
        if ref.type != "Organization" or ref.kind != "name":
            continue
        m = nouns.match(view.text[ref.end:ref.end + 60])
        if m:
            return ref, ref.end + m.end()
    return None


def _agents_not_targets(claims: list[RawClaim]) -> list[RawClaim]:
    """'The bombing was blamed on X', 'attributed the attack to X': X is who attacked. The
    attack noun's agentless reading is dropped: with X as its target it is wrong, with no
    target at all it says nothing that X's claim does not."""
    agents = {c.subject.entity for c in claims if c.rule.predicate == "attacked" and c.subject is not None}
    if not agents:
        return claims
    return [c for c in claims if not (c.rule.predicate == "attacked" and c.subject is None
                                      and (c.object is None or c.object.entity in agents))]


def _about_a_deed(claim: RawClaim) -> bool:
    """Is the claim's cue an accusation or a claim of responsibility ('accused X', 'blamed
    on X', 'X claimed responsibility for'), not a deed?"""
    from allegiance.pipeline.stance import stance_cues  # stance builds on the claim families

    cue = claim.sentence.text[claim.cue_start:claim.cue_end]
    return claim.rule.object == "none" or bool(stance_cues().claimed.search(cue))


def _one_deed(claims: list[RawClaim]) -> list[RawClaim]:
    """'Hezbollah accused X of attacking Kabul', 'X claimed responsibility for attacking the
    police': the accusation (or the claim) and the deed it governs are one attack by X. The
    deed's own claim stays (its object is the deed's); the other is dropped."""
    attacks = [c for c in claims if c.rule.predicate == "attacked" and c.subject is not None]
    drop: set[int] = set()
    for outer in attacks:
        if not _about_a_deed(outer):
            continue
        top = cue_root(outer.sentence, outer.cue_start, outer.cue_end)
        if top is None:
            continue
        for inner in attacks:
            if inner is outer or inner.subject is None or outer.subject is None:
                continue
            if inner.subject.entity != outer.subject.entity or _about_a_deed(inner):
                continue
            deed = cue_root(inner.sentence, inner.cue_start, inner.cue_end)
            if deed is not None and deed.i != top.i and _governs(top, deed):
                drop.add(id(outer))
    return [c for c in claims if id(c) not in drop]


def _governs(top: Any, tok: Any) -> bool:
    """Does ``top`` govern ``tok`` other than through a coordinated clause?"""
    t = tok
    for _ in range(12):
        if t.head.i == t.i:
            return False
        if t.head.i == top.i:
            return bool(t.dep_ != "conj")
        t = t.head
    return False


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for rule in applicable(load_rules("violence"), view):
        out.extend(apply_rule(rule, view, found + out))
    out = _one_deed(_agents_not_targets(out))
    attacks = [c for c in out if c.rule.predicate == "attacked"]
    if any(c.subject is not None for c in attacks):
        return out
    # the setting of an attack report: the context of the rules that name the attacker after
    # their cue ('the gunman', 'militants of'), not of rules narrowed to weapons fired
    context = next((r.context for r in load_rules("violence") if r.context is not None and r.subject == "after"),
                   None)
    if context is not None and not context.search(view.context or view.sent_text):
        return out
    kind = _attacker_kind(view)
    if kind is None:
        return out
    ref, end = kind
    if attacks:
        # 'Kurdistan Workers' Party militants attacked ...' parsed with no named subject: the
        # group named as the attackers' kind, just before the cue, is who attacked
        near = {id(c) for c in attacks if c.cue_start >= end and view.words_between(end, c.cue_start) <= 2}
        return [replace(c, subject=ref) if id(c) in near else c for c in out]
    word = cue_root(view, ref.end, end)
    if word is not None and fragments.unrealised(word):
        return out  # 'If X gunmen attack', 'fears of X attacks'
    out.append(RawClaim(_attack_rule(), ref, None, ref.end, end, view))
    return out
