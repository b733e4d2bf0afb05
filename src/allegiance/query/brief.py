"""Facts read by their keys alone — id, ends, predicate, time and standing review — for a
question that sifts many facts to keep few (the state at a date reads every capture,
founding and ending fact of its entities and keeps the last event of each place).

The columns come from the covering indexes of ``facts`` (``(entity, sort_time, id,
predicate, time_start, time_end, other end)``, migration 0012), so an entity's facts are
sifted without reading their rows. The kept facts are read whole with ``load_whole``. The
filters are those ``iter_facts`` applies when nothing asks what was known by a date: the
stored interval first (as its SQL does), then the interval an analyst's edit gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allegiance.query.fact_records import ReviewState
from allegiance.query.facts import reviews, window

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: entity ids per statement
CHUNK = 400


@dataclass
class Brief:
    """One fact by its keys: the stored predicate and interval (what the SQL filters on)
    and, after an analyst's edit, the ones the fact is shown with. Made by the thousand
    for one question and never changed (a plain dataclass: cheaper to build than a frozen
    one)."""

    id: str
    stored_predicate: str
    stored_start: str | None
    stored_end: str | None
    sort_time: str
    subject_id: str | None
    object_id: str | None
    predicate: str
    start: str | None
    end: str | None
    review: ReviewState


def can_hold(b: Brief, lo: str | None, hi: str | None) -> bool:
    """Whether ``iter_facts`` keeps the fact for the window ``lo..hi`` (ISO days, ``None``
    open): dated, its stored interval can overlap the window, and so can its shown one."""
    if not (b.stored_start or b.stored_end):
        return False
    if hi is not None and b.stored_start and b.stored_start > hi:
        return False
    if lo is not None and b.stored_end and b.stored_end < lo:
        return False
    return window(b.start, b.end, lo, hi)


def _rows(
    store: Store, entity_ids: Sequence[str] | None, where: str, params: list[Any]
) -> list[Any]:
    cols = ("SELECT f.id, f.predicate, f.time_start, f.time_end, f.sort_time, f.subject_id, "
            "f.object_id FROM facts f WHERE ")
    if entity_ids is None:
        return store.all(cols + where, tuple(params))
    rows: list[Any] = []
    for i in range(0, len(entity_ids), CHUNK):
        chunk = list(entity_ids[i : i + CHUNK])
        marks = ",".join("?" for _ in chunk)
        for side in ("subject_id", "object_id"):
            rows += store.all(f"{cols}f.{side} IN ({marks}) AND {where}",
                              (*chunk, *params))
    return rows


def briefs(
    store: Store,
    entity_ids: Sequence[str] | None,
    predicates: Sequence[str],
    hi: str,
    *,
    lo: str | None = None,
    confirmed_only: bool = False,
) -> list[Brief]:
    """Dated facts with one of ``predicates`` (as stored) whose stored interval may have
    begun by ``hi`` (and, given ``lo``, not ended before it), touching ``entity_ids`` (all
    facts for ``None``), in time order (``sort_time``, id); rejected facts left out, and
    with ``confirmed_only`` all but confirmed or edited ones."""
    if entity_ids is not None and not entity_ids:
        return []
    marks = ",".join("?" for _ in predicates)
    where = (f"f.predicate IN ({marks}) AND (f.time_start IS NOT NULL OR f.time_end IS NOT "
             "NULL) AND (f.time_start IS NULL OR f.time_start <= ?)")
    params: list[Any] = [*predicates, hi]
    if lo is not None:
        where += " AND (f.time_end IS NULL OR f.time_end >= ?)"
        params.append(lo)
    found: dict[str, Any] = {}
    for r in _rows(store, entity_ids, where, params):
        found.setdefault(r[0], r)
    states = reviews(store, "fact", list(found))
    proposed = ReviewState()
    out: list[Brief] = []
    for fid, r in found.items():
        review = states.get(fid, proposed)
        if review.state == "rejected":
            continue
        if confirmed_only and review.state not in ("confirmed", "edited"):
            continue
        predicate, start, end = r[1], r[2], r[3]
        if review.state == "edited":
            ch = review.changes
            predicate = str(ch.get("predicate") or predicate)
            start = ch["time_start"] if "time_start" in ch else start
            end = ch["time_end"] if "time_end" in ch else end
        out.append(Brief(fid, r[1], r[2], r[3], r[4], r[5], r[6], predicate, start, end,
                         review))
    out.sort(key=lambda b: (b.sort_time, b.id))
    return out


def entity_types(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """The type of each canonical id in ``ids``."""
    unique = sorted(set(ids))
    out: dict[str, str] = {}
    for i in range(0, len(unique), CHUNK):
        chunk = unique[i : i + CHUNK]
        marks = ",".join("?" for _ in chunk)
        out.update(
            (str(r[0]), str(r[1]))
            for r in store.all(
                f"SELECT id, type FROM canonical_entities WHERE id IN ({marks})", tuple(chunk)
            )
        )
    return out
