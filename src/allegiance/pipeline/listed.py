"""Deeds listed under the sentence that claims them.

'X has claimed responsibility for numerous attacks, including:' followed by one deed per list
item ('4 March 2013: an ambush on an army convoy near Hama that killed 14 soldiers;'): each
listed deed that names no one who did it is X's, with the stance of the sentence that lists
them (claimed, reported, asserted).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from allegiance.model.vocab import vocabulary
from allegiance.pipeline.claims.engine import RawClaim, event_nouns
from allegiance.pipeline.claims.rules import Rule, load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref

#: the words after an event noun that name what it was aimed at ('an ambush on X', 'the shelling of X')
_TARGET_PREPS = ("on", "against", "of", "targeting")

#: what opens a list item on its line: a dash or bullet, or a number with a stop or bracket
_ITEM_RE = re.compile(r"[ \t]*(?:[-–—•*·▪]|\(?\d{1,2}[.)])[ \t]+")


def is_item(view: SentenceView) -> bool:
    """Is the sentence in a list item (a segment read as one, or a line opened by a bullet)?"""
    if view.kind == "item":
        return True
    line = view.text.rfind("\n", 0, view.start) + 1
    return _ITEM_RE.match(view.text, line) is not None


def _deed(claim: RawClaim) -> bool:
    return vocabulary().predicates[claim.rule.predicate].kind == "deed"


def introduces(view: SentenceView, claims: list[RawClaim]) -> RawClaim | None:
    """The deed with a named doer that a sentence ending in a colon lists the instances of."""
    if not view.sent_text.rstrip().endswith(":"):
        return None
    return next((c for c in claims if c.rule.predicate == "attacked" and c.subject is not None), None)


@cache
def _attack_rule() -> Rule:
    return next(r for r in load_rules("violence") if r.predicate == "attacked")


def _named_deed(view: SentenceView, intro: RawClaim) -> RawClaim | None:
    """A list item that names a deed by its noun alone ('12 July 2015: a suicide car bombing at
    a checkpoint in Salamiyah'): an attack by the intro's doer, on the name its 'on'/'of'
    phrase gives, if any."""
    rule = _attack_rule()
    for tok in view.tokens:
        if tok.pos_ != "NOUN" or tok.lower_ not in event_nouns():
            continue
        target: Ref | None = None
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS):
            target = next((r for t in prep.subtree if (r := view.ref_for_token(t, rule.object_types)) is not None
                           and r.entity != (intro.subject.entity if intro.subject else -1)), None)
            if target is not None:
                break
        a = tok.idx + view.doc_offset
        return RawClaim(rule, intro.subject, target, a, a + len(tok.text), view, listed_under=intro)
    return None


def under(intro: RawClaim, view: SentenceView, claims: list[RawClaim]) -> list[RawClaim]:
    """The claims of a list item under ``intro``: a deed with no doer named is the intro's
    doer's; an item naming a deed by its noun alone is an attack by that doer."""
    out = [replace(c, subject=intro.subject, listed_under=intro) if _deed(c) and c.subject is None else c
           for c in claims]
    if not any(c.rule.predicate == "attacked" for c in out) and (deed := _named_deed(view, intro)) is not None:
        out.append(deed)
    return out
