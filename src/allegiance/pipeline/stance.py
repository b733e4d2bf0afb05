"""Stance and source: how the text presents a claim, and who says it.

Order of precedence: negated > denied > disputed > alleged > claimed > reported > asserted.

Most cues are scoped by distance: they work on a claim whose cue follows them closely. Verbs
and nouns of belief ('the police believe', 'accused X of', 'is thought to') are scoped by the
parse: they hedge the claims in the clause they govern, and their subject, when it names a
person or group, is the source of those claims. Denials ('X denied the attack'), claims of
responsibility and attributions ('X said', 'according to X') are scoped by the parse too: a
claim in another clause of the sentence ('X attacked Y, and Z said ...') keeps its own stance
and source, unless the attribution opens or closes the sentence ('According to X, ...', '...,
police said.'). A party that says it did the deed ('X said it attacked Y') claims it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.engine import RawClaim, clause_verb, cue_root
from allegiance.pipeline.claims.nearby import nearest_before
from allegiance.pipeline.claims.rules import Triggers, cue_regex, cue_triggers, pick
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.resources import load_cues, word_list

PRECEDENCE = ["negated", "denied", "disputed", "alleged", "claimed", "reported", "asserted"]
_PEOPLE = ("Person", "Organization")
_CLAUSE_HEADS = ("VERB", "AUX")
_PREPOSITIONAL = ("according to", "in the words of")
_CLAUSE_BREAK_RE = re.compile(r"[;:]|,\s+(?:but|yet|and|while|although|though|as)\b|\s(?:but|yet)\s|\.\s")


@dataclass(frozen=True)
class _Windowed:
    pattern: re.Pattern[str]
    window: int
    triggers: Triggers | None = None


@dataclass(frozen=True)
class _Belief:
    lemma: str
    governs: str | None = None  # a word the verb must govern ('hold responsible')


@dataclass(frozen=True)
class StanceCues:
    negation: tuple[_Windowed, ...]
    negation_exceptions: re.Pattern[str]
    negative_cues: re.Pattern[str]
    hedge: tuple[_Windowed, ...]
    irrealis: tuple[_Windowed, ...]
    dispute: re.Pattern[str]
    contrast: re.Pattern[str]
    denial: re.Pattern[str]
    declaration: re.Pattern[str]
    claimed: re.Pattern[str]
    reported: re.Pattern[str]
    belief_verbs: tuple[_Belief, ...] = ()
    belief_nouns: frozenset[str] = frozenset()
    #: objects that make a belief verb a taking ('assumed command'): no belief
    not_beliefs: frozenset[str] = frozenset()
    belief_out_of_scope: frozenset[str] = frozenset()
    author_subjects: frozenset[str] = frozenset()
    author_forms: frozenset[str] = frozenset()


def _windowed(items: object, key: str) -> tuple[_Windowed, ...]:
    if not isinstance(items, list):
        raise DataFileError(f"cues/stance.yml: {key!r} must be a list")
    out = []
    for it in items:
        if not isinstance(it, dict) or not isinstance(it.get("cue"), str):
            raise DataFileError(f"cues/stance.yml: {key}: each entry needs a 'cue'")
        out.append(_Windowed(cue_regex([it["cue"]]), int(it.get("window", 5)), cue_triggers([it["cue"]])))
    return tuple(out)


def _phrases(data: dict[str, object], key: str) -> re.Pattern[str]:
    v = data.get(key)
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise DataFileError(f"cues/stance.yml: {key!r} must be a list of strings")
    return cue_regex(v)


def _words(data: dict[str, object], key: str) -> tuple[str, ...]:
    v = data.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise DataFileError(f"cues/stance.yml: {key!r} must be a list of words")
    return tuple(x.strip().lower() for x in v)


def _beliefs(data: dict[str, object]) -> tuple[_Belief, ...]:
    out = []
    for entry in _words(data, "belief_verbs"):
        parts = entry.split()
        if len(parts) > 2:
            raise DataFileError(f"cues/stance.yml: belief_verbs: {entry!r}: a verb, or a verb and one word")
        out.append(_Belief(parts[0], parts[1] if len(parts) == 2 else None))
    return tuple(out)


@cache
def stance_cues() -> StanceCues:
    d = load_cues("stance")
    return StanceCues(
        negation=_windowed(d.get("negation"), "negation"),
        negation_exceptions=_phrases(d, "negation_exceptions"),
        negative_cues=_phrases(d, "negative_cues"),
        hedge=_windowed(d.get("hedge"), "hedge"),
        irrealis=_windowed(d.get("irrealis"), "irrealis"),
        dispute=_phrases(d, "dispute"),
        contrast=re.compile(r"^\W*(?:" + "|".join(re.escape(w) for w in d["contrast_openers"]) + r")\b",
                            re.IGNORECASE),
        denial=_phrases(d, "denial"),
        declaration=_phrases(d, "declaration"),
        claimed=_phrases(d, "claimed"),
        reported=_phrases(d, "reported"),
        belief_verbs=_beliefs(d),
        belief_nouns=frozenset(_words(d, "belief_nouns")),
        not_beliefs=frozenset(_words(d, "not_beliefs")),
        belief_out_of_scope=frozenset(_words(d, "belief_out_of_scope")),
        author_subjects=frozenset(_words(d, "author_subjects")),
        author_forms=frozenset(_words(d, "author_forms")),
    )


def _before(view: SentenceView, cues: tuple[_Windowed, ...], pos: int,
            exceptions: re.Pattern[str] | None = None) -> bool:
    excluded = view.matches(exceptions) if exceptions else []
    for w in pick(cues, view.runs):  # the cues whose first word is in the sentence
        for a, b in view.matches(w.pattern):
            if a == pos:  # the claim's own cue is the hedge ('blamed X for')
                return True
            if b > pos or view.words_between(b, pos) > w.window:
                continue
            if any(x <= a < y for x, y in excluded):
                continue
            if _CLAUSE_BREAK_RE.search(view.text[b:pos]):
                continue
            return True
    return False


def _is_belief_verb(tok: Any) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    for b in stance_cues().belief_verbs:
        if b.lemma == lemma and (b.governs is None or any(
                t.lower_ == b.governs for t in tok.subtree if t.i != tok.i)):
            return True
    return False


def _authors_view(verb: Any, view: SentenceView) -> bool:
    """Is the believer the author ('I believe', 'we suspect'), not someone the text names?"""
    if view.speaker == "witness":
        return False  # a witness's 'I' is not the author
    cues = stance_cues()
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.lower_ in cues.author_forms:
        return True  # 'Considering that Mosul fell ...'
    return any(c.dep_ == "nsubj" and c.lower_ in cues.author_subjects for c in subjects)


def believing(claim: RawClaim) -> Any | None:
    """The belief verb or noun whose scope holds the claim, or None.

    In scope: the claim's own cue is a belief verb ('is blamed', 'suspect'), or its cue hangs
    from one through its complement ('the police believe [X was responsible]', 'accused X [of
    attacking]', 'X is thought [to have attacked]'), not through its subject or a coordinated
    clause. A belief the author holds ('I believe') hedges nothing here.
    """
    view = claim.sentence
    cues = stance_cues()
    for tok in view.tokens_in(claim.cue_start, claim.cue_end):
        if _is_belief_verb(tok):
            if any(c.dep_ == "dobj" and c.lemma_.lower() in cues.not_beliefs for c in tok.children):
                continue  # 'assumed command of X': taking a role, no belief
            return None if _authors_view(tok, view) else tok
    tok = cue_root(view, claim.cue_start, claim.cue_end)
    if tok is None:
        return None
    for _ in range(12):
        head = tok.head
        if head.i == tok.i or head.idx + view.doc_offset < view.start:
            return None
        if tok.dep_ not in cues.belief_out_of_scope:
            if _is_belief_verb(head):
                return None if _authors_view(head, view) else head
            if head.pos_ == "NOUN" and head.lemma_.lower() in cues.belief_nouns and (
                    tok.dep_ in ("acl", "ccomp", "prep")
                    or tok.dep_ == "relcl" and any(c.dep_ == "mark" for c in tok.children)):
                return head  # 'accusations that X attacked', 'suspicions of X attacking'
        tok = head
    return None


def _named(view: SentenceView, tok: Any) -> int | None:
    """Entity index of the person or group a noun phrase names: the word itself, the name it
    is made of ('Hezbollah officials', 'the group's spokesman'), or the one it is of or for
    ('a spokesman for Hezbollah')."""
    for t in [tok, *(c for c in tok.children if c.dep_ in ("compound", "appos", "poss", "nmod"))]:
        r = view.ref_for_token(t, _PEOPLE)
        if r is not None:
            return r.entity
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "from")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for t in [obj, *(c for c in obj.children if c.dep_ in ("compound", "appos"))]:
                r = view.ref_for_token(t, _PEOPLE)
                if r is not None:
                    return r.entity
    return None


def _believer(claim: RawClaim) -> int | None:
    """Entity index of who holds the belief that governs the claim ('Hezbollah accused X of').

    The subject of the belief verb, when it names a person or group (the subject itself, or
    the name it is made of: 'Hezbollah officials'); of a belief noun, its possessor
    ('Hezbollah's accusations that'). A passive verb ('X is suspected') names no believer.
    """
    tok = believing(claim)
    if tok is None:
        return None
    view = claim.sentence
    if tok.pos_ in _CLAUSE_HEADS:
        if any(c.dep_ == "auxpass" for c in tok.children):
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return _named(view, subj) if subj is not None else None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    return _named(view, owner) if owner is not None else None


def is_irrealis(claim: RawClaim) -> bool:
    """A wish, plan or attempt ('calling for permission to pledge'): no claim at all."""
    return _before(claim.sentence, stance_cues().irrealis, claim.cue_start)


def is_declared(claim: RawClaim) -> bool:
    """Does a declaration cue ('declaring the dissolution of') introduce the claim?"""
    view = claim.sentence
    cues = stance_cues()
    for m in cues.declaration.finditer(view.sent_text):
        b = view.start + m.end()
        if b <= claim.cue_start and view.words_between(b, claim.cue_start) <= 4:
            return True
    return False


def decide(claim: RawClaim, previous: SentenceView | None, following: SentenceView | None) -> str:
    """The stance of ``claim`` from cues in its sentence and, for declarations, the next one."""
    view = claim.sentence
    cues = stance_cues()
    sent = view.sent_text
    cue_text = view.text[claim.cue_start:claim.cue_end]
    if not cues.negative_cues.fullmatch(cue_text) and _before(
            view, cues.negation, claim.cue_start, cues.negation_exceptions):
        return "negated"
    if is_denied(claim):
        return "denied"
    if cues.dispute.search(sent):
        return "disputed"
    declared = is_declared(claim)
    if declared and following is not None and cues.contrast.search(following.sent_text):
        if cues.dispute.search(following.sent_text):
            return "disputed"
        if cues.denial.search(following.sent_text):
            return "denied"
    if declared and following is not None and cues.denial.search(following.sent_text) and re.search(
            r"\b(?:this|that|it|the claim|the statement)\s+(?:was|were|has been|is)\s+", following.sent_text,
            re.IGNORECASE):
        return "denied"
    hedged = _before(view, cues.hedge, claim.cue_start) or believing(claim) is not None
    if hedged and (answer := _answered(claim, following)) is not None:
        return answer
    if hedged:
        return "alleged"
    if claim.rule.family == "violence" and is_claimed(claim):
        return "claimed"
    if declared:
        return "claimed"
    if view.speaker == "witness" or attribution_for(claim) is not None:
        return "reported"
    return "asserted"


@cache
def _charges_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(word_list("stance", "charges"), key=len, reverse=True))
    return re.compile(rf"\b(?:the|these|those|such|all|its|their|his|her)\s+(?:{words})\b", re.IGNORECASE)


def _answered(claim: RawClaim, following: SentenceView | None) -> str | None:
    """An accusation answered by the next sentence's denial of it ('X was accused of Y. The
    group denied the allegations.'): denied when the accused denies, disputed when another does."""
    if following is None or not stance_cues().denial.search(following.sent_text) \
            or not _charges_re().search(following.sent_text):
        return None
    denier = next((r for r in following.refs if r.subject), None)
    if denier is not None and claim.subject is not None and denier.entity == claim.subject.entity:
        return "denied"
    return "disputed"


def _governs(verb: Any, tok: Any) -> bool:
    """Is ``tok`` the verb, or in what the verb says (its object, complement, modifiers), not
    reached through its subject or a clause coordinated with it (``belief_out_of_scope``)?"""
    out = stance_cues().belief_out_of_scope
    for _ in range(16):
        if tok.i == verb.i:
            return True
        head = tok.head
        if head.i == tok.i:
            return False
        if head.i == verb.i:
            return tok.dep_ not in out
        tok = head
    return False


def _cue_verb(view: SentenceView, a: int, b: int) -> Any | None:
    """The verb of a cue span ('claimed responsibility', 'told me'), or of the clause the span
    stands in ('in a claim of responsibility, X said'); None when the parse does not tell."""
    verb = next((t for t in view.tokens_in(a, b) if t.pos_ in _CLAUSE_HEADS), None)
    if verb is not None:
        # 'were rejected', 'has claimed': the verb the auxiliary helps, which holds the clause
        return verb.head if verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i else verb
    root = cue_root(view, a, b)
    return clause_verb(root) if root is not None else None


def _claimant(view: SentenceView, a: int, b: int, verb: Any | None) -> int | None:
    """Entity index of who makes the claim of responsibility at ``a``..``b``: the name after
    'claimed by', the possessor of 'X's claim of responsibility', the subject of its verb."""
    if view.text[max(view.start, b - 2):b].lower() == "by":
        after = sorted((r for r in view.refs if r.start >= b and r.end <= view.end and r.type in _PEOPLE),
                       key=lambda r: r.start)
        return after[0].entity if after and view.words_between(b, after[0].start) <= 4 else None
    root = cue_root(view, a, b)
    owner = next((c for c in root.children if c.dep_ == "poss"), None) if root is not None else None
    if owner is not None:
        return _named(view, owner)
    subj = _subject_of(verb) if verb is not None else None
    return _named(view, subj) if subj is not None else None


def is_claimed(claim: RawClaim) -> bool:
    """Is the claim one that a party claims: its own cue is a claim of responsibility ('claimed
    responsibility for', 'was claimed by'), its cue is in the clause of one ('X claimed the
    bombing, which killed ...', 'in a claim of responsibility, X said its fighters ...'), the
    one who claims is the claim's own subject ('X attacked Y ..., X claimed responsibility for
    the attack'), or the one whose words report it is ('X said it attacked Y', 'according to
    X, its fighters killed Y')?

    Someone else's deed in a clause coordinated with the claim's ('X claimed the attack, but
    officials believe Y carried it out') is outside it, and a claim of responsibility that is
    negated ('no group has claimed responsibility') makes nothing claimed.
    """
    view = claim.sentence
    cues = stance_cues()
    root = cue_root(view, claim.cue_start, claim.cue_end)
    for m in cues.claimed.finditer(view.sent_text):
        a, b = view.start + m.start(), view.start + m.end()
        if a < claim.cue_end and claim.cue_start < b:
            return True
        if _before(view, cues.negation, a, cues.negation_exceptions):
            continue  # 'no group has claimed responsibility': it makes nothing claimed
        verb = _cue_verb(view, a, b)
        if claim.subject is not None and _claimant(view, a, b, verb) == claim.subject.entity:
            return True
        if verb is None or root is None:  # no parse: the same stretch between clause breaks
            lo, hi = (b, claim.cue_start) if b <= claim.cue_start else (claim.cue_end, a)
            if not _CLAUSE_BREAK_RE.search(view.text[lo:hi]):
                return True
            continue
        if _governs(verb, root):
            return True
    att = attribution_for(claim)
    # 'The Islamic State said it attacked the base', 'X said its fighters killed Y': a party
    # saying it did the deed claims it
    return att is not None and claim.subject is not None and att.source == claim.subject.entity


def is_denied(claim: RawClaim) -> bool:
    """Is the claim in what a denial governs: 'X denied the attack', 'X denied involvement in
    the attack', 'X denied that Y attacked Z', 'reports that X attacked Y were rejected'?

    Scoped by the parse like belief: a claim reached from the denial verb through its subject
    or a coordinated clause ('X denied the attack and said Y carried it out': Y's deed) keeps
    its own stance, and so does one in the clause of a reporting verb the denial governs ('X
    denied the attack, saying Y carried it out'), which is the nearer scope. Without a parse
    of the cue, a denial up to ten words before the claim's cue covers it, as a window.
    """
    view = claim.sentence
    cues = stance_cues()
    root = cue_root(view, claim.cue_start, claim.cue_end)
    inner = [(att, att.verb) for att in attributions(view) if not att.whole and att.verb is not None
             and not att.prepositional and _covers(att, claim)]
    for m in cues.denial.finditer(view.sent_text):
        a, b = view.start + m.start(), view.start + m.end()
        verb = _cue_verb(view, a, b)
        if verb is None or root is None:
            if (b <= claim.cue_start and view.words_between(b, claim.cue_start) <= 10
                    and not _CLAUSE_BREAK_RE.search(view.text[b:claim.cue_start])):
                return True
            continue
        if any(v.i != verb.i and _governs(verb, v) and not _denied_report(view, att, verb) for att, v in inner):
            continue  # 'denied the attack, saying Y carried it out': what it says is reported
        if _governs(verb, root):
            return True
        if _denies_what_came_before(verb, root):
            return True
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and passive.left_edge.i <= root.i <= passive.right_edge.i:
            return True  # 'Reports that X attacked Y were rejected'
    return False


#: words that point back at the clause before them ('..., although this was denied')
_POINTING_BACK = frozenset({"this", "that", "which", "it"})


def _denies_what_came_before(verb: Any, root: Any) -> bool:
    """'X pledged allegiance to Y, although this was denied by Y', '..., which Y denied': a
    denial whose object points back at the clause it hangs from denies that clause."""
    if verb.dep_ not in ("advcl", "conj", "relcl", "parataxis") or verb.head.i == verb.i:
        return False
    pointer = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj") and c.lower_ in _POINTING_BACK), None)
    return pointer is not None and _governs(verb.head, root) and not _governs(verb, root)


def _denied_report(view: SentenceView, att: Attribution, verb: Any) -> bool:
    """Is the report itself what is denied ('X denied reports that it had joined Y')? Its
    cue word is then the denial's object, and what the report says is denied with it."""
    tok = view.token_at(att.start)
    return tok is not None and tok.head.i == verb.i and tok.dep_ in ("dobj", "nsubjpass")


@dataclass(frozen=True)
class Attribution:
    """A reporting cue ('according to X', 'X said', 'told me') and what it covers."""

    start: int
    end: int
    #: the verb of the clause it reports ('said'; for 'according to X' the verb it modifies);
    #: None when the parse does not tell, and then it covers the sentence
    verb: Any | None
    #: it opens or closes the sentence ('According to X, ...', '..., police said.'): it covers
    #: all of it; otherwise only the clause of ``verb``
    whole: bool
    prepositional: bool
    source: int | None  # entity index of who says it, when the text names them


def _subject_of(verb: Any) -> Any | None:
    """The subject of a reporting verb, or of the clause it shares one with ('X denied the
    attack and said ...', '..., saying ...'); the noun a relative clause is about."""
    for _ in range(4):
        for c in verb.children:
            if c.dep_ == "nsubj":
                if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return verb.head
                return c
        if verb.dep_ not in ("conj", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _nearest_named_before(view: SentenceView, pos: int) -> int | None:
    ref = nearest_before(view, pos, _PEOPLE)
    return ref.entity if ref is not None else None


def attributions(view: SentenceView) -> list[Attribution]:
    """The reporting cues of the sentence, each with its scope and its source (found once
    per sentence)."""
    return view.memo("attributions", lambda: _attributions(view))


def _attributions(view: SentenceView) -> list[Attribution]:
    out: list[Attribution] = []
    words = [t for t in view.tokens if t.pos_ not in ("PUNCT", "SPACE")]
    for m in stance_cues().reported.finditer(view.sent_text):
        a, b = view.start + m.start(), view.start + m.end()
        prepositional = m.group(0).lower().startswith(_PREPOSITIONAL)
        toks = list(view.tokens_in(a, b))
        root = cue_root(view, a, b)
        after_names = sorted((r for r in view.refs if r.start >= b and r.end <= view.end and r.type in _PEOPLE),
                             key=lambda r: r.start)
        if not toks or root is None or not words:  # no parse: the whole sentence, the nearest name
            src = after_names[0].entity if prepositional and after_names else _nearest_named_before(view, a)
            out.append(Attribution(a, b, None, True, prepositional, src))
            continue
        if prepositional:
            first, last = root.left_edge.i, root.right_edge.i
            verb = clause_verb(root.head) if root.head.i != root.i else None
            end = root.right_edge.idx + len(root.right_edge) + view.doc_offset
            named = [r for r in after_names if r.start < end]
            src = named[0].entity if named else None  # 'according to Reuters': none named
        else:
            first, last = toks[0].i, toks[-1].i
            verb = next((t for t in toks if t.pos_ in _CLAUSE_HEADS), root)
            subj = _subject_of(verb)
            if subj is not None:
                src = _named(view, subj)  # 'police said': none named
            elif any(c.dep_ in ("nsubjpass", "expl") for c in verb.children):
                src = None  # 'it was reported that'
            else:
                src = _nearest_named_before(view, a)
        opens = not [t for t in words if t.i < first and t.pos_ not in ("CCONJ", "ADV", "INTJ")]
        closes = not [t for t in words if t.i > last]
        whole = closes or (prepositional and opens) or verb is None
        out.append(Attribution(a, b, verb, whole, prepositional, src))
    return out


def _covers(att: Attribution, claim: RawClaim) -> bool:
    if att.whole or att.verb is None:
        return True
    view = claim.sentence
    root = cue_root(view, claim.cue_start, claim.cue_end)
    if root is None:
        return True
    if _governs(att.verb, root):
        return True
    verb = att.verb
    # 'X, police said, attacked Y': the reporting verb is an aside in the claim's clause
    return (not att.prepositional and verb.dep_ in ("parataxis", "ccomp")
            and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) and _governs(verb.head, root))


def attribution_for(claim: RawClaim) -> Attribution | None:
    """The reporting cue whose scope holds the claim: one that covers the sentence ('According
    to X, ...', '..., police said.'), or one whose clause the claim is in ('X attacked Y, and Z
    said W bombed V' for the bombing only). The nearer scope wins."""
    found = [att for att in attributions(claim.sentence) if _covers(att, claim)]
    if not found:
        return None
    return min(found, key=lambda att: att.whole)


def source_for(claim: RawClaim) -> int | None:
    """Entity index of who says the claim: the source of the attribution that covers it
    ('according to X', 'X told me'), the witness of a testimony, or who holds the belief that
    governs it ('Hezbollah accused X of'); None for the author or an unnamed source."""
    att = attribution_for(claim)
    if att is not None and att.source is not None:
        return att.source
    if claim.sentence.speaker == "witness":
        return claim.sentence.source
    return _believer(claim)
