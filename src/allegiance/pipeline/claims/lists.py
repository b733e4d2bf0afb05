"""Lists and coordination (``resources/cues/claims/lists.yml``).

``X split into A and B``, ``X split two ways in 2007: A and B``, ``The groups included in X
were: A, B and C``, ``X comprised A, B and C``, ``A joined with several groups to form X``:
one claim for every listed group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from allegiance.errors import DataFileError
from allegiance.pipeline.claims.engine import RawClaim, clause_subject, cue_root
from allegiance.pipeline.claims.nearby import coordinated, first_after, nearest_before
from allegiance.pipeline.claims.rules import Rule, cue_regex, load_rules
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.coref import Ref
from allegiance.resources import load_mapping

FINDER = "lists.v2"
_WHERE = "cues/claims/lists.yml"
_ORG = ("Organization",)


@dataclass(frozen=True)
class ListCues:
    splits: re.Pattern[str]
    components: re.Pattern[str]
    openers: re.Pattern[str]
    makeup: re.Pattern[str]
    joins: re.Pattern[str]
    results: re.Pattern[str]


@cache
def list_cues() -> ListCues:
    data = load_mapping("cues", "claims", "lists.yml")
    out = {}
    for key in ("splits", "components", "list_openers", "makeup", "joins", "join_results"):
        v = data.get(key)
        if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
            raise DataFileError(f"{_WHERE}: {key!r} must be a non-empty list of phrases")
        out[key] = cue_regex([x.strip() for x in v])
    return ListCues(out["splits"], out["components"], out["list_openers"], out["makeup"], out["joins"],
                    out["join_results"])


@cache
def _rule(predicate: str, time: str) -> Rule:
    for family in ("lifecycle", "membership"):
        for r in load_rules(family):
            if r.predicate == predicate:
                return replace(r, family="lists", cues=("list",), time=time, inverse=False)
    raise DataFileError(f"{_WHERE}: no rule for {predicate}")


def _orgs_after(view: SentenceView, pos: int, end: int | None = None) -> list[Ref]:
    """The groups named after ``pos`` in the sentence, once each, in order; a name in
    brackets right after another is its other name, not another item."""
    stop = view.end if end is None else end
    out: list[Ref] = []
    seen: set[int] = set()
    for r in sorted(view.refs, key=lambda r: r.start):
        if r.kind != "name" or r.start < pos or r.end > stop or r.type != "Organization":
            continue
        before = view.text[pos:r.start]
        if before.count("(") > before.count(")"):
            continue  # '(more commonly known as Al-Qaeda in Iraq)'
        if r.entity not in seen:
            seen.add(r.entity)
            out.append(r)
    return out


def _whole(view: SentenceView, a: int, b: int) -> Ref | None:
    root = cue_root(view, a, b)
    subj = clause_subject(view, root, _ORG) if root is not None else None
    return subj if subj is not None else nearest_before(view, a, _ORG)


def find(view: SentenceView, found: list[RawClaim]) -> list[RawClaim]:
    cues = list_cues()
    sent = view.sent_text
    out: list[RawClaim] = []

    def cue_in_name(a: int) -> bool:
        return any(r.start <= a < r.end for r in view.refs if r.kind == "name")

    for m in cues.splits.finditer(sent):
        a, b = view.start + m.start(), view.start + m.end()
        if cue_in_name(a):
            continue
        whole = _whole(view, a, b)
        parts = [r for r in _orgs_after(view, b) if whole is None or r.entity != whole.entity]
        nxt = view.following
        if not parts and nxt is not None and view.sent_text.rstrip().endswith(":"):
            parts = [r for r in _orgs_after(nxt, nxt.start) if whole is None or r.entity != whole.entity]
            parts = parts[:len(coordinated(nxt, parts[0], _ORG))] if parts else []
        if whole is None or len(parts) < 2:
            continue
        out.extend(RawClaim(_rule("split_from", "event"), p, whole, a, b, view) for p in parts)
    for m in cues.components.finditer(sent):
        a, b = view.start + m.start(), view.start + m.end()
        groups = _orgs_after(view, b)
        if not groups or cue_in_name(a):
            continue
        whole = groups[0]
        opener = cues.openers.search(view.text, whole.end, view.end)
        colon = view.text.find(":", whole.end, view.end)
        starts = [x for x in (opener.end() if opener else -1, colon + 1 if colon >= 0 else -1) if x > 0]
        if not starts:
            continue
        parts = [r for r in _orgs_after(view, min(starts)) if r.entity != whole.entity]
        out.extend(RawClaim(_rule("member_of", "state"), p, whole, a, b, view) for p in parts)
    for m in cues.makeup.finditer(sent):
        a, b = view.start + m.start(), view.start + m.end()
        if cue_in_name(a):
            continue
        whole = _whole(view, a, b)
        first = first_after(view, b, _ORG, limit=4)
        parts = [r for r in (coordinated(view, first, _ORG) if first is not None else [])
                 if whole is None or r.entity != whole.entity]
        if whole is None or len(parts) < 2:
            continue  # 'composed of fighters': a list names at least two groups, right after the cue
        out.extend(RawClaim(_rule("member_of", "state"), p, whole, a, b, view) for p in parts)
    for m in cues.joins.finditer(sent):
        a, b = view.start + m.start(), view.start + m.end()
        result = cues.results.search(view.text, b, view.end)
        if result is None or cue_in_name(a):
            continue
        made = _orgs_after(view, result.end())
        joiner = _whole(view, a, b)
        if not made or joiner is None or joiner.entity == made[0].entity:
            continue
        out.append(RawClaim(_rule("member_of", "event"), joiner, made[0], a, b, view))
    return out


__all__ = ["FINDER", "ListCues", "find", "list_cues"]
