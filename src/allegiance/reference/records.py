"""Gazetteer records and the checks on one entry of a data file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from allegiance.errors import DataFileError

TYPES = ("Organization", "Place")

#: allowed ``subtype`` values per record type
SUBTYPES: dict[str, tuple[str, ...]] = {
    "Organization": (
        "armed-group",  # insurgent, jihadist or rebel group
        "branch",  # regional branch or affiliate of another group
        "province",  # a wilaya (province) of the Islamic State
        "coalition",  # alliance, operations room, front of several groups
        "militia",  # pro-government or communal militia
        "party",  # political party or movement with a political wing
        "movement",  # wider movement or network without one command
        "state-force",  # army, police, intelligence or other state force
        "government",  # a government or governing authority
        "international",  # foreign intervention coalition or mission
    ),
    "Place": (
        "country", "region", "governorate", "district", "subdistrict", "city", "town",
        "village", "area", "facility",
    ),
}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")

_LIST_FIELDS = ("aliases", "pejoratives", "case_sensitive", "ambiguous", "predecessors",
                "successors")
_STR_FIELDS = ("type", "name", "subtype", "country", "parent", "wikidata", "note")
KNOWN_FIELDS = frozenset(("id", "lat", "lon", "geonames", "bbox") + _LIST_FIELDS + _STR_FIELDS)


@dataclass(frozen=True)
class Record:
    """One reference entity: an organization or a place, with its names and links."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    pejoratives: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()  # names matched only in this exact case
    ambiguous: tuple[str, ...] = ()  # names knowingly shared with another record
    wikidata: str | None = None
    subtype: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 code
    parent: str | None = None  # id of the enclosing place / parent organization
    lat: float | None = None
    lon: float | None = None
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    geonames: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east
    note: str | None = None
    source: str = field(default="", compare=False)  # data file the record came from

    def names(self) -> tuple[str, ...]:
        """Name, aliases and pejoratives, in that order."""
        return (self.name, *self.aliases, *self.pejoratives)

    def is_case_sensitive(self, surface: str) -> bool:
        return surface in self.case_sensitive


def _fail(where: str, msg: str) -> DataFileError:
    return DataFileError(f"{where}: {msg}")


def _str_list(where: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _fail(where, f"{key!r} must be a list of strings")
    out: list[str] = []
    for v in value:
        if not isinstance(v, str) or not v.strip():
            raise _fail(where, f"{key!r} holds an empty or non-string value: {v!r}")
        v = " ".join(v.split())
        if v not in out:
            out.append(v)
    return tuple(out)


def _opt_str(where: str, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"{key!r} must be a non-empty string")
    return value.strip()


def _coord(where: str, key: str, value: Any, limit: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, f"{key!r} must be a number")
    if not -limit <= float(value) <= limit:
        raise _fail(where, f"{key!r} out of range: {value}")
    return float(value)


def _bbox(where: str, value: Any) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != 4
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise _fail(where, "'bbox' must be [south, west, north, east]")
    s, w, n, e = (float(v) for v in value)
    if not (-90 <= s < n <= 90 and -180 <= w < e <= 180):
        raise _fail(where, f"'bbox' is not a valid box: {value}")
    return (s, w, n, e)


def parse_record(entry: Any, default_type: str | None, file: str, index: int) -> Record:
    """Build a Record from one YAML entry; raise DataFileError naming file and entry."""
    where = f"{file}: entry {index + 1}"
    if not isinstance(entry, dict):
        raise _fail(where, "expected a mapping")
    rid = entry.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise _fail(where, f"'id' missing or not a lower-case slug: {rid!r}")
    where = f"{file}: entry {rid!r}"
    unknown = sorted(set(entry) - KNOWN_FIELDS)
    if unknown:
        raise _fail(where, f"unknown field(s): {', '.join(unknown)}")
    strs = {k: _opt_str(where, k, entry.get(k)) for k in _STR_FIELDS}
    lists = {k: _str_list(where, k, entry.get(k)) for k in _LIST_FIELDS}
    rtype = strs["type"] or default_type
    if rtype not in TYPES:
        raise _fail(where, f"'type' must be one of {', '.join(TYPES)}, not {rtype!r}")
    name = strs["name"]
    if name is None:
        raise _fail(where, "'name' is required")
    name = " ".join(name.split())
    subtype = strs["subtype"]
    if subtype is None:
        raise _fail(where, "'subtype' is required")
    if subtype not in SUBTYPES[rtype]:
        raise _fail(where, f"subtype {subtype!r} is not one of {', '.join(SUBTYPES[rtype])}")
    wikidata, country = strs["wikidata"], strs["country"]
    if wikidata is not None and not WIKIDATA_RE.match(wikidata):
        raise _fail(where, f"'wikidata' is not a Q-id: {wikidata!r}")
    if country is not None and not COUNTRY_RE.match(country):
        raise _fail(where, f"'country' must be a two-letter code: {country!r}")
    aliases = tuple(a for a in lists["aliases"] if a != name)
    pejoratives = lists["pejoratives"]
    every = {name, *aliases, *pejoratives}
    overlap = sorted(set(aliases) & set(pejoratives))
    if overlap:
        raise _fail(where, f"listed both as alias and pejorative: {overlap[0]!r}")
    for key in ("case_sensitive", "ambiguous"):
        stray = [s for s in lists[key] if s not in every]
        if stray:
            raise _fail(where, f"{key!r} names {stray[0]!r}, which is not one of its names")
    lat = _coord(where, "lat", entry.get("lat"), 90)
    lon = _coord(where, "lon", entry.get("lon"), 180)
    if (lat is None) != (lon is None):
        raise _fail(where, "give both 'lat' and 'lon' or neither")
    if lat is not None and rtype != "Place":
        raise _fail(where, "only places carry coordinates")
    geonames = entry.get("geonames")
    if geonames is not None and (not isinstance(geonames, int) or isinstance(geonames, bool)):
        raise _fail(where, "'geonames' must be an integer id")
    for key in ("predecessors", "successors"):
        if rid in lists[key]:
            raise _fail(where, f"{key!r} lists the record itself")
    if strs["parent"] == rid:
        raise _fail(where, "'parent' is the record itself")
    return Record(
        id=rid, type=rtype, name=name, aliases=aliases, pejoratives=pejoratives,
        case_sensitive=lists["case_sensitive"], ambiguous=lists["ambiguous"],
        wikidata=wikidata, subtype=subtype, country=country, parent=strs["parent"],
        lat=lat, lon=lon, predecessors=lists["predecessors"], successors=lists["successors"],
        geonames=geonames, bbox=_bbox(where, entry.get("bbox")), note=strs["note"], source=file,
    )
