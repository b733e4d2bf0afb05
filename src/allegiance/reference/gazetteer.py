"""The reference gazetteer: curated groups and places, loaded from YAML and validated.

Data files live in ``allegiance/resources/gazetteer/*.yml``. Each holds a mapping with an
optional default ``type`` and a ``records`` list; see ``docs/gazetteer.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from normality import ascii_text

from allegiance.errors import DataFileError
from allegiance.reference.records import Record, parse_record

__all__ = ["Gazetteer", "Record", "clash_key", "load_gazetteer", "load_files"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: order of preference among records that share a name (settlements before the regions
#: named after them: "Raqqa" is the city before the governorate)
_SUBTYPE_RANK = {s: i for i, s in enumerate((
    "city", "town", "village", "subdistrict", "facility", "area", "district", "governorate",
    "region", "country"))}


def clash_key(surface: str) -> str:
    """A fixed folding used to find names shared by two records (independent of name_key)."""
    s = (ascii_text(surface) or "").lower()
    s = re.sub(r"['`]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


class Gazetteer:
    """Validated records with lookups by id and by name."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.records: tuple[Record, ...] = tuple(records)
        self._by_id: dict[str, Record] = {r.id: r for r in self.records}
        self._index: dict[str, list[tuple[Record, str, bool]]] | None = None
        self._forms: list[tuple[str, Record, bool]] | None = None
        self._children: dict[str, list[Record]] | None = None

    def __len__(self) -> int:
        return len(self.records)

    def __contains__(self, rid: object) -> bool:
        return rid in self._by_id

    def get(self, rid: str) -> Record | None:
        """The record with this id, or None."""
        return self._by_id.get(rid)

    def of_type(self, rtype: str, subtype: str | None = None) -> list[Record]:
        """Records of one type (and optionally one subtype), in file order."""
        return [r for r in self.records
                if r.type == rtype and (subtype is None or r.subtype == subtype)]

    def surface_forms(self) -> Iterator[tuple[str, Record, bool]]:
        """Every name, alias and pejorative with its record and whether it is pejorative."""
        if self._forms is None:
            forms: list[tuple[str, Record, bool]] = []
            for r in self.records:
                forms.append((r.name, r, False))
                forms.extend((a, r, False) for a in r.aliases)
                forms.extend((p, r, True) for p in r.pejoratives)
            self._forms = forms
        return iter(self._forms)

    def _name_index(self) -> dict[str, list[tuple[Record, str, bool]]]:
        if self._index is None:
            from allegiance.names import name_key

            index: dict[str, list[tuple[Record, str, bool]]] = {}
            for surface, rec, _pej in self.surface_forms():
                key = name_key(surface, rec.type)
                if key:
                    index.setdefault(key, []).append((rec, surface, rec.is_case_sensitive(surface)))
            self._index = index
        return self._index

    def lookup(self, name: str) -> list[Record]:
        """Records known by ``name`` (folded by name_key; case-sensitive names in exact case).

        Records whose main name matches come first, then those matching by alias; among
        places, settlements come before the districts and regions named after them.
        """
        from allegiance.names import name_key

        exact = " ".join(name.split())
        found: list[tuple[int, int, int, Record]] = []
        seen: set[str] = set()
        keys = {name_key(exact, t) for t in ("Organization", "Place")}
        for key in keys:
            entries = self._name_index().get(key, ())
            # a name kept in exact case ('Hit') also guards its spelling variants ('Heet')
            guarded = {rec.id for rec, surface, cs in entries if cs and surface != exact}
            exact_hit = {rec.id for rec, surface, cs in entries if cs and surface == exact}
            for n, (rec, surface, cs) in enumerate(entries):
                if rec.id in seen or (cs and surface != exact):
                    continue
                if rec.id in guarded and rec.id not in exact_hit:
                    continue
                seen.add(rec.id)
                rank = _SUBTYPE_RANK.get(rec.subtype or "", 0) if rec.type == "Place" else 0
                found.append((0 if surface == rec.name else 1, rank, n, rec))
        found.sort(key=lambda t: t[:3])
        return [t[3] for t in found]

    def parents(self, rid: str) -> list[Record]:
        """The chain of enclosing records, nearest first (a district's governorate, country…)."""
        out: list[Record] = []
        rec = self._by_id.get(rid)
        while rec is not None and rec.parent is not None:
            rec = self._by_id.get(rec.parent)
            if rec is None or rec in out:
                break
            out.append(rec)
        return out

    def children(self, rid: str) -> list[Record]:
        """Records whose parent is ``rid``."""
        if self._children is None:
            kids: dict[str, list[Record]] = {}
            for r in self.records:
                if r.parent:
                    kids.setdefault(r.parent, []).append(r)
            self._children = kids
        return list(self._children.get(rid, ()))


# ---------------------------------------------------------------- loading

def _read(path: Path | Traversable, name: str) -> tuple[str | None, list[Any]]:
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise DataFileError(f"{name}: {e}".splitlines()[0]) from None
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise DataFileError(f"{name}: expected a mapping with a 'records' list")
    default_type = data.get("type")
    if default_type is not None and not isinstance(default_type, str):
        raise DataFileError(f"{name}: 'type' must be a string")
    return default_type, data["records"]


