"""Deeds named by nouns, and agents in the 'by' phrase of an event (``cues/claims/deeds.yml``).

``the killings of A by X``: killed(X, A); ``the execution of Z``: killed(unknown, Z); ``Z was
killed in an ambush carried out by X``: killed(X, Z). The victims may be unnamed ('both his
father and two brothers'): the claim then has no object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.engine import RawClaim, cue_root
from allegiance.pipeline.claims.rules import Rule, cue_regex, load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping

FINDER = "deeds.v3"
_WHERE = "cues/claims/deeds.yml"
_AGENTS = ("Organization", "Person")


@dataclass(frozen=True)
class DeedCues:
    nouns: dict[str, str]  # noun -> predicate
    by_event: re.Pattern[str]  # 'in an ambush carried out by'
    possessed: dict[str, str]  # noun -> founded | dissolved, with the group as possessor
    #: verbs whose subject suffers the event they happened in ('X died in an attack by Y')
    victim_verbs: re.Pattern[str] | None = None
    victim_words: frozenset[str] = frozenset()


@cache
def deed_cues() -> DeedCues:
    data = load_mapping("cues", "claims", "deeds.yml")
    nouns: dict[str, str] = {}
    spec = data.get("nouns")
    if not isinstance(spec, dict):
        raise DataFileError(f"{_WHERE}: 'nouns' must map predicates to nouns")
    for predicate, words in spec.items():
        if predicate not in ("killed", "arrested") or not isinstance(words, list):
            raise DataFileError(f"{_WHERE}: nouns: {predicate!r} must be killed or arrested, with a list")
        for w in words:
            nouns[str(w).lower()] = predicate
    lists = {}
    for key in ("events", "agent_verbs", "victim_verbs"):
        v = data.get(key)
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise DataFileError(f"{_WHERE}: {key!r} must be a list of phrases")
        lists[key] = v
    events = cue_regex(lists["events"]).pattern
    verbs = cue_regex(lists["agent_verbs"]).pattern
    by_event = re.compile(rf"^\s+(?:in|during|by)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?{events}\s+(?:{verbs}\s+)?by\s+",
                          re.IGNORECASE)
    possessed: dict[str, str] = {}
    spec = data.get("possessed")
    if not isinstance(spec, dict):
        raise DataFileError(f"{_WHERE}: 'possessed' must map founded and dissolved to nouns")
    for predicate, words in spec.items():
        if predicate not in ("founded", "dissolved") or not isinstance(words, list):
            raise DataFileError(f"{_WHERE}: possessed: {predicate!r} must be founded or dissolved, with a list")
        for w in words:
            possessed[str(w).lower()] = predicate
    victims = lists["victim_verbs"]
    return DeedCues(nouns, by_event, possessed, cue_regex(victims), frozenset(v.split()[0].lower() for v in victims))


@cache
def _rule(predicate: str) -> Rule:
    family = "violence" if predicate in ("killed", "arrested") else "lifecycle"
    base = next(r for r in load_rules(family) if r.predicate == predicate)
    return replace(base, family="deeds", cues=("deed noun",), subject="none", object="none", time="event",
                   inverse=False)


def _possessed(view: SentenceView, cues: DeedCues) -> list[RawClaim]:
    """'since its formation in December 2001': the group founded is the noun's possessor."""
    out: list[RawClaim] = []
    for tok in view.tokens:
        if tok.pos_ != "NOUN" or not _inside(view, tok) or tok.lower_ not in cues.possessed:
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue  # 'their establishment of an Islamic state': what they set up, not them
        owner = next((r for c in tok.children if c.dep_ == "poss"
                      if (r := view.ref_for_token(c, ("Organization",))) is not None), None)
        if owner is None:
            continue
        pos = tok.idx + view.doc_offset
        what = cues.possessed[tok.lower_]
        if what == "founded":
            out.append(RawClaim(_rule("founded"), None, owner, pos, pos + len(tok.text), view))
        else:
            out.append(RawClaim(_rule("dissolved"), owner, None, pos, pos + len(tok.text), view))
    return out


def _under_possessor(sub: Any, top: Any) -> bool:
    """Does ``sub`` stand in a possessor inside ``top``'s phrase ('his' in 'his father')?"""
    while sub.i != top.i:
        if sub.dep_ == "poss":
            return True
        if sub.head.i == sub.i:
            return False
        sub = sub.head
    return False


def _ref_in_subtree(view: SentenceView, tok: Any, types: tuple[str, ...]) -> Ref | None:
    for sub in tok.subtree:
        if _under_possessor(sub, tok):
            continue  # 'the killings of his father': he is not who was killed
        r = view.ref_for_token(sub, types)
        if r is not None:
            return r
    return None


