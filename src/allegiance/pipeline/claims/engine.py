"""Apply claim rules to a sentence: find the cue, then the subject and object around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.rules import Rule
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping

_MAX_GAP_WORDS = 6
_COORD_RE = re.compile(r"(?:\s*(?:,|and|&|or|/|as well as)\s*)+(?:both\s+|the\s+)?", re.IGNORECASE)
_RELATIONAL_RE = re.compile(r"[’'`]s?\s+(?:predecessor|successor|forerunner)\b", re.IGNORECASE)
#: "Islamic State affiliated Jamaah Ansharut Daulah": the name after the qualifier is meant
_QUALIFIER_RE = re.compile(r"\s*[-‑]?\s*(?:affiliated|linked|backed|aligned|inspired|allied)\s+(?:group\s+)?(?=[A-Z])")
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "ccomp", "pcomp", "prep", "acomp", "dobj", "pobj", "aux", "auxpass")
#: where one clause ends and the next begins: a name after it belongs to the next clause
#: ('X claimed the attack, but officials believe Y ...': Y was not attacked; 'X claimed the
#: bombing, which killed Y': Y was killed, by the bombing, not claimed)
_CLAUSE_END_RE = re.compile(r";|,\s+(?:but|yet|and|while|whereas|although|though|which|who|whom)\b"
                            r"|\s(?:but|yet|whereas)\s", re.IGNORECASE)
#: verbs whose object is who did what their 'of'/'for' phrase says ('accused X of bombing Y')
_OBJECT_CONTROL = {"accuse", "blame", "suspect", "charge", "convict", "credit", "implicate", "praise", "condemn"}
#: how a deed hangs from a verb of reaction when it is what the reaction is about: its object
#: ('condemned the attack'), its passive subject ('the attack was condemned'), its complement
_REACTED_DEPS = ("dobj", "nsubjpass", "ccomp")
#: the links by which a deed stays inside the phrase a reaction is about ('condemned [the
#: attack, which killed ...]', 'mourned [the victims of the attack]'); a subject or an
#: adverbial clause leaves it ('Hezbollah, which attacked Kabul, condemned ...')
_ABOUT_DEPS = ("dobj", "pobj", "prep", "pcomp", "conj", "appos", "compound", "nmod", "relcl", "acl", "nsubjpass",
               "ccomp", "xcomp", "attr")


@dataclass(frozen=True)
class Reactions:
    """Words of reaction to a deed (``resources/cues/claims/reactions.yml``)."""

    #: verb lemma -> the particles it is read through; '' for its object or passive subject
    verbs: dict[str, frozenset[str]]
    nouns: frozenset[str]


@cache
def reactions() -> Reactions:
    data = load_mapping("cues", "claims", "reactions.yml")
    lists = {}
    for key in ("verbs", "nouns"):
        v = data.get(key)
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise DataFileError(f"cues/claims/reactions.yml: {key!r} must be a list of words")
        lists[key] = [x.strip().lower() for x in v]
    verbs: dict[str, set[str]] = {}
    for entry in lists["verbs"]:
        parts = entry.split()
        if len(parts) > 2:
            raise DataFileError(f"cues/claims/reactions.yml: verbs: {entry!r}: a verb, or a verb and its particle")
        verbs.setdefault(parts[0], set()).add(parts[1] if len(parts) == 2 else "")
    return Reactions({k: frozenset(v) for k, v in verbs.items()}, frozenset(lists["nouns"]))


def _reaction_to(word: Any, came_from: Any) -> bool:
    """Is ``word`` a verb or noun of reaction whose topic ``came_from`` (one of its
    dependents) is: 'condemned [the attack]', 'responded [to] ...', 'condemnation [of] ...'?"""
    r = reactions()
    lemma = word.lemma_.lower()
    if word.pos_ == "VERB" and lemma in r.verbs:
        particles = r.verbs[lemma]
        if came_from.dep_ == "prep":
            return came_from.lower_ in particles
        return "" in particles and came_from.dep_ in _REACTED_DEPS
    return word.pos_ == "NOUN" and lemma in r.nouns and came_from.dep_ == "prep"


def reacted_to(root: Any) -> bool:
    """Does the deed whose cue is ``root`` stand in what a word of reaction is about
    ('Hezbollah condemned the attack on Kabul', 'praised the fighters who attacked Kabul', 'in
    response to the attack')? Then the reacting party is not who did it."""
    tok = root
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            return False
        if _reaction_to(head, tok):
            return True
        if tok.dep_ not in _ABOUT_DEPS:
            return False
        tok = head
    return False


def _reacting_party(view: SentenceView, ref: Ref) -> bool:
    """Is the name the one who reacts: the subject of a verb of reaction ('Hezbollah
    condemned'), the possessor of a noun of reaction ('Hezbollah's condemnation'), or who it
    comes from ('condemned by Hezbollah', 'drew condemnation from Hezbollah')?"""
    r = reactions()

    def reacting(word: Any) -> bool:
        return (word.pos_ == "VERB" and word.lemma_.lower() in r.verbs
                or word.pos_ == "NOUN" and word.lemma_.lower() in r.nouns)

    for tok in view.tokens_in(ref.start, ref.end):
        while tok.dep_ in ("compound", "appos", "nmod") and tok.head.i != tok.i:
            tok = tok.head  # 'Hezbollah officials condemned'
        head = tok.head
        if tok.dep_ in ("nsubj", "poss") and reacting(head):
            return True
        if tok.dep_ == "pobj" and head.lower_ in ("by", "from"):
            above = head.head
            if reacting(above) or any(c.dep_ == "dobj" and reacting(c) for c in above.children):
                return True
    return False


@dataclass
class RawClaim:
    rule: Rule
    subject: Ref | None
    object: Ref | None
    cue_start: int
    cue_end: int
    sentence: SentenceView
    role: str | None = None


def cue_root(view: SentenceView, a: int, b: int) -> Any | None:
    """The token of the cue span that the rest of the span hangs from."""
    toks = list(view.tokens_in(a, b))
    if not toks:
        return None
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return toks[0]


_POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}


