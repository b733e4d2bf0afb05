"""What an export holds: a ``Selection`` of filters, and the readers every format shares.

Facts are read by ``scan.scan_facts``; ``read_entities`` streams canonical entities with
their aliases in pages, so memory stays flat whatever the size of the store. An ``around`` selection first walks the facts
``depth`` steps out from one entity and keeps the ids it reaches (at most ``MAX_AROUND``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allegiance.errors import InputError
from allegiance.export.joined import fetched, joined
from allegiance.query.facts import check_date, iter_facts
from allegiance.resolve.lookup import find

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: the most entities an ``around`` selection reaches before it stops widening
MAX_AROUND = 5000
#: canonical entities read per round trip
PAGE = 1000
#: canonical entities a SQLite store needs before all are read in one sorted pass
BULK_ENTITIES = 20_000
STANCES = ("asserted", "reported", "claimed", "alleged", "disputed", "denied", "negated")


@dataclass(frozen=True)
class Selection:
    """Filters of an export: a date (``at``) or a window (``from_``/``to``), the
    neighbourhood of one entity (``around``, ``depth`` steps of facts), facts with a source
    of one of ``stances``, and only facts an analyst confirmed (``confirmed_only``)."""

    at: str | None = None
    from_: str | None = None
    to: str | None = None
    around: str | None = None
    depth: int = 1
    stances: tuple[str, ...] = ()
    confirmed_only: bool = False

    def __post_init__(self) -> None:
        for d in (self.at, self.from_, self.to):
            if d is not None:
                check_date(d)
        if self.at is not None and (self.from_ is not None or self.to is not None):
            raise InputError("give either --at or --from/--to, not both")
        if self.depth < 1:
            raise InputError(f"--depth must be at least 1, not {self.depth}")
        for s in self.stances:
            if s not in STANCES:
                raise InputError(f"unknown stance {s!r} (known: {', '.join(STANCES)})")

    @property
    def filtered(self) -> bool:
        """Whether anything is left out (then entities are those the facts touch)."""
        return self != Selection(depth=self.depth)


def _filters(sel: Selection) -> dict[str, Any]:
    return {
        "at": sel.at,
        "from_": sel.from_,
        "to": sel.to,
        "stance": list(sel.stances) or None,
        "confirmed_only": sel.confirmed_only,
        "order": "id",
    }


def reach(store: Store, sel: Selection) -> list[str]:
    """Canonical ids within ``sel.depth`` facts of ``sel.around`` (itself included),
    through facts that pass the other filters."""
    if sel.around is None:
        raise InputError("reach needs an entity to start from")
    start = find(store.conn, sel.around)
    seen = {start}
    frontier = [start]
    for _ in range(sel.depth):
        nxt: set[str] = set()
        for f in iter_facts(store, entity_ids=frontier, **_filters(sel)):
            for end in (f.subject_id, f.object_id):
                if end and end not in seen:
                    nxt.add(end)
        seen |= nxt
        frontier = sorted(nxt)
        if not frontier or len(seen) >= MAX_AROUND:
            break
    return sorted(seen)


def read_entities(store: Store, ids: Iterable[str] | None = None,
                  bulk: bool | None = None) -> Iterator[dict[str, Any]]:
    """Canonical entities (every one with a part in some document, or those of ``ids``),
    each as ``{id, type, name, reference_id, aliases}``, by id, a page at a time; or, with
    ``bulk`` (by default for every entity of a SQLite store of ``BULK_ENTITIES`` or
    more), in one sorted pass over the parts (``_sorted_entities``)."""
    if ids is not None:
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), PAGE):
            chunk = wanted[i : i + PAGE]
            marks = ",".join("?" for _ in chunk)
            rows = store.all(
                "SELECT id, type, name, reference_id FROM canonical_entities "
                f"WHERE id IN ({marks}) ORDER BY id",
                tuple(chunk),
            )
            yield from _with_aliases(store, rows)
        return
    conn = store.conn
    if isinstance(conn, sqlite3.Connection):  # the sorted pass's SQL is SQLite's
        if bulk is None:
            row = store.one("SELECT count(*) FROM canonical_entities")
            bulk = row is not None and int(row[0]) >= BULK_ENTITIES
        if bulk:
            yield from _sorted_entities(conn)
            return
    last = ""
    while True:
        rows = store.all(
            "SELECT c.id, c.type, c.name, c.reference_id FROM canonical_entities c "
            "WHERE c.id > ? AND EXISTS (SELECT 1 FROM entities e WHERE e.canonical_id = c.id) "
            f"ORDER BY c.id LIMIT {PAGE}",
            (last,),
        )
        if not rows:
            return
        yield from _with_aliases(store, rows)
        last = str(rows[-1]["id"])
        if len(rows) < PAGE:
            return


#: every part's name and aliases, by canonical entity, the parts in order (``seq``)
_PARTS = ("SELECT e.canonical_id, e.name, a.name, a.pejorative FROM entities e{how} "
          "LEFT JOIN aliases a ON a.entity_id = e.id {where}"
          "ORDER BY {by}e.seq, a.name")


def _with_aliases(store: Store, rows: Sequence[Any]) -> Iterator[dict[str, Any]]:
    ids = [str(r["id"]) for r in rows]
    if not ids:
        return
    marks = ",".join("?" for _ in ids)
    parts: dict[str, list[Any]] = {i: [] for i in ids}
    for r in store.all(_PARTS.format(how="", where=f"WHERE e.canonical_id IN ({marks}) ",
                                     by=""), tuple(ids)):
        parts[str(r[0])].append(r)
    for r in rows:
        yield _entity(r, parts[str(r["id"])])


def _sorted_entities(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every canonical entity with a part, by id: the canonical entities and all the
    parts each scanned once as stored, sorted (SQLite's sorter) and merged here."""
    canon = conn.cursor()
    canon.row_factory = None
    canon.execute("SELECT id, type, name, reference_id FROM canonical_entities NOT INDEXED "
                  "ORDER BY id")
    parts = conn.cursor()
    parts.row_factory = None
    parts.execute(_PARTS.format(how=" NOT INDEXED", where="", by="e.canonical_id, "))
    try:
        for c, mine in joined(fetched(canon), fetched(parts)):
            yield _entity(c, mine)
    finally:
        canon.close()
        parts.close()


def _entity(row: Any, parts: Sequence[Any]) -> dict[str, Any]:
    """The record of the canonical entity ``row`` (id, type, name, reference id) from its
    parts' rows (canonical id, part name, alias, pejorative; in ``_PARTS``' order): the
    parts' names in order, then their aliases (an alias pejorative in any part is)."""
    seen: dict[str, bool] = {}
    aliases: list[tuple[str, bool]] = []
    for p in parts:
        seen.setdefault(str(p[1]), False)
        if p[2] is not None:
            aliases.append((str(p[2]), bool(p[3])))
    for name, pejorative in aliases:
        seen[name] = seen.get(name, False) or pejorative
    own = str(row[2])
    return {
        "id": str(row[0]),
        "type": str(row[1]),
        "name": own,
        "reference_id": row[3],
        "aliases": [n for n in seen if n != own],
        "pejoratives": [n for n, p in seen.items() if p and n != own],
    }