def _inside(view: SentenceView, tok: Any) -> bool:
    pos: int = tok.idx + view.doc_offset
    return view.start <= pos < view.end


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    cues = deed_cues()
    out: list[RawClaim] = []
    for tok in view.tokens:
        if tok.pos_ != "NOUN" or not _inside(view, tok) or tok.lower_ not in cues.nouns:
            continue
        if view.ref_for_token(tok, ("Organization", "Person", "Place")) is not None:
            continue  # part of a name
        of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        if not of:
            continue
        victims = [c for p in of for c in p.children if c.dep_ == "pobj"]
        victim = next((r for v in victims if (r := _ref_in_subtree(view, v, ("Person",))) is not None), None)
        by = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"]
        by += [c for v in victims for c in v.subtree if c.dep_ == "prep" and c.lower_ == "by" and c.head.i != tok.i]
        agent = next((r for p in by for c in p.children if c.dep_ == "pobj"
                      if (r := _ref_in_subtree(view, c, _AGENTS)) is not None), None)
        if agent is None:  # "X's assassination of Y": the possessor did it
            agent = next((r for c in tok.children if c.dep_ == "poss"
                          if (r := _ref_in_subtree(view, c, _AGENTS)) is not None), None)
        if agent is None:
            # 'the killings of his brothers by X', with 'by X' hung elsewhere by the parse
            edge = max((v.right_edge for v in victims), key=lambda t: t.i, default=tok)
            end = edge.idx + len(edge.text) + view.doc_offset
            by_m = re.match(r"\s+by\s+(?:the\s+)?", view.text[end:view.end])
            if by_m:
                agent = next((r for r in view.refs if r.start == end + by_m.end() and r.type in _AGENTS), None)
        if victim is None and agent is None:
            continue  # 'the killings of civilians': no one named
        if agent is not None and victim is not None and agent.entity == victim.entity:
            continue
        pos = tok.idx + view.doc_offset
        out.append(RawClaim(_rule(cues.nouns[tok.lower_]), agent, victim, pos, pos + len(tok.text), view))
    out.extend(_described_victims(view, found))
    out.extend(_victims_of_events(view, cues))
    out.extend(_possessed(view, cues))
    # 'Z was killed in an ambush carried out by X'
    for raw in found + out:
        if raw.rule.predicate not in ("killed", "arrested") or raw.subject is not None or raw.sentence is not view:
            continue
        m = cues.by_event.match(view.text[raw.cue_end:view.end])
        if m is None:
            continue
        at = raw.cue_end + m.end()
        agent = next((r for r in sorted(view.refs, key=lambda r: r.start)
                      if r.start >= at and (r.type in _AGENTS or r.entity in view.countries) and r.end <= view.end
                      and view.words_between(at, r.start) <= 3), None)
        if agent is not None and (raw.object is None or raw.object.entity != agent.entity):
            out.append(replace(raw, subject=agent, rule=replace(raw.rule, family="deeds")))
    return out


def _victims_of_events(view: SentenceView, cues: DeedCues) -> list[RawClaim]:
    """'X died in a bombing claimed by Y': killed(Y, X). Only where the event's agent is
    named: 'X died in 2017' is no killing."""
    if cues.victim_verbs is None or view.runs.isdisjoint(cues.victim_words):
        return []
    out: list[RawClaim] = []
    for a, b in view.matches(cues.victim_verbs):
        root = cue_root(view, a, b)
        if root is None or root.pos_ not in ("VERB", "AUX"):
            continue
        victim = next((r for c in root.children if c.dep_ == "nsubj"
                       if (r := view.ref_for_token(c, ("Person",))) is not None), None)
        m = cues.by_event.match(view.text[b:view.end])
        if victim is None or m is None:
            continue
        at = b + m.end()
        agent = next((r for r in sorted(view.refs, key=lambda r: r.start)
                      if r.start >= at and (r.type in _AGENTS or r.entity in view.countries) and r.end <= view.end
                      and view.words_between(at, r.start) <= 3), None)
        if agent is not None and agent.entity != victim.entity:
            out.append(RawClaim(_rule("killed"), agent, victim, a, b, view))
    return out


def _described_victims(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    """'The 37-year-old leader of the Al Bu Risha tribe was killed': the victim is the one
    the role claim of the same words names (its subject), where the text gives one."""
    out: list[RawClaim] = []
    roles = [c for c in found if c.rule.predicate in ("leader_of", "member_of") and c.subject is not None
             and c.subject.type == "Person"]
    for raw in found:
        if raw.rule.predicate not in ("killed", "arrested") or raw.object is not None or not roles:
            continue
        root = cue_root(view, raw.cue_start, raw.cue_end)
        patient = next((c for c in root.children if c.dep_ == "nsubjpass"), None) if root is not None else None
        if patient is None:
            continue
        lo = patient.left_edge.idx + view.doc_offset
        hi = patient.right_edge.idx + len(patient.right_edge) + view.doc_offset
        role = next((c for c in roles if lo <= c.cue_start < hi and c.subject is not None
                     and (raw.subject is None or c.subject.entity != raw.subject.entity)), None)
        if role is not None:
            out.append(replace(raw, object=role.subject, rule=replace(raw.rule, family="deeds")))
    return out


__all__ = ["FINDER", "DeedCues", "deed_cues", "find"]
