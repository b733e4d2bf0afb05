"""Facts with their sources read for export in few, large queries.

An export reads every fact of the store once, so it reads them the cheapest way: by id,
``PAGE`` facts at a time, each page in two queries (the page's id bounds, then the page's
facts joined with their sources, documents and names, in source order). Rows go straight
into the flat records the formats write (``records.fact_record`` is the same record built
from a ``Fact``); no ``Fact`` object is made. The standing review of each fact and claim is
found by an index probe in the same query, and only the reviews a page holds are read.

The filters mean what they mean in ``query.facts.iter_facts`` (a date or window, a stance,
confirmed facts only, an ``around`` scope): the same conditions in SQL, and the same checks
on a fact's edited time and its sources' edited stances afterwards. The export tests
compare both readers record for record.

A large store (``BULK_FACTS`` facts or more, in SQLite, no ``around`` scope) is read in one
sorted pass instead (``_sorted_pages``): the facts table and the claims table are each
scanned once in the order they are stored, sorted by fact id (SQLite's own sorter, which
spills to a temporary file, so memory stays flat) and merged here; no fact or claim is
looked up by id. On the 1,000,000-claim store that costs a third of the paged reads, whose
random look-ups each read a page of a 3 GB file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from allegiance.export.joined import fetched, joined
from allegiance.export.records import status_of
from allegiance.query.dates import period, precision
from allegiance.query.facts import review_state, stance_summary
from allegiance.query.fact_records import ReviewState

if TYPE_CHECKING:
    from allegiance.export.select import Selection
    from allegiance.store.db import Store

#: facts read per page
PAGE = 5000
#: facts a SQLite store needs before they are read in one sorted pass
BULK_FACTS = 50_000

_IDS = "SELECT f.id FROM facts f WHERE f.id > ?{where} ORDER BY f.id LIMIT ?"

_ROWS = """
SELECT f.id, f.predicate, f.subject_id, f.object_id, f.time_start, f.time_end,
       f.first_known, f.stances, {fact_review},
       c.id, c.document_id, c.evidence_start, c.evidence_end, c.evidence_text, c.stance,
       re.canonical_id, pe.canonical_id, {claim_review}
FROM fact_claims fc
JOIN facts f ON f.id = fc.fact_id
JOIN claims c ON c.id = fc.claim_id
LEFT JOIN entities re ON re.id = c.source_id
LEFT JOIN entities pe ON pe.id = c.place_id
WHERE fc.fact_id > ? AND fc.fact_id <= ?{where}
ORDER BY fc.fact_id, fc.ord
"""
#: every selected fact, by id, from one scan of the table (``NOT INDEXED``: a sort is
#: cheaper than a look-up by id per fact)
_FACTS_SORTED = """
SELECT f.id, f.predicate, f.subject_id, f.object_id, f.time_start, f.time_end,
       f.first_known, f.stances, {fact_review}
FROM facts f NOT INDEXED WHERE 1{where}
ORDER BY f.id
"""
#: every claim of a fact, by fact and source order, from one scan of the claims table
#: (``CROSS JOIN`` keeps that scan outermost); a row is ``_ROWS``' claim columns after the
#: fact's id
_SOURCES_SORTED = """
SELECT fc.fact_id, c.id, c.document_id, c.evidence_start, c.evidence_end, c.evidence_text,
       c.stance, re.canonical_id, pe.canonical_id, {claim_review}