def _first_after(view: SentenceView, pos: int, types: tuple[str, ...], limit: int = _MAX_GAP_WORDS,
                 exclude: Ref | None = None, skip_possessives: bool = False) -> Ref | None:
    for r in sorted(view.refs, key=lambda r: r.start):
        if r.start < pos or r.end > view.end:
            continue
        if skip_possessives and r.kind == "pronoun" and view.text[r.start:r.end].lower() in _POSSESSIVE_PRONOUNS:
            continue  # 'seized the depots of his brigade': he is not what was seized
        if view.words_between(pos, r.start) > limit or _CLAUSE_END_RE.search(view.text[pos:r.start]):
            return None
        if _RELATIONAL_RE.match(view.text[r.end:r.end + 30]) or _QUALIFIER_RE.match(view.text[r.end:r.end + 30]):
            pos = r.end  # "ISIS' predecessor- ISI": the name after the relational noun is meant
            continue
        if r.type in types and (exclude is None or r.entity != exclude.entity):
            return r
    return None


def _nearest_before(view: SentenceView, pos: int, types: tuple[str, ...],
                    exclude: Ref | None = None) -> Ref | None:
    best = None
    for r in view.refs:
        if r.end <= pos and r.start >= view.start and r.type in types:
            if exclude is not None and r.entity == exclude.entity:
                continue
            if best is None or r.start > best.start:
                best = r
    return best


