"""Clustering names into entities: blocking on distinctive folded tokens, then pairwise
comparison inside each block, then union-find. Never all pairs.

Two people's names are compared by weighted evidence (``names.evidence``: a word weighs
more the fewer names of the list carry it); other pairs by ``compare.same_entity``.

``reference`` (a function giving the reference ids of a name) also joins names that the reference
gazetteer lists under one record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence

from allegiance.names.compare import (
    NameForm,
    acronym_letters,
    prepare,
    same_entity,
    skeleton,
    written_as_acronym,
)
from allegiance.names.evidence import ListFrequencies, loose_key, same_person, units
from allegiance.names.fold import consonant_key
from allegiance.unionfind import UnionFind

#: a token shared by more names than this is no use for blocking
MAX_BLOCK = 60
#: the same for a person's word by its loose key (weighted evidence keeps these precise)
MAX_PERSON_BLOCK = 80
#: a distinctive token in at most this many names is rare: with nothing against it, enough for
#: a two-word name (compare.same_entity)
RARE_DF = 4


_PAREN_RE = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


def forms_of(name: str, kind: str | None = None) -> list[NameForm]:
    """A name and, for 'X (Y)', its two parts."""
    out = [prepare(name, kind)]
    m = _PAREN_RE.match(name)
    if m and m.group(1).strip():
        k = out[0].kind
        out += [prepare(m.group(1), k), prepare(m.group(2), k)]
    return out


def _comparable(fa: list[NameForm], fb: list[NameForm], rare: frozenset[str]) -> Iterator[tuple[NameForm, NameForm]]:
    """The forms of two names worth comparing. Two names qualified differently in brackets
    are not compared by what stands outside them: 'Al-Haramain Foundation (Kenya)' and
    'Al-Haramain Foundation (Indonesia)' are two branches."""
    qualified = len(fa) == 3 and len(fb) == 3
    apart = qualified and not (fa[2].toks == fb[2].toks or same_entity(fa[2], fb[2], rare, acronyms=False))
    for n, a in enumerate(fa):
        for m, b in enumerate(fb):
            if not (apart and (n, m) in ((0, 0), (1, 1))):
                yield a, b


def _block_keys(forms: list[NameForm], person: tuple[str, ...] | None, scripts: bool) -> set[str]:
    """``scripts``: the list mixes Arabic and Latin script, so names are also blocked by the
    consonants of their words."""
    keys: set[str] = set()
    for u in person or ():
        if len(u) > 1 and u not in ("abu", "um", "umm", "abd"):
            keys.add(f"~{loose_key(u)}")
            if scripts:
                keys.add(f"~^{consonant_key(u.lstrip('^'))}")
    for f in forms:
        keys.update(skeleton(t) for t in f.distinctive if len(t) >= 3)
        if scripts:
            keys.update(f"^{consonant_key(t)}" for t in f.distinctive if len(consonant_key(t)) >= 2)
        if len(f.toks) == 1:
            keys.add(f"={f.toks[0]}")
        keys.update(f"#{x}" for x in f.acronyms)
        if written_as_acronym(f.text):
            keys.add(f"#{acronym_letters(f.text)}")
    return keys


def _pairs(blocks: dict[str, list[int]]) -> Iterator[tuple[int, int]]:
    """Each pair of names that share a usable block, once."""
    seen: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) < 2 or len(members) > (MAX_PERSON_BLOCK if key.startswith("~") else MAX_BLOCK):
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _prepared(names: Sequence[str], kind: str | None) -> tuple[
        list[list[NameForm]], list[tuple[str, ...] | None], dict[str, list[int]]]:
    forms = [forms_of(x, kind) for x in names]
    person = [units(fs[0]) if fs[0].kind != "Organization" else None for fs in forms]
    arabic = sum(fs[0].arabic for fs in forms)
    scripts = 0 < arabic < len(forms)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, fs in enumerate(forms):
        for k in _block_keys(fs, person[i], scripts):
            blocks[k].append(i)
    return forms, person, blocks


def candidate_pairs(names: Sequence[str], kind: str | None = None) -> list[tuple[int, int]]:
    """The pairs of names the clustering compares (those sharing a block)."""
    return list(_pairs(_prepared(names, kind)[2]))


def cluster_names(names: Sequence[str], kind: str | None = None,
                  reference: Callable[[str], Sequence[str]] | None = None) -> list[str]:
    """A cluster label for each name, in input order. ``reference`` gives the reference ids a
    name is known by (``allegiance.reference.reference_ids``): names with one and the same id
    join; an ambiguous name joins nothing."""
    n = len(names)
    uf = UnionFind(n)
    forms, person, blocks = _prepared(names, kind)
    freq = ListFrequencies(us for us in person if us is not None)
    rare = frozenset(k for k, v in blocks.items() if k[0] not in "=~#^" and len(v) <= RARE_DF)
    for i, j in _pairs(blocks):
        if uf.find(i) == uf.find(j):
            continue
        pi, pj = person[i], person[j]
        ok = False
        if pi is not None and pj is not None:  # two people's names: weighted evidence
            ok = same_person(pi, pj, freq)
        if not ok and (pi is None or pj is None or forms[i][0].kind == forms[j][0].kind == "Unknown"):
            ok = any(same_entity(a, b, rare, acronyms=False) for a, b in _comparable(forms[i], forms[j], rare))
        if ok:
            uf.union(i, j)
    _join_acronyms(forms, uf)
    if reference is not None:
        _join_by_reference(names, uf, reference)
    roots: dict[int, str] = {}
    labels = []
    for i in range(n):
        r = uf.find(i)
        labels.append(roots.setdefault(r, f"c{len(roots) + 1}"))
    return labels


def _join_acronyms(forms: list[list[NameForm]], uf: UnionFind) -> None:
    """An acronym ('HUJI', 'AQI') joins the group it stands for when, in this list, every
    spelled-out name with those initials is already one entity: 'AAS' stays apart from a list
    that holds both Ansar al-Sharia and Ansar al-Sunna."""
    written: dict[str, list[int]] = defaultdict(list)
    spelled: dict[str, set[int]] = defaultdict(set)
    for i, fs in enumerate(forms):
        for f in fs:
            if len(f.toks) == 1 and written_as_acronym(f.text):
                written[acronym_letters(f.text)].append(i)
            for x in f.acronyms:
                spelled[x].add(i)
    for letters, short in written.items():
        roots = {uf.find(i) for i in spelled.get(letters, ()) if i not in short}
        if len(roots) == 1:
            target = next(iter(roots))
            for i in short:
                uf.union(i, target)


def _join_by_reference(names: Sequence[str], uf: UnionFind, reference: Callable[[str], Sequence[str]]) -> None:
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        ids = reference(name)
        if len(ids) == 1:  # an ambiguous name joins nothing
            rid = ids[0]
            if rid in first:
                uf.union(first[rid], i)
            else:
                first[rid] = i
