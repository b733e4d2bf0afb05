"""What queries return: plain dataclasses with ``to_dict`` for the JSON twin of each view."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Alias:
    name: str
    pejorative: bool = False


@dataclass
class EntitySummary:
    """A canonical entity with its names and how much the store knows about it."""

    id: str
    type: str
    name: str
    aliases: list[Alias] = field(default_factory=list)
    reference_id: str | None = None
    documents: int = 0
    mentions: int = 0
    claims: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ClaimView:
    """One stored claim as read: canonical names, time, stance, source and its citation."""

    id: str
    predicate: str
    subject_id: str | None
    subject: str | None
    object_id: str | None
    object: str | None
    time_start: str | None
    time_end: str | None
    time_text: str | None
    time_precision: str | None
    time_label: str
    place: str | None
    role: str | None
    stance: str
    source: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    document_id: str
    document_title: str | None
    document_published: str | None
    cue: str | None
    extractor: str
    #: how the claim was made (e.g. ``{"basis": "attribution prior"}``), shown with it
    qualifiers: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


TimelineEntry = ClaimView


@dataclass
class Profile:
    """An entity's names and the claims where it is subject or object, in time order."""

    entity: EntitySummary
    claims: list[ClaimView] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity.to_dict(), "claims": [c.to_dict() for c in self.claims]}
