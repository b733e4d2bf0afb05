"""Attach time expressions to claims.

A stative claim (member_of, active_in...) takes only a time inside its own phrase; an event
claim may also take the time of the clause that governs it ("in January 2015 ... declare the
dissolution"). Times inside brackets stay with what is bracketed.
"""

from __future__ import annotations

from typing import Any

from allegiance.model.types import TimeInterval
from allegiance.pipeline.claims.engine import RawClaim


def times_in(text: str, a: int, b: int, anchor: str | None) -> list[Any]:
    from allegiance.pipeline.timex import TimeMention, find_times

    out = []
    for t in find_times(text[a:b], anchor):
        out.append(TimeMention(t.start + a, t.end + a, t.interval))
    return out


def _bracketed(text: str, start: int, lo: int) -> bool:
    before = text[lo:start]
    return before.count("(") > before.count(")")


def _subtree_range(tok: Any, offset: int) -> tuple[int, int]:
    return tok.left_edge.idx + offset, tok.right_edge.idx + len(tok.right_edge) + offset


def attach_time(raw: RawClaim) -> TimeInterval | None:
    view = raw.sentence
    if not view.times:
        return None
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
    levels = 1 if raw.rule.time == "state" else 4
    for level in range(levels):
        if tok is None:
            break
        a, b = _subtree_range(tok, view.doc_offset)
        inside = [t for t in cands if a <= t.start and t.end <= b]
        if inside:
            best = min(inside, key=lambda t: abs(t.start - raw.cue_end))
            interval: TimeInterval = best.interval
            if level > 0 and best.core is not None:
                # 'by the end of August ..., with a statement declaring the dissolution': the
                # 'by' bounds the governing clause; the event it carries happened at that time
                interval = best.core
            return interval
        if tok.head is tok or tok.dep_ == "conj":
            break  # a coordinated clause keeps its own time
        tok = tok.head
    return None