def coordinated(view: SentenceView, first: Ref) -> list[Ref]:
    """``Ninawa and Kirkuk``, ``Raqqa, Hasakah and Aleppo``: the names joined to ``first``."""
    out = [first]
    cur = first
    ordered = sorted(view.refs, key=lambda r: r.start)
    while True:
        nxt = next((r for r in ordered if r.start >= cur.end and r.end <= view.end), None)
        if nxt is None or nxt.type != first.type:
            break
        gap = view.text[cur.end:nxt.start]
        gap = re.sub(r"^\s*(?:governorates?|provinces?|cities|districts?|areas?)\b", "", gap)
        if not _COORD_RE.fullmatch(gap):
            break
        out.append(nxt)
        cur = nxt
    return out


_RELATIVE = {"that", "which", "who", "whom", "whose"}
#: a part of a group is not the group: 'the remnant of X that did not pledge' says nothing of X
_MINORITY = {"remnant", "remnants", "part", "faction", "factions", "some", "few", "splinter", "minority",
             "section", "elements", "element", "wing", "cell", "cells"}


class _NoSubject(Exception):
    """The clause has a subject, and it is not one the claim may be about."""


class _UnnamedSubject(Exception):
    """The clause has a subject, and it names no entity ('a stabbing attack')."""


def _subject_in(view: SentenceView, tok: Any, types: tuple[str, ...], before: int | None = None) -> Ref | None:
    if tok.lemma_.lower() in _MINORITY or tok.lower_ in _MINORITY:
        raise _NoSubject
    r = view.ref_for_token(tok, types)
    if r is not None:
        return r
    for sub in tok.subtree:
        if before is not None and sub.i >= before:
            break
        r = view.ref_for_token(sub, types)
        if r is not None:
            return r
    return None


def _syntactic_subject(view: SentenceView, root: Any, types: tuple[str, ...], reacted: bool = False) -> Ref | None:
    """The subject of the cue's clause. With ``reacted`` (the deed is what a reaction is
    about: ``reacted_to``), a subject is only taken inside the deed's own phrase; reaching the
    word of reaction raises _UnnamedSubject rather than take the reacting party."""
    t = root
    if t.pos_ in ("NOUN", "PROPN"):
        for child in t.children:  # "al-Shafi'i's perceived ties": the possessor
            nxt = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
            if child.dep_ == "poss" or (child.dep_ == "nmod" and nxt is not None and nxt.lower_ in ("’s", "'s")):
                r = _subject_in(view, child, types)
                if r is not None:
                    return r
    prev = None
    for _ in range(6):
        if prev is not None:
            controlled = _controller(view, t, prev, root, types)
            if controlled is not None:
                return controlled
            if reacted and _reaction_to(t, prev):
                raise _UnnamedSubject  # 'Hezbollah condemned the attack': not Hezbollah's
        if t.dep_ == "oprd" and t.head is not t:
            # 'held X responsible', 'declared X guilty': the object is what the predicate is of
            for sib in t.head.children:
                if sib.dep_ == "dobj" and sib.i < t.i:
                    found = _subject_in(view, sib, types)
                    if found is not None:
                        return found
        for child in t.children:
            if child.dep_ in _SUBJ_DEPS:
                if child.lower_ in _RELATIVE and t.dep_ == "relcl":
                    break
                found = _subject_in(view, child, types)
                if found is None and child.pos_ in ("NOUN", "PROPN") and not any(
                        r.start <= tok.idx + view.doc_offset < r.end for r in view.refs for tok in child.subtree):
                    raise _UnnamedSubject
                return found
        if t.dep_ in ("relcl", "acl") and t.head is not t:
            found = _subject_in(view, t.head, types, before=t.i)
            if found is None and reacted:
                raise _UnnamedSubject  # 'praised the fighters who attacked Kabul'
            return found
        if t.dep_ in _CLIMB_DEPS or t.pos_ not in ("VERB", "AUX"):
            if t.head is t:
                return None
            prev, t = t, t.head
            continue
        return None
    return None


