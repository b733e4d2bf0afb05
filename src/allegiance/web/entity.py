"""The entity page: names, reference id, claims in time order with their sources, and the
entity's ties (members, leaders, allies, rivals...) with dates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allegiance.errors import NotFoundError
from allegiance.query.profile import CLAIM_SELECT, claim_view
from allegiance.query.records import ClaimView
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


#: claims shown on the entity page at most (the timeline view pages through the rest)
CLAIMS_SHOWN = 300
#: entities listed under one tie at most
TIES_SHOWN = 50


def _summary(store: Store, cid: str) -> dict[str, Any]:
    """Names, reference id and counts, each read through an index."""
    row = store.one("SELECT id, type, name, reference_id FROM canonical_entities WHERE id = ?",
                    (cid,))
    if row is None:
        raise NotFoundError(f"no entity {cid!r} in the store")
    parts = "SELECT id FROM entities WHERE canonical_id = ?"
    names = store.all(
        "SELECT name, max(pejorative) FROM (SELECT e.name AS name, 0 AS pejorative "
        "FROM entities e WHERE e.canonical_id = ? UNION ALL SELECT a.name, a.pejorative "
        f"FROM aliases a WHERE a.entity_id IN ({parts})) GROUP BY name ORDER BY 2, name "
        "LIMIT 200",
        (cid, cid),
    )

    def count(sql: str, params: tuple[Any, ...]) -> int:
        r = store.one(sql, params)
        return int(r[0]) if r else 0

    subject = count(f"SELECT count(*) FROM claims WHERE subject_id IN ({parts})", (cid,))
    obj = count(f"SELECT count(*) FROM claims WHERE object_id IN ({parts}) AND "
                f"(subject_id IS NULL OR subject_id NOT IN ({parts}))", (cid, cid))
    return {
        "id": cid, "type": str(row["type"]), "name": str(row["name"]),
        "reference_id": row["reference_id"],
        "aliases": [{"name": str(n[0]), "pejorative": bool(n[1])} for n in names
                    if str(n[0]) != str(row["name"])],
        "documents": count("SELECT count(DISTINCT document_id) FROM entities "
                           "WHERE canonical_id = ?", (cid,)),
        "mentions": count(f"SELECT count(*) FROM mentions WHERE entity_id IN ({parts})", (cid,)),
        "claims": subject + obj,
    }


def _claims(store: Store, cid: str) -> list[ClaimView]:
    parts = "SELECT id FROM entities WHERE canonical_id = ?"
    rows = store.all(
        CLAIM_SELECT + f" WHERE c.subject_id IN ({parts}) OR c.object_id IN ({parts}) "
        "ORDER BY (c.time_start IS NULL AND c.time_end IS NULL), "
        "coalesce(c.time_start, c.time_end), c.document_id, c.evidence_start LIMIT ?",
        (cid, cid, CLAIMS_SHOWN),
    )
    return [claim_view(r) for r in rows]


def _ties(store: Store, cid: str) -> list[dict[str, Any]]:
    """The entity's ties from its facts, by heading, each with its time and stance."""
    from allegiance.query.facts import iter_facts

    out: list[dict[str, Any]] = []
    for heading, predicate, side, _other in TIES:
        kw: dict[str, Any] = {"entity_ids": [cid]} if side == "either" else {side: cid}
        rows = []
        facts = iter_facts(store, predicate=predicate, limit=TIES_SHOWN, **kw)
        for f in facts:
            if f.subject_id == cid and side in ("subject", "either"):
                oid, oname = f.object_id, f.object
            elif f.object_id == cid and side in ("object", "either"):
                oid, oname = f.subject_id, f.subject
            else:
                continue
            if oid is None:
                continue
            rows.append({"id": oid, "name": oname, "time": f.time.label,
                         "stance": f.stance.label, "contested": f.stance.contested,
                         "fact": f.id, "sources": len(f.sources)})
        if rows:
            out.append({"heading": heading, "predicate": predicate, "entities": rows})
    return out


def entity_page(store: Store, ident: str) -> dict[str, Any]:
    """Everything the entity page shows, as JSON-ready data; NotFoundError if unknown.
    ``ident`` is an id or any name or alias."""
    cid = find(store.conn, ident)
    summary = _summary(store, cid)
    claims = _claims(store, cid)
    return {"entity": summary, "claims": [c.to_dict() for c in claims],
            "claims_shown": len(claims), "ties": _ties(store, cid)}


def entity_list(store: Store, type_: str | None, q: str | None, limit: int = 200,
                offset: int = 0) -> list[dict[str, Any]]:
    """Canonical entities, by name, optionally of one type or with a name containing ``q``."""
    cond, params = ["EXISTS (SELECT 1 FROM entities e WHERE e.canonical_id = c.id)"], []
    if type_:
        cond.append("c.type = ?")
        params.append(type_)
    if q:
        cond.append("c.name LIKE ? ESCAPE '\\'")
        params.append("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    rows = store.all(
        "SELECT c.id, c.type, c.name, c.reference_id FROM canonical_entities c WHERE "
        + " AND ".join(cond) + " ORDER BY c.name COLLATE NOCASE, c.id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [dict(r) for r in rows]
