"""Contradictions, each listed with its evidence (the facts and their sources):

- ``contested``: one fact asserted by some sources and denied, disputed or negated by others;
- ``hostile_memberships``: a person member of two groups hostile to each other, in one
  interval;
- ``after_death``: a pledge, a leadership or another act of a person after a recorded death;
- ``after_dissolution``: a group active after its dissolution.

What counts is data (``resources/questions/conflicts.yml``). Grounding facts (the hostility,
the death, the dissolution) count only when some source supports them. An interval with an
open bound can overlap anything; three undated facts are not taken as one interval.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from allegiance.errors import InputError
from allegiance.query.fact_records import Fact
from allegiance.query.facts import iter_facts
from allegiance.query.rules import conflict_rules
from allegiance.store.facts import intersect, overlaps

if TYPE_CHECKING:
    from allegiance.store.db import Store

KINDS = ("contested", "hostile_memberships", "after_death", "after_dissolution")


@dataclass(frozen=True)
class Conflict:
    """One contradiction: its kind, a one-line summary and the facts that make it."""

    kind: str
    summary: str
    facts: list[Fact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "summary": self.summary,
            "facts": [f.to_dict() for f in self.facts],
        }


def _supported(f: Fact) -> bool:
    return f.stance.supporting > 0


def _name(name: str | None, cid: str | None) -> str:
    return name or cid or "(unknown)"


def _contested(store: Store, known_by: str | None) -> Iterator[Conflict]:
    rules = conflict_rules()
    for f in iter_facts(store, stance=sorted(rules.contesting), known_by=known_by):
        if f.stance.contested:
            what = f"{_name(f.subject, f.subject_id)} {f.predicate}"
            if f.object_id:
                what += f" {_name(f.object, f.object_id)}"
            yield Conflict("contested", f"{what} ({f.time.label}): {f.stance.label}", [f])


def _hostile_memberships(store: Store, known_by: str | None) -> Iterator[Conflict]:
    rules = conflict_rules()
    for h in iter_facts(store, predicate=sorted(rules.hostility), known_by=known_by):
        if not _supported(h) or not h.subject_id or not h.object_id:
            continue
        sides: list[dict[str, list[Fact]]] = []
        for group in (h.subject_id, h.object_id):
            members: dict[str, list[Fact]] = {}
            for m in iter_facts(
                store, object=group, predicate=sorted(rules.membership), known_by=known_by
            ):
                if m.subject_id and m.subject_type == "Person" and _supported(m):
                    members.setdefault(m.subject_id, []).append(m)
            sides.append(members)
        for person in sorted(set(sides[0]) & set(sides[1])):
            for a in sides[0][person]:
                for b in sides[1][person]:
                    dated = [x for x in (h, a, b) if x.time.start or x.time.end]
                    if not dated:
                        continue
                    if not overlaps(a.time.start, a.time.end, b.time.start, b.time.end):
                        continue
                    s, e = intersect(a.time.start, a.time.end, b.time.start, b.time.end)
                    if not overlaps(s, e, h.time.start, h.time.end):
                        continue
                    yield Conflict(
                        "hostile_memberships",
                        f"{_name(a.subject, person)} {a.predicate} {_name(a.object, a.object_id)}"
                        f" ({a.time.label}) and {b.predicate} {_name(b.object, b.object_id)}"
                        f" ({b.time.label}), hostile to each other ({h.time.label})",
                        [a, b, h],
                    )


def _after(
    store: Store, known_by: str | None, kind: str, ground: str, later: list[str],
    ground_side: str,
) -> Iterator[Conflict]:
    for g in iter_facts(store, predicate=ground, known_by=known_by):
        who = g.object_id if ground_side == "object" else g.subject_id
        who_name = g.object if ground_side == "object" else g.subject
        if not who or not g.time.end or not _supported(g):
            continue
        for f in iter_facts(store, subject=who, predicate=later, known_by=known_by):
            if f.id == g.id or not f.time.start or f.time.start <= g.time.end:
                continue
            if not _supported(f):
                continue
            what = f.predicate + (f" {_name(f.object, f.object_id)}" if f.object_id else "")
            yield Conflict(
                kind,
                f"{_name(who_name, who)} {what} ({f.time.label}) after {ground} "
                f"({g.time.label})",
                [f, g],
            )


def iter_conflicts(
    store: Store, *, kind: str | None = None, known_by: str | None = None
) -> Iterator[Conflict]:
    """Every contradiction (of one ``kind`` if given), from sources known by ``known_by``."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown conflict kind {kind!r} ({', '.join(KINDS)})")
    rules = conflict_rules()
    if kind in (None, "contested"):
        yield from _contested(store, known_by)
    if kind in (None, "hostile_memberships"):
        yield from _hostile_memberships(store, known_by)
    if kind in (None, "after_death"):
        yield from _after(
            store, known_by, "after_death", rules.death, sorted(rules.after_death), "object"
        )
    if kind in (None, "after_dissolution"):
        yield from _after(
            store, known_by, "after_dissolution", rules.dissolution,
            sorted(rules.after_dissolution), "subject",
        )
