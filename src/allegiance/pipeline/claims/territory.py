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
def _setting_re() -> re.Pattern[str]:
    """What stands just before the place a deed happened in: 'in', 'near', 'across' ... and
    the modifiers of places ('in northern Hama', 'near the town of')."""
    mods = "|".join(re.escape(w) for w in sorted(word_list("claims/territory", "place_modifiers"), key=len,
                                                   reverse=True))
    kinds = "|".join(re.escape(w) for w in sorted(word_list("claims/territory", "place_kinds"), key=len,
                                                    reverse=True))
    return re.compile(rf"\b(?:in|near|around|across|throughout|outside|inside)\s+(?:the\s+)?(?:(?:{mods})\s+)?"
                      rf"(?:(?:{kinds})\s+of\s+)?$", re.IGNORECASE)


@cache
def _setting_rule() -> Rule:
    base = load_rules("territory")[0]
    return replace(base, cues=("deed setting",), time="event")


#: deeds whose doer was where they happened
_DEEDS = frozenset({"attacked", "killed", "captured"})


def _settings(view: SentenceView, found: list[RawClaim], out: list[RawClaim]) -> list[RawClaim]:
    """'X attacked a checkpoint in Hama in 2015': X was active in Hama at that time. The
    group that did a deed was where it did it: the place after 'in', 'near' ... past the
    deed's cue in its sentence, not the deed's own target."""
    deeds = [c for c in found if c.sentence is view and c.rule.predicate in _DEEDS and c.subject is not None
             and c.subject.type == "Organization"]
    if not deeds:
        return []
    have = {(c.subject.entity, c.object.entity) for c in found + out
            if c.rule.predicate == "active_in" and c.subject is not None and c.object is not None}
    setting = _setting_re()
    places = [r for r in view.refs if r.type == "Place" and r.kind == "name"]
    res: list[RawClaim] = []
    for deed in deeds:
        assert deed.subject is not None
        for place in places:
            if place.start < deed.cue_end or (deed.object is not None and deed.object.entity == place.entity):
                continue
            if not setting.search(view.text, max(view.start, place.start - 40), place.start):
                continue
            key = (deed.subject.entity, place.entity)
            if key not in have:
                have.add(key)
                res.append(RawClaim(_setting_rule(), deed.subject, place, deed.cue_start, deed.cue_end, view))
            break  # the first place is where it happened; the next ones hold it ('in Saraqib, in Idlib')
    return res


@cache
def _located_rule() -> Rule:
    base = load_rules("territory")[0]
    return replace(base, predicate="located_in", subject_types=("Place",), object_types=("Place",),
                   cues=("in",), time="state")


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for rule in applicable(load_rules("territory"), view):
        out.extend(apply_rule(rule, view, found + out))
    out.extend(_settings(view, found, out))
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
