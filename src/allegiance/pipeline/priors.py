"""Attribution priors: an explicit, opt-in guess at the perpetrator of an unattributed attack.

Only when asked for. Two kinds of claim are added, both ``alleged``, with no source, and
marked in ``qualifiers.basis`` so that they never read as something the text says:

- ``"attribution prior"``: for a report of an attack that names no perpetrator, the group
  most active in the report's country and period (optionally narrowed by the kind of target
  or the place the report names), from ``reference/attribution_priors.yml``;
- ``"branch prior"`` / ``"parent organisation"``: where a perpetrator (named by the text or
  chosen by the prior) is a parent organisation with a known branch in the report's country
  and period (the Islamic State in Afghanistan: its Khorasan Province), the branch; where it
  is such a branch, its parent. These sit beside the perpetrator's claim, never replace it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from allegiance.errors import DataFileError
from allegiance.model.types import Claim, Entity, Extraction, Span
from allegiance.resources import load_mapping

_FILE = "reference/attribution_priors.yml"

_ATTACK_RE = re.compile(
    r"\b(?:attack\w*|bomb\w*|blast\w*|explo\w+|shoot\w*|shot|gunm[ae]n|gunfire|stabb\w*|"
    r"suicide|killed|massacre\w*|ambush\w*|hostages?|grenade\w*|IED|rocket\w*)\b", re.IGNORECASE)

#: a sentence in which a group disowns an attack ('The Taliban denied involvement')
_DENIAL_RE = re.compile(r"\b(?:den(?:y|ies|ied|ying)|disown\w*|distanced|rejected)\b",
                        re.IGNORECASE)
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]*")
_APOSTROPHES_RE = re.compile("[\u2019\u2018\u02bc`\u00b4]")

#: stances under which a claim names no perpetrator
_NOT_A_PERPETRATOR = ("negated", "denied")
_PERPETRATOR_TYPES = ("Organization", "Person")
_ID_SUFFIX = {"attribution prior": "prior", "branch prior": "branch",
              "parent organisation": "parent"}


@dataclass(frozen=True)
class Prior:
    country: str
    start: int
    end: int
    group: str
    targets: str | None = None
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Branch:
    parent: str
    branch: str
    countries: tuple[str, ...]
    start: int
    end: int
    places: tuple[str, ...] = ()


def _period(where: str, p: dict[str, Any]) -> tuple[int, int]:
    try:
        start, end = int(p["from"]), int(p["to"])
    except (KeyError, TypeError, ValueError):
        raise DataFileError(f"{where} needs integer 'from' and 'to'") from None
    if start > end:
        raise DataFileError(f"{where}: 'from' is after 'to'")
    return start, end


def _places(where: str, p: dict[str, Any]) -> tuple[str, ...]:
    places = p.get("places", [])
    if not isinstance(places, list) or not all(isinstance(x, str) and x.strip() for x in places):
        raise DataFileError(f"{where}: 'places' must be a list of names")
    return tuple(places)


def _country(where: str, value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value):
        raise DataFileError(f"{where}: bad country {value!r} (an ISO 3166-1 alpha-2 code)")
    return value


def _entries(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = data.get(key)
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise DataFileError(f"{_FILE}: expected a '{key}' list of mappings")
    return entries


@cache
def load_targets() -> dict[str, tuple[str, ...]]:
    """Kinds of target: name -> the words that name such a target."""
    data = load_mapping("reference", "attribution_priors.yml")
    targets = data.get("targets", {})
    if not isinstance(targets, dict):
        raise DataFileError(f"{_FILE}: 'targets' must be a mapping of lists")
    out: dict[str, tuple[str, ...]] = {}
    for name, words in targets.items():
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            raise DataFileError(f"{_FILE}: targets {name!r} must be a list of words")
        out[str(name)] = tuple(words)
    return out


@cache
def load_priors() -> tuple[Prior, ...]:
    data = load_mapping("reference", "attribution_priors.yml")
    targets = load_targets()
    out = []
    for n, p in enumerate(_entries(data, "priors")):
        where = f"{_FILE}: prior {n + 1}"
        if not isinstance(p.get("group"), str):
            raise DataFileError(f"{where} needs a 'group'")
        target = p.get("targets")
        if target is not None and target not in targets:
            raise DataFileError(f"{where}: unknown targets {target!r}")
        start, end = _period(where, p)
        out.append(Prior(_country(where, p.get("country")), start, end, p["group"],
                         target, _places(where, p)))
    return tuple(out)


@cache
def load_branches() -> tuple[Branch, ...]:
    data = load_mapping("reference", "attribution_priors.yml")
    out = []
    for n, b in enumerate(_entries(data, "branches")):
        where = f"{_FILE}: branch {n + 1}"
        if not isinstance(b.get("parent"), str) or not isinstance(b.get("branch"), str):
            raise DataFileError(f"{where} needs 'parent' and 'branch'")
        countries = b.get("countries")
        if not isinstance(countries, list) or not countries:
            raise DataFileError(f"{where} needs a 'countries' list")
        start, end = _period(where, b)
        out.append(Branch(b["parent"], b["branch"], tuple(_country(where, c) for c in countries),
                          start, end, _places(where, b)))
    return tuple(out)


# ---------------------------------------------------------------- the report's setting

@cache
def _pycountry_code(name: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        pass
    try:
        found = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return None
    return str(found[0].alpha_2) if len(found) == 1 else None


def _country_code(name: str, gazetteer: Any) -> str | None:
    name = name.strip()
    if re.fullmatch(r"[A-Z]{2}", name):
        return name
    # the gazetteer knows the names texts use ('Turkey', 'Russia'), pycountry the official ones
    for rec in gazetteer.lookup(name):
        if rec.type == "Place" and rec.subtype == "country" and rec.country:
            return str(rec.country)
    return _pycountry_code(name)


def _country_and_year(ex: Extraction, gazetteer: Any) -> tuple[str | None, int | None]:
    meta = ex.document
    country = _country_code(str(meta["country"]), gazetteer) if meta.get("country") else None
    if country is None:
        for e in ex.entities:
            rec = gazetteer.get(e.reference_id) if e.reference_id else None
            if rec is not None and rec.type == "Place" and rec.country:
                country = rec.country
                break
    year = None
    for key in ("year", "published"):
        m = re.match(r"(\d{4})", str(meta.get(key) or ""))
        if m:
            year = int(m.group(1))
            break
    return country, year


def _words_re(words: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE if ignore_case else 0)


@cache
def _target_re(name: str) -> re.Pattern[str]:
    return _words_re(load_targets()[name], ignore_case=True)


@cache
def _places_re(places: tuple[str, ...]) -> re.Pattern[str]:
    return _words_re(places, ignore_case=False)


def _place_named(text: str, places: tuple[str, ...]) -> str | None:
    """The first of ``places`` the text names ("" when there is no condition on places)."""
    if not places:
        return ""
    m = _places_re(places).search(text)
    return m.group() if m else None


def _ruled_out(ex: Extraction, text: str, rid: str) -> bool:
    """Whether the report says the group ``rid`` denied the attack, or names it its target."""
    for e in ex.entities:
        if e.reference_id != rid:
            continue
        for claim in ex.claims:
            if claim.predicate not in ("attacked", "killed"):
                continue
            if claim.object == e.id or (claim.subject == e.id and claim.stance == "denied"):
                return True
        for m in _SENTENCE_RE.finditer(text):
            mentioned = any(m.start() <= s.start < m.end() for s in e.mentions)
            if mentioned and _DENIAL_RE.search(m.group()):
                return True
    return False


# ---------------------------------------------------------------- adding claims

def _entity_for(ex: Extraction, rec: Any) -> Entity:
    entity = next((e for e in ex.entities if e.reference_id == rec.id), None)
    if entity is None:
        entity = Entity(id=f"e{len(ex.entities) + 1}", type="Organization", name=rec.name,
                        aliases=list(rec.aliases), reference_id=rec.id)
        ex.entities.append(entity)
    return entity


def _add(ex: Extraction, entity: Entity, evidence: Span, kind: str,
         qualifiers: dict[str, Any]) -> Claim:
    claim = Claim(
        id=f"c{len(ex.claims) + 1}-{_ID_SUFFIX[kind]}", subject=entity.id, predicate="attacked",
        object=None, evidence=evidence, stance="alleged", source=None, cue=kind,
        qualifiers={"basis": kind, **qualifiers})
    ex.claims.append(claim)
    return claim


def _perpetrators(ex: Extraction) -> list[Claim]:
    """Claims that name who attacked or killed (not those the text negates or denies)."""
    types = {e.id: e.type for e in ex.entities}
    return [c for c in ex.claims if c.predicate in ("attacked", "killed") and c.subject
            and c.stance not in _NOT_A_PERPETRATOR and types.get(c.subject) in _PERPETRATOR_TYPES]


def _choose_prior(ex: Extraction, text: str, country: str,
                  year: int) -> tuple[Prior, str] | None:
    """The first prior that fits the report, with the place it rests on ("" if none)."""
    folded = _APOSTROPHES_RE.sub("'", text)
    for p in load_priors():
        if p.country != country or not p.start <= year <= p.end:
            continue
        if p.targets is not None and not _target_re(p.targets).search(folded):
            continue
        place = _place_named(text, p.places)
        if place is None or _ruled_out(ex, text, p.group):
            continue
        return p, place
    return None


def _related(rec: Any, country: str | None, year: int | None,
             text: str) -> tuple[str, str, str] | None:
    """(other group id, basis, period) for the branch or the parent of the record ``rec``."""
    for b in load_branches():
        in_period = year is None or b.start <= year <= b.end
        if b.parent == rec.id and country in b.countries and year is not None and in_period \
                and _place_named(text, b.places) is not None:
            return b.branch, "branch prior", f"{b.start}-{b.end}"
        if b.branch == rec.id and in_period:
            return b.parent, "parent organisation", f"{b.start}-{b.end}"
    # a province of the Islamic State is one of its parts whenever it is named
    if rec.subtype == "province" and rec.parent:
        return rec.parent, "parent organisation", ""
    return None


def _add_hierarchy(ex: Extraction, text: str, gazetteer: Any, country: str | None,
                   year: int | None) -> None:
    """Beside each perpetrator, its branch for the report's setting, or its parent."""
    entities = {e.id: e for e in ex.entities}
    for claim in _perpetrators(ex):
        entity = entities.get(claim.subject or "")
        rec = gazetteer.get(entity.reference_id) if entity and entity.reference_id else None
        found = _related(rec, country, year, text) if rec is not None else None
        if found is None:
            continue
        other_id, kind, period = found
        other = gazetteer.get(other_id)
        if other is None:
            raise DataFileError(f"{_FILE}: unknown group {other_id!r}")
        target = _entity_for(ex, other)
        if any(c.subject == target.id for c in _perpetrators(ex)):
            continue
        qualifiers: dict[str, Any] = {"from_claim": claim.id}
        if period:
            qualifiers["period"] = period
        if kind == "branch prior":
            qualifiers["country"] = country
        _add(ex, target, claim.evidence, kind, qualifiers)


def apply_priors(ex: Extraction, text: str) -> Extraction:
    """Add alleged perpetrators from the priors: a group for an attack report that names
    none, and the branch (or parent) of the perpetrators for the report's setting."""
    from allegiance.reference.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    country, year = _country_and_year(ex, gaz)
    if not _perpetrators(ex) and _ATTACK_RE.search(text) and country is not None \
            and year is not None:
        chosen = _choose_prior(ex, text, country, year)
        if chosen is not None:
            prior, place = chosen
            rec = gaz.get(prior.group)
            if rec is None:
                raise DataFileError(f"{_FILE}: unknown group {prior.group!r}")
            qualifiers: dict[str, Any] = {"country": country,
                                          "period": f"{prior.start}-{prior.end}"}
            if prior.targets:
                qualifiers["targets"] = prior.targets
            if place:
                qualifiers["place"] = place
            _add(ex, _entity_for(ex, rec), Span(0, len(text), ""), "attribution prior", qualifiers)
    _add_hierarchy(ex, text, gaz, country, year)
    return ex
