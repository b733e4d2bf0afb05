"""Territory claims (active_in, expanded_into, captured, controls, lost_control_of, located_in).

Besides the cue rules, ``X in Y`` between two place names states that X lies in Y.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from itertools import pairwise

from allegiance.pipeline.claims.engine import RawClaim, applicable, apply_rule
from allegiance.pipeline.claims.rules import Rule, load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.resources import word_list


@cache
def _gaps() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'X (KAZ) in northern Y' and "Y's western X province": the text between two places
    that puts the first inside the second, the other way round for the possessive."""
    mods = "|".join(re.escape(w) for w in sorted(word_list("claims/territory", "place_modifiers"), key=len,
                                                   reverse=True))
    inside = re.compile(rf"\s*(?:\([^()]{{1,40}}\)\s*)?\s+in\s+(?:the\s+)?(?:(?:{mods})\s+)?", re.IGNORECASE)
    owner = re.compile(rf"['’]s?\s+(?:(?:{mods})\s+)?", re.IGNORECASE)
    return inside, owner


@cache
def _located_rule() -> Rule:
    base = load_rules("territory")[0]
    return replace(base, predicate="located_in", subject_types=("Place",), object_types=("Place",),
                   cues=("in",), time="state")


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for rule in applicable(load_rules("territory"), view):
        out.extend(apply_rule(rule, view, found + out))
    places = sorted((r for r in view.refs if r.type == "Place" and r.kind == "name"), key=lambda r: r.start)
    located = _located_rule()
    inside, owner = _gaps()
    # a name's bracketed other name ('the Kurdish Autonomous Zone (KAZ) in northern Iraq') is
    # no place of its own
    places = [r for k, r in enumerate(places) if k == 0 or places[k - 1].entity != r.entity]
    for a, b in pairwise(places):
        if a.entity == b.entity:
            continue
        gap = view.text[a.end:b.start]
        if inside.fullmatch(gap):
            if a.entity in view.countries and b.entity not in view.countries:
                continue  # a country lies in no town or province ('carried out by the United States in Idlib')
            out.append(RawClaim(located, a, b, a.end, b.start, view))
        elif owner.fullmatch(gap) and not (b.entity in view.countries and a.entity not in view.countries):
            out.append(RawClaim(located, b, a, a.end, b.start, view))  # "Iraq's western Anbar province"
    return out
