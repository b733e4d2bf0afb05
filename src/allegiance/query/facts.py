"""Facts with all their sources, streamed from the store with filters.

``iter_facts`` is the one reader every view builds on (timeline, the state at a date,
conflicts, exports, the web pages). Filters run in SQL where the stored fact allows it and
again on the read fact where ``known_by`` changes what the sources allow: asked what the
record said by a date, a fact keeps only the sources published by then (an undated document
counts as unknown, so it is left out) and its time and stance summary are recomputed from
those alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from allegiance.errors import InputError, NotFoundError
from allegiance.query.dates import period, precision
from allegiance.query.rules import conflict_rules
from allegiance.query.fact_records import (
    PROPOSED,
    Fact,
    FactSource,
    FactTime,
    ReviewState,
    StanceSummary,
)
from allegiance.resolve.lookup import find

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: facts read per round trip when streaming
BATCH = 500


def check_date(date: str) -> str:
    """``date`` if it is an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), else
    ``InputError``."""
    parts = date.split("-")
    ok = (
        1 <= len(parts) <= 3
        and all(p.isdigit() for p in parts)
        and len(parts[0]) == 4
        and all(len(p) == 2 for p in parts[1:])
    )
    if ok and len(parts) >= 2:
        ok = 1 <= int(parts[1]) <= 12
    if ok and len(parts) == 3:
        ok = 1 <= int(parts[2]) <= 31
    if not ok:
        raise InputError(f"not an ISO date: {date!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return date


@lru_cache(maxsize=1 << 16)
def fact_time(start: str | None, end: str | None) -> FactTime:
    """A ``FactTime`` with its precision and honest label (the same bounds give the same,
    immutable value: kept once)."""
    kind, label = precision(start, end)
    return FactTime(start, end, kind, label)


@lru_cache(maxsize=1 << 12)
def _stored_summary(stances: str) -> StanceSummary:
    """The stance summary of a fact's stored counts (JSON), kept once per distinct text:
    facts share a few."""
    return stance_summary(json.loads(stances))


def stance_summary(counts: dict[str, int]) -> StanceSummary:
    """Counts per stance, grouped as supporting, contesting (``conflicts.yml``) or hedged,
    and a label (``asserted by 3, denied by 1``), commonest first."""
    rules = conflict_rules()
    support = sum(n for s, n in counts.items() if s in rules.supporting)
    contest = sum(n for s, n in counts.items() if s in rules.contesting)
    hedged = sum(counts.values()) - support - contest
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    label = ", ".join(f"{s} by {n}" for s, n in ordered if n)
    return StanceSummary(dict(sorted(counts.items())), support, hedged, contest, label)


def review_state(row: Any) -> ReviewState:
    """A ``ReviewState`` from a ``reviews`` row, or ``proposed`` for ``None``."""
    if row is None:
        return ReviewState()
    return ReviewState(
        state=str(row["state"]),
        by=str(row["by"]),
        at=str(row["at"]),
        note=str(row["note"]),
        changes=json.loads(row["changes"]),
        review_id=int(row["id"]),
    )


def reviews(store: Store, target: str, ids: Sequence[str]) -> dict[str, ReviewState]:
    """The standing (latest active) review of each id of ``target`` (claim or fact)."""
    out: dict[str, ReviewState] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" for _ in chunk)
        for r in store.all(
            f"SELECT * FROM reviews WHERE target = ? AND active = 1 AND target_id IN ({marks}) "
            "ORDER BY id",
            (target, *chunk),
        ):
            out[str(r["target_id"])] = review_state(r)
    return out


_SOURCE_SELECT = """
SELECT fc.fact_id, c.id, c.document_id, d.title, d.published, c.evidence_start,
       c.evidence_end, c.evidence_text, c.predicate, c.stance, rc.id AS source_cid,
       rc.name AS source_name, c.time_start, c.time_end, c.time_text, pc.name AS place_name,
       c.role, c.cue, c.qualifiers, c.extractor
