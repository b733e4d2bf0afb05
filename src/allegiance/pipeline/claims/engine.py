"""Apply claim rules to a sentence: find the cue, then the subject and object around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.model.vocab import vocabulary
from allegiance.pipeline.claims import fragments
from allegiance.pipeline.claims.nearby import (
    coordinated,
    first_after,
    in_other_clause,
    joined_before,
    nearest_before,
)
from allegiance.pipeline.claims.rules import Rule, cue_regex, pick
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping

_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "ccomp", "pcomp", "prep", "acomp", "dobj", "pobj", "aux", "auxpass")
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
    #: the cue span whose clause dates the claim, when not its own ('Founded on 20 Aug. 2013
    #: as a result of a merger between X and Y': the merger is dated by the founding)
    dated_by: tuple[int, int] | None = None
    #: the claim of the sentence whose list this deed is an item of (see ``listed``): its
    #: stance is this claim's
    listed_under: RawClaim | None = None


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


_RELATIVE = {"that", "which", "who", "whom", "whose"}
#: a part of a group is not the group: 'the remnant of X that did not pledge' says nothing of X
_MINORITY = {"remnant", "remnants", "part", "faction", "factions", "some", "few", "splinter", "minority",
             "section", "elements", "element", "wing", "cell", "cells",
             # 'several of its commanders joined Y': some of its people, not the group
             "several", "many", "dozens", "hundreds", "thousands", "scores"}


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


#: the heads a deed's subject is looked for through: enough for a deed in a list hung from
#: the object of the clause's verb ('X claimed responsibility for a number of attacks against
#: Y, including a bombing in Z')
_CLIMB_LIMIT = 12


def _syntactic_subject(view: SentenceView, root: Any, types: tuple[str, ...], reacted: bool = False,
                       own_phrase: bool = False) -> Ref | None:
    """The subject of the cue's clause. With ``reacted`` (the deed is what a reaction is
    about: ``reacted_to``), a subject is only taken inside the deed's own phrase; reaching the
    word of reaction raises _UnnamedSubject rather than take the reacting party. With
    ``own_phrase`` (a deed in a phrase of time: 'After the attack, X withdrew') only the
    deed's possessor is its subject."""
    t = root
    if t.pos_ in ("NOUN", "PROPN"):
        for child in t.children:  # "al-Shafi'i's perceived ties": the possessor
            nxt = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
            if child.dep_ == "poss" or (child.dep_ == "nmod" and nxt is not None and nxt.lower_ in ("’s", "'s")):
                r = _subject_in(view, child, types)
                if r is not None:
                    return r
            if child.dep_ in ("compound", "meta") and child.i < t.i \
                    and (r := view.ref_for_token(child, types)) is not None:
                # 'an ISIL presence in Gaza', 'the Taliban attack'; a verb read as a noun, its
                # subject hung from it as a stray label ('<long name> split from Y')
                return r
    if own_phrase:
        raise _UnnamedSubject
    prev = None
    for _ in range(_CLIMB_LIMIT):
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
        if (up := fragments.purpose(t)) is not None:
            prev, t = t, up  # 'in order to conduct attacks': the subject of the verb it serves
            continue
        for child in t.children:
            if (child.dep_ == "nsubjpass" or child.dep_ == "nsubj" and t.lower_ in _victim_words()) \
                    and prev is not None and prev.dep_ in ("prep", "agent") and root.i != t.i \
                    and root.pos_ in ("NOUN", "PROPN"):
                raise _UnnamedSubject  # 'X was killed in a bomb attack', 'X died in an attack': X did not attack
            if child.dep_ in _SUBJ_DEPS:
                if fragments.bare_role_noun(child) or child.tag_ in ("WP", "WDT") and t.dep_ != "relcl" and (
                        prev is not None and prev.i < child.i):
                    continue  # 'Leader of X since 2015, pledged ...': no subject, a fragment
                if child.lower_ in _RELATIVE and t.dep_ == "relcl":
                    break
                found = _subject_in(view, child, types)
                if found is None and child.pos_ in ("NOUN", "PROPN") and not any(
                        r.start <= tok.idx + view.doc_offset < r.end for r in view.refs for tok in child.subtree):
                    raise _UnnamedSubject
                return found
        if t.pos_ == "VERB" and (stray := _stray_subject(view, t, types)) is not None:
            return stray
        if t.dep_ in ("relcl", "acl") and t.head is not t:
            if (event := _event_described(t.head)) is not None and event.i != root.i:
                # 'X claimed ... a bombing in Hama that killed 12 soldiers': who did the event did
                # what the clause says it did; a name in the event's own phrase ('an ambush on a
                # Syrian army convoy that killed 14', the clause read as the convoy's) is its
                # target, not its agent
                found = _event_agent(view, event, types) or _syntactic_subject(view, event, types, reacted=reacted)
                if found is None:
                    raise _UnnamedSubject
                return found
            found = _subject_in(view, t.head, types, before=t.i)
            if found is None and reacted:
                raise _UnnamedSubject  # 'praised the fighters who attacked Kabul'
            if found is None:
                found = _described_by(view, t.head, types)
            return found
        if t.dep_ in _CLIMB_DEPS or t.pos_ not in ("VERB", "AUX"):
            if t.head is t:
                return None
            prev, t = t, t.head
            continue
        return None
    return None


