"""The entity page: names, reference id, claims in time order with their sources, and the
entity's ties (members, leaders, allies, rivals...) with dates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allegiance.query.profile import profile
from allegiance.query.records import ClaimView

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


def _other(c: ClaimView, cid: str, side: str, other: str) -> tuple[str | None, str | None]:
    if side == "either":
        if c.subject_id == cid:
            return c.object_id, c.object
        if c.object_id == cid:
            return c.subject_id, c.subject
        return None, None
    if getattr(c, f"{side}_id") != cid:
        return None, None
    return getattr(c, f"{other}_id"), getattr(c, other)


def entity_page(store: Store, cid: str) -> dict[str, Any]:
    """Everything the entity page shows, as JSON-ready data; NotFoundError if unknown."""
    p = profile(store, cid)
    cid = p.entity.id
    ties: list[dict[str, Any]] = []
    for heading, predicate, side, other in TIES:
        rows = []
        for c in p.claims:
            if c.predicate != predicate:
                continue
            oid, oname = _other(c, cid, side, other)
            if oid is None:
                continue
            rows.append({"id": oid, "name": oname, "time": c.time_label, "stance": c.stance,
                         "claim": c.id, "document_id": c.document_id})
        if rows:
            ties.append({"heading": heading, "predicate": predicate, "entities": rows})
    return {"entity": p.entity.to_dict(), "claims": [c.to_dict() for c in p.claims],
            "ties": ties}


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
