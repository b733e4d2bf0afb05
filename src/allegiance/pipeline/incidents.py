"""Event reports: one incident, one deed claim, with its place, time and victims.

A short report of an incident ("Around 20 gunmen attacked the village of X. 10 men were
shot dead. Group Y is suspected.") reads as fragments: an attack with no agent, a killing with
no named victim, an attribution. Here they become one claim of the deed, the agent's: the
fragments with no agent join it, their target, time and place fill what it lacks, and the
victims are counted in its qualifiers (``killed``, ``injured``).

Every deed takes its place from the text ("in Kabul", "at a checkpoint near Mosul"), else
from the document's ``event_place`` (a row field, ``--place-field``), else its
``event_country`` (``--country-field``); its time, when the text gives none, from the
document's ``event_date`` (``--date-field``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from allegiance.errors import DataFileError
from allegiance.model.types import Claim, Entity, Span, TimeInterval
from allegiance.model.vocab import vocabulary
from allegiance.pipeline.resources import load_cues
from allegiance.wordrx import alternation, opening

#: an event report is short: a few sentences about one incident
REPORT_CHARS = 900


@dataclass(frozen=True)
class CountCues:
    killed: re.Pattern[str]
    injured: re.Pattern[str]
    numbers: dict[str, int]


@cache
def count_cues() -> CountCues:
    d = load_cues("claims/incidents")
    try:
        numbers = {str(k).lower(): int(v) for k, v in d["numbers"].items()}
        killed = [str(w) for w in d["killed"]]
        injured = [str(w) for w in d["injured"]]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DataFileError("cues/claims/incidents.yml: numbers (word: value), killed and injured (lists) are "
                            "required") from None
    num = opening(numbers, also=r"\d") + r"(?P<n>\d[\d,]*|" + alternation(numbers) + r")"

    def rx(words: list[str]) -> re.Pattern[str]:
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"\b{num}\s+(?:[\w,-]+\s+){{0,4}}?(?:(?:were|was|are|have been|had been)\s+)?(?:{alts})\b",
                          re.IGNORECASE)

    return CountCues(rx(killed), rx(injured), numbers)


def _count(rx: re.Pattern[str], text: str, numbers: dict[str, int]) -> int | None:
    total = 0
    for m in rx.finditer(text):
        n = m.group("n").lower().replace(",", "")
        total += int(n) if n.isdigit() else numbers.get(n, 0)
    return total or None


_LOCATIVE_RE = re.compile(r"\b(?:in|at|near|outside|on the outskirts of|around)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$",
                          re.IGNORECASE)


def place_in(text: str, span: Span, places: list[tuple[int, int, str]]) -> str | None:
    """The first place named in the sentence after a locative word ('in Kabul', 'at a
    checkpoint near Mosul'): the entity id. A place named as what modifies a noun ('in a US
    drone strike in Idlib') gives way to one named alone after it; it stands when no other
    place is named ('in a Kabul hospital')."""
    modifier: str | None = None
    for a, b, entity_id in places:
        if span.start <= a and b <= span.end and _LOCATIVE_RE.search(text[max(span.start, a - 40):a]):
            if not _ARTICLE_RE.search(text, max(span.start, a - 4), a):
                return entity_id
            modifier = modifier or entity_id
    return modifier


#: 'a' or 'an' right before a place's name: the name modifies a noun ('a US drone strike')
_ARTICLE_RE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


def consolidate(claims: list[Claim], entities: list[Entity], text: str, metadata: dict[str, object],
                parse_time: Callable[[str], TimeInterval | None]) -> tuple[list[Claim], list[Entity]]:
    """Give deeds their place and time; make a short report's fragments one claim."""
    preds = vocabulary().predicates
    deeds = [c for c in claims if preds[c.predicate].kind == "deed"]
    if not deeds:
        return claims, entities
    places = sorted(((m.start, m.end, e.id) for e in entities if e.type == "Place" for m in e.mentions),
                    key=lambda x: x[0])
    event_place = str(metadata.get("event_place") or metadata.get("event_country") or "").strip() or None
    event_date = str(metadata.get("event_date") or "").strip() or None
    default_time = parse_time(event_date) if event_date else None
    place_id: str | None = None
    if event_place:
        known = next((e for e in entities if e.type == "Place" and event_place.lower() in
                      {n.lower() for n in e.names()}), None)
        if known is None:
            known = Entity(id=f"e{len(entities) + 1}", type="Place", name=event_place)
            entities = [*entities, known]
        place_id = known.id
    for c in deeds:
        if c.place is None:
            c.place = place_in(text, c.evidence, places) or place_id
        if c.time is None and default_time is not None:
            c.time = default_time
            c.qualifiers["time_from"] = "event_date"
    if len(text) > REPORT_CHARS:
        return claims, entities
    return _one_incident(claims, deeds, text), entities


def _one_incident(claims: list[Claim], deeds: list[Claim], text: str) -> list[Claim]:
    """In a short report, the deeds with no agent join the agent's deed of the same kind."""
    main = next((c for c in deeds if c.predicate == "attacked" and c.subject is not None), None) or \
        next((c for c in deeds if c.subject is not None), None)
    if main is None:
        return claims
    cues = count_cues()
    dropped: set[int] = set()
    for c in deeds:
        if c is main or c.subject is not None:
            continue
        if c.predicate == "attacked" or (c.predicate == "killed" and c.object is None):
            if main.object is None and c.object is not None and c.predicate == main.predicate \
                    and c.object != main.subject:  # no group is its own target
                main.object = c.object
            main.time = main.time or c.time
            main.place = main.place or c.place
            extra = main.qualifiers.setdefault("also_evidence", [])
            span = {"start": c.evidence.start, "end": c.evidence.end}
            if c.evidence.start != main.evidence.start and span not in extra:
                extra.append(span)
            if not extra:
                main.qualifiers.pop("also_evidence")
            dropped.add(id(c))
    killed = _count(cues.killed, text, cues.numbers)
    injured = _count(cues.injured, text, cues.numbers)
    if killed:
        main.qualifiers["killed"] = killed
    if injured:
        main.qualifiers["injured"] = injured
    return [c for c in claims if id(c) not in dropped]


__all__ = ["REPORT_CHARS", "consolidate", "count_cues", "place_in"]