def _describes_subject(noun: Any | None) -> bool:
    """Is the noun what 'be' says of the subject, or a noun beside it ('X is a rebel group',
    'X, a militia in Hama', 'X, one of the larger factions in Hama')?"""
    if noun is None:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        noun = noun.head.head  # 'one of the ... factions'
    return bool(noun.dep_ in ("attr", "appos", "ROOT"))


def _event_described(noun: Any) -> Any | None:
    """The event noun a relative clause on ``noun`` describes: the noun itself, or the event
    whose target phrase it ends ('an ambush on a convoy [that killed 14]')."""
    if noun.pos_ == "NOUN" and noun.lower_ in event_nouns():
        return noun
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("on", "against", "targeting"):
        owner = noun.head.head
        if owner.pos_ == "NOUN" and owner.lower_ in event_nouns():
            return owner
    return None


def _event_agent(view: SentenceView, noun: Any, types: tuple[str, ...]) -> Ref | None:
    """The name an event noun's 'by' phrase gives ('a bombing by X that killed 12')."""
    for prep in (c for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found = _subject_in(view, obj, types)
            if found is not None:
                return found
    return None


def _controller(view: SentenceView, verb: Any, came_from: Any, root: Any, types: tuple[str, ...]) -> Ref | None:
    """'Hezbollah accused X of bombing Y', 'blamed X for the attack': the cue, reached from
    such a verb through its object or its 'of'/'for' phrase, has the object as its subject."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _OBJECT_CONTROL:
        return None
    if came_from.dep_ in ("prep", "advcl", "pcomp"):
        for passive in (c for c in verb.children if c.dep_ == "nsubjpass"):
            # 'X has been accused of kidnapping Y', 'X was blamed for the attack': the
            # passive's subject is the one accused
            found = _subject_in(view, passive, types)
            if found is None and passive.pos_ in ("NOUN", "PROPN", "PRON"):
                raise _UnnamedSubject
            return found
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
    if any(tok.dep_ == "pobj" and a <= tok.head.idx + view.doc_offset < b for tok in view.tokens_in(ref.start, ref.end)):
        return True  # 'clashed with X militants', X read as the object of the cue's own 'with'
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
                if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i == child.i \
                        and child.lower_ in _kind_nouns():
                    return True  # 'seized the town of Saraqib', 'founded the group of X'
            return False
    return True


@cache
def _listed_re() -> re.Pattern[str]:
    words = load_mapping("cues", "aliases.yml").get("listed") or []
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataFileError("cues/aliases.yml: 'listed' must be a list of phrases")
    alts = "|".join(re.escape(w.strip()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\s+(?:the\s+)?$", re.IGNORECASE)


def _listed_as(view: SentenceView, ref: Ref) -> bool:
    """Is the name one a list gives another name under ('X, listed as Y')?"""
    return _listed_re().search(view.text, max(view.start, ref.start - 30), ref.start) is not None


@cache
def event_nouns() -> frozenset[str]:
    """The nouns of events a deed may happen in (``events`` in deeds.yml, their last words)."""
    words = load_mapping("cues", "claims", "deeds.yml").get("events") or []
    return frozenset(str(w).split()[-1].lower() for w in words)


@cache
def _victim_words() -> frozenset[str]:
    """The verbs whose subject suffers the event in their phrase ('X died in an attack'):
    the first words of ``victim_verbs`` in deeds.yml."""
    words = load_mapping("cues", "claims", "deeds.yml").get("victim_verbs") or []
    return frozenset(str(w).split()[0].lower() for w in words)


@cache
def _kind_nouns() -> frozenset[str]:
    """Nouns of a kind or a part that a name after 'of' names ('the town of X', 'much of X'):
    the kinds of place and the portions of territory.yml, the group nouns of aliases.yml."""
    territory = load_mapping("cues", "claims", "territory.yml")
    kinds = [*(territory.get("place_kinds") or []), *(territory.get("portions") or [])]
    groups = load_mapping("cues", "aliases.yml").get("group_nouns") or []
    return frozenset(str(w).lower() for w in [*kinds, *groups])


#: verbs whose complement may name the holder of a role that is their subject ('A member of
#: X is Y', 'Members of X include Y')
_HOLDER_VERBS = frozenset({"be", "include", "remain", "become"})


def _subject_of_a_deed(root: Any | None) -> bool:
    """Is the role noun the subject of a verb that names nobody as its holder ('Members of X
    attacked Y')? Then a name after it is what they did it to, not one of them."""
    return root is not None and root.dep_ in ("nsubj", "nsubjpass") and root.head.i != root.i \
        and root.head.pos_ == "VERB" and root.head.lemma_.lower() not in _HOLDER_VERBS


#: labels a parser errs with for the name that opens a clause before its verb
_STRAY_DEPS = frozenset({"npadvmod", "advmod", "meta", "dep", "nmod"})


def _stray_subject(view: SentenceView, verb: Any, types: tuple[str, ...]) -> Ref | None:
    """A verb with no subject, and a name standing right before it under another label
    ('X controlled Y from mid-2013 to late 2014', X read as a modifier): X is its subject."""
    if any(c.dep_ in _SUBJ_DEPS for c in verb.children):
        return None
    for c in verb.children:
        if c.i < verb.i and c.dep_ in _STRAY_DEPS and c.pos_ == "PROPN" and c.right_edge.i == verb.i - 1:
            ref = view.ref_for_token(c, types)
            if ref is not None and ref.kind == "name":
                return ref
    return None


def clause_verb(tok: Any) -> Any:
    """The verb of the clause ``tok`` stands in: itself, or the first verb above it."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _their_owners(view: SentenceView, noun: Any, types: tuple[str, ...]) -> list[Ref]:
    """The joined names that are the subject of the verb a noun owned by 'their' hangs from
    ('A, B and C announced their merger'): none when the subject is one name."""
    verb = clause_verb(noun.head)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    ref = view.ref_for_token(subj, types) if subj is not None else None
    if ref is None or ref.kind != "name":
        return []
    joined = coordinated(view, ref, types)
    # the names listed before it with commas ('A, B and C', B read as the subject)
    names = sorted((r for r in view.refs if r.kind == "name" and r.type in types), key=lambda r: r.start)
    while (before := [r for r in names if r.end <= joined[0].start]) and re.fullmatch(
            r"\s*,\s*", view.text[before[-1].end:joined[0].start]):
        joined.insert(0, before[-1])
    return joined if len(joined) > 1 else []


def _named_subject(view: SentenceView, root: Any | None) -> bool:
    """Is the subject of the cue's verb a name ('Jaysh al-Wadi pledged allegiance to X')?"""
    if root is None:
        return False
    verb = clause_verb(root)
    return any(c.dep_ in ("nsubj", "nsubjpass") and view.ref_for_token(c, ("Organization", "Person")) is not None
               and any(r.kind == "name" for r in view.refs if r.start <= c.idx + view.doc_offset < r.end)
               for c in verb.children)


def _undergoer(view: SentenceView, subj: Any, types: tuple[str, ...]) -> Ref | None:
    """The name a passive's subject gives: its own, or one in its phrase, not the possessor of a
    common noun ('his brother was killed': the brother, not him)."""
    skip: set[int] = set()
    for tok in subj.subtree:
        if tok.dep_ == "poss" and tok.head.pos_ == "NOUN":
            skip.update(t.i for t in tok.subtree)
    return next((r for t in subj.subtree if t.i not in skip
                 and (r := view.ref_for_token(t, types)) is not None), None)


def _ends_in_by(cue: str) -> bool:
    """Does the cue end in the agent's 'by' ('attacked by', 'claimed by')? Then the name after
    it did the deed, and the passive's subject underwent it."""
    return cue.lower().rstrip().endswith(" by")


def _named_passive_subject(view: SentenceView, root: Any | None, types: tuple[str, ...]) -> Ref | None:
    """The name that is the passive subject of the cue's verb, if it has one."""
    if root is None or root.pos_ != "VERB":
        return None
    for passive in (c for c in root.children if c.dep_ == "nsubjpass"):
        try:
            return _subject_in(view, passive, types)
        except _NoSubject:
            return None
    return None


def _in_apposition(view: SentenceView, ref: Ref, noun: Any) -> bool:
    """Does the name stand beside the noun's phrase ('A member of X, Y, was killed', read
    beside the noun or beside X)?"""
    phrase = {t.i for t in noun.subtree}
    return any(tok.dep_ == "appos" and tok.head.i in phrase for tok in view.tokens_in(ref.start, ref.end))


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
    if root.dep_ == "conj" and root.tag_ == "VBN" and root.head is not root \
            and any(c.dep_ in ("auxpass", "nsubjpass") for c in root.head.children):
        return True, root  # 'was kidnapped and killed by militants': the second verb shares the passive
    if root.dep_ == "acl" and root.tag_ == "VBN":
        return True, root
    if root.dep_ == "advcl" and root.tag_ == "VBN" and not any(
            c.dep_ in ("nsubj", "dobj", "aux", "mark") for c in root.children):
        return True, root  # 'Formed in 2007, the group ...': what the main clause is about was formed
    return False, None


def clause_subject(view: SentenceView, root: Any, types: tuple[str, ...]) -> Ref | None:
    """Who the clause of the word ``root`` is about, by the parse alone: its subject, or the
    document's subject when the clause has none ('Founded as a result of a merger ...')."""
    try:
        found = _syntactic_subject(view, root, types)
    except (_NoSubject, _UnnamedSubject):
        return None
    if found is None and fragments.elided(view, root):
        return _fits(view.document_subject, types)
    return found


def _cue_word(rule: Rule, view: SentenceView, tok: Any) -> bool:
    """Is ``tok`` a word of one of the rule's cues?"""
    at = tok.idx + view.doc_offset - view.start
    return any(m.start() <= at < m.end() for m in rule.pattern.finditer(view.sent_text))


#: a preposition of where between a deed and a place: the place is the deed's setting
_LOCATIVE_RE = re.compile(r"\s+(?:in|across|throughout|around|inside|near)\s+(?:the\s+)?", re.IGNORECASE)
#: the same preposition after the deed's own object ('against an army checkpoint near Hama')
_LOCATIVE_END_RE = re.compile(r"\s(?:in|across|throughout|around|inside|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)


def _fits(ref: Ref | None, types: tuple[str, ...]) -> Ref | None:
    return ref if ref is not None and ref.type in types else None


def _agent(view: SentenceView, b: int, types: tuple[str, ...]) -> Ref | None:
    """The 'by' phrase just after a passive cue ('founded by X', 'Founded and led by X'); a
    merger is no agent ('formed by the merger of X and Y')."""
    by = _AGENT_RE.match(view.text[b:b + 40])
    if not by or _MERGER_AGENT_RE.match(view.text[b + by.end():b + by.end() + 30]):
        return None
    found = first_after(view, b + by.end() - 1, types, limit=6)
    if found is not None and _leavers().search(view.text, b + by.end(), found.start):
        return None  # 'established by defectors from the Syrian Army': the defectors founded it
    if found is not None and re.search(r"[,;:.()]", view.text[b + by.end():found.start]):
        return None  # 'killed by militants, an event he said ...': the agent is unnamed, not 'he'
    return found


@cache
def _leavers() -> re.Pattern[str]:
    """People named by the group they left ('defectors from'): ``leavers`` in lifecycle.yml."""
    words = load_mapping("cues", "claims", "lifecycle.yml").get("leavers")
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataFileError("cues/claims/lifecycle.yml: 'leavers' must be a list of phrases")
    return cue_regex([str(w) for w in words])


#: 'founded by X', 'founded and led by X', 'formed in 2011 by X', 'killed in Hama by X'
_AGENT_RE = re.compile(r"\s+(?:(?:in|on|during|around|at|near)\s+(?:(?:the|early|late|mid)\s+)?"
                       r"(?:[A-Z0-9][\w'’.-]*,?\s+){1,3})?(?:(?:and|&)\s+[a-z-]+\s+)?by\s")
_MERGER_AGENT_RE = re.compile(r"(?:a|the)\s+(?:merger|merging|union|amalgamation|fusion)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Clause:
    """What the parse says of the subject of a cue's clause (see ``fragments``)."""

    elided: bool = False  # no subject of its own: the document's subject is it
    fragment: bool = False  # the sentence has no subject: no subject by position
    participle: bool = False  # elided and a verb with no object: a passive participle


def _clause(rule: Rule, view: SentenceView, root: Any | None) -> _Clause:
    if root is None:
        return _Clause()
    elided = fragments.elided(view, root, deed=rule.family == "violence", role=rule.subject == "before")
    fragment = elided or fragments.sentence_fragment(view, root) and not fragments.subject_missed(view, root)
    return _Clause(elided, fragment,
                   elided and rule.passive and fragments.participle(root))


def applicable(rules: tuple[Rule, ...], view: SentenceView) -> list[Rule]:
    """The rules of ``rules`` (a family, loaded once) whose cues may match in ``view``, in
    order: the others cannot match (see ``rules.Triggers``)."""
    return pick(rules, view.runs)


def apply_rule(rule: Rule, view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    sent = view.sent_text
    if rule.context is not None and not rule.context.search(view.context or sent):
        return out
    about = view.document_subject
    for m in rule.pattern.finditer(sent):
        a, b = view.start + m.start(), view.start + m.end()
        if any(r.start <= a < r.end for r in view.refs if r.kind == "name"):
            continue  # the cue word is part of a name ('Islamic Army')
        if rule.not_after is not None and rule.not_after.search(view.text[max(view.start, a - 40):a]):
            continue  # 'broke his bay'ah to': not a pledge
        if rule.not_before is not None and rule.not_before.match(view.text[b:b + 40]):
            continue  # 'fought alongside': not against
        root = cue_root(view, a, b)
        if root is not None and root.tag_ in ("VBG", "VBN") and root.dep_ == "amod" and rule.time == "event":
            continue  # 'the attacking force', 'executing captured soldiers': a participle that modifies a noun heads no deed
        if root is not None and root.dep_ == "compound" and _cue_word(rule, view, root.head):
            continue  # 'a bombing attack': the deed is the head's
        if rule.describes_subject and not _describes_subject(root):
            continue  # 'attacked the only group in Saraqib': the noun names another, not the subject
        if root is not None and fragments.unrealised(root):
            continue  # 'If X attacks Hama', 'X could attack', 'fears of an attack by X'
        role = _role(view, a) if rule.role else None
        clause = _clause(rule, view, root) if rule.subject in ("syntax", "before") else _Clause()
        is_passive, _ = _passive(view, root) if rule.passive else (False, None)
        is_passive = is_passive or clause.participle  # 'Founded in 2013': the subject was founded
        subjects: list[Ref | None]
        objects: list[Ref | None]
        if rule.object == "between":
            first = first_after(view, b, rule.subject_types)
            if first is None:
                continue
            second = first_after(view, first.end, rule.object_types, limit=3, exclude=first)
            if second is not None and _listed_as(view, second):
                # 'Link between X, listed as Y (QDe.115), and Z': Y is X's name in a list, no party
                listed = second
                second = next((r for r in sorted(view.refs, key=lambda r: r.start)
                               if r.start >= listed.end and r.end <= view.end and r.type in rule.object_types
                               and r.entity not in (first.entity, listed.entity) and not _listed_as(view, r)
                               and view.words_between(listed.end, r.start) <= 6
                               and re.search(r"\b(?:and|&)\s", view.text[listed.end:r.start])), None)
            if second is None:
                continue
            out.append(RawClaim(rule, first, second, a, b, view))
            continue
        if is_passive and root is not None:
            obj = None
            unnamed_undergoer = False  # 'his brother was killed': a noun with no name, and not him
            shared = root.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in root.children)
            for c in (root.head if shared else root).children:  # 'was kidnapped and killed': the first's
                if c.dep_ == "nsubjpass":
                    obj = _undergoer(view, c, rule.object_types)
                    if obj is None and c.lower_ in _RELATIVE and root.dep_ == "relcl":
                        obj = view.ref_for_token(root.head, rule.object_types)  # 'X, which was founded'
                    unnamed_undergoer = obj is None and c.pos_ == "NOUN"
            if obj is None and unnamed_undergoer:
                pass
            elif obj is None and clause.elided:
                obj = _fits(about, rule.object_types)  # 'Founded in 2013', 'Killed in 2016'
            elif obj is None and root.dep_ in ("advcl", "conj"):
                # 'Formed in 2007, X ...'; 'X refused to join Y and was attacked by it': the
                # passive's subject is the subject of the clause it hangs from or joins
                try:
                    obj = _syntactic_subject(view, root.head, rule.object_types)
                except (_NoSubject, _UnnamedSubject):
                    obj = None
            elif obj is None and not clause.fragment:
                obj = nearest_before(view, a, rule.object_types)
            agent = _agent(view, b, rule.subject_types)
            if agent is not None and obj is not None and agent.kind != "name" and agent.entity == obj.entity:
                # 'X ... was attacked by it': 'it' is not the clause's own subject, but the name
                # before it that is not
                agent = nearest_before(view, agent.start, rule.subject_types, exclude=obj)
            if obj is None and (not rule.object_optional or clause.elided and (agent is None or about is not None)):
                continue  # what was founded is the document's subject, of another type, or nothing
            agents = [agent] if agent is None else coordinated(view, agent, rule.subject_types)
            out.extend(RawClaim(rule, ag, obj, a, b, view, role) for ag in agents)  # 'formed by A, B and C'
            continue
        if rule.subject == "after":
            if rule.context is not None and _named_subject(view, root):
                # 'The attacker had pledged allegiance to X' links an attacker to X; 'Y pledged
                # allegiance to X' after a sentence on attacks is Y's pledge, no attack of X's
                continue
            # 'X was blamed for the attack', 'X has been accused of kidnapping Y': the one blamed
            # is the passive's subject, where it names one ('The attack was blamed on X': after)
            by = _ends_in_by(view.text[a:b])
            subj = None if by else _named_passive_subject(view, root, rule.subject_types)
            if subj is None:
                subj = first_after(view, b, rule.subject_types)
            if by and subj is not None and subj.kind != "name" and root is not None:
                # 'X ... was attacked by it': the pronoun is not the passive clause's own subject
                undergone = _named_passive_subject(view, root, rule.subject_types) or (
                    clause_subject(view, root.head, rule.subject_types) if root.dep_ == "conj" else None)
                if undergone is not None and undergone.entity == subj.entity:
                    subj = nearest_before(view, subj.start, rule.subject_types, exclude=undergone)
            if subj is None:
                continue
            subjects = [subj]
            start_obj = subj.end
        else:
            subjects = []
            start_obj = b
        if rule.object == "after":
            first_obj = first_after(view, start_obj, rule.object_types, limit=rule.object_window,
                                     skip_possessives=True)
            if first_obj is not None and root is not None and root.pos_ == "NOUN" and root.dep_ == "compound":
                first_obj = None  # 'attack planning for X': what follows is the planning's, not the attack's
                if not rule.object_optional:
                    continue
            if first_obj is not None and (not _in_direct_object(view, root, a, b, first_obj)
                                          or in_other_clause(view, first_obj, a, b)):
                if not (rule.unnamed_object and rule.object_optional):
                    continue  # 'formed an alliance with X': X is not what was formed
                first_obj = None  # 'attacked a checkpoint in Aden': what was attacked has no name
            if first_obj is not None and rule.unnamed_object and first_obj.type == "Place" \
                    and (_LOCATIVE_RE.fullmatch(gap := view.text[b:first_obj.start])
                         or _LOCATIVE_END_RE.search(gap)):
                first_obj = None  # 'perpetrated attacks in Indonesia', 'against a checkpoint near Hama': where
            if first_obj is not None and _subject_of_another_clause(view, first_obj, a, b):
                first_obj = None  # 'denied the attack and said Y carried it out': Y is no target
            if first_obj is None:
                if not rule.object_optional:
                    continue
                objects = [None]
            else:
                objects = list(coordinated(view, first_obj, rule.object_types))
        elif rule.object == "modifier":
            mod = nearest_before(view, a, rule.object_types)
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
            # a deed that a reaction is about ('condemned the attack') is not the reacting party's,
            # nor one named in a phrase of time ('After the attack, X withdrew') the clause's
            timed = rule.time == "event" and root is not None and fragments.in_time_phrase(root)
            reacted = rule.time == "event" and root is not None and (timed or reacted_to(root))
            agentless = rule.passive and rule.object_optional or vocabulary().predicates[rule.predicate].kind == "deed"
            unnamed = False
            try:
                subj = (_syntactic_subject(view, root, rule.subject_types, reacted=reacted, own_phrase=timed)
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
            if subj is None and not unnamed and not reacted and clause.elided:
                # 'Associated with X', 'Since 2011, established X': the document's subject
                if about is None and agentless:
                    unnamed = True
                elif (subj := _fits(about, rule.subject_types)) is None:
                    continue
            by_position = not clause.fragment
            if subj is None and not unnamed and not reacted and by_position:
                subj = nearest_before(view, a, rule.subject_types, root=root)
            if subj is None and objects[-1] is not None and not reacted and by_position:
                subj = first_after(view, objects[-1].end, rule.subject_types, limit=12)
            if (subj is not None and parsed is None and rule.time == "event" and root is not None
                    and not any(view.ref_for_token(t, rule.subject_types) is subj for t in root.subtree)
                    and _reacting_party(view, subj)):
                subj = None  # 'The attack on Kabul drew condemnation from Hezbollah': not Hezbollah's
                reacted = True
            if subj is None and reacted:
                if not agentless:
                    continue
                unnamed = True
            if subj is None and unnamed and (clause.elided or timed) and objects[-1] is None:
                continue  # no subject and no object: nothing is said ('After the attack, X withdrew')
            if subj is not None:
                subjects = [subj]
                if root is not None and root.pos_ == "NOUN" and subj.kind == "pronoun" \
                        and view.text[subj.start:subj.end].lower() == "their" \
                        and (owners := _their_owners(view, root, rule.subject_types)):
                    # 'A, B and C announced their merger into X': each of the clause's subjects
                    subjects = list(owners)
                elif root is not None and root.pos_ == "NOUN" and subj.end <= a:
                    # 'joint PUK and US military operations against X': each of the joined names
                    chain = joined_before(view, subj, rule.subject_types)
                    chain += [r for r in coordinated(view, chain[-1], rule.subject_types)[1:] if r.end <= a]
                    subjects = list(chain)
                elif root is not None and root.pos_ in ("VERB", "AUX") and subj.end <= a and subj.kind == "name":
                    # 'A, B and C formed X', 'X and Y attacked Z': each of the joined subjects
                    subjects = [r for r in coordinated(view, subj, rule.subject_types) if r.end <= a]
            elif unnamed:
                subjects = [None]
            else:
                subjects = []
        elif rule.subject == "before":
            if rule.role and root is not None and _role_of_an_object(root):
                continue  # 'X murdered several members of Y': the members are X's victims, not X
            if clause.elided:
                subj = _fits(about, rule.subject_types)  # 'Senior member of X and member of Y'
            elif clause.fragment:
                try:  # 'Associated with X, who is the leader of Y': only what the parse says
                    subj = _syntactic_subject(view, root, rule.subject_types) if root is not None else None
                except (_NoSubject, _UnnamedSubject):
                    subj = None
                if subj is None and root is not None:
                    subj = fragments.described(view, root, rule.subject_types)  # 'X, the leader of Y'
            else:
                subj = _as_role_subject(view, root, rule.subject_types)
                if subj is None:
                    subj = nearest_before(view, a, rule.subject_types, root=root)
                if subj is None and objects[-1] is not None:
                    subj = first_after(view, objects[-1].end, rule.subject_types, limit=12)
                    if subj is not None and subj.kind == "name" and _subject_of_a_deed(root) \
                            and not _in_apposition(view, subj, root):
                        # 'Members of X attacked Y': Y is what they attacked ('The leader of X
                        # was killed near his home': his is the leader's)
                        subj = None
            subjects = [subj] if subj is not None else []
        elif rule.subject == "none":
            subjects = [None]
        if not subjects:
            continue
        subj_side, obj_side = ("object", "subject") if rule.inverse else ("subject", "object")
        for s in subjects:
            if not _party(view, rule, s, subj_side):
                if subj_side == "object" or not vocabulary().predicates[rule.predicate].subject_optional:
                    continue
                s = None  # 'The attack on Kabul': Kabul did not attack
            for o in objects:
                if not _party(view, rule, o, obj_side):
                    continue
                if s is not None and o is not None and s.entity == o.entity:
                    if not rule.object_optional:
                        continue
                    o = None  # 'X shot at the bus and set it on fire': no object named
                if rule.inverse:
                    out.append(RawClaim(rule, o, s, a, b, view, role))
                else:
                    out.append(RawClaim(rule, s, o, a, b, view, role))
    return out


def _described_by(view: SentenceView, noun: Any, types: tuple[str, ...]) -> Ref | None:
    """'X is an affiliate of Y and an armed group operating in Z': the noun a participle or a
    relative clause hangs from describes the copula's subject (X), not the nearest name (Y)."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    if noun.dep_ != "attr" or noun.head is noun:
        return None
    subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    # the subject's own name, not one in an aside of it ('X (no relation to Y) was a group')
    return view.ref_for_token(subj, types) if subj is not None else None


#: verbs whose object names what their subject is ('X became a member of Y')
_NAMING_VERBS = frozenset({"become", "remain", "make", "name", "appoint", "elect", "call", "consider", "declare",
                           "nominate", "choose", "designate", "list"})


def _role_of_an_object(root: Any) -> bool:
    """Is the role noun ``root`` ('members' of 'members of Y') what a verb acts on, its agent,
    or the party it acts with ('murdered members of Y', 'was killed by members of Y', 'clashed
    with factions of Y')? Then it names others."""
    i = root.left_edge.i - 1
    while i >= 0 and root.doc[i].text.strip("*†‡") == "":
        i -= 1  # a footnote mark: 'X,* the official of Y'
    if i >= 0 and root.doc[i].text.rstrip("*†‡") in (",", "(", "—", "–"):
        return False  # 'recalled X, the official of Y': an apposition, however it parsed
    if root.dep_ == "dobj":
        return bool(root.head.lemma_.lower() not in _NAMING_VERBS)
    # 'was killed by members of Y', 'fought against members of Y', 'clashed with factions of Y'
    return bool(root.dep_ == "pobj" and root.head.lower_ in ("by", "against", "with") and root.head.head.pos_ == "VERB")


def _as_role_subject(view: SentenceView, root: Any | None, types: tuple[str, ...]) -> Ref | None:
    """'X replaced Z as leader of Y', 'X was appointed as emir of Y': the role in an 'as'
    phrase is the verb's subject's, not the nearest name's."""
    if root is None or root.dep_ != "pobj" or root.head.lower_ != "as" or root.head.head is root.head:
        return None
    verb = root.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    try:
        return _syntactic_subject(view, verb, types)
    except (_NoSubject, _UnnamedSubject):
        return None


def _party(view: SentenceView, rule: Rule, ref: Ref | None, side: str) -> bool:
    """A place is a party to a relation or a deed only as a country (the state acting)."""
    if ref is None or ref.type != "Place":
        return True
    return vocabulary().predicates[rule.predicate].place_party(side) or ref.entity in view.countries
