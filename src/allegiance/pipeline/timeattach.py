"""Attach time expressions to claims.

A stative claim (member_of, active_in...) takes only a time inside its own phrase; an event
claim may also take the time of the clause that governs it ("in January 2015 ... declare the
dissolution"). Times inside brackets stay with what is bracketed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from allegiance.model.types import TimeInterval
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.roles import role_cues
from allegiance.pipeline.resources import word_list


def times_in(text: str, a: int, b: int, anchor: str | None) -> list[Any]:
    from allegiance.pipeline.timex import find_times

    out = []
    for t in find_times(text[a:b], anchor):
        out.append(replace(t, start=t.start + a, end=t.end + a, core=None,
                           event_from=t.event_from + a if t.event_from is not None else None))
    return out


def _bracketed(text: str, start: int, lo: int) -> bool:
    before = text[lo:start]
    return before.count("(") > before.count(")")


def _subtree_range(tok: Any, offset: int) -> tuple[int, int]:
    return tok.left_edge.idx + offset, tok.right_edge.idx + len(tok.right_edge) + offset


#: a bracket right after a name or a cue: 'the leader of X (2012–2016)'
_BRACKET_RE = re.compile(r"\s*[(\[]\s*([^()\[\]\n]{2,60}?)\s*[)\]]")
#: what a bracket of time may hold besides its time: dashes, and a word for 'to this day'
_OPEN_END_RE = re.compile(r"[\s–—\-−,;]*(present|now|today|ongoing|current)?\s*", re.IGNORECASE)


#: verbs whose complement is a state: its time is theirs
_COPULAS = frozenset({"be", "remain", "become", "serve", "stay",
                      # a role given: 'was named the new emir of X in 2015'
                      "name", "appoint", "elect", "choose", "select", "make"})


@cache
def _life_words() -> frozenset[str]:
    """Verbs of a life's ends (``life_verbs`` in cues/time.yml): their time is a birth's or a
    death's, not that of a claim whose words only hang from them."""
    return frozenset(w.lower() for w in word_list("time", "life_verbs"))


def bracketed_time(raw: RawClaim) -> TimeInterval | None:
    """The time in a bracket that holds nothing else, right after the claim's group or its
    cue: 'led Jaysh al-Wadi (2012–2016)', 'the emir of X (2010–present)'. A bracket after a
    person is a life, not the claim's time."""
    view = raw.sentence
    ends = [raw.cue_end]
    if raw.object is not None and raw.object.type == "Organization":
        ends.insert(0, raw.object.end)
    for end in ends:
        m = _BRACKET_RE.match(view.text, end)
        if m is None:
            continue
        a, b = m.span(1)
        inside = [t for t in view.times if a <= t.start and t.end <= b]
        if len(inside) != 1:
            continue
        t = inside[0]
        rest = _OPEN_END_RE.fullmatch(view.text[a:t.start] + " " + view.text[t.end:b])
        if rest is None:
            continue
        if rest.group(1):
            return TimeInterval(t.interval.start, None, view.text[a:b], "open")
        interval: TimeInterval = t.interval
        return interval
    return None


#: the dependents that carry a clause or a description of their own: a time inside one is its own
_OWN_CLAUSES = frozenset({"relcl", "acl", "appos"})


def _other_clauses(tok: Any, cue: Any, offset: int) -> list[tuple[int, int]]:
    """The spans of clauses beside the cue's own: a verb coordinated with the cue ('founded Y
    and led it until 2016') and what describes the cue's subject ('X, a former officer who
    defected in 2011, founded Y'). Their times are theirs, not the cue's."""
    if cue is None:
        return []
    out = []
    for d in cue.children:
        if d.dep_ == "conj" and d.pos_ in ("VERB", "AUX"):
            out.append(_subtree_range(d, offset))
        elif d.dep_ in ("nsubj", "nsubjpass"):
            out.extend(_subtree_range(x, offset) for x in d.subtree if x.dep_ in _OWN_CLAUSES)
    return out


def _agent_noun(tok: Any | None) -> bool:
    """A role noun naming who did a deed ('X, the founder of Y, announced ... in 2016'): the
    deed's time is only one inside the noun's own phrase, not the time of the clause that
    the person who holds the role stands in."""
    return tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in role_cues().leader


def attach_time(raw: RawClaim) -> TimeInterval | None:
    view = raw.sentence
    if not view.times:
        return None
    bracketed = bracketed_time(raw)
    if bracketed is not None:
        return bracketed
    cue_in_brackets = _bracketed(view.text, raw.cue_start, view.start)
    cands = [t for t in view.times if _bracketed(view.text, t.start, view.start) == cue_in_brackets
             or not _bracketed(view.text, t.start, view.start)]
    if not cands:
        return None
    if raw.rule.time == "event" or (raw.role or "").lower().startswith(("former", "ex-")):
        # 'currently', 'to this day' describe a state, not when an event happened, nor when
        # a former role was held
        cands = [t for t in cands if not (t.interval.precision == "relative" and t.interval.start)]
    tok = view.token_at(raw.cue_start)
    if tok is not None and tok.dep_ in ("aux", "auxpass") and tok.head is not tok:
        tok = tok.head  # 'was led by X until 2015': the cue's verb, not its auxiliary
    cue = tok
    levels = 1 if raw.rule.time == "state" or _agent_noun(tok) else 4
    level = -1
    while (level := level + 1) < levels:
        if tok is None:
            break
        a, b = _subtree_range(tok, view.doc_offset)
        others = _other_clauses(tok, cue, view.doc_offset)
        inside = [t for t in cands if a <= t.start and t.end <= b
                  and not any(x <= t.start and t.end <= y for x, y in others)]
        if inside:
            best = min(inside, key=lambda t: abs(t.start - raw.cue_end))
            interval: TimeInterval = best.interval
            if best.event_from is not None and best.own is not None and best.event_from <= raw.cue_start < best.start:
                interval = best.own  # 'since its formation in December 2001': the formation's own date
            if level > 0 and best.core is not None:
                # 'by the end of August ..., with a statement declaring the dissolution': the
                # 'by' bounds the governing clause; the event it carries happened at that time
                interval = best.core
            return interval
        if tok.head is tok or tok.dep_ == "conj":
            break  # a coordinated clause keeps its own time
        if tok.head.lower_ in _life_words() and tok.head.i != tok.i:
            break  # "Y's founder, X, was born in 1975": 1975 is no time of the founding
        if raw.rule.time == "state" and level == 0 and tok.dep_ in ("attr", "acomp", "oprd") \
                and tok.head.lemma_ in _COPULAS:
            levels = 2  # 'As of June 2015, X was the emir of Y': the copula's time is the state's
        if raw.rule.time == "state" and level == 0 and tok.dep_ == "amod" and tok.pos_ == "VERB":
            levels = 2  # 'X controlled Y in 2014', the verb read as Y's modifier: the clause is Y's
        tok = tok.head
    return None
