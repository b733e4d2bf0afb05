"""The data that flows through allegiance: documents, entities, claims, extractions.

``Extraction.to_dict()`` writes the extraction JSON described in ONTOLOGY; ``from_dict``
reads it back. Every later stage (store, export, batch) consumes an ``Extraction``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SegmentKind = Literal["title", "header", "paragraph", "item", "note", "quote", "heading"]

#: the name of the extraction behaviour that made a claim; a new name when the rules change
#: what they extract (v2: parse-scoped stances and sources, names across transliterations and
#: scripts, shared group names linked by country, subjectless clauses and document subjects)
EXTRACTOR_VERSION = "allegiance-rules-v8"


@dataclass(slots=True)
class Segment:
    """A structural part of a document: paragraph, numbered item, note, quote.

    ``marker`` is the note marker (``*``, ``**``, ``1``) for a note, or the item number for
    a numbered item. ``refers_to`` (on notes) is the offset of the marker in the text that
    points at this note. ``speaker`` marks whose words the segment holds: ``"author"`` by
    default, ``"witness"`` for testimony items.
    """

    kind: SegmentKind
    start: int
    end: int
    marker: str | None = None
    refers_to: int | None = None
    speaker: str = "author"
    source_name: str | None = None  # the witness's name, where the text gives it


@dataclass
class Document:
    """A text as read, with its metadata and structure."""

    id: str
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, as precise as known
    url: str | None = None
    path: str | None = None
    format: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def meta_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "author": self.author,
            "published": self.published,
        }
        if self.url:
            out["url"] = self.url
        if self.path:
            out["path"] = self.path
        out["content_hash"] = self.content_hash
        for k, v in self.metadata.items():
            out.setdefault(k, v)
        return out


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class TimeInterval:
    """The interval a time expression allows. ``None`` bounds are open."""

    start: str | None
    end: str | None
    text: str
    precision: str | None = None  # day, month, season, year, decade, open

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.precision:
            d["precision"] = self.precision
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> TimeInterval | None:
        if not d:
            return None
        return cls(d.get("start"), d.get("end"), d.get("text", ""), d.get("precision"))


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    pejoratives: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    reference_id: str | None = None

    def names(self) -> list[str]:
        return [self.name, *[a for a in self.aliases if a != self.name]]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.pejoratives:
            d["pejorative_aliases"] = list(self.pejoratives)
        if self.reference_id:
            d["reference_id"] = self.reference_id
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=str(d["id"]),
            type=str(d["type"]),
            name=str(d["name"]),
            aliases=list(d.get("aliases") or []),
            pejoratives=list(d.get("pejorative_aliases") or []),
            mentions=[Span(m["start"], m["end"], m.get("text", "")) for m in d.get("mentions") or []],
            reference_id=d.get("reference_id"),
        )


@dataclass
class Claim:
    id: str
    subject: str | None
    predicate: str
    object: str | None
    evidence: Span
    stance: str = "asserted"
    source: str | None = None
    time: TimeInterval | None = None
    place: str | None = None
    role: str | None = None
    cue: str | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)
    extractor: str = EXTRACTOR_VERSION

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "time": self.time.to_dict() if self.time else None,
            "place": self.place,
            "role": self.role,
            "stance": self.stance,
            "source": self.source,
            "evidence": self.evidence.to_dict(),
            "cue": self.cue,
            "extractor": self.extractor,
        }
        if self.qualifiers:
            d["qualifiers"] = dict(self.qualifiers)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        ev = d.get("evidence") or {}
        return cls(
            id=str(d["id"]),
            subject=d.get("subject"),
            predicate=str(d["predicate"]),
            object=d.get("object"),
            evidence=Span(int(ev.get("start", 0)), int(ev.get("end", 0)), ev.get("text", "")),
            stance=str(d.get("stance") or "asserted"),
            source=d.get("source"),
            time=TimeInterval.from_dict(d.get("time")),
            place=d.get("place"),
            role=d.get("role"),
            cue=d.get("cue"),
            qualifiers=dict(d.get("qualifiers") or {}),
            extractor=str(d.get("extractor") or EXTRACTOR_VERSION),
        )


@dataclass
class Extraction:
    """What ``extract`` returns: the document's metadata, its entities and its claims."""

    document: dict[str, Any]
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    text: str | None = None  # the document text, kept for the store (not in the JSON)

    def entity(self, eid: str | None) -> Entity | None:
        if eid is None:
            return None
        for e in self.entities:
            if e.id == eid:
                return e
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": dict(self.document),
            "entities": [e.to_dict() for e in self.entities],
            "claims": [c.to_dict() for c in self.claims],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> Extraction:
        return cls(
            document=dict(d.get("document") or {}),
            entities=[Entity.from_dict(e) for e in d.get("entities") or []],
            claims=[Claim.from_dict(c) for c in d.get("claims") or []],
            text=text,
        )