FROM fact_claims fc
JOIN claims c ON c.id = fc.claim_id
JOIN documents d ON d.id = c.document_id
LEFT JOIN entities re ON re.id = c.source_id
LEFT JOIN canonical_entities rc ON rc.id = re.canonical_id
LEFT JOIN entities pe ON pe.id = c.place_id
LEFT JOIN canonical_entities pc ON pc.id = pe.canonical_id
"""


def _sources(store: Store, fact_ids: Sequence[str]) -> dict[str, list[FactSource]]:
    rows: list[Any] = []
    for i in range(0, len(fact_ids), 400):
        chunk = fact_ids[i : i + 400]
        marks = ",".join("?" for _ in chunk)
        rows += store.all(
            _SOURCE_SELECT + f" WHERE fc.fact_id IN ({marks}) ORDER BY fc.fact_id, fc.ord",
            tuple(chunk),
        )
    states = reviews(store, "claim", [str(r[1]) for r in rows])
    out: dict[str, list[FactSource]] = {}
    for r in rows:
        (fid, cid, doc, title, published, span0, span1, quote, predicate, stance, source_id,
         source, start, end, time_text, place, role, cue, qualifiers, extractor) = r
        review = states.get(cid)
        if review is None:
            review = PROPOSED
        elif review.state == "edited":
            ch = review.changes
            start = ch["time_start"] if "time_start" in ch else start
            end = ch["time_end"] if "time_end" in ch else end
            predicate = ch.get("predicate") or predicate
            stance = ch.get("stance") or stance
        out.setdefault(str(fid), []).append(
            FactSource(
                claim_id=str(cid),
                document_id=str(doc),
                document_title=title,
                published=published,
                span_start=int(span0),
                span_end=int(span1),
                quote=str(quote),
                predicate=str(predicate),
                stance=str(stance),
                source_id=source_id,
                source=source,
                time=fact_time(start, end),
                time_text=time_text,
                place=place,
                role=role,
                cue=cue,
                qualifiers=json.loads(qualifiers) if qualifiers and qualifiers != "{}" else {},
                extractor=str(extractor),
                review=review,
            )
        )
    return out


def _together(sources: Iterable[FactSource]) -> tuple[str | None, str | None]:
    """The interval the dated sources allow together."""
    from allegiance.store.facts import intersect, overlaps

    start: str | None = None
    end: str | None = None
    for s in sources:
        if (s.time.start or s.time.end) and overlaps(start, end, s.time.start, s.time.end):
            start, end = intersect(start, end, s.time.start, s.time.end)
    return start, end


def known(sources: list[FactSource], known_by: str | None) -> list[FactSource]:
    """The sources published by ``known_by`` (all of them when it is ``None``)."""
    if known_by is None:
        return sources
    return [s for s in sources if s.published and s.published <= known_by]


_FACT_SELECT = """
SELECT f.*, sc.name AS subject_name, sc.type AS subject_type, oc.name AS object_name,
       oc.type AS object_type
