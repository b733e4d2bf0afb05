"""The state of the graph at a date: who was member of, led, allied with or hostile to whom,
which groups existed, who held which place. An interval that only may include the date is
kept and marked ``uncertain``, never dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from allegiance.query.dates import period
from allegiance.query.fact_records import Fact
from allegiance.query.facts import check_date, iter_facts, load_facts
from allegiance.query.rules import snapshot_rules
from allegiance.resolve.lookup import find

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: the largest number of entities an ``around`` question reaches before it stops widening
MAX_AROUND = 5000


@dataclass(frozen=True)
class GroupState:
    """A group that existed at the date: the fact that founded it and, where recorded, the
    one that ended it after the date."""

    entity_id: str
    name: str | None
    founded: Fact
    certainty: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "certainty": self.certainty,
            "founded": self.founded.to_dict(),
        }


@dataclass(frozen=True)
class Holding:
    """A place held at the date, inferred from its last capture before the date with no
    later loss; always ``uncertain`` (no source says it still held)."""

    place_id: str
    place: str | None
    holder_id: str | None
    holder: str | None
    fact: Fact
    certainty: str = "uncertain"

    def to_dict(self) -> dict[str, Any]:
        return {
            "place_id": self.place_id,
            "place": self.place,
            "holder_id": self.holder_id,
            "holder": self.holder,
            "certainty": self.certainty,
            "fact": self.fact.to_dict(),
        }


@dataclass
class Snapshot:
    """The answer to ``at DATE``: facts under headings (``snapshot.yml``), groups, holdings."""

    date: str
    known_by: str | None
    around: str | None
    depth: int
    relations: dict[str, list[Fact]] = field(default_factory=dict)
    groups: list[GroupState] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "known_by": self.known_by,
            "around": self.around,
            "depth": self.depth,
            "relations": {k: [f.to_dict() for f in v] for k, v in self.relations.items()},
            "groups": [g.to_dict() for g in self.groups],
            "holdings": [h.to_dict() for h in self.holdings],
        }


def _reach(
    store: Store, start: str, date: str, depth: int, predicates: Sequence[str],
    known_by: str | None,
) -> list[str]:
    """Canonical ids within ``depth`` steps of ``start`` through facts that can hold at
    ``date`` (the ids only; facts are read afterwards)."""
    seen = {start}
    frontier = [start]
    for _ in range(max(depth, 1) - 1):
        nxt: set[str] = set()
        for f in iter_facts(
            store, entity_ids=frontier, predicate=predicates, at=date, known_by=known_by
        ):
            for end in (f.subject_id, f.object_id):
                if end and end not in seen:
                    nxt.add(end)
        seen |= nxt
        frontier = sorted(nxt)
        if not frontier or len(seen) >= MAX_AROUND:
            break
    return sorted(seen)


def snapshot(
    store: Store,
    date: str,
    *,
    around: str | None = None,
    depth: int = 1,
    known_by: str | None = None,
    confirmed_only: bool = False,
) -> Snapshot:
    """The state at ``date`` (whole store, or within ``depth`` facts of ``around``)."""
    check_date(date)
    rules = snapshot_rules()
    predicates = sorted({p for ps in rules.relations.values() for p in ps})
    scope: list[str] | None = None
    if around is not None:
        scope = _reach(store, find(store.conn, around), date, depth, predicates, known_by)
    snap = Snapshot(date, known_by, around, depth, {h: [] for h in rules.relations})
    heading = {p: h for h, ps in rules.relations.items() for p in ps}
    common: dict[str, Any] = {"known_by": known_by, "confirmed_only": confirmed_only}
    if scope is not None:
        common["entity_ids"] = scope
    for f in iter_facts(store, predicate=predicates, at=date, **common):
        snap.relations[heading[f.predicate]].append(f)
    snap.groups = _groups(store, date, common)
    snap.holdings = _holdings(store, date, common)
    return snap


def _light(common: dict[str, Any]) -> bool:
    """Whether facts may be read without their sources first (nothing asks what was known
    by a date, which recomputes a fact's time from its sources)."""
    return common.get("known_by") is None


def _groups(store: Store, date: str, common: dict[str, Any]) -> list[GroupState]:
    rules = snapshot_rules()
    day0, day1 = period(date)
    light = _light(common)
    ended: dict[str, str] = {}
    for f in iter_facts(store, predicate=sorted(rules.ending), to=date,
                        with_sources=not light, **common):
        if f.subject_id and f.time.end and f.time.end < day0:
            ended[f.subject_id] = f.time.end
    out: dict[str, GroupState] = {}
    for f in iter_facts(store, predicate=rules.founding, to=date, with_sources=not light,
                        **common):
        gid = f.object_id
        if gid is None or f.object_type != "Organization" or gid in ended or gid in out:
            continue
        sure = bool(f.time.end and f.time.end < day0)
        out[gid] = GroupState(gid, f.object, f, "certain" if sure else "uncertain")
    if light:  # the founding facts kept, read whole
        whole = {f.id: f for f in load_facts(store, [g.founded for g in out.values()])}
        out = {k: replace(g, founded=whole[g.founded.id]) for k, g in out.items()}
    return sorted(out.values(), key=lambda g: (g.name or "", g.entity_id))


def _holdings(store: Store, date: str, common: dict[str, Any]) -> list[Holding]:
    rules = snapshot_rules()
    day0, _ = period(date)
    last: dict[str, Fact] = {}
    preds = sorted(rules.taking | rules.losing)
    light = _light(common)
    for f in iter_facts(store, predicate=preds, to=date, with_sources=not light, **common):
        if f.object_id is None or not f.time.end or f.time.end >= day0:
            continue  # only events over before the date say who held it on the date
        last[f.object_id] = f  # time order: the latest event wins
    if light:  # the events kept, read whole
        kept = [f for f in last.values() if f.predicate in rules.taking]
        whole = {f.id: f for f in load_facts(store, kept)}
        last = {k: whole[f.id] for k, f in last.items() if f.id in whole}
    out = [
        Holding(pid, f.object, f.subject_id, f.subject, f)
        for pid, f in last.items()
        if f.predicate in rules.taking
    ]
    return sorted(out, key=lambda h: (h.place or "", h.place_id))


def with_certainty(fact: Fact, value: str) -> Fact:
    """A copy of ``fact`` marked ``certain`` or ``uncertain``."""
    return replace(fact, certainty=value)