def _check_links(records: dict[str, Record]) -> None:
    for r in records.values():
        where = f"{r.source}: entry {r.id!r}"
        for key in ("predecessors", "successors"):
            for other in getattr(r, key):
                if other not in records:
                    raise DataFileError(f"{where}: {key} id {other!r} is not in the gazetteer")
                if records[other].type != r.type:
                    raise DataFileError(f"{where}: {key} id {other!r} is of another type")
        if r.parent is not None:
            parent = records.get(r.parent)
            if parent is None:
                raise DataFileError(f"{where}: parent {r.parent!r} is not in the gazetteer")
            if parent.type != r.type:
                raise DataFileError(f"{where}: parent {r.parent!r} is of another type")
            if r.type == "Place" and parent.country and r.country and parent.country != r.country:
                raise DataFileError(f"{where}: parent {r.parent!r} is in another country")
            seen = {r.id}
            while parent is not None:
                if parent.id in seen:
                    raise DataFileError(f"{where}: parent chain loops at {parent.id!r}")
                seen.add(parent.id)
                parent = records.get(parent.parent) if parent.parent else None


def _check_coordinates(records: dict[str, Record]) -> None:
    boxes = {r.country: r.bbox for r in records.values()
             if r.subtype == "country" and r.country and r.bbox}
    for r in records.values():
        if r.lat is None or r.lon is None:
            continue
        where = f"{r.source}: entry {r.id!r}"
        box = boxes.get(r.country or "") or r.bbox
        if box is None:
            raise DataFileError(f"{where}: coordinates need a country with a bounding box")
        s, w, n, e = box
        if not (s <= r.lat <= n and w <= r.lon <= e):
            raise DataFileError(
                f"{where}: ({r.lat}, {r.lon}) lies outside the bounding box of {r.country}")


def _check_clashes(records: Iterable[Record]) -> None:
    owners: dict[str, tuple[Record, str]] = {}
    for r in records:
        for surface in set(r.names()):
            key = clash_key(surface)
            if not key:
                raise DataFileError(f"{r.source}: entry {r.id!r}: name {surface!r} folds to nothing")
            prev = owners.get(key)
            if prev is None:
                owners[key] = (r, surface)
                continue
            other, other_surface = prev
            if other.id == r.id:
                continue
            if surface in r.ambiguous and other_surface in other.ambiguous:
                continue
            raise DataFileError(
                f"{r.source}: entry {r.id!r}: name {surface!r} is also a name of {other.id!r} "
                f"({other.source}); mark it 'ambiguous' in both or remove one")


def _complete_links(records: dict[str, Record]) -> dict[str, Record]:
    """Add the inverse of every predecessor/successor link."""
    preds = {rid: list(r.predecessors) for rid, r in records.items()}
    succs = {rid: list(r.successors) for rid, r in records.items()}
    for rid, r in records.items():
        for p in r.predecessors:
            if rid not in succs[p]:
                succs[p].append(rid)
        for s in r.successors:
            if rid not in preds[s]:
                preds[s].append(rid)
    return {rid: replace(r, predecessors=tuple(preds[rid]), successors=tuple(succs[rid]))
            for rid, r in records.items()}


def build(entries: Iterable[tuple[str, str | None, list[Any]]]) -> Gazetteer:
    """Validate parsed files (name, default type, entries) and build a Gazetteer."""
    records: dict[str, Record] = {}
    for name, default_type, items in entries:
        for i, entry in enumerate(items):
            rec = parse_record(entry, default_type, name, i)
            if rec.id in records:
                raise DataFileError(
                    f"{name}: entry {rec.id!r}: id already used in {records[rec.id].source}")
            records[rec.id] = rec
    _check_links(records)
    _check_coordinates(records)
    _check_clashes(records.values())
    return Gazetteer(_complete_links(records).values())


def load_files(paths: Iterable[Path]) -> Gazetteer:
    """Load and validate the given YAML files (not cached)."""
    parsed = []
    for p in paths:
        default_type, items = _read(p, p.name)
        parsed.append((p.name, default_type, items))
    return build(parsed)


def _packaged() -> list[tuple[str, str | None, list[Any]]]:
    folder = resources.files("allegiance.resources").joinpath("gazetteer")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yml")), key=lambda f: f.name)
    return [(f"gazetteer/{f.name}", *_read(f, f"gazetteer/{f.name}")) for f in files]


#: what the packaged gazetteer is built from, for its compiled copy (``allegiance.compiled``)
GAZETTEER_SOURCES = ("resources/gazetteer/*.yml", "reference/*.py", "names/*.py", "resources/names/*.yml")


@cache
def _load(directory: str | None) -> Gazetteer:
    if directory is None:
        from allegiance import compiled

        return compiled.cached("gazetteer", compiled.package_files(*GAZETTEER_SOURCES),
                               lambda: build(_packaged()), libraries=("normality", "PyYAML"))
    folder = Path(directory)
    if not folder.is_dir():
        raise DataFileError(f"{directory}: not a directory of gazetteer files")
    return load_files(sorted(folder.glob("*.yml")))


def load_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    """The packaged gazetteer, or the one in ``directory`` (validated once, then cached)."""
    return _load(None if directory is None else str(Path(directory).resolve()))


def reference_ids(name: str) -> list[str]:
    """The ids of the reference records known by ``name`` (for ``cluster_names``)."""
    return [r.id for r in load_gazetteer().lookup(name)]