FROM facts f
LEFT JOIN canonical_entities sc ON sc.id = f.subject_id
LEFT JOIN canonical_entities oc ON oc.id = f.object_id
"""


def _build(
    row: Any,
    sources: list[FactSource],
    review: ReviewState,
    known_by: str | None,
    with_sources: bool = True,
    certainty: str = "certain",
) -> Fact | None:
    kept = known(sources, known_by)
    if not kept and with_sources:
        return None
    if known_by is None:
        start, end = row["time_start"], row["time_end"]
        summary = _stored_summary(str(row["stances"]))
        first = row["first_known"]
    else:
        start, end = _together(kept)
        counts: dict[str, int] = {}
        for s in kept:
            counts[s.stance] = counts.get(s.stance, 0) + 1
        summary = stance_summary(counts)
        first = min((s.published for s in kept if s.published), default=None)
    predicate = str(row["predicate"])
    if review.state == "edited":
        predicate = str(review.changes.get("predicate") or predicate)
        start = review.changes["time_start"] if "time_start" in review.changes else start
        end = review.changes["time_end"] if "time_end" in review.changes else end
    return Fact(
        id=str(row["id"]),
        predicate=predicate,
        subject_id=row["subject_id"],
        subject=row["subject_name"],
        subject_type=row["subject_type"],
        object_id=row["object_id"],
        object=row["object_name"],
        object_type=row["object_type"],
        time=fact_time(start, end),
        stance=summary,
        sources=kept,
        review=review,
        first_known=first,
        certainty=certainty,
    )


def within(time: FactTime, lo: str | None, hi: str | None) -> bool:
    """Whether a fact's interval can overlap ``lo..hi`` (ISO days; ``None`` open); an
    undated fact overlaps no bounded window."""
    return window(time.start, time.end, lo, hi)


def window(start: str | None, end: str | None, lo: str | None, hi: str | None) -> bool:
    """``within`` for the bounds ``start..end``."""
    if not (start or end):
        return lo is None and hi is None
    if hi is not None and start and start > hi:
        return False
    return not (lo is not None and end and end < lo)


def certainty(time: FactTime, day0: str, day1: str) -> str:
    """``certain`` when the interval is bounded and holds the whole period ``day0..day1``;
    ``uncertain`` when it only may include it (an open bound, or a partial overlap)."""
    if time.start and time.end and time.start <= day0 and time.end >= day1:
        return "certain"
    return "uncertain"


def _entity_ids(store: Store, names: str | Sequence[str] | None) -> list[str] | None:
    if names is None:
        return None
    if isinstance(names, str):
        names = [names]
    return [find(store.conn, n) for n in names]


def _in_clause(column: str, values: Sequence[str]) -> tuple[str, list[str]]:
    return f"{column} IN ({','.join('?' for _ in values)})", list(values)


def iter_facts(
    store: Store,
    *,
    entity: str | Sequence[str] | None = None,
    entity_ids: Sequence[str] | None = None,
    subject: str | None = None,
    object: str | None = None,
    predicate: str | Sequence[str] | None = None,
    stance: str | Sequence[str] | None = None,
    at: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    known_by: str | None = None,
    confirmed_only: bool = False,
    include_rejected: bool = False,
    order: str = "time",
    limit: int | None = None,
    batch: int = BATCH,
    with_sources: bool = True,
) -> Iterator[Fact]:
    """Stream facts with their sources, in time order (undated last) or by id
    (``order="id"``, the cheapest for a whole store), matching every filter given:

    - ``entity`` (a name, alias or id, or several): facts with it as subject or object;
      ``entity_ids``: the same for canonical ids, taken as given; ``subject``/``object``:
      on that side only;
    - ``predicate``, ``stance`` (facts with at least one source of that stance);
    - ``at`` (a date: facts whose interval can include it, each with its ``certainty``),
      ``from_``/``to`` (facts whose interval can overlap the window; undated facts are
      left out of any dated question);
    - ``known_by``: only sources published by that date; ``confirmed_only``: facts an
      analyst confirmed or edited; rejected facts only with ``include_rejected``.

    ``with_sources=False`` reads the facts alone (``sources`` empty; their stored time and
    stance summary): for a caller that keeps few of many facts and reads those whole with
    ``load_facts``. Not with ``known_by`` or ``stance``, which need the sources.
    """
    if order not in ("time", "id"):
        raise InputError(f"unknown order {order!r} (time or id)")
    if not with_sources and (known_by is not None or stance is not None):
        raise InputError("facts without sources cannot be filtered by known_by or stance")
    for d in (at, from_, to, known_by):
        if d is not None:
            check_date(d)
    where: list[str] = []
    params: list[Any] = []
    ents = _entity_ids(store, entity)
    if entity_ids is not None:
        ents = (ents or []) + list(entity_ids)
    if ents is not None and not ents:
        return
    for column, name in (("f.subject_id", subject), ("f.object_id", object)):
        if name is not None:
            where.append(f"{column} = ?")
            params.append(find(store.conn, name))
    if predicate is not None:
        preds = [predicate] if isinstance(predicate, str) else list(predicate)
        clause, p = _in_clause("f.predicate", preds)
        where.append(clause)
        params += p
    stances = None if stance is None else ([stance] if isinstance(stance, str) else list(stance))
    if stances:
        where.append("(" + " OR ".join("f.stances LIKE ?" for _ in stances) + ")")
        params += [f'%"{s}"%' for s in stances]
    lo, hi = from_ and period(from_)[0], to and period(to)[1]
    if at is not None:
        day0, day1 = period(at)
        lo = max(lo, day0) if lo else day0
        hi = min(hi, day1) if hi else day1
    if known_by is not None:
        where.append("f.first_known IS NOT NULL AND f.first_known <= ?")
        params.append(known_by)
    elif lo is not None or hi is not None:
        where.append("(f.time_start IS NOT NULL OR f.time_end IS NOT NULL)")
        if hi is not None:
            where.append("(f.time_start IS NULL OR f.time_start <= ?)")
            params.append(hi)
        if lo is not None:
            where.append("(f.time_end IS NULL OR f.time_end >= ?)")
            params.append(lo)
    sort = "sort_time, id" if order == "time" else "id"
    cursor: tuple[str, str] | None = None
    emitted = 0
    if limit is not None:
        batch = max(1, min(batch, limit))
    while True:
        page = list(where)
        page_params = list(params)
        if cursor is not None:
            if order == "time":
                page.append("(f.sort_time, f.id) > (?, ?)")
                page_params += [cursor[0], cursor[1]]
            else:
                page.append("f.id > ?")
                page_params.append(cursor[1])
        sql, all_params = _page_query(ents, page, page_params, sort, batch)
        rows = store.all(sql, tuple(all_params))
        if not rows:
            return
        cursor = (str(rows[-1]["sort_time"]), str(rows[-1]["id"]))
        ids = [str(r["id"]) for r in rows]
        sources = _sources(store, ids) if with_sources else {}
        states = reviews(store, "fact", ids)
        for r in rows:
            review = states.get(str(r["id"]), PROPOSED)
            if review.state == "rejected" and not include_rejected:
                continue
            if confirmed_only and review.state not in ("confirmed", "edited"):
                continue
            fact = _build(r, sources.get(str(r["id"]), []), review, known_by, with_sources)
            if fact is None:
                continue
            if stances and not any(s.stance in stances for s in fact.sources):
                continue
            if (lo is not None or hi is not None) and not within(fact.time, lo, hi):
                continue
            if at is not None:
                day0, day1 = period(at)
                fact = _with_certainty(fact, certainty(fact.time, day0, day1))
            yield fact
            emitted += 1
            if limit is not None and emitted >= limit:
                return
        if len(rows) < batch:
            return


def _page_query(
    ents: Sequence[str] | None, where: list[str], params: list[Any], sort: str, batch: int
) -> tuple[str, list[Any]]:
    """One page of facts. About entities, a page of the facts with one of them as subject
    and a page of those with one as object only are each read in index order (an index on
    (entity, sort_time, id, ...) per side, holding what the time filters need) and the two
    merged by their keys alone; only the page's own rows are read, so a page of a group in
    most facts costs two index scans, not a sort of all its facts."""
    if ents is None:
        text = " WHERE " + " AND ".join(where) if where else ""
        return (_FACT_SELECT + text + f" ORDER BY {_prefixed(sort)} LIMIT {int(batch)}",
                params)
    a, pa = _in_clause("f.subject_id", ents)
    b, pb = _in_clause("f.object_id", ents)
    c, pc = _in_clause("f.subject_id", ents)
    extra = "".join(" AND " + w for w in where)
    order = _prefixed(sort)
    keys = "f.id, f.sort_time"
    inner = (
        f"SELECT * FROM (SELECT {keys} FROM facts f WHERE {a}{extra} ORDER BY {order} "
        f"LIMIT {int(batch)}) AS by_subject UNION ALL "
        f"SELECT * FROM (SELECT {keys} FROM facts f WHERE {b} AND (f.subject_id IS NULL OR "
        f"NOT {c}){extra} ORDER BY {order} LIMIT {int(batch)}) AS by_object"
    )
    page = f"SELECT * FROM ({inner}) AS both_sides ORDER BY {sort} LIMIT {int(batch)}"
    sql = _FACT_SELECT.replace("FROM facts f", f"FROM ({page}) p JOIN facts f ON f.id = p.id", 1)
    by_page = ", ".join("p." + col.strip() for col in sort.split(","))
    return sql + f" ORDER BY {by_page}", pa + params + pb + pc + params


def _prefixed(sort: str) -> str:
    return ", ".join("f." + c.strip() for c in sort.split(","))


def _with_certainty(fact: Fact, value: str) -> Fact:
    from dataclasses import replace

    return replace(fact, certainty=value)


def facts(store: Store, **filters: Any) -> list[Fact]:
    """``iter_facts`` as a list (same filters)."""
    return list(iter_facts(store, **filters))


def get_fact(store: Store, fact_id: str, known_by: str | None = None) -> Fact:
    """One fact by id, with its sources (rejected facts too); ``NotFoundError`` if unknown
    or (with ``known_by``) not yet known by that date."""
    row = store.one(_FACT_SELECT + " WHERE f.id = ?", (fact_id,))
    if row is None:
        raise NotFoundError(f"no fact {fact_id!r} in the store")
    review = reviews(store, "fact", [fact_id]).get(fact_id, ReviewState())
    fact = _build(row, _sources(store, [fact_id]).get(fact_id, []), review, known_by)
    if fact is None:
        raise NotFoundError(f"fact {fact_id!r} had no source published by {known_by}")
    return fact


def load_facts(store: Store, facts: Sequence[Fact]) -> list[Fact]:
    """``facts`` (read by ``iter_facts(with_sources=False)``) read whole, with their
    sources, in the same order; each as ``iter_facts`` without ``known_by`` gives it."""
    whole = load_whole(store, [(f.id, f.review, f.certainty) for f in facts])
    return [whole[f.id] for f in facts if f.id in whole]


def load_whole(
    store: Store, wanted: Sequence[tuple[str, ReviewState, str]]
) -> dict[str, Fact]:
    """Facts by id, each with its standing review and certainty as already read, whole:
    with their sources, as ``iter_facts`` without ``known_by`` gives them (a fact with no
    source left is missing)."""
    ids = list(dict.fromkeys(w[0] for w in wanted))
    rows: dict[str, Any] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" for _ in chunk)
        rows.update(
            (str(r["id"]), r)
            for r in store.all(_FACT_SELECT + f" WHERE f.id IN ({marks})", tuple(chunk))
        )
    sources = _sources(store, ids)
    out: dict[str, Fact] = {}
    for fid, review, value in wanted:
        if fid in out or fid not in rows:
            continue
        whole = _build(rows[fid], sources.get(fid, []), review, None, certainty=value)
        if whole is not None:
            out[fid] = whole
    return out


def fact_of_claim(store: Store, claim_id: str) -> Fact:
    """The fact a claim is filed in; ``NotFoundError`` for an unknown or rejected claim."""
    row = store.one("SELECT fact_id FROM fact_claims WHERE claim_id = ?", (claim_id,))
    if row is None:
        raise NotFoundError(f"claim {claim_id!r} is in no fact (unknown or rejected)")
    return get_fact(store, str(row[0]))
