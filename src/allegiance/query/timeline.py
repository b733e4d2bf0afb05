"""Timelines: claims in time order, for one entity or the whole store; the state at a date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from allegiance.errors import InputError
from allegiance.query.profile import claims
from allegiance.query.fact_records import Fact
from allegiance.query.facts import iter_facts
from allegiance.query.records import ClaimView
from allegiance.resolve.lookup import find

if TYPE_CHECKING:
    from allegiance.store.db import Store


def timeline(
    store: Store, name: str | None = None, document_id: str | None = None
) -> list[ClaimView]:
    """Claims in time order (unknown times last): about ``name`` if given, from one
    document if given, else all."""
    where, params = [], []
    if name is not None:
        cid = find(store.conn, name)
        where.append("(se.canonical_id = ? OR oe.canonical_id = ?)")
        params += [cid, cid]
    if document_id is not None:
        where.append("c.document_id = ?")
        params.append(document_id)
    return claims(store, " AND ".join(where), tuple(params))


def _check_date(date: str) -> str:
    parts = date.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise InputError(f"not an ISO date: {date!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return date


def state_at(store: Store, date: str, name: str | None = None) -> list[ClaimView]:
    """Claims whose time interval includes ``date`` (open bounds count as unbounded;
    undated claims are left out). A partial date (``2014``, ``2014-06``) stands for its
    whole period: claims overlapping it are returned."""
    day = _check_date(date)
    return [
        v
        for v in timeline(store, name)
        if (v.time_start or v.time_end)
        and (v.time_start is None or v.time_start[: len(day)] <= day)
        and (v.time_end is None or v.time_end[: len(day)] >= day)
    ]


def fact_timeline(
    store: Store,
    name: str | None = None,
    *,
    predicate: str | None = None,
    stance: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    known_by: str | None = None,
    confirmed_only: bool = False,
    limit: int | None = None,
) -> Iterator[Fact]:
    """Facts in time order (undated last), about ``name`` if given, each with its sources
    and its time as precise as they allow together."""
    return iter_facts(
        store,
        entity=name,
        predicate=predicate,
        stance=stance,
        from_=from_,
        to=to,
        known_by=known_by,
        confirmed_only=confirmed_only,
        limit=limit,
    )
