"""The state of the graph at a date: who was member of, led, allied with or hostile to whom,
which groups existed, who held which place. An interval that only may include the date is
kept and marked ``uncertain``, never dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from allegiance.query.brief import Brief, briefs, can_hold, entity_types
from allegiance.query.dates import period
from allegiance.query.fact_records import Fact, FactTime
from allegiance.query.facts import certainty, check_date, iter_facts, load_whole
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
    common: dict[str, Any] = {"known_by": known_by, "confirmed_only": confirmed_only}
    light = _light(common)
    scope: list[str] | None = None
    if around is not None:
        reach = _reach_light if light else _reach
        scope = reach(store, find(store.conn, around), date, depth, predicates, known_by)
    snap = Snapshot(date, known_by, around, depth, {h: [] for h in rules.relations})
    if light:
        _sifted(store, snap, scope, confirmed_only)
        return snap
    heading = {p: h for h, ps in rules.relations.items() for p in ps}
    if scope is not None:
        common["entity_ids"] = scope
    for f in iter_facts(store, predicate=predicates, at=date, **common):
        if f.predicate in heading:  # not one an analyst's edit made another predicate
            snap.relations[heading[f.predicate]].append(f)
    snap.groups = _groups(store, date, common)
    snap.holdings = _holdings(store, date, common)
    return snap


def _light(common: dict[str, Any]) -> bool:
    """Whether facts may be sifted by their keys and only the kept ones read whole
    (nothing asks what was known by a date, which recomputes a fact's time from its
    sources)."""
    return common.get("known_by") is None


def _reach_light(
    store: Store, start: str, date: str, depth: int, predicates: Sequence[str],
    known_by: str | None,
) -> list[str]:
    """``_reach`` through the facts' keys alone (``known_by`` is ``None``)."""
    day0, day1 = period(date)
    seen = {start}
    frontier = [start]
    for _ in range(max(depth, 1) - 1):
        nxt: set[str] = set()
        for b in briefs(store, frontier, predicates, day1, lo=day0):
            if can_hold(b, day0, day1):
                nxt.update(e for e in (b.subject_id, b.object_id) if e and e not in seen)
        seen |= nxt
        frontier = sorted(nxt)
        if not frontier or len(seen) >= MAX_AROUND:
            break
    return sorted(seen)


def _sifted(store: Store, snap: Snapshot, scope: list[str] | None,
            confirmed_only: bool) -> None:
    """Fill ``snap`` by sifting every fact it may need by its keys in one pass, then
    reading only the kept ones whole: the answer ``iter_facts`` gives for each part."""
    rules = snapshot_rules()
    day0, day1 = period(snap.date)
    heading = {p: h for h, ps in rules.relations.items() for p in ps}
    events = rules.taking | rules.losing
    relations = [
        b for b in briefs(store, scope, sorted(heading), day1, lo=day0,
                          confirmed_only=confirmed_only)
        if can_hold(b, day0, day1) and b.predicate in heading
    ]
    found = briefs(store, scope, sorted({rules.founding} | rules.ending | events), day1,
                   confirmed_only=confirmed_only)
    ended: dict[str, str] = {}
    founding: list[Brief] = []
    last: dict[str, Brief] = {}
    for b in found:
        if not can_hold(b, None, day1):
            continue
        if b.stored_predicate in rules.ending:
            if b.subject_id and b.end and b.end < day0:
                ended[b.subject_id] = b.end
        elif b.stored_predicate == rules.founding:
            founding.append(b)
        elif b.stored_predicate in events and b.object_id is not None and b.end \
                and b.end < day0:
            last[b.object_id] = b  # time order: the latest event wins
    types = entity_types(store, [b.object_id for b in founding if b.object_id])
    groups: dict[str, tuple[Brief, str]] = {}
    for b in founding:
        gid = b.object_id
        if gid is None or types.get(gid) != "Organization" or gid in ended or gid in groups:
            continue
        groups[gid] = (b, "certain" if b.end and b.end < day0 else "uncertain")
    held = [b for b in last.values() if b.predicate in rules.taking]
    whole = load_whole(store, [
        *((b.id, b.review, certainty(_time(b), day0, day1)) for b in relations),
        *((b.id, b.review, "certain") for b, _ in groups.values()),
        *((b.id, b.review, "certain") for b in held),
    ])
    for b in relations:
        if b.id in whole:
            snap.relations[heading[b.predicate]].append(whole[b.id])
    snap.groups = sorted(
        (GroupState(gid, whole[b.id].object, whole[b.id], value)
         for gid, (b, value) in groups.items() if b.id in whole),
        key=lambda g: (g.name or "", g.entity_id),
    )
    snap.holdings = sorted(
        (Holding(pid, f.object, f.subject_id, f.subject, f)
         for pid, f in ((b.object_id, whole[b.id]) for b in held if b.id in whole)
         if pid is not None),
        key=lambda h: (h.place or "", h.place_id),
    )


def _time(b: Brief) -> FactTime:
    return FactTime(b.start, b.end, "", "")


def _groups(store: Store, date: str, common: dict[str, Any]) -> list[GroupState]:
    rules = snapshot_rules()
    day0, day1 = period(date)
    ended: dict[str, str] = {}
    for f in iter_facts(store, predicate=sorted(rules.ending), to=date, **common):
        if f.subject_id and f.time.end and f.time.end < day0:
            ended[f.subject_id] = f.time.end
    out: dict[str, GroupState] = {}
    for f in iter_facts(store, predicate=rules.founding, to=date, **common):
        gid = f.object_id
        if gid is None or f.object_type != "Organization" or gid in ended or gid in out:
            continue
        sure = bool(f.time.end and f.time.end < day0)
        out[gid] = GroupState(gid, f.object, f, "certain" if sure else "uncertain")
    return sorted(out.values(), key=lambda g: (g.name or "", g.entity_id))


def _holdings(store: Store, date: str, common: dict[str, Any]) -> list[Holding]:
    rules = snapshot_rules()
    day0, _ = period(date)
    last: dict[str, Fact] = {}
    preds = sorted(rules.taking | rules.losing)
    for f in iter_facts(store, predicate=preds, to=date, **common):
        if f.object_id is None or not f.time.end or f.time.end >= day0:
            continue  # only events over before the date say who held it on the date
        last[f.object_id] = f  # time order: the latest event wins
    out = [
        Holding(pid, f.object, f.subject_id, f.subject, f)
        for pid, f in last.items()
        if f.predicate in rules.taking
    ]
    return sorted(out, key=lambda h: (h.place or "", h.place_id))


def with_certainty(fact: Fact, value: str) -> Fact:
    """A copy of ``fact`` marked ``certain`` or ``uncertain``."""
    return replace(fact, certainty=value)
