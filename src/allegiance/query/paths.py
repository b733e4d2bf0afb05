"""How two entities are connected: the shortest chain of facts between them, optionally
through facts that can hold at a date and were known by a date.

A bidirectional breadth-first search over the facts table (widening the smaller side
first, so a group in most claims costs one wide step, not many). Found chains are read back
as facts and checked against every filter; a step that fails (rejected, or with no source
known by the date) is left out and the search runs again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from allegiance.errors import NotFoundError
from allegiance.query.dates import period
from allegiance.query.fact_records import Fact
from allegiance.query.facts import check_date, get_fact, within
from allegiance.resolve.lookup import find

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: longest chain searched, in facts
MAX_DEPTH = 6
#: facts counted at most when choosing which side of the search to widen
DEGREE_CAP = 100_000
#: frontiers larger than this on both sides are compared by size, not by facts touched
DEGREE_NODES = 2000
#: times a found chain may be rejected by the read-back check before giving up
MAX_RETRIES = 20


@dataclass(frozen=True)
class PathStep:
    """One link of a chain: from one entity to the next through a fact (either direction)."""

    from_id: str
    to_id: str
    fact: Fact

    def to_dict(self) -> dict[str, Any]:
        return {"from_id": self.from_id, "to_id": self.to_id, "fact": self.fact.to_dict()}


@dataclass
class Path:
    """The answer to ``path A B``: the chain of facts, empty when none was found."""

    from_id: str
    from_name: str | None
    to_id: str
    to_name: str | None
    at: str | None
    known_by: str | None
    steps: list[PathStep] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.steps) or self.from_id == self.to_id

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": {"id": self.from_id, "name": self.from_name},
            "to": {"id": self.to_id, "name": self.to_name},
            "at": self.at,
            "known_by": self.known_by,
            "found": self.found,
            "steps": [s.to_dict() for s in self.steps],
        }


def _neighbours(
    store: Store, ids: list[str], at: str | None, known_by: str | None, banned: set[str]
) -> list[tuple[str, str, str]]:
    """(from, to, fact id) for every fact touching ``ids`` that passes the stored filters."""
    where = []
    params: list[Any] = []
    if at is not None:
        day0, day1 = period(at)
        where += [
            "(f.time_start IS NOT NULL OR f.time_end IS NOT NULL)",
            "(f.time_start IS NULL OR f.time_start <= ?)",
            "(f.time_end IS NULL OR f.time_end >= ?)",
        ]
        params += [day1, day0]
    if known_by is not None:
        where.append("f.first_known <= ?")
        params.append(known_by)
    extra = "".join(" AND " + w for w in where)
    out: list[tuple[str, str, str]] = []
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" for _ in chunk)
        for side, other in (("subject_id", "object_id"), ("object_id", "subject_id")):
            rows = store.all(
                f"SELECT f.{side}, f.{other}, f.id FROM facts f WHERE f.{side} IN ({marks}) "
                f"AND f.{other} IS NOT NULL{extra}",
                (*chunk, *params),
            )
            out += [(str(r[0]), str(r[1]), str(r[2])) for r in rows if str(r[2]) not in banned]
    return out


def _search(
    store: Store, a: str, b: str, at: str | None, known_by: str | None, max_depth: int,
    banned: set[str],
) -> list[tuple[str, str, str]] | None:
    """The chain of (from, to, fact id) from ``a`` to ``b``, or None."""
    back: dict[str, dict[str, tuple[str, str] | None]] = {"a": {a: None}, "b": {b: None}}
    frontier = {"a": [a], "b": [b]}
    for _ in range(max_depth):
        side = _cheaper(store, frontier["a"], frontier["b"])
        other = "b" if side == "a" else "a"
        nxt: list[str] = []
        meet: str | None = None
        for src, dst, fid in _neighbours(store, frontier[side], at, known_by, banned):
            if dst in back[side]:
                continue
            back[side][dst] = (src, fid)
            nxt.append(dst)
            if dst in back[other]:
                meet = dst
                break
        if meet is not None:
            return _join(back, meet)
        if not nxt:
            return None
        frontier[side] = sorted(set(nxt))
    return None


def _degree(store: Store, ids: list[str], cap: int) -> int:
    """How many facts touch ``ids``, counted up to ``cap`` (an index count, no rows read)."""
    total = 0
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" for _ in chunk)
        for side in ("subject_id", "object_id"):
            row = store.one(
                f"SELECT count(*) FROM (SELECT 1 FROM facts WHERE {side} IN ({marks}) "
                f"LIMIT {int(cap - total)})",
                tuple(chunk),
            )
            total += int(row[0]) if row else 0
            if total >= cap:
                return total
    return total


def _cheaper(store: Store, a: list[str], b: list[str]) -> str:
    """The side to widen next: the one whose frontier touches fewer facts (a group in most
    facts is widened last), counting each only as far as the other needs."""
    if len(a) > DEGREE_NODES and len(b) > DEGREE_NODES:
        return "a" if len(a) <= len(b) else "b"
    da = _degree(store, a, DEGREE_CAP)
    return "a" if da <= _degree(store, b, max(da, 1) + 1) else "b"


def _join(
    back: dict[str, dict[str, tuple[str, str] | None]], meet: str
) -> list[tuple[str, str, str]]:
    left: list[tuple[str, str, str]] = []
    node = meet
    while (link := back["a"][node]) is not None:
        left.append((link[0], node, link[1]))
        node = link[0]
    left.reverse()
    node = meet
    while (link := back["b"][node]) is not None:
        left.append((node, link[0], link[1]))
        node = link[0]
    return left


def path(
    store: Store,
    a: str,
    b: str,
    *,
    at: str | None = None,
    known_by: str | None = None,
    max_depth: int = MAX_DEPTH,
) -> Path:
    """The shortest chain of facts from ``a`` to ``b`` (any names); ``steps`` is empty when
    none is found within ``max_depth`` facts."""
    for d in (at, known_by):
        if d is not None:
            check_date(d)
    left, right = find(store.conn, a), find(store.conn, b)
    names = {
        str(r[0]): r[1]
        for r in store.all(
            "SELECT id, name FROM canonical_entities WHERE id IN (?, ?)", (left, right)
        )
    }
    result = Path(left, names.get(left), right, names.get(right), at, known_by)
    if left == right:
        return result
    banned: set[str] = set()
    for _ in range(MAX_RETRIES):
        chain = _search(store, left, right, at, known_by, max_depth, banned)
        if chain is None:
            return result
        steps: list[PathStep] = []
        for src, dst, fid in chain:
            fact = _checked(store, fid, at, known_by)
            if fact is None:
                banned.add(fid)
                break
            steps.append(PathStep(src, dst, fact))
        else:
            result.steps = steps
            return result
    return result


def _checked(store: Store, fid: str, at: str | None, known_by: str | None) -> Fact | None:
    try:
        fact = get_fact(store, fid, known_by)
    except NotFoundError:
        return None
    if fact.review.state == "rejected":
        return None
    if at is not None:
        day0, day1 = period(at)
        if not within(fact.time, day0, day1):
            return None
    return fact
