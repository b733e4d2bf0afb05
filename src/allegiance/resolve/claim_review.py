"""Recorded decisions on claims and facts: confirm, reject, edit (predicate, time, stance),
each a row with who, when and a note, undoable, applied on read. Nothing automatic ever
overwrites one: re-ingesting or re-extracting a document keeps claim ids (hashed from the
text and the statement), so a decision still finds its claim; a fact keeps its id while
sources join it, so a decision on a fact survives new sources.

An edit or rejection of a claim files it again (``store.facts.refile``): an edited claim may
belong to another fact; a rejected claim supports none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from allegiance.errors import InputError, NotFoundError
from allegiance.model.vocab import vocabulary
from allegiance.resolve.judgements import who
from allegiance.resolve.keys import now
from allegiance.store.facts import refile

if TYPE_CHECKING:
    from allegiance.store.connection import Connection
    from allegiance.store.db import Store

TARGETS = ("claim", "fact")
DECISIONS = ("confirmed", "rejected", "edited")
#: what an edit may change
EDITABLE = ("predicate", "time_start", "time_end", "stance")


@dataclass(frozen=True)
class Review:
    """One recorded decision on a claim or a fact."""

    id: int
    target: str
    target_id: str
    state: str
    changes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    by: str = ""
    at: str = ""
    active: bool = True


def _row(r: Any) -> Review:
    return Review(
        id=int(r["id"]),
        target=str(r["target"]),
        target_id=str(r["target_id"]),
        state=str(r["state"]),
        changes=json.loads(r["changes"]),
        note=str(r["note"]),
        by=str(r["by"]),
        at=str(r["at"]),
        active=bool(r["active"]),
    )


def _check_changes(changes: dict[str, Any]) -> dict[str, Any]:
    from allegiance.query.facts import check_date

    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InputError(f"cannot edit {', '.join(unknown)} (only {', '.join(EDITABLE)})")
    if not changes:
        raise InputError("an edit needs at least one change")
    vocab = vocabulary()
    if "predicate" in changes and changes["predicate"] not in vocab.predicates:
        raise InputError(f"unknown predicate {changes['predicate']!r}")
    if "stance" in changes and changes["stance"] not in vocab.stances:
        raise InputError(f"unknown stance {changes['stance']!r}")
    for k in ("time_start", "time_end"):
        if changes.get(k):
            check_date(str(changes[k]))
    start, end = changes.get("time_start"), changes.get("time_end")
    if start and end and str(start) > str(end):
        raise InputError(f"time_start {start} is after time_end {end}")
    return dict(sorted(changes.items()))


def _exists(conn: Connection, target: str, target_id: str) -> None:
    table = "claims" if target == "claim" else "facts"
    row = conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (target_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no {target} {target_id!r} in the store")


def _refile_for(conn: Connection, target: str, target_id: str) -> None:
    if target == "claim":
        refile(conn, [target_id])


def review(
    store: Store,
    target: str,
    target_id: str,
    state: str,
    *,
    note: str = "",
    by: str | None = None,
    changes: dict[str, Any] | None = None,
) -> Review:
    """Record a decision (``confirmed``, ``rejected`` or ``edited`` with ``changes``) on a
    claim or a fact; it stands until undone or followed by another decision."""
    if target not in TARGETS:
        raise InputError(f"cannot review a {target!r} (claim or fact)")
    if state not in DECISIONS:
        raise InputError(f"unknown decision {state!r} ({', '.join(DECISIONS)})")
    clean: dict[str, Any] = {}
    if state == "edited":
        clean = _check_changes(dict(changes or {}))
    elif changes:
        raise InputError("only an edit carries changes")
    with store.transaction() as conn:
        _exists(conn, target, target_id)
        cur = conn.execute(
            "INSERT INTO reviews (target, target_id, state, changes, note, by, at, active) "
            "VALUES (?,?,?,?,?,?,?,1)",
            (target, target_id, state, json.dumps(clean), note.strip(), who(by), now()),
        )
        rid = cur.lastrowid
        row = conn.execute("SELECT * FROM reviews WHERE id = ?", (rid,)).fetchone()
        if row is None:  # a backend without lastrowid: the newest row is ours
            row = conn.execute(
                "SELECT * FROM reviews WHERE target = ? AND target_id = ? ORDER BY id DESC "
                "LIMIT 1",
                (target, target_id),
            ).fetchone()
        _refile_for(conn, target, target_id)
    return _row(row)


def undo_review(store: Store) -> Review:
    """Revert the last active decision on a claim or fact; it stays recorded, inactive."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT * FROM reviews WHERE active = 1 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            raise NotFoundError("no claim or fact decision to undo")
        r = _row(row)
        conn.execute("UPDATE reviews SET active = 0 WHERE id = ?", (r.id,))
        _refile_for(conn, r.target, r.target_id)
    return Review(r.id, r.target, r.target_id, r.state, r.changes, r.note, r.by, r.at, False)


def history(store: Store, target: str | None = None, target_id: str | None = None) -> list[Review]:
    """Every recorded decision (optionally on one target), oldest first."""
    where, params = [], []
    if target is not None:
        where.append("target = ?")
        params.append(target)
    if target_id is not None:
        where.append("target_id = ?")
        params.append(target_id)
    sql = "SELECT * FROM reviews" + (" WHERE " + " AND ".join(where) if where else "")
    return [_row(r) for r in store.all(sql + " ORDER BY id", tuple(params))]

