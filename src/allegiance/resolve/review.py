"""Review candidates: pairs of canonical entities that may be one, not yet judged.

Entities are blocked by type and by the rarer tokens of their name keys; within a block,
keys are compared with rapidfuzz. Exact key matches that automatic resolution left apart
(ambiguous, same document, or failing the context check) come first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from allegiance.resolve.keys import compatible

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: the lowest similarity (0-100) worth showing
THRESHOLD = 85.0
#: tokens shared by more entities than this do not form a block (``abu``, ``al``)
MAX_BLOCK = 50
#: candidates compared per block at most
MAX_PAIRS_PER_BLOCK = 2000


@dataclass(frozen=True)
class Candidate:
    """Two canonical entities that may be one, with a score (0-100) and the reason."""

    left: str
    left_name: str
    right: str
    right_name: str
    type: str
    score: float
    why: str


@dataclass
class _Entry:
    id: str
    type: str
    name: str
    names: dict[str, str]  # key -> a name carrying it
    reference_id: str | None = None


def _entries(store: Store) -> dict[str, _Entry]:
    out: dict[str, _Entry] = {}
    for r in store.all(
        "SELECT c.id, c.type, c.name, c.reference_id FROM canonical_entities c "
        "WHERE EXISTS (SELECT 1 FROM entities e WHERE e.canonical_id = c.id)"
    ):
        out[str(r[0])] = _Entry(str(r[0]), str(r[1]), str(r[2]), {}, r[3])
    for r in store.all(
        "SELECT canonical_id, name, name_key, type FROM entities UNION "
        "SELECT e.canonical_id, a.name, a.name_key, e.type FROM aliases a "
        "JOIN entities e ON e.id = a.entity_id WHERE a.pejorative = 0"
    ):
        entry = out.get(str(r[0]))
        if entry is not None and r[2]:
            entry.names.setdefault(str(r[2]), str(r[1]))
    return out


def _judged(store: Store) -> set[frozenset[str]]:
    """Pairs already decided apart (rejects, and the two sides of every split)."""
    pairs: set[frozenset[str]] = set()
    for r in store.all(
        "SELECT left_id, right_id FROM judgements WHERE active = 1 AND kind IN ('reject', 'split')"
    ):
        if r[1] is not None:
            pairs.add(frozenset((str(r[0]), str(r[1]))))
    return pairs


def _compare(a: _Entry, b: _Entry) -> tuple[float, str]:
    best, why = 0.0, ""
    for ka, na in a.names.items():
        for kb, nb in b.names.items():
            if ka == kb:
                ok = compatible(na, nb, a.type)
                score = 100.0 if ok else 60.0
                reason = f"same name key {ka!r}" + ("" if ok else " but names differ in context")
            elif compatible(na, nb, a.type):
                score, reason = 95.0, f"the name model takes {na!r} and {nb!r} for one name"
            else:
                score = float(fuzz.ratio(ka, kb))
                reason = f"similar names {na!r} / {nb!r}"
            if score > best:
                best, why = score, reason
    return best, why


def review_candidates(store: Store, limit: int = 20) -> list[Candidate]:
    """Likely duplicate canonical entities, best first, skipping pairs already judged."""
    entries = _entries(store)
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in entries.values():
        for k in e.names:
            for token in k.split():
                if len(token) >= 3:
                    blocks[(e.type, token)].add(e.id)
            blocks[(e.type, "=" + k)].add(e.id)
    judged = _judged(store)
    seen: set[frozenset[str]] = set()
    found: list[Candidate] = []
    for ids in blocks.values():
        if len(ids) < 2 or len(ids) > MAX_BLOCK:
            continue
        for n, (x, y) in enumerate(combinations(sorted(ids), 2)):
            if n >= MAX_PAIRS_PER_BLOCK:
                break
            pair = frozenset((x, y))
            if pair in seen or pair in judged:
                continue
            seen.add(pair)
            rx, ry = entries[x].reference_id, entries[y].reference_id
            if rx and ry and rx != ry:
                continue  # two gazetteer records (Germany, Somalia) are two entities
            score, why = _compare(entries[x], entries[y])
            if score >= THRESHOLD:
                a, b = entries[x], entries[y]
                found.append(Candidate(a.id, a.name, b.id, b.name, a.type, round(score, 1), why))
    found.sort(key=lambda c: (-c.score, c.left_name, c.right_name))
    return found[:limit]


__all__ = ["Candidate", "review_candidates"]
