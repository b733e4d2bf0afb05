"""What a store holds: documents, entities by type, facts by predicate and stance, open
review items, conflicts by kind."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from allegiance.query.conflicts import iter_conflicts

if TYPE_CHECKING:
    from allegiance.store.db import Store


@dataclass
class Stats:
    documents: int = 0
    claims: int = 0
    facts: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    facts_by_predicate: dict[str, dict[str, int]] = field(default_factory=dict)
    open_review: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _count(store: Store, sql: str) -> int:
    row = store.one(sql)
    return int(row[0]) if row else 0


def stats(store: Store, *, with_conflicts: bool = True) -> Stats:
    """Counts over the whole store (``with_conflicts=False`` skips the slowest part)."""
    out = Stats(
        documents=_count(store, "SELECT count(*) FROM documents"),
        claims=_count(store, "SELECT count(*) FROM claims"),
        facts=_count(store, "SELECT count(*) FROM facts"),
    )
    out.entities = {
        str(r[0]): int(r[1])
        for r in store.all(
            "SELECT c.type, count(*) FROM canonical_entities c WHERE EXISTS "
            "(SELECT 1 FROM entities e WHERE e.canonical_id = c.id) GROUP BY c.type ORDER BY c.type"
        )
    }
    by: dict[str, Counter[str]] = {}
    for r in store.all("SELECT predicate, stances FROM facts"):
        counts = by.setdefault(str(r[0]), Counter())
        for stance, n in json.loads(r[1]).items():
            counts[stance] += int(n)
    out.facts_by_predicate = {p: dict(sorted(c.items())) for p, c in sorted(by.items())}
    decided = (
        "SELECT count(*) FROM {t} x WHERE NOT EXISTS (SELECT 1 FROM reviews r "
        "WHERE r.target = '{k}' AND r.target_id = x.id AND r.active = 1)"
    )
    out.open_review = {
        "claims": _count(store, decided.format(t="claims", k="claim")),
        "facts": _count(store, decided.format(t="facts", k="fact")),
    }
    if with_conflicts:
        kinds: Counter[str] = Counter(c.kind for c in iter_conflicts(store))
        out.conflicts = dict(sorted(kinds.items()))
    return out
