"""Entity listings and profiles, read from canonical ids computed by resolution."""

from __future__ import annotations

import json

from typing import TYPE_CHECKING, Any

from allegiance.query.dates import sort_key, time_label
from allegiance.query.records import Alias, ClaimView, EntitySummary, Profile
from allegiance.resolve.lookup import find

if TYPE_CHECKING:
    from allegiance.store.db import Store

CLAIM_SELECT = """
SELECT c.*, d.title AS document_title, d.published AS document_published,
       se.canonical_id AS subject_cid, sc.name AS subject_name,
       oe.canonical_id AS object_cid, oc.name AS object_name,
       pc.name AS place_name, rc.name AS source_name
FROM claims c
JOIN documents d ON d.id = c.document_id AND d.superseded_by IS NULL
LEFT JOIN entities se ON se.id = c.subject_id
LEFT JOIN canonical_entities sc ON sc.id = se.canonical_id
LEFT JOIN entities oe ON oe.id = c.object_id
LEFT JOIN canonical_entities oc ON oc.id = oe.canonical_id
LEFT JOIN entities pe ON pe.id = c.place_id
LEFT JOIN canonical_entities pc ON pc.id = pe.canonical_id
LEFT JOIN entities re ON re.id = c.source_id
LEFT JOIN canonical_entities rc ON rc.id = re.canonical_id
"""


def claim_view(r: Any) -> ClaimView:
    """A ``ClaimView`` from a row of ``CLAIM_SELECT``."""
    return ClaimView(
        id=str(r["id"]),
        predicate=str(r["predicate"]),
        subject_id=r["subject_cid"],
        subject=r["subject_name"],
        object_id=r["object_cid"],
        object=r["object_name"],
        time_start=r["time_start"],
        time_end=r["time_end"],
        time_text=r["time_text"],
        time_precision=r["time_precision"],
        time_label=time_label(r["time_start"], r["time_end"], r["time_precision"]),
        place=r["place_name"],
        role=r["role"],
        stance=str(r["stance"]),
        source=r["source_name"],
        evidence=str(r["evidence_text"]),
        evidence_start=int(r["evidence_start"]),
        evidence_end=int(r["evidence_end"]),
        document_id=str(r["document_id"]),
        document_title=r["document_title"],
        document_published=r["document_published"],
        cue=r["cue"],
        extractor=str(r["extractor"]),
        qualifiers=json.loads(r["qualifiers"] or "{}"),
    )


def ordered(views: list[ClaimView]) -> list[ClaimView]:
    """Claims in time order (unknown times last), then by document date and position."""
    return sorted(
        views,
        key=lambda v: (
            sort_key(v.time_start, v.time_end),
            v.document_published or "9999",
            v.document_id,
            v.evidence_start,
            v.id,
        ),
    )


def claims(store: Store, where: str = "", params: tuple[Any, ...] = ()) -> list[ClaimView]:
    """Claims matching an SQL condition on ``CLAIM_SELECT``, in time order."""
    sql = CLAIM_SELECT + (f" WHERE {where}" if where else "")
    return ordered([claim_view(r) for r in store.all(sql, params)])


def _aliases(store: Store, cid: str, name: str, document_id: str | None) -> list[Alias]:
    scope = " AND e.document_id = ?" if document_id else ""
    params: tuple[Any, ...] = (cid, document_id) if document_id else (cid,)
    rows = store.all(
        "SELECT e.name AS name, 0 AS pejorative, e.seq AS seq, 0 AS pos FROM entities e "
        f"WHERE e.canonical_id = ?{scope} UNION ALL "
        "SELECT a.name, a.pejorative, e.seq, a.rowid FROM aliases a "
        "JOIN entities e ON e.id = a.entity_id "
        f"WHERE e.canonical_id = ?{scope} ORDER BY pejorative, seq, pos",
        params + params,
    )
    out: dict[str, Alias] = {}
    for r in rows:
        n = str(r["name"])
        if n != name and n not in out:
            out[n] = Alias(n, bool(r["pejorative"]))
    return list(out.values())


def summary(store: Store, cid: str, document_id: str | None = None) -> EntitySummary:
    """The summary of one canonical entity (names scoped to one document if given)."""
    row = store.one("SELECT id, type, name, reference_id FROM canonical_entities WHERE id = ?", (cid,))
    if row is None:
        raise KeyError(cid)
    docs = store.one(
        "SELECT count(DISTINCT document_id) FROM entities WHERE canonical_id = ?", (cid,)
    )
    mentions = store.one(
        "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
        "WHERE e.canonical_id = ?",
        (cid,),
    )
    n_claims = store.one(
        "SELECT count(*) FROM claims c LEFT JOIN entities s ON s.id = c.subject_id "
        "LEFT JOIN entities o ON o.id = c.object_id "
        "WHERE s.canonical_id = ? OR o.canonical_id = ?",
        (cid, cid),
    )
    name = str(row["name"])
    return EntitySummary(
        id=cid,
        type=str(row["type"]),
        name=name,
        aliases=_aliases(store, cid, name, document_id),
        reference_id=row["reference_id"],
        documents=int(docs[0]) if docs else 0,
        mentions=int(mentions[0]) if mentions else 0,
        claims=int(n_claims[0]) if n_claims else 0,
    )


def entity_type(name: str) -> str:
    """The vocabulary's spelling of an entity type given in any case (``place`` → ``Place``);
    ``InputError`` for an unknown type."""
    from allegiance.errors import InputError
    from allegiance.model.vocab import vocabulary

    types = {t.lower(): t for t in vocabulary().entity_types}
    found = types.get(name.strip().lower())
    if found is None:
        raise InputError(f"unknown entity type {name!r} ({', '.join(sorted(types.values()))})")
    return found


def entities(
    store: Store, type: str | None = None, document_id: str | None = None
) -> list[EntitySummary]:
    """Canonical entities (optionally of one type, or with parts in one document), by type
    then name."""
    where, params = [], []
    if type:
        where.append("c.type = ?")
        params.append(entity_type(type))
    if document_id:
        where.append("EXISTS (SELECT 1 FROM entities e WHERE e.canonical_id = c.id "
                     "AND e.document_id = ?)")
        params.append(document_id)
    else:
        where.append("EXISTS (SELECT 1 FROM entities e WHERE e.canonical_id = c.id)")
    rows = store.all(
        "SELECT c.id FROM canonical_entities c WHERE " + " AND ".join(where)
        + " ORDER BY c.type, c.name COLLATE NOCASE, c.id",
        tuple(params),
    )
    return [summary(store, str(r[0]), document_id) for r in rows]


def profile(store: Store, name: str) -> Profile:
    """The entity ``name`` denotes (any name, alias, key or id), with its claims in time
    order; ``NotFoundError`` for an unknown name."""
    cid = find(store.conn, name)
    views = claims(store, "se.canonical_id = ? OR oe.canonical_id = ?", (cid, cid))
    return Profile(summary(store, cid), views)