def _controller(view: SentenceView, verb: Any, came_from: Any, root: Any, types: tuple[str, ...]) -> Ref | None:
    """'Hezbollah accused X of bombing Y', 'blamed X for the attack': the cue, reached from
    such a verb through its object or its 'of'/'for' phrase, has the object as its subject."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _OBJECT_CONTROL:
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i != root.i):
        if came_from.i != obj.i and came_from.dep_ not in ("prep", "advcl", "xcomp", "pcomp"):
            continue
        found = _subject_in(view, obj, types)
        if found is None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
            raise _UnnamedSubject  # 'accused the militants of ...': not the accuser
        return found
    return None


def _in_direct_object(view: SentenceView, root: Any, a: int, b: int, ref: Ref) -> bool:
    """When the cue verb has a direct object outside the cue, the object must lie in it."""
    if root is None or root.pos_ != "VERB":
        return True
    for child in root.children:
        if child.dep_ == "dobj":
            start = child.left_edge.idx + view.doc_offset
            end = child.right_edge.idx + len(child.right_edge) + view.doc_offset
            if a <= child.idx + view.doc_offset < b:
                continue  # 'pledged allegiance to': the object is part of the cue
            if not start <= ref.start < end:
                return False
            # the name must be the object itself or name it ('founded the Ansar group'),
            # not hang from it ('formed an alliance with X')
            for tok in view.tokens_in(ref.start, ref.end):
                if tok.i == child.i or (tok.head.i == child.i and tok.dep_ in ("compound", "appos", "nmod", "amod")):
                    return True
            return False
    return True


def _subject_of_another_clause(view: SentenceView, ref: Ref, a: int, b: int) -> bool:
    """Is the name the subject of a verb other than the cue's own ('..., but officials believe
    [Y] carried it out')? Then it opens a clause of its own and is not the cue's object."""
    for tok in view.tokens_in(ref.start, ref.end):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i != tok.i:
            head = tok.head.idx + view.doc_offset
            if not a <= head < b and tok.head.pos_ in ("VERB", "AUX"):
                return True
    return False


def _role(view: SentenceView, a: int) -> str | None:
    tok = view.token_at(a)
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    left = [t for t in tok.lefts if t.dep_ in ("amod", "compound") and t.i >= tok.i - 3]
    words = [t.text for t in sorted(left, key=lambda t: t.i)] + [tok.text]
    return " ".join(words)


def _passive(view: SentenceView, root: Any) -> tuple[bool, Any]:
    if root is None:
        return False, None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children):
        return True, root
    if root.dep_ == "acl" and root.tag_ == "VBN":
        return True, root
    return False, None


def apply_rule(rule: Rule, view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    sent = view.sent_text
    if rule.context is not None and not rule.context.search(view.context or sent):
        return out
    for m in rule.pattern.finditer(sent):
        a, b = view.start + m.start(), view.start + m.end()
        if any(r.start <= a < r.end for r in view.refs if r.kind == "name"):
            continue  # the cue word is part of a name ('Islamic Army')
        if rule.not_after is not None and rule.not_after.search(view.text[max(view.start, a - 40):a]):
            continue  # 'broke his bay'ah to': not a pledge
        if rule.not_before is not None and rule.not_before.match(view.text[b:b + 40]):
            continue  # 'fought alongside': not against
        root = cue_root(view, a, b)
        if root is not None and root.tag_ == "VBG" and root.dep_ == "amod":
            continue  # 'the attacking force': an -ing form that modifies a noun heads no deed
        role = _role(view, a) if rule.role else None
        is_passive, _ = _passive(view, root) if rule.passive else (False, None)
        subjects: list[Ref | None]
        objects: list[Ref | None]
        if rule.object == "between":
            first = _first_after(view, b, rule.subject_types)
            if first is None:
                continue
            second = _first_after(view, first.end, rule.object_types, limit=3, exclude=first)
            if second is None:
                continue
            out.append(RawClaim(rule, first, second, a, b, view))
            continue
        if is_passive and root is not None:
            obj = None
            for c in root.children:
                if c.dep_ == "nsubjpass":
                    obj = next((view.ref_for_token(s, rule.object_types) for s in c.subtree
                                if view.ref_for_token(s, rule.object_types)), None)
            if obj is None:
                obj = _nearest_before(view, a, rule.object_types)
            agent = None
            by = re.match(r"\s+by\s+", view.text[b:b + 6])
            if by:
                agent = _first_after(view, b, rule.subject_types, limit=6)
            if obj is None and not rule.object_optional:
                continue
            out.append(RawClaim(rule, agent, obj, a, b, view, role))
            continue
        if rule.subject == "after":
            subj = _first_after(view, b, rule.subject_types)
            if subj is None:
                continue
            subjects = [subj]
            start_obj = subj.end
        else:
            subjects = []
            start_obj = b
        if rule.object == "after":
            first_obj = _first_after(view, start_obj, rule.object_types, limit=rule.object_window,
                                     skip_possessives=True)
            if first_obj is not None and not _in_direct_object(view, root, a, b, first_obj):
                if not (rule.unnamed_object and rule.object_optional):
                    continue  # 'formed an alliance with X': X is not what was formed
                first_obj = None  # 'attacked a checkpoint in Aden': what was attacked has no name
            if first_obj is not None and _subject_of_another_clause(view, first_obj, a, b):
                first_obj = None  # 'denied the attack and said Y carried it out': Y is no target
            if first_obj is None:
                if not rule.object_optional:
                    continue
                objects = [None]
            else:
                objects = list(coordinated(view, first_obj))
        elif rule.object == "modifier":
            mod = _nearest_before(view, a, rule.object_types)
            if mod is None or view.words_between(mod.end, a) > 2:
                continue
            objects = [mod]
        elif rule.object == "elided":
            prev = [c for c in found + out if c.rule.predicate == rule.predicate and c.object is not None
                    and c.cue_start < a]
            if not prev:
                continue
            objects = [prev[-1].object]
        else:
            objects = [None]
        if rule.subject == "syntax":
            # a deed that a reaction is about ('condemned the attack') is not the reacting party's
            reacted = rule.time == "event" and root is not None and reacted_to(root)
            agentless = rule.passive and rule.object_optional or rule.predicate in ("killed", "attacked", "arrested")
            unnamed = False
            try:
                subj = (_syntactic_subject(view, root, rule.subject_types, reacted=reacted)
                        if root is not None else None)
            except _NoSubject:
                continue
            except _UnnamedSubject:
                # 'A stabbing attack ... killed two clerics': the subject is no name
                if not agentless:
                    continue
                unnamed = True
                subj = None
            parsed = subj
            if subj is None and not unnamed and not reacted:
                subj = _nearest_before(view, a, rule.subject_types)
            if subj is None and objects[-1] is not None and not reacted:
                subj = _first_after(view, objects[-1].end, rule.subject_types, limit=12)
            if (subj is not None and parsed is None and rule.time == "event" and root is not None
                    and not any(view.ref_for_token(t, rule.subject_types) is subj for t in root.subtree)
                    and _reacting_party(view, subj)):
                subj = None  # 'The attack on Kabul drew condemnation from Hezbollah': not Hezbollah's
                reacted = True
            if subj is None and reacted:
                if not agentless:
                    continue
                unnamed = True
            if subj is not None:
                subjects = [subj]
            elif unnamed:
                subjects = [None]
            else:
                subjects = []
        elif rule.subject == "before":
            subj = _nearest_before(view, a, rule.subject_types)
            if subj is None and objects[-1] is not None:
                subj = _first_after(view, objects[-1].end, rule.subject_types, limit=12)
            subjects = [subj] if subj is not None else []
        elif rule.subject == "none":
            subjects = [None]
        if not subjects:
            continue
        for s in subjects:
            for o in objects:
                if s is not None and o is not None and s.entity == o.entity:
                    if not rule.object_optional:
                        continue
                    o = None  # 'X shot at the bus and set it on fire': no object named
                if rule.inverse:
                    s, o = o, s
                out.append(RawClaim(rule, s, o, a, b, view, role))
    return out
