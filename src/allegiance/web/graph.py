"""Data behind the network, timeline and map views, read in SQL with filters and limits so
that a large store answers quickly. Every function returns plain JSON-ready data."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from allegiance.errors import InputError
from allegiance.model.vocab import vocabulary
from allegiance.web.fact_rows import FactRow, fact_rows

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: most facts (or places) one view reads; the page says when there were more
LIMIT = 500
#: most facts the network reads, and most edges it draws (Chromium draws this many in
#: well under a second); the answer says how many more it read and left out
NETWORK_READ = 300
DRAWN = 250
#: entity types drawn as nodes of the network
NODE_TYPES = ("Organization", "Person")


@cache
def colours() -> dict[str, str]:
    """One colour per predicate of the schema, hues spread evenly in schema order."""
    names = list(vocabulary().predicates)
    out: dict[str, str] = {}
    for i, name in enumerate(names):
        r, g, b = colorsys.hls_to_rgb(i / len(names), 0.42, 0.65)
        out[name] = f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"
    return out


def check_date(value: str | None) -> str | None:
    """An ISO date (YYYY, YYYY-MM, YYYY-MM-DD) or None; InputError otherwise."""
    if value is None or value == "":
        return None
    parts = value.split("-")
    if (not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4
            or any(len(p) != 2 for p in parts[1:])):
        raise InputError(f"not an ISO date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


@dataclass(frozen=True)
class Filters:
    """What a view is restricted to; empty fields do not filter."""

    entity: str | None = None  # canonical id
    predicate: str | None = None
    stance: str | None = None
    start: str | None = None  # claims ending on or after this date
    end: str | None = None  # claims starting on or before this date
    at: str | None = None  # claims whose interval holds this date

    def check(self) -> Filters:
        v = vocabulary()
        if self.predicate and self.predicate not in v.predicates:
            raise InputError(f"unknown predicate {self.predicate!r}")
        if self.stance and self.stance not in v.stances:
            raise InputError(f"unknown stance {self.stance!r}")
        for d in (self.start, self.end, self.at):
            check_date(d)
        return self


def _where(f: Filters) -> tuple[str, list[Any]]:
    cond: list[str] = []
    params: list[Any] = []
    if f.entity:
        cond.append("(c.subject_id IN (SELECT id FROM entities WHERE canonical_id = ?) OR "
                    "c.object_id IN (SELECT id FROM entities WHERE canonical_id = ?))")
        params += [f.entity, f.entity]
    if f.predicate:
        cond.append("c.predicate = ?")
        params.append(f.predicate)
    if f.stance:
        cond.append("c.stance = ?")
        params.append(f.stance)
    if f.start:
        cond.append("(c.time_start IS NOT NULL OR c.time_end IS NOT NULL) AND "
                    "(c.time_end IS NULL OR substr(c.time_end, 1, ?) >= ?)")
        params += [len(f.start), f.start]
    if f.end:
        cond.append("(c.time_start IS NOT NULL OR c.time_end IS NOT NULL) AND "
                    "(c.time_start IS NULL OR substr(c.time_start, 1, ?) <= ?)")
        params += [len(f.end), f.end]
    if f.at:
        n = len(f.at)
        cond.append("(c.time_start IS NOT NULL OR c.time_end IS NOT NULL) AND "
                    "(c.time_start IS NULL OR substr(c.time_start, 1, ?) <= ?) AND "
                    "(c.time_end IS NULL OR substr(c.time_end, 1, ?) >= ?)")
        params += [n, f.at, n, f.at]
    return " AND ".join(cond), params


def date_range(store: Store) -> dict[str, str | None]:
    """The earliest and latest sort time of any dated fact, or the latest document date (for
    sliders: an open-ended fact runs at least to its document's date); read through the
    facts' time index."""
    first = store.one("SELECT sort_time FROM facts WHERE sort_time < '9999' "
                      "ORDER BY sort_time LIMIT 1")
    if first is None:
        return {"first": None, "last": None}
    last = store.one("SELECT sort_time FROM facts WHERE sort_time < '9999' "
                     "ORDER BY sort_time DESC LIMIT 1")
    pub = store.one("SELECT max(published) FROM documents")
    candidates = [x for x in (last[0] if last else None, pub[0] if pub else None) if x]
    return {"first": str(first[0]), "last": max(str(x) for x in candidates)}


def _types(store: Store, ids: set[str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    items = list(ids)
    for i in range(0, len(items), 500):
        chunk = items[i : i + 500]
        rows = store.all(
            f"SELECT id, type, name FROM canonical_entities WHERE id IN ({','.join('?' * len(chunk))})",
            tuple(chunk),
        )
        out.update({str(r[0]): (str(r[1]), str(r[2])) for r in rows})
    return out


def relation_predicates() -> list[str]:
    """Predicates that tie a group or person to another (the network's edges)."""
    return [p.name for p in vocabulary().predicates.values()
            if set(p.object_types) & set(NODE_TYPES) and set(p.subject_types) & set(NODE_TYPES)]


def contested(f: FactRow) -> bool:
    """Whether a fact's sources doubt or deny it (drawn dashed)."""
    return f.stance.contesting > 0 or f.stance.supporting == 0


def _facts(store: Store, f: Filters, predicates: list[str] | None,
           dated: bool = False, limit: int = LIMIT) -> list[FactRow]:
    chosen: list[str] | None = predicates
    if f.predicate:
        chosen = [f.predicate] if predicates is None or f.predicate in predicates else []
    return fact_rows(store, entity=f.entity, predicates=chosen, stance=f.stance, at=f.at,
                     start=f.start, end=f.end, dated=dated, limit=limit)


def network(store: Store, f: Filters) -> dict[str, Any]:
    """Groups and people tied by facts, as of ``f.at`` if given (the ``at DATE`` question:
    facts whose interval can include the date); with ``f.entity``, that entity and its
    neighbours only. At most ``DRAWN`` edges, the earliest; ``left_out`` counts the
    edges read past them, and ``truncated`` says the read stopped at ``NETWORK_READ``
    facts."""
    found = _facts(store, f, relation_predicates(), limit=NETWORK_READ)
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    left_out = 0
    pal = colours()
    for x in found:
        s, o = x.subject_id, x.object_id
        if s is None or o is None or s == o:
            continue
        if x.subject_type not in NODE_TYPES or x.object_type not in NODE_TYPES:
            continue
        if len(edges) >= DRAWN:
            left_out += 1
            continue
        nodes.setdefault(s, {"id": s, "name": x.subject, "type": x.subject_type})
        nodes.setdefault(o, {"id": o, "name": x.object, "type": x.object_type})
        edges.append({
            "id": x.id, "source": s, "target": o, "predicate": x.predicate,
            "stance": x.stance.label, "dashed": contested(x), "colour": pal.get(x.predicate, "#666"),
            "time": x.time.label, "sources": x.sources,
        })
    return {"filters": f.__dict__, "nodes": list(nodes.values()), "edges": edges,
            "drawn_limit": DRAWN, "left_out": left_out, "read_limit": NETWORK_READ,
            "truncated": len(found) >= NETWORK_READ, "range": date_range(store), "colours": pal}


def timeline_items(store: Store, f: Filters) -> dict[str, Any]:
    """Dated facts as timeline items, drawn with the precision their sources allow: a
    range from start to end, open bounds marked, a point for a single day."""
    items = []
    found = _facts(store, f, None, dated=True)
    for x in found:
        t = x.time
        start = t.start or t.end
        end = t.end if t.start else None
        items.append({
            "id": x.id, "predicate": x.predicate, "stance": x.stance.label,
            "stances": sorted(x.stance.counts), "dashed": contested(x),
            "label": f"{x.subject or '?'} {x.predicate} {x.object or ''}".strip(),
            "start": start, "end": end if end and end != start else None,
            "open_start": t.start is None, "open_end": t.end is None,
            "time": t.label, "precision": t.precision, "sources": x.sources,
            "subject_id": x.subject_id, "object_id": x.object_id,
        })
    return {"filters": f.__dict__, "items": items, "truncated": len(found) >= LIMIT,
            "predicates": sorted(vocabulary().predicates), "stances": list(vocabulary().stances)}


def _place_counts(store: Store, cid: str, f: Filters) -> tuple[int, int]:
    """Facts with the place as object (and their sources) within the filters."""
    cond: list[str] = ["object_id = ?"]
    params: list[Any] = [cid]
    if f.entity:
        cond.append("subject_id = ?")
        params.append(f.entity)
    if f.predicate:
        cond.append("predicate = ?")
        params.append(f.predicate)
    if f.stance:
        cond.append("stances LIKE ?")
        params.append(f'%"{f.stance}"%')
    lo, hi = f.start or f.at, f.end or f.at
    if lo or hi:
        cond.append("(time_start IS NOT NULL OR time_end IS NOT NULL)")
    if hi:
        cond.append("(time_start IS NULL OR substr(time_start, 1, ?) <= ?)")
        params += [len(hi), hi]
    if lo:
        cond.append("(time_end IS NULL OR substr(time_end, 1, ?) >= ?)")
        params += [len(lo), lo]
    r = store.one("SELECT count(*), coalesce(sum(sources), 0) FROM facts WHERE "
                  + " AND ".join(cond), tuple(params))
    return (int(r[0]), int(r[1])) if r else (0, 0)


def _mentions(store: Store, cid: str, f: Filters) -> int:
    """Mentions of the place in documents published within the date filters."""
    cond: list[str] = ["e.canonical_id = ?"]
    params: list[Any] = [cid]
    lo, hi = f.start or f.at, f.end or f.at
    if lo:
        cond.append("substr(d.published, 1, ?) >= ?")
        params += [len(lo), lo]
    if hi:
        cond.append("substr(d.published, 1, ?) <= ?")
        params += [len(hi), hi]
    r = store.one("SELECT count(*) FROM entities e JOIN mentions m ON m.entity_id = e.id "
                  "JOIN documents d ON d.id = e.document_id WHERE " + " AND ".join(cond),
                  tuple(params))
    return int(r[0]) if r else 0


def places(store: Store, f: Filters) -> dict[str, Any]:
    """Places of the reference gazetteer with coordinates that the store knows, with their
    activity: facts naming them (and those facts' sources) plus, unless the question is
    about one entity, predicate or stance, their mentions in documents of the period. Read
    place by place through indexes: the work grows with the gazetteer, not the store."""
    from allegiance.reference.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    rows = store.all("SELECT id, name, reference_id FROM canonical_entities "
                     "WHERE type = 'Place' AND reference_id IS NOT NULL")
    out: list[dict[str, Any]] = []
    unplaced = 0
    with_mentions = not (f.entity or f.predicate or f.stance)
    for r in rows:
        rec = gaz.get(str(r[2]))
        if rec is None or rec.lat is None or rec.lon is None:
            unplaced += 1
            continue
        n_facts, n_sources = _place_counts(store, str(r[0]), f)
        n_mentions = _mentions(store, str(r[0]), f) if with_mentions else 0
        if n_facts + n_mentions == 0:
            continue
        out.append({"id": str(r[0]), "name": str(r[1]), "lat": rec.lat, "lon": rec.lon,
                    "facts": n_facts, "claims": n_sources, "mentions": n_mentions,
                    "activity": n_sources + n_mentions})
    out.sort(key=lambda p: (-int(p["activity"]), str(p["name"])))
    return {"filters": f.__dict__, "places": out[:LIMIT], "unplaced": unplaced,
            "range": date_range(store)}
