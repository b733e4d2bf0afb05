"""Roles in apposition, possessives and compounds (``resources/cues/claims/roles.yml``).

``X, an Islamic Army in Iraq spokesman``; ``the 1920s RB leader, Harith al-Dari``; ``AQI
leader Abu Ayyub al-Masri``; ``Y's commander X``; ``The leader of X, ..., is Y``; ``Muqtada
al-Sadr's Mahdi Army``. Each gives a ``leader_of`` or ``member_of`` claim with its role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.rules import Rule, load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping

FINDER = "roles.v2"
_WHERE = "cues/claims/roles.yml"


@dataclass(frozen=True)
class RoleCues:
    leader: frozenset[str]
    member: frozenset[str]
    modifiers: frozenset[str]
    member_modifiers: frozenset[str]
    noun_re: re.Pattern[str]  # a role noun, with up to two modifiers before it
    apposition_re: re.Pattern[str]


def _words(data: dict[str, Any], key: str, where: str = _WHERE) -> list[str]:
    v = data.get(key)
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise DataFileError(f"{where}: {key!r} must be a list of words")
    return [x.strip().lower() for x in v]


@cache
def role_cues() -> RoleCues:
    data = load_mapping("cues", "claims", "roles.yml")
    leader, member = _words(data, "leader_nouns"), _words(data, "member_nouns")
    mods = _words(data, "apposition_modifiers")
    member_mods = _words(load_mapping("cues", "claims", "membership.yml"), "member_role_modifiers",
                         "cues/claims/membership.yml")
    nouns = sorted(set(leader) | set(member), key=len, reverse=True)
    noun_alt = "|".join(re.escape(n) for n in nouns)
    mod_alt = "|".join(re.escape(m) for m in sorted(set(member_mods) | {"former", "top", "senior", "chief"},
                                                    key=len, reverse=True))
    noun_re = re.compile(rf"^\s*(?P<role>(?:(?:{mod_alt})\s+){{0,2}}(?:{noun_alt}))\b", re.IGNORECASE)
    app_alt = "|".join(re.escape(m) for m in sorted(set(mods) | set(member_mods), key=len, reverse=True))
    apposition_re = re.compile(rf"^\s*,\s*(?:(?:{app_alt})\s+){{0,3}}$", re.IGNORECASE)
    return RoleCues(frozenset(leader), frozenset(member), frozenset(mods), frozenset(member_mods), noun_re,
                    apposition_re)


@cache
def _rules() -> tuple[Rule, Rule]:
    rules = load_rules("membership")
    lead = next(r for r in rules if r.predicate == "leader_of")
    member = next(r for r in rules if r.predicate == "member_of")
    # a role named beside a deed is held when the deed is done: it takes the clause's time
    return (replace(lead, family="roles", cues=("role",), time="event"),
            replace(member, family="roles", cues=("role",), time="event"))


def _claim(view: SentenceView, person: Ref, group: Ref, role: str, a: int, b: int) -> RawClaim | None:
    cues = role_cues()
    words = role.lower().split()
    lead_rule, member_rule = _rules()
    noun = words[-1]
    if noun in cues.leader and not any(w in cues.member_modifiers for w in words[:-1]):
        rule = lead_rule
    else:
        rule = member_rule
    if person.entity == group.entity:
        return None
    return RawClaim(rule, person, group, a, b, view, role)


def _names(view: SentenceView) -> list[Ref]:
    return sorted((r for r in view.refs if r.kind == "name"), key=lambda r: r.start)


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    cues = role_cues()
    text = view.text
    out: list[RawClaim] = []
    names = _names(view)
    for k, r in enumerate(names):
        nxt = names[k + 1] if k + 1 < len(names) else None
        # 'X, an Islamic Army in Iraq spokesman' / 'X, the AQI leader'
        if r.type == "Person" and nxt is not None and nxt.type == "Organization" \
                and "\n" not in text[r.end:nxt.start] and cues.apposition_re.match(text[r.end:nxt.start]):
            m = cues.noun_re.match(text[nxt.end:min(view.end, nxt.end + 40)])
            if m:
                role = m.group("role")
                if _FORMER_RE.search(text[r.end:nxt.start]) and not _FORMER_RE.match(role):
                    role = "former " + role  # 'X, a former Jaysh al-Wadi commander': the role has ended
                c = _claim(view, r, nxt, role, nxt.end + m.start("role"), nxt.end + m.end("role"))
                if c is not None:
                    out.append(c)
                continue
        # 'al Qaeda and its Islamic State of Iraq', 'X and its puppet Y': Y is X's branch
        if r.type == "Organization" and nxt is not None and nxt.type == "Organization" and nxt.entity != r.entity:
            own = _OWN_RE.fullmatch(text[r.end:nxt.start])
            if own:
                out.append(RawClaim(_branch_rule(), nxt, r, r.end, nxt.start, view))
        if r.type != "Organization":
            # "Muqtada al-Sadr's Mahdi Army": a person's group is the group he leads
            if r.type == "Person" and nxt is not None and nxt.type == "Organization" \
                    and re.fullmatch(r"['’]s?\s+", text[r.end:nxt.start]):
                c = _claim(view, r, nxt, "leader", r.end, nxt.start)
                if c is not None:
                    out.append(c)
            continue
        # 'AQI leader Abu X', "Y's commander X", 'the 1920s RB leader, X'
        if not _before_role_of(text, view.start, r.start) and (c := _role_then_person(view, r, nxt)) is not None:
            out.append(c)
    out.extend(_possessed_roles(view, names))
    out.extend(_copular(view, names))
    return out


#: a word before a role that says it has ended
_FORMER_RE = re.compile(r"\b(?:former|ex-|one-time|erstwhile)", re.IGNORECASE)

#: a pronoun that owns what follows it ('its leader'); a noun phrase owns by its "'s"
_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})


def _possessed_roles(view: SentenceView, names: list[Ref]) -> list[RawClaim]:
    """'Its leader, X', "The group's former commander, X": a role owned by a group the text
    names earlier (the pronoun or noun phrase resolved to it), held by the person named next."""
    text = view.text
    out: list[RawClaim] = []
    for r in view.refs:
        if r.kind == "name" or r.type != "Organization":
            continue
        if text[r.start:r.end].lower() not in _POSSESSIVE_PRONOUNS and not re.match(r"['’]s?\s", text[r.end:r.end + 3]):
            continue
        nxt = next((n for n in names if n.start >= r.end), None)
        if (c := _role_then_person(view, r, nxt)) is not None:
            out.append(c)
    return out


def _role_then_person(view: SentenceView, owner: Ref, person: Ref | None) -> RawClaim | None:
    """A role noun right after the group ``owner`` (past its "'s"), then the person named next
    holding it: "Y's commander X", 'Y leader, X', 'Its leader, X'."""
    if person is None or person.type != "Person":
        return None
    text = view.text
    after = text[owner.end:min(view.end, owner.end + 60)]
    m = role_cues().noun_re.match(re.sub(r"^['’]s?", lambda x: " " * len(x.group(0)), after))
    if m is None or not re.fullmatch(r"[ \t]*,?[ \t]*", text[owner.end + m.end():person.start]):
        return None
    return _claim(view, person, owner, m.group("role").strip(), owner.end + m.start("role"), owner.end + m.end("role"))


_OWN_RE = re.compile(r"\s+and\s+its\s+(?:(?:own|puppet|front|proxy|affiliate|branch|local|Iraqi|Syrian)\s+)?",
                     re.IGNORECASE)


@cache
def _branch_rule() -> Rule:
    base = next(r for r in load_rules("lifecycle") if r.predicate == "branch_of")
    return replace(base, family="roles", cues=("and its",))


def _before_role_of(text: str, lo: int, start: int) -> bool:
    """'a member of AQI leader X's staff'? Then the role belongs to the noun before."""
    return bool(re.search(r"\b(?:of|for)\s+(?:the\s+)?$", text[max(lo, start - 12):start]))


