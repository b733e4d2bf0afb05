"""Automatic resolution: attach each new document entity to a canonical entity.

Rules, in order: the same reference id; else the same type and the same name key on the
name or a (non-pejorative) alias, when exactly one compatible canonical entity matches and
that entity has no other part in the same document. Otherwise a new canonical entity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Iterable
from dataclasses import dataclass

from allegiance.resolve.keys import compatible, key, make_id, now

if TYPE_CHECKING:
    from allegiance.store.connection import Connection

MIN_KEY_LENGTH = 2


@dataclass(frozen=True)
class Attachment:
    """Where a document entity went and why (``reference``, ``name``, ``alias`` or ``new``)."""

    canonical_id: str
    resolved_by: str


def _distinct(
    conn: Connection, column: str, where: str, params: tuple[str, ...]
) -> list[str]:
    """The distinct values of ``column`` among the rows ``where`` selects, one index probe
    each (``min(...) > last``): cheap when a group has thousands of parts but few
    canonical ids or names."""
    out: list[str] = []
    while True:
        row = conn.execute(
            f"SELECT min({column}) FROM entities WHERE {where} AND {column} > ?",
            (*params, out[-1] if out else ""),
        ).fetchone()
        if row is None or row[0] is None:
            return out
        out.append(str(row[0]))


def _by_reference(conn: Connection, type_: str, reference_id: str) -> str | None:
    ids = _distinct(conn, "canonical_id", "reference_id = ? AND type = ?", (reference_id, type_))
    if len(ids) <= 1:
        return ids[0] if ids else None
    row = conn.execute(
        "SELECT canonical_id, count(*) AS n FROM entities WHERE reference_id = ? AND type = ? "
        "GROUP BY canonical_id ORDER BY n DESC, canonical_id LIMIT 1",
        (reference_id, type_),
    ).fetchone()
    return str(row[0]) if row else None


def _by_key(
    conn: Connection, type_: str, name: str, k: str, document_id: str
) -> list[str]:
    """Canonical ids whose parts carry key ``k`` under a compatible name."""
    rows: list[tuple[str, str]] = []
    for cid in _distinct(conn, "canonical_id", "name_key = ? AND type = ?", (k, type_)):
        names = _distinct(
            conn, "name", "name_key = ? AND type = ? AND canonical_id = ?", (k, type_, cid)
        )
        rows += [(cid, n) for n in names]
    rows += [
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT DISTINCT e.canonical_id, a.name FROM aliases a "
            "JOIN entities e ON e.id = a.entity_id "
            "WHERE e.type = ? AND a.name_key = ? AND a.pejorative = 0",
            (type_, k),
        ).fetchall()
    ]
    found: set[str] = set()
    for cid, other in rows:
        if compatible(name, str(other), type_):
            found.add(str(cid))
    taken = {
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT canonical_id FROM entities WHERE document_id = ?", (document_id,)
        )
    }
    return sorted(found - taken)


def attach(
    conn: Connection,
    *,
    entity_id: str,
    document_id: str,
    type_: str,
    name: str,
    aliases: Iterable[str],
    reference_id: str | None,
) -> Attachment:
    """Choose (or create) the canonical entity for one new document entity."""
    if reference_id:
        found = _by_reference(conn, type_, reference_id)
        if found:
            return Attachment(found, "reference")
    candidates = [(name, "name"), *((a, "alias") for a in aliases if a != name)]
    for value, how in candidates:
        k = key(value, type_)
        if len(k) < MIN_KEY_LENGTH:
            continue
        matches = _by_key(conn, type_, value, k, document_id)
        if len(matches) == 1:
            return Attachment(matches[0], how)
    cid = make_id("auto", entity_id)
    conn.execute(
        "INSERT OR IGNORE INTO canonical_entities (id, type, name, reference_id, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (cid, type_, name, reference_id, now()),
    )
    return Attachment(cid, "new")


def rename(conn: Connection, canonical_ids: Iterable[str]) -> None:
    """Recompute display name, type and reference id of canonical entities from their parts.

    The name is the most frequent name among the parts; ties go to the longest.
    """
    for cid in sorted(set(canonical_ids)):
        best = conn.execute(
            "SELECT name, type, count(*) AS n FROM entities WHERE canonical_id = ? "
            "GROUP BY name, type ORDER BY n DESC, length(name) DESC, name DESC LIMIT 1",
            (cid,),
        ).fetchone()
        if best is None:
            continue
        ref = conn.execute(
            "SELECT reference_id FROM entities WHERE canonical_id = ? "
            "AND reference_id IS NOT NULL ORDER BY seq LIMIT 1",
            (cid,),
        ).fetchone()
        conn.execute(
            "UPDATE canonical_entities SET name = ?, type = ?, reference_id = ? WHERE id = ?",
            (best[0], best[1], ref[0] if ref else None, cid),
        )
