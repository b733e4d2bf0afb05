"""Clustering names into entities: blocking on distinctive folded tokens, then pairwise
comparison inside each block, then union-find. Never all pairs.

``reference=True`` also joins names that the reference gazetteer lists under one record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from allegiance.names.compare import NameForm, prepare, same_entity, skeleton
from allegiance.unionfind import UnionFind

#: a token shared by more names than this is no use for blocking
MAX_BLOCK = 60


_PAREN_RE = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


def forms_of(name: str, kind: str | None = None) -> list[NameForm]:
    """A name and, for 'X (Y)', its two parts."""
    out = [prepare(name, kind)]
    m = _PAREN_RE.match(name)
    if m and m.group(1).strip():
        k = out[0].kind
        out += [prepare(m.group(1), k), prepare(m.group(2), k)]
    return out


def cluster_names(names: Sequence[str], kind: str | None = None, reference: bool = True) -> list[str]:
    """A cluster label for each name, in input order."""
    n = len(names)
    uf = UnionFind(n)
    forms = [forms_of(x, kind) for x in names]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, fs in enumerate(forms):
        keys: set[str] = set()
        for f in fs:
            keys.update(skeleton(t) for t in f.distinctive if len(t) >= 3)
            if len(f.toks) == 1:
                keys.add(f"={f.toks[0]}")
            if f.acronym:
                keys.add(f"={f.acronym}")
        for k in keys:
            blocks[k].append(i)
    rare = frozenset(k for k, v in blocks.items() if not k.startswith("=") and len(v) <= RARE_DF + 2)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in seen or uf.find(i) == uf.find(j):
                    continue
                seen.add((i, j))
                if any(same_entity(a, b, rare) for a in forms[i] for b in forms[j]):
                    uf.union(i, j)
    _join_by_rare_tokens(forms, blocks, uf)
    if reference:
        _join_by_reference(names, uf)
    roots: dict[int, str] = {}
    labels = []
    for i in range(n):
        r = uf.find(i)
        labels.append(roots.setdefault(r, f"c{len(roots) + 1}"))
    return labels


#: a distinctive token found in at most this many names ties them together
RARE_DF = 2


def _join_by_rare_tokens(forms: list[list[NameForm]], blocks: dict[str, list[int]], uf: UnionFind) -> None:
    """Names of one list sharing a distinctive token that no other name has ('Julaybib')
    are one entity: in a list of names, such a token is a signature."""
    for key, members in blocks.items():
        if key.startswith("=") or len(key) < 4 or not 2 <= len(members) <= RARE_DF:
            continue
        kinds = {f.kind for i in members for f in forms[i][:1]} - {"Unknown"}
        if len(kinds) > 1 or "Organization" in kinds:
            continue  # a group's rare word may be a place or a trade: no signature
        first = members[0]
        for other in members[1:]:
            uf.union(first, other)


def _join_by_reference(names: Sequence[str], uf: UnionFind) -> None:
    try:
        from allegiance.reference.gazetteer import load_gazetteer
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return
    gaz = load_gazetteer()
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        recs = gaz.lookup(name)
        if len(recs) == 1:  # an ambiguous name joins nothing
            rid = recs[0].id
            if rid in first:
                uf.union(first[rid], i)
            else:
                first[rid] = i
