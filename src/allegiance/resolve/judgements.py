"""Recorded judgements: merge, split, reject. Each is a row with who, when and why; the
canonical id of every document entity is its automatic attachment with the active
judgements applied in order (see ``replay``). ``undo`` reverts the last one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, TYPE_CHECKING

from allegiance.errors import AmbiguousError, GuardError, NotFoundError, StoreError
from allegiance.resolve.attach import rename
from allegiance.resolve.keys import key, make_id, now
from allegiance.resolve.lookup import candidates
from allegiance.store.facts import refresh

if TYPE_CHECKING:
    from allegiance.store.connection import Connection
    from allegiance.store.db import Store


@dataclass(frozen=True)
class Judgement:
    """One recorded decision. ``left``/``right`` are canonical ids: for a merge the kept and
    the absorbed entity, for a split the source and the new entity, for a reject the pair."""

    id: int
    kind: str
    left: str
    right: str | None
    members: list[str] = field(default_factory=list)
    reason: str = ""
    by: str = ""
    at: str = ""
    active: bool = True


def who(by: str | None) -> str:
    """The name to record: ``by`` if given, else the USER environment variable."""
    return by or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def _row(r: Any) -> Judgement:
    return Judgement(
        id=int(r["id"]),
        kind=str(r["kind"]),
        left=str(r["left_id"]),
        right=str(r["right_id"]) if r["right_id"] is not None else None,
        members=[str(m) for m in json.loads(r["members"])],
        reason=str(r["reason"]),
        by=str(r["by"]),
        at=str(r["at"]),
        active=bool(r["active"]),
    )


def judgements(store: Store, active_only: bool = False) -> list[Judgement]:
    """Every recorded judgement, oldest first."""
    sql = "SELECT * FROM judgements" + (" WHERE active = 1" if active_only else "")
    return [_row(r) for r in store.all(sql + " ORDER BY id")]


def _record(
    conn: Connection,
    kind: str,
    left: str,
    right: str | None,
    members: list[str],
    reason: str,
    by: str | None,
) -> Judgement:
    if not reason.strip() and kind != "reject":
        raise StoreError(f"a {kind} needs a reason")
    cur = conn.execute(
        "INSERT INTO judgements (kind, left_id, right_id, members, reason, by, at, active) "
        "VALUES (?,?,?,?,?,?,?,1)",
        (kind, left, right, json.dumps(members), reason.strip(), who(by), now()),
    )
    row = conn.execute("SELECT * FROM judgements WHERE id = ?", (cur.lastrowid,)).fetchone()
    return _row(row)


def _members(conn: Connection, canonical_id: str) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT id FROM entities WHERE canonical_id = ? ORDER BY seq", (canonical_id,)
        )
    ]


def find_one(conn: Connection, name: str) -> str:
    """The one canonical id ``name`` denotes: ``NotFoundError`` when none does,
    ``AmbiguousError`` (listing the candidates) when several do and none is named exactly
    once. An id always denotes one."""
    found = candidates(conn, name)
    if not found:
        raise NotFoundError(f"no entity named {name!r} in the store")
    if len(found) == 1 or _is_id(conn, name):
        return found[0]
    rows = {str(r["id"]): r for r in conn.execute(
        f"SELECT id, type, name FROM canonical_entities WHERE id IN ({','.join('?' * len(found))})",
        found)}
    exact = [c for c in found if c in rows and str(rows[c]["name"]).lower() == name.strip().lower()]
    if len(exact) == 1:
        return exact[0]
    listed = "; ".join(f"{c} ({rows[c]['type']} {rows[c]['name']})" for c in found[:6] if c in rows)
    more = f" and {len(found) - 6} more" if len(found) > 6 else ""
    raise AmbiguousError(f"{name!r} names {len(found)} entities: {listed}{more}; "
                         "give the id of the one you mean")


def _is_id(conn: Connection, name: str) -> bool:
    text = name.strip()
    return conn.execute(
        "SELECT 1 FROM canonical_entities WHERE id = ? UNION ALL "
        "SELECT 1 FROM entities WHERE id = ? LIMIT 1", (text, text)).fetchone() is not None


def _guard(conn: Connection, left: str, right: str, a: str, b: str) -> None:
    """Refuse to merge entities of different types or different reference records."""
    rows = {str(r["id"]): r for r in conn.execute(
        "SELECT id, type, reference_id FROM canonical_entities WHERE id IN (?, ?)", (left, right))}
    if left not in rows or right not in rows:
        return
    lt, rt = rows[left]["type"], rows[right]["type"]
    if lt != rt:
        raise GuardError(f"{a!r} is a {lt} and {b!r} a {rt}: merging them would change a "
                         f"{rt} into a {lt}; give --force if that is meant")
    lr, rr = rows[left]["reference_id"], rows[right]["reference_id"]
    if lr and rr and lr != rr:
        raise GuardError(f"{a!r} and {b!r} have different reference ids ({lr}, {rr}); "
                         "merge them with --force if they really are one")


def merge(store: Store, a: str, b: str, reason: str, by: str | None = None, *,
          force: bool = False) -> Judgement:
    """Record that ``a`` and ``b`` (any names) are one entity; ``a``'s id is kept.

    A name that denotes several entities is refused (``AmbiguousError``); so, unless
    ``force``, is a merge of different types or of different reference records."""
    with store.transaction() as conn:
        left, right = find_one(conn, a), find_one(conn, b)
        if left == right:
            raise StoreError(f"{a!r} and {b!r} are already the same entity ({left})")
        if not force:
            _guard(conn, left, right, a, b)
        moved = _members(conn, right)
        j = _record(conn, "merge", left, right, moved, reason, by)
        conn.execute("UPDATE entities SET canonical_id = ? WHERE canonical_id = ?", (left, right))
        rename(conn, [left])
        refresh(conn, [left, right])
    return j


def _selected(conn: Connection, source: str, names: list[str]) -> list[str]:
    """Parts of ``source`` picked by document-entity id, name or alias (compared by key)."""
    parts = _members(conn, source)
    wanted_ids = {n for n in names if n in parts}
    picked: list[str] = []
    for part in parts:
        if part in wanted_ids:
            picked.append(part)
            continue
        row = conn.execute("SELECT type, name FROM entities WHERE id = ?", (part,)).fetchone()
        forms = [str(row["name"])] + [
            str(r[0]) for r in conn.execute("SELECT name FROM aliases WHERE entity_id = ?", (part,))
        ]
        type_ = str(row["type"])
        own = {key(f, type_) for f in forms} | {f.lower() for f in forms}
        if any(n.lower() in own or key(n, type_) in own for n in names if n not in wanted_ids):
            picked.append(part)
    return picked


def split(
    store: Store, entity: str, names: list[str], reason: str, by: str | None = None
) -> Judgement:
    """Record that the parts of ``entity`` known as ``names`` (or with those document-entity
    ids) are a different entity; they move to a new canonical id."""
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise StoreError("split needs at least one name or document entity")
    with store.transaction() as conn:
        source = find_one(conn, entity)
        picked = _selected(conn, source, names)
        if not picked:
            raise NotFoundError(f"none of {', '.join(names)} is a part of {entity!r}")
        if len(picked) == len(_members(conn, source)):
            raise StoreError(f"every part of {entity!r} matches; nothing would remain to split")
        count = conn.execute("SELECT count(*) FROM judgements").fetchone()[0]
        new = make_id("split", source, str(count), *picked)
        first = conn.execute(
            "SELECT type, name FROM entities WHERE id = ?", (picked[0],)
        ).fetchone()
        conn.execute(
            "INSERT OR IGNORE INTO canonical_entities (id, type, name, reference_id, created_at) "
            "VALUES (?, ?, ?, NULL, ?)",
            (new, first["type"], first["name"], now()),
        )
        j = _record(conn, "split", source, new, picked, reason, by)
        conn.executemany(
            "UPDATE entities SET canonical_id = ? WHERE id = ?", [(new, p) for p in picked]
        )
        rename(conn, [source, new])
        refresh(conn, [source, new])
    return j


def reject(store: Store, a: str, b: str, reason: str = "", by: str | None = None) -> Judgement:
    """Record that ``a`` and ``b`` are not the same entity (kept out of review candidates)."""
    with store.transaction() as conn:
        left, right = find_one(conn, a), find_one(conn, b)
        if left == right:
            raise StoreError(f"{a!r} and {b!r} are one entity; use split to separate them")
        return _record(conn, "reject", left, right, [], reason, by)


def undo(store: Store) -> Judgement:
    """Revert the last active judgement; it stays recorded, marked inactive."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT * FROM judgements WHERE active = 1 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            raise NotFoundError("no judgement to undo")
        j = _row(row)
        if j.kind == "merge" and j.right is not None:
            conn.executemany(
                "UPDATE entities SET canonical_id = ? WHERE id = ? AND canonical_id = ?",
                [(j.right, m, j.left) for m in j.members],
            )
            rename(conn, [j.left, j.right])
        elif j.kind == "split" and j.right is not None:
            for column in ("canonical_id", "auto_canonical_id"):
                conn.execute(
                    f"UPDATE entities SET {column} = ? WHERE {column} = ?",  # noqa: S608 - fixed names
                    (j.left, j.right),
                )
            rename(conn, [j.left])
        conn.execute("UPDATE judgements SET active = 0 WHERE id = ?", (j.id,))
        if j.kind in ("merge", "split") and j.right is not None:
            refresh(conn, [j.left, j.right])
    return Judgement(j.id, j.kind, j.left, j.right, j.members, j.reason, j.by, j.at, False)


def replay(store: Store) -> dict[str, str]:
    """Canonical ids computed from scratch: automatic attachments, then active judgements in
    order. Equal to the stored ``canonical_id`` column (a test checks it)."""
    mapping = {
        str(r[0]): str(r[1])
        for r in store.all("SELECT id, auto_canonical_id FROM entities ORDER BY seq")
    }
    for j in judgements(store, active_only=True):
        if j.kind == "merge":
            for part, cid in mapping.items():
                if cid == j.right:
                    mapping[part] = j.left
        elif j.kind == "split" and j.right is not None:
            for part in j.members:
                if part in mapping:
                    mapping[part] = j.right
    return mapping