def _copular(view: SentenceView, names: list[Ref]) -> list[RawClaim]:
    """'The leader of X, a group that ..., is Y': a role noun that is the subject of 'be'."""
    cues = role_cues()
    nouns = cues.leader | cues.member
    out: list[RawClaim] = []
    for tok in view.tokens:
        if tok.dep_ != "nsubj" or tok.lemma_.lower() not in nouns or tok.head.lemma_ != "be":
            continue
        pos = tok.idx + view.doc_offset
        if not view.start <= pos < view.end:
            continue
        group = _ref_in(view, [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"], "Organization",
                        "pobj")
        person = _ref_in(view, [c for c in tok.head.children if c.dep_ == "attr"], "Person", None)
        if group is None or person is None:
            continue
        mods = [c.text for c in tok.lefts if c.dep_ in ("amod", "compound")]
        role = " ".join([*mods, tok.text])
        c = _claim(view, person, group, role, pos, pos + len(tok.text))
        if c is not None:
            out.append(c)
    return out


def _ref_in(view: SentenceView, heads: list[Any], etype: str, dep: str | None) -> Ref | None:
    for h in heads:
        for t in (h.subtree if dep is None else (c for c in h.children if c.dep_ == dep)):
            for sub in ([t] if dep is None else list(t.subtree)):
                r = view.ref_for_token(sub, (etype,))
                if r is not None:
                    return r
    return None


__all__ = ["FINDER", "RoleCues", "find", "role_cues"]
