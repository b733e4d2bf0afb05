"""Find a canonical entity by any of its names, aliases, keys or ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from allegiance.errors import NotFoundError
from allegiance.resolve.keys import key

if TYPE_CHECKING:
    from allegiance.store.connection import Connection


def candidates(conn: Connection, name: str) -> list[str]:
    """Canonical ids that ``name`` may denote, best first (exact forms before keys)."""
    text = name.strip()
    if not text:
        return []
    row = conn.execute(
        "SELECT id FROM canonical_entities c WHERE id = ? "
        "AND EXISTS (SELECT 1 FROM entities e WHERE e.canonical_id = c.id)",
        (text,),
    ).fetchone()
    if row:
        return [str(row[0])]
    row = conn.execute("SELECT canonical_id FROM entities WHERE id = ?", (text,)).fetchone()
    if row:
        return [str(row[0])]
    exact = [
        str(r[0])
        for r in conn.execute(
            "SELECT c.id FROM canonical_entities c WHERE c.name = ? COLLATE NOCASE "
            "AND EXISTS (SELECT 1 FROM entities e WHERE e.canonical_id = c.id) ORDER BY c.id",
            (text,),
        )
    ]
    votes: Counter[str] = Counter()
    for form in {text, text.lower()} | {key(text, t) for t in ("Organization", "Person", "Place")}:
        if not form:
            continue
        for r in conn.execute(
            "SELECT canonical_id FROM entities WHERE name = ? COLLATE NOCASE OR name_key = ? "
            "UNION ALL SELECT e.canonical_id FROM aliases a JOIN entities e ON e.id = a.entity_id "
            "WHERE a.name = ? COLLATE NOCASE OR a.name_key = ?",
            (form, form, form, form),
        ):
            votes[str(r[0])] += 1
    ranked = sorted(votes, key=lambda c: (-votes[c], c))
    return exact + [c for c in ranked if c not in exact]


def find(conn: Connection, name: str) -> str:
    """The canonical id ``name`` denotes; ``NotFoundError`` when nothing matches."""
    found = candidates(conn, name)
    if not found:
        raise NotFoundError(f"no entity named {name!r} in the store")
    return found[0]
