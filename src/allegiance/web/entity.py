"""The entity page: names, reference id, claims in time order with their sources, and the
entity's ties (members, leaders, allies, rivals...) with dates."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from allegiance.errors import NotFoundError
from allegiance.query.dates import time_label
from allegiance.query.facts import stance_summary
from allegiance.resolve.lookup import find

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: the ties shown beside the timeline: (heading, predicate, the entity's side, other side)
TIES: tuple[tuple[str, str, str, str], ...] = (
    ("Members", "member_of", "object", "subject"),
    ("Leaders", "leader_of", "object", "subject"),
    ("Member of", "member_of", "subject", "object"),
    ("Leader of", "leader_of", "subject", "object"),
    ("Pledged allegiance to", "pledged_allegiance", "subject", "object"),
    ("Allies", "allied_with", "either", "other"),
    ("Cooperated with", "cooperated_with", "either", "other"),
    ("Rivals", "hostile_to", "either", "other"),
    ("Split from", "split_from", "subject", "object"),
    ("Places", "active_in", "subject", "object"),
)


#: facts shown on the entity page at most (the timeline view filters them all)
FACTS_SHOWN = 100
#: quotes shown under one fact at most
QUOTES_SHOWN = 5
#: entities listed under one tie at most
TIES_SHOWN = 50


def _summary(store: Store, cid: str) -> dict[str, Any]:
    """Names, reference id and counts, each read through an index."""
    row = store.one("SELECT id, type, name, reference_id FROM canonical_entities WHERE id = ?",
                    (cid,))
    if row is None:
        raise NotFoundError(f"no entity {cid!r} in the store")
    names: list[tuple[Any, int]] = [(r[0], 0) for r in store.all(
        "SELECT DISTINCT name FROM entities WHERE canonical_id = ? LIMIT 100", (cid,))]
    seen = {str(n[0]) for n in names}
    names += [(r[0], int(r[1])) for r in store.all(
        "SELECT a.name, a.pejorative FROM aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE e.canonical_id = ? LIMIT 500", (cid,)) if str(r[0]) not in seen]
    names = sorted({str(n[0]): n for n in names}.values(), key=lambda n: (n[1], str(n[0])))

    def count(sql: str, params: tuple[Any, ...]) -> int:
        r = store.one(sql, params)
        return int(r[0]) if r else 0

    facts = count("SELECT count(*) FROM facts WHERE subject_id = ?", (cid,)) + count(
        "SELECT count(*) FROM facts WHERE object_id = ? AND (subject_id IS NULL OR "
        "subject_id != ?)", (cid, cid))
    return {
        "id": cid, "type": str(row["type"]), "name": str(row["name"]),
        "reference_id": row["reference_id"],
        "aliases": [{"name": str(n[0]), "pejorative": bool(n[1])} for n in names
                    if str(n[0]) != str(row["name"])],
        "documents": count("SELECT count(DISTINCT document_id) FROM entities "
                           "WHERE canonical_id = ?", (cid,)),
        "facts": facts,
    }


def _ties(store: Store, cid: str) -> list[dict[str, Any]]:
    """The entity's ties from its facts, by heading, each with its time and stance (read
    through the facts' subject and object indexes, earliest first)."""
    out: list[dict[str, Any]] = []
    for heading, predicate, side, _other in TIES:
        sides = ("subject", "object") if side == "either" else (side,)
        rows: list[dict[str, Any]] = []
        for own in sides:
            other = "object" if own == "subject" else "subject"
            found = store.all(
                f"SELECT f.id, f.{other}_id, c.name, f.time_start, f.time_end, f.stances "
                f"FROM facts f JOIN canonical_entities c ON c.id = f.{other}_id "
                f"WHERE f.{own}_id = ? AND f.predicate = ? ORDER BY f.sort_time LIMIT ?",
                (cid, predicate, TIES_SHOWN),
            )
            for r in found:
                summary = stance_summary(json.loads(r[5] or "{}"))
                rows.append({"id": str(r[1]), "name": str(r[2]),
                             "time": time_label(r[3], r[4]), "stance": summary.label,
                             "contested": summary.contested or summary.supporting == 0,
                             "fact": str(r[0])})
        if rows:
            out.append({"heading": heading, "predicate": predicate,
                        "entities": rows[:TIES_SHOWN]})
    return out


def entity_page(store: Store, ident: str) -> dict[str, Any]:
    """Everything the entity page shows, as JSON-ready data; NotFoundError if unknown.
    ``ident`` is an id or any name or alias."""
    from dataclasses import asdict

    from allegiance.web.fact_rows import fact_rows

    cid = find(store.conn, ident)
    summary = _summary(store, cid)
    facts = fact_rows(store, entity=cid, limit=FACTS_SHOWN)
    quotes = _quotes(store, [f.id for f in facts])
    out = []
    for f in facts:
        d = asdict(f)
        d["quotes"] = quotes.get(f.id, [])
        out.append(d)
    return {"entity": summary, "facts": out, "facts_shown": len(facts),
            "ties": _ties(store, cid)}


def _quotes(store: Store, fact_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The first sources of each fact: quote, document and who says it."""
    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(fact_ids), 400):
        chunk = fact_ids[i : i + 400]
        rows = store.all(
            "SELECT fc.fact_id, c.id, c.document_id, d.title, c.evidence_text, c.stance, "
            "rc.name FROM fact_claims fc JOIN claims c ON c.id = fc.claim_id "
            "JOIN documents d ON d.id = c.document_id "
            "LEFT JOIN entities re ON re.id = c.source_id "
            "LEFT JOIN canonical_entities rc ON rc.id = re.canonical_id "
            f"WHERE fc.fact_id IN ({','.join('?' * len(chunk))}) ORDER BY fc.fact_id, fc.ord",
            tuple(chunk),
        )
        for r in rows:
            got = out.setdefault(str(r[0]), [])
            if len(got) < QUOTES_SHOWN:
                got.append({"claim_id": str(r[1]), "document_id": str(r[2]),
                            "document_title": r[3], "quote": str(r[4]), "stance": str(r[5]),
                            "source": r[6]})
    return out


def entity_list(store: Store, type_: str | None, q: str | None, limit: int = 200,
                offset: int = 0) -> list[dict[str, Any]]:
    """Canonical entities in name-key order (through its index), optionally of one type or
    with a name containing ``q``."""
    cond: list[str] = []
    params: list[Any] = []
    if type_:
        cond.append("e.type = ?")
        params.append(type_)
    if q:
        cond.append("e.name LIKE ? ESCAPE '\\'")
        params.append("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    seen: dict[str, None] = {}
    start = 0
    step = max(4 * (limit + offset), 1000)
    while len(seen) < limit + offset:
        rows = store.all(
            "SELECT e.canonical_id FROM entities e INDEXED BY entities_key_canonical"
            + (" WHERE " + " AND ".join(cond) if cond else "")
            + " ORDER BY e.name_key LIMIT ? OFFSET ?",
            (*params, step, start),
        )
        for r in rows:
            seen.setdefault(str(r[0]), None)
        if len(rows) < step:
            break
        start += step
    ids = list(seen)[offset : offset + limit]
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        found = {str(r[0]): dict(r) for r in store.all(
            "SELECT id, type, name, reference_id FROM canonical_entities WHERE id IN "
            f"({','.join('?' * len(chunk))})", tuple(chunk))}
        out += [found[x] for x in chunk if x in found]
    return out
