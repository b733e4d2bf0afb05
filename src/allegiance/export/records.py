"""The records every format writes: a fact with its provenance, and its status.

A fact's ``status`` says how its sources present it, so a denied or disputed fact is never
exported as a plain one: ``contested`` when some sources support it and others contest it,
the contesting stance (``denied``, ``disputed``, ``negated``) when no source supports it,
``alleged`` when its sources only hedge, else the commonest supporting stance.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from allegiance.query.fact_records import Fact, StanceSummary
from allegiance.query.rules import conflict_rules
from allegiance.reference.gazetteer import Gazetteer, load_gazetteer
from allegiance.reference.records import Record


def status(fact: Fact) -> str:
    """How the fact's sources present it, in one word (see the module docstring)."""
    return status_of(fact.stance)


def status_of(summary: StanceSummary) -> str:
    """``status`` of a fact with this stance summary."""
    if summary.contested:
        return "contested"
    rules = conflict_rules()
    counts = [s for s, n in sorted(summary.counts.items(), key=lambda kv: (-kv[1], kv[0])) if n]
    if summary.supporting:
        pool = [s for s in counts if s in rules.supporting]
    elif summary.contesting:
        pool = [s for s in counts if s in rules.contesting]
    else:
        pool = counts
    return pool[0] if pool else "asserted"


def fact_record(fact: Fact) -> dict[str, Any]:
    """A fact as one flat JSON-ready record with its sources (document, quote, stance).
    Exports read these records straight from the store (``scan.scan_facts``)."""
    return {
        "id": fact.id,
        "predicate": fact.predicate,
        "subject_id": fact.subject_id,
        "subject": fact.subject,
        "subject_type": fact.subject_type,
        "object_id": fact.object_id,
        "object": fact.object,
        "object_type": fact.object_type,
        "start": fact.time.start,
        "end": fact.time.end,
        "precision": fact.time.precision,
        "time_label": fact.time.label,
        "status": status(fact),
        "stances": fact.stance.label,
        "supporting": fact.stance.supporting,
        "contesting": fact.stance.contesting,
        "review": fact.review.state,
        "first_known": fact.first_known,
        "place": place_of(fact),
        "sources": [
            {
                "claim_id": s.claim_id,
                "document_id": s.document_id,
                "document_title": s.document_title,
                "published": s.published,
                "span_start": s.span_start,
                "span_end": s.span_end,
                "quote": " ".join(s.quote.split()),
                "stance": s.stance,
                "source": s.source,
                "place": s.place,
            }
            for s in fact.sources
        ],
    }


def place_of(fact: Fact) -> str | None:
    """Where a fact happened: its object when that is a place, else the first place a
    source names."""
    if fact.object_type == "Place" and fact.object:
        return fact.object
    return next((s.place for s in fact.sources if s.place), None)


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


@lru_cache(maxsize=1)
def _by_geonames() -> dict[str, Record]:
    return {str(r.geonames): r for r in _gazetteer().records if r.geonames is not None}


@lru_cache(maxsize=65536)
def coordinates(reference_id: str | None, name: str | None) -> tuple[float | None, float | None]:
    """A place's latitude and longitude from the gazetteer: by its reference id, else by a
    name that names exactly one place there; ``(None, None)`` when unknown (never guessed)."""
    gaz = _gazetteer()
    record = gaz.get(reference_id) if reference_id else None
    if record is None and reference_id and reference_id.startswith("geonames:"):
        record = _by_geonames().get(reference_id.partition(":")[2])
    if record is None and name:
        places = [r for r in gaz.lookup(name) if r.type == "Place"]
        if len({r.id for r in places}) == 1:
            record = places[0]
    if record is None or record.lat is None or record.lon is None:
        return None, None
    return record.lat, record.lon
