"""Subjectless clauses: where a claim's subject is the entity the document is about.

Profiles, biographies and list entries are written in fragments: ``Associated with X and led
by Y.``, ``Leader of Z since 2015, pledged loyalty to W.``, ``Senior member of X and member
of Y.``, ``Founded in 2013 as a result of a merger between X and Y.`` The clause of such a
claim's cue has no grammatical subject; a name elsewhere in the sentence (the agent of
another verb, a name inside a prepositional phrase) is never it. The subject is the
document's (``SentenceView.document_subject``), or there is none.

The test follows the parse from the cue up to the root of the sentence. The clause is
*elided* when nothing on the way has a subject: no subject dependent (a bare singular noun
opening the sentence, ``Leader of Z, pledged ...``, is the fragment's predicate, not a
subject, unless a copula makes it one: ``Leader of Z is W``), no name it hangs from (``X, a
member of Y``), no noun it modifies (``groups associated with X`` are the groups') other
than the root noun of the fragment itself (``A group affiliated with X``: the group is what
the document is about), and the root is no name. The *sentence* is a fragment when its root
has no subject; then no claim in it takes a subject by position either (nearest name
before, first name after).

A sentence the parse misread is no fragment: a finite verb right after a person or group
(its subject, hung elsewhere: '... and the Islamic State claimed responsibility'), a finite
verb hung from a noun as its modifier ('The Islamic State claims responsibility' read as a
noun phrase), a root that is punctuation. And a fragment the parse misread is still one: a
verb opening the sentence hung from the noun after it ('Founded X in 2013', 'Associated with
X, [Y] and Z').
"""

from __future__ import annotations

from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.view import SentenceView
from allegiance.resources import load_mapping

ALL_TYPES = ("Organization", "Person", "Place")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_DETERMINER_DEPS = ("det", "poss", "nummod", "predet", "quantmod")
#: dependents only a verb has: a token that has one is a verb whatever its tag ('Joined
#: Al-Qaida in 1996' is tagged as a proper noun)
_VERBAL_DEPS = ("dobj", "agent", "auxpass", "aux", "dative", "xcomp", "ccomp", "prt")
_COPULAS = ("be", "become", "remain")
#: the prepositions of a role ('leader of', 'facilitator for', 'commander in', 'fighter with')
_ROLE_PREPOSITIONS = ("of", "for", "in", "within", "with")


@cache
def _clause_cues() -> dict[str, frozenset[str]]:
    data = load_mapping("cues", "claims", "clauses.yml")
    out: dict[str, frozenset[str]] = {}
    for key in ("time_prepositions", "conditions", "modals", "expectations"):
        v = data.get(key)
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise DataFileError(f"cues/claims/clauses.yml: {key!r} must be a list of words")
        out[key] = frozenset(x.strip().lower() for x in v)
    return out


def time_prepositions() -> frozenset[str]:
    """Prepositions whose phrase says when (``after the attack``): a deed named there is a
    point in time, not something the clause's subject did."""
    return _clause_cues()["time_prepositions"]


#: dependency labels by which a deed's word hangs from what expects or fears it
_EXPECTED_DEPS = ("dobj", "pobj", "prep", "ccomp", "xcomp", "compound", "nsubjpass")


def unrealised(root: Any) -> bool:
    """Does the parse say the cue word ``root`` names what did not happen: a condition ('If X
    attacks Hama'), a possibility or future ('X could attack'), something feared or warned of
    ('fears of an attack by X')? See ``clauses.yml``."""
    cues = _clause_cues()
    for t in reversed(root.doc[root.sent.start:root.i]):  # 'If X attacks', however it parsed
        if t.is_punct and t.lower_ in (",", ";", ":", "(", ")", "—", "–"):
            break
        if t.lower_ in cues["conditions"]:
            return True
    tok = root
    for _ in range(3):  # 'could be attacked', 'could attack and kill': the verb group of the cue
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if marks & cues["conditions"]:
            return True
        if marks & {"before", "until", "till"}:
            return False  # 'killed before he could pledge': a negation, for the stance to tell
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in cues["modals"] for c in auxes) and not any(c.lemma_ == "have" for c in auxes):
            return True
        if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            break  # 'I will speak of him, and he was in Hasakah': a clause of its own
        if tok.dep_ not in ("xcomp", "conj") or tok.head is tok:
            break
        tok = tok.head
    tok = root
    for _ in range(4):
        if tok.dep_ not in _EXPECTED_DEPS or tok.head is tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in cues["expectations"]:
            return True
    return False


