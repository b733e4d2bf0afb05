"""Automatic resolution: attach each new document entity to a canonical entity.

Rules, in order: the same reference id; else the same type and the same name key on the
name or a (non-pejorative) alias, when exactly one compatible canonical entity matches and
that entity has no other part in the same document. Otherwise a new canonical entity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Callable, Iterable
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


def key_rows(conn: Connection, type_: str, k: str) -> set[tuple[str, str]]:
    """The (canonical id, name) pairs that name key ``k`` reaches among entities of type
    ``type_``: parts named so, and non-pejorative aliases."""
    rows: set[tuple[str, str]] = set()
    for cid in _distinct(conn, "canonical_id", "name_key = ? AND type = ?", (k, type_)):
        names = _distinct(
            conn, "name", "name_key = ? AND type = ? AND canonical_id = ?", (k, type_, cid)
        )
        rows |= {(cid, n) for n in names}
    rows |= {
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT DISTINCT e.canonical_id, a.name FROM aliases a "
            "JOIN entities e ON e.id = a.entity_id "
            "WHERE e.type = ? AND a.name_key = ? AND a.pejorative = 0",
            (type_, k),
        ).fetchall()
    }
    return rows


def _matching(
    rows: Iterable[tuple[str, str]],
    type_: str,
    name: str,
    taken: set[str],
    check: Callable[[str, str, str], bool] = compatible,
) -> list[str]:
    """Canonical ids among ``rows`` known under a name compatible with ``name``, except
    those ``taken`` (already given a part of the same document)."""
    found = {cid for cid, other in rows if cid not in taken and check(name, other, type_)}
    return sorted(found)


def _taken(conn: Connection, document_id: str) -> set[str]:
    return {
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT canonical_id FROM entities WHERE document_id = ?", (document_id,)
        )
    }


class NameLookup:
    """The name lookups of ``attach`` remembered for one write transaction: each name key is
    read from the store once, and the parts and aliases stored meanwhile are added as they
    are stored (``stored``). Use one only while nothing else writes entities."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._rows: dict[tuple[str, str], set[tuple[str, str]]] = {}
        self._checked: dict[tuple[str, str, str], bool] = {}

    def compatible(self, a: str, b: str, type_: str) -> bool:
        """``keys.compatible``, each pair of names judged once."""
        found = self._checked.get((a, b, type_))
        if found is None:
            found = self._checked[(a, b, type_)] = compatible(a, b, type_)
        return found

    def rows(self, type_: str, k: str) -> set[tuple[str, str]]:
        """``key_rows`` of the store as it is now."""
        found = self._rows.get((type_, k))
        if found is None:
            found = key_rows(self.conn, type_, k)
            self._rows[(type_, k)] = found
        return found

    def prefetch(self, wanted: Iterable[tuple[str, str]]) -> None:
        """Read the rows of many (type, key) pairs at once (two statements per 400 keys)."""
        missing = sorted({w for w in wanted if w not in self._rows})
        keys = sorted({k for _, k in missing})
        got: dict[tuple[str, str], set[tuple[str, str]]] = {w: set() for w in missing}
        for i in range(0, len(keys), 400):
            chunk = tuple(keys[i : i + 400])
            marks = ",".join("?" for _ in chunk)
            for sql in (
                "SELECT DISTINCT type, name_key, canonical_id, name FROM entities "
                f"WHERE name_key IN ({marks})",
                "SELECT DISTINCT e.type, a.name_key, e.canonical_id, a.name FROM aliases a "
                f"JOIN entities e ON e.id = a.entity_id WHERE a.name_key IN ({marks}) "
                "AND a.pejorative = 0",
            ):
                for r in self.conn.execute(sql, chunk).fetchall():
                    rows = got.get((str(r[0]), str(r[1])))
                    if rows is not None:
                        rows.add((str(r[2]), str(r[3])))
        self._rows.update(got)

    def stored(self, type_: str, k: str, canonical_id: str, name: str) -> None:
        """Record a part (or non-pejorative alias) just stored under key ``k``."""
        found = self._rows.get((type_, k))
        if found is not None:
            found.add((canonical_id, name))


def attach(
    conn: Connection,
    *,
    entity_id: str,
    document_id: str,
    type_: str,
    name: str,
    aliases: Iterable[str],
    reference_id: str | None,
    lookup: NameLookup | None = None,
    taken: set[str] | None = None,
    created: list[tuple[str, str, str, str | None, str]] | None = None,
) -> Attachment:
    """Choose (or create) the canonical entity for one new document entity. ``lookup``
    and ``taken`` (the canonical ids the document's stored parts have) spare the reads a
    caller already holds; with ``created``, a new canonical entity's row is added to it for
    the caller to store (before the part) instead of being stored at once."""
    if reference_id:
        found = _by_reference(conn, type_, reference_id)
        if found:
            return Attachment(found, "reference")
    candidates = [(name, "name"), *((a, "alias") for a in aliases if a != name)]
    for value, how in candidates:
        k = key(value, type_)
        if len(k) < MIN_KEY_LENGTH:
            continue
        rows = lookup.rows(type_, k) if lookup is not None else key_rows(conn, type_, k)
        if taken is None:
            taken = _taken(conn, document_id)
        check = lookup.compatible if lookup is not None else compatible
        matches = _matching(rows, type_, value, taken, check)
        if len(matches) == 1:
            return Attachment(matches[0], how)
    cid = make_id("auto", entity_id)
    row = (cid, type_, name, reference_id, now())
    if created is not None:
        created.append(row)
        return Attachment(cid, "new")
    conn.execute(
        "INSERT OR IGNORE INTO canonical_entities (id, type, name, reference_id, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        row,
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