FROM claims c CROSS JOIN fact_claims fc ON fc.claim_id = c.id
LEFT JOIN entities re ON re.id = c.source_id
LEFT JOIN entities pe ON pe.id = c.place_id
ORDER BY fc.fact_id, fc.ord
"""
#: rows fetched from a cursor at a time
FETCH = 2000
#: the standing (latest active) review of the row's fact and claim, probed by index
_FACT_REVIEW_SQL = ("(SELECT max(r.id) FROM reviews r "
                    "WHERE r.target = 'fact' AND r.target_id = f.id AND r.active = 1)")
_CLAIM_REVIEW_SQL = ("(SELECT max(r.id) FROM reviews r "
                     "WHERE r.target = 'claim' AND r.target_id = c.id AND r.active = 1)")

#: positions in a row of ``_ROWS``
_FACT_REVIEW, _CLAIM, _DOC, _SOURCE, _PLACE, _CLAIM_REVIEW = 8, 9, 10, 15, 16, 17
#: names and documents remembered between pages at most (popular ones recur)
CACHE = 200_000
_PROPOSED = ReviewState()


@lru_cache(maxsize=4096)
def _stances(text: str) -> tuple[str, str, int, int]:
    """(status, label, supporting, contesting) of a stored stance count."""
    summary = stance_summary(json.loads(text or "{}"))
    return status_of(summary), summary.label, summary.supporting, summary.contesting


def _where(sel: Selection, scope: Sequence[str] | None) -> tuple[str, list[Any], str | None,
                                                                 str | None]:
    """SQL conditions of the selection (each starting with `` AND ``), their parameters and
    the window ``lo..hi`` the read facts are checked against."""
    cond: list[str] = []
    params: list[Any] = []
    if scope is not None:
        marks = ",".join("?" for _ in scope)
        cond.append(f"(f.subject_id IN ({marks}) OR f.object_id IN ({marks}))")
        params += [*scope, *scope]
    if sel.stances:
        cond.append("(" + " OR ".join("f.stances LIKE ?" for _ in sel.stances) + ")")
        params += [f'%"{s}"%' for s in sel.stances]
    lo = period(sel.from_)[0] if sel.from_ else None
    hi = period(sel.to)[1] if sel.to else None
    if sel.at is not None:
        day0, day1 = period(sel.at)
        lo = max(lo, day0) if lo else day0
        hi = min(hi, day1) if hi else day1
    if lo is not None or hi is not None:
        cond.append("(f.time_start IS NOT NULL OR f.time_end IS NOT NULL)")
    if hi is not None:
        cond.append("(f.time_start IS NULL OR f.time_start <= ?)")
        params.append(hi)
    if lo is not None:
        cond.append("(f.time_end IS NULL OR f.time_end >= ?)")
        params.append(lo)
    return "".join(" AND " + c for c in cond), params, lo, hi


def _within(start: str | None, end: str | None, lo: str | None, hi: str | None) -> bool:
    """``query.facts.within`` on bare bounds."""
    if not (start or end):
        return lo is None and hi is None
    if hi is not None and start and start > hi:
        return False
    return not (lo is not None and end and end < lo)


def _reviews(store: Store, rows: Sequence[Any]) -> dict[int, ReviewState]:
    """The reviews the rows point at, by review id."""
    wanted = sorted({int(r[i]) for r in rows for i in (_FACT_REVIEW, _CLAIM_REVIEW)
                     if r[i] is not None})
    out: dict[int, ReviewState] = {}
    for i in range(0, len(wanted), 400):
        chunk = wanted[i : i + 400]
        for r in store.all(f"SELECT * FROM reviews WHERE id IN ({','.join('?' * len(chunk))})",
                           tuple(chunk)):
            out[int(r["id"])] = review_state(r)
    return out


class _Lookup:
    """Names of canonical entities and titles of documents, read a page's worth at a time
    and remembered (up to ``CACHE`` of each) across pages."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.names: dict[str, tuple[Any, Any]] = {}
        self.documents: dict[str, tuple[Any, Any]] = {}

    def _fill(self, known: dict[str, tuple[Any, Any]], ids: set[Any], sql: str) -> None:
        missing = sorted(str(i) for i in ids if i is not None and i not in known)
        if len(known) + len(missing) > CACHE:
            known.clear()
            missing = sorted(str(i) for i in ids if i is not None)
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            for r in self.store.all(sql.format(marks=",".join("?" * len(chunk))), tuple(chunk)):
                known[str(r[0])] = (r[1], r[2])

    def page(self, rows: Sequence[Any]) -> None:
        """Make sure every name and document the rows point at is known."""
        self._fill(self.names, {r[i] for r in rows for i in (2, 3, _SOURCE, _PLACE)},
                   "SELECT id, name, type FROM canonical_entities WHERE id IN ({marks})")
        self._fill(self.documents, {r[_DOC] for r in rows},
                   "SELECT id, title, published FROM documents WHERE id IN ({marks})")


_NOBODY = (None, None)


def scan_facts(
    store: Store, sel: Selection, scope: Sequence[str] | None = None,
    bulk: bool | None = None,
) -> Iterator[dict[str, Any]]:
    """The records of the selection's facts (``records.fact_record``), by id. With an
    ``around`` scope, only facts whose both ends (or only end) lie in it. ``bulk`` reads
    them in one sorted pass where the store is SQLite (see the module docstring; by
    default for a large store without a scope); the records are the same."""
    where, params, lo, hi = _where(sel, scope)
    reviewed = store.one("SELECT 1 FROM reviews WHERE active = 1 LIMIT 1") is not None
    if not isinstance(store.conn, sqlite3.Connection):
        bulk = False  # its SQL (NOT INDEXED, CROSS JOIN ... ON) is SQLite's
    elif bulk is None:
        bulk = scope is None and _count(store) >= BULK_FACTS
    pages = (_sorted_pages if bulk else _id_pages)(store, where, params, reviewed)
    inside = set(scope) if scope is not None else None
    wanted = set(sel.stances)
    lookup = _Lookup(store)
    for rows in pages:
        states = _reviews(store, rows) if reviewed else {}
        lookup.page(rows)
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i][0] != rows[start][0]:
                record = _record(rows[start:i], states, lookup, sel.confirmed_only, wanted,
                                 lo, hi)
                start = i
                if record is None:
                    continue
                if inside is not None and not all(
                        e in inside for e in (record["subject_id"], record["object_id"]) if e):
                    continue
                yield record


