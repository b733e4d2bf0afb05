"""Attribution priors: an explicit, opt-in guess at the perpetrator of an unattributed attack.

Only for reports of an attack that name no perpetrator, and only when asked for. The claim
added is ``alleged``, has no source, and carries ``qualifiers.basis = "attribution prior"``
with the country and period it rests on, so that it never reads as something the text says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from allegiance.errors import DataFileError
from allegiance.resources import load_mapping
from allegiance.model.types import Claim, Entity, Extraction, Span

_ATTACK_RE = re.compile(
    r"\b(?:attack\w*|bomb\w*|blast\w*|explo\w+|shoot\w*|shot|gunm[ae]n|gunfire|stabb\w*|suicide|"
    r"killed|massacre\w*|ambush\w*|hostages?|grenade\w*|IED|rocket\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Prior:
    country: str
    start: int
    end: int
    group: str


@cache
def load_priors() -> tuple[Prior, ...]:
    data = load_mapping("reference", "attribution_priors.yml")
    if not isinstance(data.get("priors"), list):
        raise DataFileError("reference/attribution_priors.yml: expected a 'priors' list")
    out = []
    for n, p in enumerate(data["priors"]):
        try:
            out.append(Prior(str(p["country"]), int(p["from"]), int(p["to"]), str(p["group"])))
        except (KeyError, TypeError, ValueError):
            raise DataFileError(f"reference/attribution_priors.yml: entry {n + 1} needs country, from, to, group") from None
        if not re.fullmatch(r"[A-Z]{2}", out[-1].country) or out[-1].start > out[-1].end:
            raise DataFileError(f"reference/attribution_priors.yml: entry {n + 1}: bad country or period")
    return tuple(out)


def _country_code(name: str) -> str | None:
    if re.fullmatch(r"[A-Z]{2}", name):
        return name
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def _country_and_year(ex: Extraction, gazetteer: Any) -> tuple[str | None, int | None]:
    meta = ex.document
    country = _country_code(str(meta["country"])) if meta.get("country") else None
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


def apply_priors(ex: Extraction, text: str) -> Extraction:
    """Add an alleged ``attacked`` claim from the priors when the report names no perpetrator."""
    if any(c.predicate in ("attacked", "killed") and c.subject for c in ex.claims):
        return ex
    if not _ATTACK_RE.search(text):
        return ex
    from allegiance.reference.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    country, year = _country_and_year(ex, gaz)
    if country is None or year is None:
        return ex
    prior = next((p for p in load_priors() if p.country == country and p.start <= year <= p.end), None)
    if prior is None:
        return ex
    rec = gaz.get(prior.group)
    if rec is None:
        raise DataFileError(f"reference/attribution_priors.yml: unknown group {prior.group!r}")
    entity = next((e for e in ex.entities if e.reference_id == rec.id), None)
    if entity is None:
        entity = Entity(id=f"e{len(ex.entities) + 1}", type="Organization", name=rec.name,
                        aliases=list(rec.aliases), reference_id=rec.id)
        ex.entities.append(entity)
    ex.claims.append(Claim(
        id=f"c{len(ex.claims) + 1}-prior", subject=entity.id, predicate="attacked", object=None,
        evidence=Span(0, len(text), ""), stance="alleged", source=None, cue="attribution prior",
        qualifiers={"basis": "attribution prior", "country": country,
                    "period": f"{prior.start}-{prior.end}"},
    ))
    return ex
