"""Facts as rows for the drawn views (network, timeline): read straight from the facts
table through its subject, object, predicate and time indexes, without their sources (the
entity page and the reader show those)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from allegiance.query.dates import period
from allegiance.query.facts import fact_time, stance_summary
from allegiance.query.fact_records import FactTime, StanceSummary

if TYPE_CHECKING:
    from allegiance.store.db import Store

_SELECT = """
SELECT f.id, f.predicate, f.subject_id, s.name, s.type, f.object_id, o.name, o.type,
       f.time_start, f.time_end, f.stances, f.sources
FROM facts f
LEFT JOIN canonical_entities s ON s.id = f.subject_id
LEFT JOIN canonical_entities o ON o.id = f.object_id
"""


#: facts after the upper date read at most for those with an open start (see ``fact_rows``)
OPEN_START_SCAN = 500


@dataclass(frozen=True)
class FactRow:
    id: str
    predicate: str
    subject_id: str | None
    subject: str | None
    subject_type: str | None
    object_id: str | None
    object: str | None
    object_type: str | None
    time: FactTime
    stance: StanceSummary
    sources: int


@lru_cache(maxsize=4096)
def _summary(stances: str) -> StanceSummary:
    """The stance summary of a stored stance count (few distinct ones recur)."""
    return stance_summary(json.loads(stances or "{}"))


def _row(r: Any) -> FactRow:
    return FactRow(str(r[0]), str(r[1]), r[2], r[3], r[4], r[5], r[6], r[7],
                   fact_time(r[8], r[9]), _summary(str(r[10] or "")), int(r[11]))


def fact_rows(
    store: Store, *, entity: str | None = None, predicates: list[str] | None = None,
    stance: str | None = None, at: str | None = None, start: str | None = None,
    end: str | None = None, dated: bool = False, limit: int = 500,
) -> list[FactRow]:
    """Facts matching every filter, in time order, at most ``limit``: about ``entity`` (a
    canonical id, either side), of these predicates, with a source of ``stance``, whose
    interval can include ``at`` or overlap ``start``..``end`` (undated facts are left out of
    any dated question, and out of every answer with ``dated``). About one entity and
    with an upper date, the facts nearest before it are kept when there are more than
    ``limit``, and facts with an open start are looked for among the entity's first
    ``OPEN_START_SCAN`` facts after the date on each side (so the work stays bounded on an
    entity in most facts)."""
    cond: list[str] = []
    params: list[Any] = []
    if predicates is not None:
        if not predicates:
            return []
        cond.append(f"f.predicate IN ({','.join('?' * len(predicates))})")
        params += predicates
    if stance:
        cond.append("f.stances LIKE ?")
        params.append(f'%"{stance}"%')
    lo = period(start)[0] if start else None
    hi = period(end)[1] if end else None
    if at:
        day0, day1 = period(at)
        lo, hi = max(lo or day0, day0), min(hi or day1, day1)
    if lo or hi or dated:
        cond.append("(f.time_start IS NOT NULL OR f.time_end IS NOT NULL)")
    if hi:
        cond.append("(f.time_start IS NULL OR f.time_start <= ?)")
        params.append(hi)
    if lo:
        cond.append("(f.time_end IS NULL OR f.time_end >= ?)")
        params.append(lo)
    where = " AND ".join(cond)
    if entity is None:
        sql = _SELECT + (f" WHERE {where}" if where else "") + " ORDER BY f.sort_time, f.id LIMIT ?"
        return [_row(r) for r in store.all(sql, (*params, limit))]
    out: dict[str, FactRow] = {}
    extra = f" AND {where}" if where else ""
    for side in ("subject_id", "object_id"):
        if hi is None:
            # by sort_time alone, so the (side, sort_time) index gives the order
            sql = _SELECT + f" WHERE f.{side} = ?{extra} ORDER BY f.sort_time LIMIT ?"
            found = store.all(sql, (entity, *params, limit))
        else:
            # a fact that can hold by ``hi`` starts by then (its sort time is its start),
            # unless its start is open: the nearest before ``hi`` first, read backwards
            # through the index; open starts among the first ``OPEN_START_SCAN`` after it
            found = store.all(
                _SELECT + f" WHERE f.{side} = ? AND f.sort_time <= ?{extra} "
                "ORDER BY f.sort_time DESC LIMIT ?", (entity, hi, *params, limit))
            found += store.all(
                _SELECT + f" WHERE f.id IN (SELECT id FROM facts WHERE {side} = ? AND "
                f"sort_time > ? ORDER BY sort_time LIMIT ?) AND f.time_start IS NULL{extra}",
                (entity, hi, OPEN_START_SCAN, *params))
        for r in found:
            out.setdefault(str(r[0]), _row(r))
    both = sorted(out.values(), key=lambda x: (x.time.start or x.time.end or "9999", x.id))
    return both[:limit] if hi is None else both[-limit:]
