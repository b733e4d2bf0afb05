"""How far can name clustering go on the UN list by spelling alone? (a measurement, not a test)

Three oracles that know the gold clusters and still use only the names' spelling:

1. ``shared word``: inside each gold entity, join two names when they share a folded word
   (any word but articles, common ones included). No method that links names only through shared words
   can have a higher B-cubed recall.
2. ``close word``: the same with a looser agreement (a close spelling or one word inside the
   other), the most a spelling-based method could link.
3. ``perfect decisions``: ``cluster_names``' own candidate pairs (its blocks), each decided
   correctly: the most its blocking allows.

Each is printed with the B-cubed F1 it would give at precision 1.0 and at 0.97.

    python benchmarks/names_ceiling.py
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from allegiance.names.cluster import candidate_pairs
from allegiance.names.fold import fold_tokens
from allegiance.unionfind import UnionFind

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "un-sanctions" / "un-isil-al-qaida-list-2018-dev.jsonl"


def gold_names(path: Path) -> dict[str, str]:
    """Name -> entity ref; a name listed under two entities is left out (as the scorer does)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            for n in [row["name"], *row.get("aliases", [])]:
                n = re.sub(r"\s+", " ", n).strip()
                if n:
                    owners[n].add(row["ref"])
    return {n: next(iter(r)) for n, r in owners.items() if len(r) == 1}


def bcubed_recall(gold: dict[str, str], label: dict[str, str]) -> float:
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_label: dict[str, set[str]] = defaultdict(set)
    for n, g in gold.items():
        by_gold[g].add(n)
        by_label[label[n]].add(n)
    return sum(len(by_gold[gold[n]] & by_label[label[n]]) / len(by_gold[gold[n]]) for n in gold) / len(gold)


def oracle(gold: dict[str, str], link: Callable[[list[str], list[str]], bool]) -> float:
    entities: dict[str, list[str]] = defaultdict(list)
    for n, g in gold.items():
        entities[g].append(n)
    label: dict[str, str] = {}
    for g, names in entities.items():
        words = [[t for t in fold_tokens(n) if len(t) > 1] for n in names]
        uf = UnionFind(len(names))
        for i, j in itertools.combinations(range(len(names)), 2):
            if link(words[i], words[j]):
                uf.union(i, j)
        for i, n in enumerate(names):
            label[n] = f"{g}/{uf.find(i)}"
    return bcubed_recall(gold, label)


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and (a in b or b in a or Levenshtein.normalized_similarity(a, b) >= 0.6)


def perfect_decisions(gold: dict[str, str]) -> float:
    names = list(gold)
    uf = UnionFind(len(names))
    for i, j in candidate_pairs(names):
        if gold[names[i]] == gold[names[j]]:
            uf.union(i, j)
    return bcubed_recall(gold, {n: str(uf.find(i)) for i, n in enumerate(names)})


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r)


def main() -> int:
    if not DATA.exists():
        print(f"names_ceiling.py: {DATA}: no such file", file=sys.stderr)
        return 2
    gold = gold_names(DATA)
    rows = {
        "shared word": oracle(gold, lambda a, b: bool(set(a) & set(b))),
        "close word": oracle(gold, lambda a, b: any(_close(x, y) for x in a for y in b)),
        "perfect decisions": perfect_decisions(gold),
    }
    print(f"{'oracle':20}{'B3 recall':>12}{'F1 at P=1':>12}{'F1 at P=0.97':>14}")
    for k, r in rows.items():
        print(f"{k:20}{r:12.3f}{f1(1.0, r):12.3f}{f1(0.97, r):14.3f}")
    print(json.dumps({k: round(v, 4) for k, v in rows.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