def _count(store: Store) -> int:
    row = store.one("SELECT count(*) FROM facts")
    return int(row[0]) if row is not None else 0


def _id_pages(store: Store, where: str, params: list[Any],
              reviewed: bool) -> Iterator[Sequence[Any]]:
    """Rows of ``_ROWS`` (one per source, a fact's rows together), ``PAGE`` facts at a
    time, each page read by its id bounds."""
    rows_sql = _ROWS.format(where=where,
                            fact_review=_FACT_REVIEW_SQL if reviewed else "NULL",
                            claim_review=_CLAIM_REVIEW_SQL if reviewed else "NULL")
    after = ""
    while True:
        ids = store.all(_IDS.format(where=where), (after, *params, PAGE))
        if not ids:
            return
        last = str(ids[-1][0])
        yield store.all(rows_sql, (after, last, *params))
        if len(ids) < PAGE:
            return
        after = last


def _sorted_pages(store: Store, where: str, params: list[Any],
                  reviewed: bool) -> Iterator[Sequence[Any]]:
    """The rows ``_id_pages`` gives (about ``PAGE`` facts at a time), from the two sorted
    scans merged by fact id. A fact without a source is left out, as ``_ROWS`` leaves
    it."""
    assert isinstance(store.conn, sqlite3.Connection)
    facts = store.conn.cursor()
    facts.row_factory = None
    facts.execute(_FACTS_SORTED.format(
        where=where, fact_review=_FACT_REVIEW_SQL if reviewed else "NULL"), tuple(params))
    claims = store.conn.cursor()
    claims.row_factory = None
    claims.execute(_SOURCES_SORTED.format(
        claim_review=_CLAIM_REVIEW_SQL if reviewed else "NULL"))
    try:
        page: list[tuple[Any, ...]] = []
        count = 0
        for fact, sources in joined(fetched(facts, FETCH), fetched(claims, FETCH)):
            page.extend(fact + source[1:] for source in sources)
            count += 1
            if count >= PAGE:
                yield page
                page, count = [], 0
        if page:
            yield page
    finally:
        facts.close()
        claims.close()


def _record(rows: Sequence[Any], states: dict[int, ReviewState], lookup: _Lookup,
            confirmed_only: bool, wanted: set[str], lo: str | None,
            hi: str | None) -> dict[str, Any] | None:
    """The record of one fact from its rows (one per source), or ``None`` when the
    filters leave it out."""
    head = rows[0]
    rid = head[_FACT_REVIEW]
    review = states.get(int(rid), _PROPOSED) if rid is not None else _PROPOSED
    if review.state == "rejected":
        return None
    if confirmed_only and review.state not in ("confirmed", "edited"):
        return None
    predicate, start, end = str(head[1]), head[4], head[5]
    if review.state == "edited":
        ch = review.changes
        predicate = str(ch.get("predicate") or predicate)
        start = ch["time_start"] if "time_start" in ch else start
        end = ch["time_end"] if "time_end" in ch else end
    names, documents = lookup.names, lookup.documents
    sources = []
    for r in rows:
        stance = str(r[14])
        crid = r[_CLAIM_REVIEW]
        if crid is not None:
            claim_review = states.get(int(crid), _PROPOSED)
            if claim_review.state == "edited":
                stance = str(claim_review.changes.get("stance") or stance)
        doc = str(r[_DOC])
        title, published = documents[doc]
        sources.append({
            "claim_id": str(r[_CLAIM]),
            "document_id": doc,
            "document_title": title,
            "published": published,
            "span_start": int(r[11]),
            "span_end": int(r[12]),
            "quote": " ".join(str(r[13]).split()),
            "stance": stance,
            "source": names.get(r[_SOURCE], _NOBODY)[0],
            "place": names.get(r[_PLACE], _NOBODY)[0],
        })
    if wanted and not any(s["stance"] in wanted for s in sources):
        return None
    if (lo is not None or hi is not None) and not _within(start, end, lo, hi):
        return None
    kind, label = precision(start, end)
    state, stances, supporting, contesting = _stances(str(head[7]))
    subject, subject_type = names.get(head[2], _NOBODY)
    obj, obj_type = names.get(head[3], _NOBODY)
    place = obj if obj_type == "Place" and obj else next(
        (s["place"] for s in sources if s["place"]), None)
    return {
        "id": str(head[0]),
        "predicate": predicate,
        "subject_id": head[2],
        "subject": subject,
        "subject_type": subject_type,
        "object_id": head[3],
        "object": obj,
        "object_type": obj_type,
        "start": start,
        "end": end,
        "precision": kind,
        "time_label": label,
        "status": state,
        "stances": stances,
        "supporting": supporting,
        "contesting": contesting,
        "review": review.state,
        "first_known": head[6],
        "place": place,
        "sources": sources,
    }