def is_verbal(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in _VERBAL_DEPS for c in tok.children)


def bare_role_noun(tok: Any) -> bool:
    """A singular common noun with no determiner opening the sentence, the subject of a verb
    that is no copula: 'Leader of AQAP since 2015, pledged loyalty to X' (the leader is
    what the elided subject is; English gives such a noun a determiner when it is a subject)."""
    if tok.tag_ not in ("NN", "NNP") or tok.dep_ not in ("nsubj", "nsubjpass") or tok.ent_type_:
        return False
    if " " in tok.text.strip():
        return False  # a name of several words held as one token: 'Jund al-Khilafa in Algeria pledged'
    if not any(c.dep_ == "prep" and c.lower_ in _ROLE_PREPOSITIONS for c in tok.children):
        return False  # a role: 'Member of X', 'Leader of Y'; not 'Fighting broke out', 'Attack by X'
    if any(c.dep_ in _DETERMINER_DEPS for c in tok.children):
        return False
    if any(c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN" for c in tok.children):
        return False  # 'Hezbollah leader said': the name is the subject
    if tok.head.lemma_.lower() in _COPULAS:
        return False  # 'Leader of AQAP is X': a headline's subject
    return bool(tok.left_edge.i == tok.sent.start)


def has_subject(tok: Any, below: Any | None = None) -> bool:
    """Does ``tok`` have a subject dependent? A bare role noun does not count. Nor does a
    relative pronoun for what stands before it (``below``, a token the climb came from), when
    the parse made the relative clause the main one ('Co-founded by X, who was ...': the
    founding is the fragment's main clause, and it has no subject)."""
    for c in tok.children:
        if c.dep_ not in _SUBJECT_DEPS or bare_role_noun(c):
            continue
        if c.tag_ in ("WP", "WDT") and tok.dep_ != "relcl" and below is not None and below.i < c.i:
            continue
        return True
    return False


def purpose(tok: Any) -> Any | None:
    """'in order to conduct attacks': the verb the purpose clause of ``tok`` belongs to (the
    parse hangs it from the noun 'order'), else None."""
    head = tok.head
    if tok.dep_ == "acl" and head.lower_ == "order" and head.dep_ == "pobj" and head.head.lower_ == "in":
        return head.head.head
    return None


def _is_name(view: SentenceView, tok: Any) -> bool:
    return view.ref_for_token(tok, ALL_TYPES) is not None


def sentence_fragment(view: SentenceView, tok: Any) -> bool:
    """Is the sentence of ``tok`` a fragment: a root with no subject that is no name?"""
    root = tok.sent.root
    if root.pos_ in ("PUNCT", "SYM", "X", "SPACE") or _is_name(view, root) or has_subject(root, below=tok):
        return False  # no parse to speak of ('*****- X, the leader of Y'), a name, or a subject
    return not (_subject_misplaced(view, root, any_noun=True) or _verb_as_modifier(root))


def _before_aside(doc: Any, i: int, start: int) -> Any:
    """The token at ``i``, or when it closes a bracket ('X (QDi.058) served'), the one before
    the bracket."""
    if doc[i].text != ")":
        return doc[i]
    depth = 0
    for k in range(i, start - 1, -1):
        depth += {")": 1, "(": -1}.get(doc[k].text, 0)
        if depth == 0:
            return doc[k - 1] if k > start else doc[k]
    return doc[i]


def _verb_as_modifier(root: Any) -> bool:
    """A finite verb the parse hung from a noun as its modifier ('The Islamic State [claims]
    responsibility' read as one noun phrase): the sentence is no fragment, only misread."""
    return any(t.pos_ == "VERB" and t.tag_ in ("VBZ", "VBP") and t.dep_ in ("compound", "amod", "nmod")
               for t in root.sent)


def _main_verb(tok: Any) -> bool:
    """A past form hung from a noun that has an object of its own is the main verb, and the
    noun its subject ('A truck bomb killed 125 people'), not a participle ('a group led by X')."""
    return tok.tag_ in ("VBN", "VBD") and any(c.dep_ in ("dobj", "dative") for c in tok.children)


def _finite_start(verb: Any) -> Any | None:
    """Where a finite verb's group begins ('was' of 'was concentrated'), or None when the verb
    is no finite one (a participle: 'Associated with', 'involved in')."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if not auxes and verb.tag_ not in ("VBZ", "VBP", "VBD") and verb.pos_ != "AUX":
        return None
    return min([verb, *auxes], key=lambda t: t.i)


def _subject_misplaced(view: SentenceView, verb: Any, any_noun: bool = False) -> bool:
    """A finite verb right after a person or group ('... and the Islamic State claimed
    responsibility'), or with ``any_noun`` after any noun ('According to X, [Y's contingent]
    was concentrated'): that is its subject, which the parse hung elsewhere. A fragment's
    finite verb opens it, or follows a comma, a conjunction or an adverb ('Was established in
    1980', 'Since 2011, established X', 'Joined X in 1996 and was ...')."""
    first = _finite_start(verb)
    if first is None or first.i == verb.sent.start:
        return False
    before = _before_aside(verb.doc, first.i - 1, verb.sent.start)
    if (any_noun and before.pos_ in ("NOUN", "PROPN", "PRON") and before.tag_ not in ("WP", "WDT")
            and (first.i != verb.i or verb.pos_ != "VERB")):
        return True
    ref = view.ref_for_token(before, ("Organization", "Person"))
    return ref is not None and ref.kind == "name"


def elided(view: SentenceView, root: Any, deed: bool = False, role: bool = False) -> bool:
    """Does the clause of the cue whose token is ``root`` have no subject of its own up to
    the root of the sentence (see the module's doc)? With ``deed`` (a deed cue: attacked,
    killed), a noun that is itself the root of the fragment ('Attack on Kabul.') names the
    event, and it is no one's. With ``role`` (a role noun: 'member of', 'judge of'), a noun
    that is an object ('issued by the investigating judge of X', 'met the leader of X') is
    someone else; only 'as' makes it the subject's ('served as finance chief of X')."""
    sent_root = root.sent.root
    if opening_verb(root):
        return True
    if role and (root.dep_ in ("dobj", "dative") and root.head.tag_ != "VBN"  # 'Appointed leader of X'
                 or root.dep_ == "pobj" and not _predicative(root.head)):
        return False
    t = root
    prev = None
    for _ in range(24):
        if _hung_from_its_objects(t):
            return True
        if t.i != root.i and _is_name(view, t):
            return False  # 'X, a member of Y': the cue hangs from a name
        if has_subject(t, below=prev if prev is not None else root) or is_verbal(t) and _subject_misplaced(view, t):
            return False
        if t.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "poss" for c in t.children):
            return False  # 'its abduction of X': the possessor
        if (up := purpose(t)) is not None:
            prev, t = t, up  # 'Received money in order to conduct attacks': the receiver's purpose
            continue
        if t.dep_ in ("acl", "relcl") and (t.head.i != sent_root.i or _main_verb(t)):
            return False  # 'groups associated with X': the groups; 'A truck bomb killed 125 people
        if t.dep_ in ("nsubj", "nsubjpass", "csubj") and not bare_role_noun(t):
            return False  # 'The leader of X pledged ...': inside a subject of its own
        if t.dep_ == "appos":
            return False
        if t.head.i == t.i:
            break
        prev, t = t, t.head
    if not sentence_fragment(view, prev if prev is not None else t):
        return False
    return not (deed and t.i == root.i and root.pos_ in ("NOUN", "PROPN"))


def _predicative(prep: Any) -> bool:
    """A preposition whose object is what the subject is: 'as' ('served as chief of X'),
    'among', and a partitive 'of' ('one of the leaders of X')."""
    if prep.lower_ in ("as", "among", "amongst"):
        return True
    return bool(prep.lower_ == "of" and prep.head.pos_ in ("NUM", "PRON"))


def described(view: SentenceView, root: Any, types: tuple[str, ...]) -> Any | None:
    """The name a cue's noun is in apposition to ('X, the former leader of Y'; 'Now I will
    speak about X, a military official of Y'), or None."""
    t = root
    for _ in range(8):
        if t.dep_ == "appos" and t.head.i != t.i:
            return view.ref_for_token(t.head, types)
        if t.dep_ not in ("conj", "amod", "compound") or t.head.i == t.i:
            return None
        t = t.head
    return None


def subject_missed(view: SentenceView, root: Any) -> bool:
    """Does a finite verb above the cue follow a person or group the parse did not make its
    subject ('among the dead were two journalists and the Islamic State claimed ...')?"""
    t = root
    for _ in range(24):
        if is_verbal(t) and _subject_misplaced(view, t):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def opening_verb(tok: Any) -> bool:
    """A past form opening the sentence that the parse hung from the noun after it as a
    modifier ('Founded al-Mourabitoun in 2013', 'Formed JAT in 2008' read as noun phrases):
    a verb with its object, and no subject."""
    return bool(tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("amod", "compound") and _opens(tok)
                and tok.head.i > tok.i)


def _opens(tok: Any) -> bool:
    """Does ``tok`` open its sentence (after punctuation at most)?"""
    return all(t.is_punct for t in tok.doc[tok.sent.start:tok.i])


def _hung_from_its_objects(tok: Any) -> bool:
    """A verb opening the sentence that the parse hung, as an adverbial clause, from a noun
    after it ('Associated with X, [Y] and Z': Y made the root): the verb is the fragment's."""
    return bool(tok.dep_ == "advcl" and is_verbal(tok) and tok.head.pos_ in ("NOUN", "PROPN")
                and tok.head.i > tok.i and _opens(tok))


def participle(root: Any) -> bool:
    """A verb with no object of its own, read as a passive participle when its clause is
    elided: 'Founded on 20 Aug. 2013', 'Killed in 2016' (but 'Formed JAT in 2008')."""
    if root.pos_ not in ("VERB", "AUX", "PROPN") or root.tag_ not in ("VBN", "VBD", "NNP") or opening_verb(root):
        return False
    if root.tag_ == "NNP" and not root.lower_.endswith(("ed", "en", "wn")):
        return False  # a capital noun ('Subject to a European Arrest Warrant'), not 'Killed' misread
    return not any(c.dep_ in ("dobj", "dative") for c in root.children)


def in_time_phrase(root: Any) -> bool:
    """Is the noun ``root`` the object of a preposition of time ('After the attack, ...',
    'in the wake of the bombing')? Then it dates the clause; the clause's subject did not do it."""
    if root.pos_ not in ("NOUN", "PROPN") or root.dep_ != "pobj":
        return False
    doc = root.doc
    lead = [t.lower_ for t in doc[max(root.sent.start, root.left_edge.i - 5):root.left_edge.i]]
    return any(lead[len(lead) - len(p.split()):] == p.split() for p in time_prepositions())


__all__ = [
    "bare_role_noun",
    "described",
    "elided",
    "has_subject",
    "in_time_phrase",
    "is_verbal",
    "opening_verb",
    "participle",
    "purpose",
    "sentence_fragment",
    "subject_missed",
    "time_prepositions",
    "unrealised",
]
