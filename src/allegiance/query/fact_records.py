"""What fact queries return: facts with all their sources, their time with its precision, a
stance summary and a review state. Plain dataclasses; ``to_dict`` gives the JSON twin.

Times, stance summaries and review states are frozen: one value is shared by many facts.
A ``Fact`` and its ``FactSource`` rows are made anew for each answer (thousands per
question, where a frozen dataclass costs several times a plain one to build); treat them
as read-only all the same (``dataclasses.replace`` gives a changed copy)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: review states of a claim or a fact; ``proposed`` until someone decides
REVIEW_STATES = ("proposed", "confirmed", "rejected", "edited")


@dataclass(frozen=True)
class FactTime:
    """When a fact held, as its sources allow together: ISO bounds (``None`` is open), the
    precision the bounds have (``day``, ``month``, ``part-month``, ``year``, ``decade``,
    ``range``, ``open-start``, ``open-end``, ``undated``) and a label that says it honestly
    (``2014-08 (end)``, ``before 2010-12-31``)."""

    start: str | None
    end: str | None
    precision: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ReviewState:
    """The standing decision on a claim or fact: ``proposed`` (none yet), ``confirmed``,
    ``rejected`` or ``edited`` (with the changed values), with who, when and a note."""

    state: str = "proposed"
    by: str | None = None
    at: str | None = None
    note: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    review_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: the review state of everything nobody has decided on (shared: it is frozen)
PROPOSED = ReviewState()


@dataclass(frozen=True)
class StanceSummary:
    """How a fact's sources present it: counts per stance, how many support it, only hedge
    (``uncertain``) or contest it, and a label (``asserted by 3, denied by 1``)."""

    counts: dict[str, int]
    supporting: int
    uncertain: int
    contesting: int
    label: str

    @property
    def contested(self) -> bool:
        """Some source supports the fact and another contests it."""
        return self.supporting > 0 and self.contesting > 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["contested"] = self.contested
        return d


@dataclass
class FactSource:
    """One claim behind a fact: the document, the character span, the quote, how it is
    presented (stance), who says it (source), the document's publication date, the claim's
    own time and qualifiers (e.g. a ``basis`` saying a claim is an attribution prior)."""

    claim_id: str
    document_id: str
    document_title: str | None
    published: str | None
    span_start: int
    span_end: int
    quote: str
    predicate: str
    stance: str
    source_id: str | None
    source: str | None
    time: FactTime
    time_text: str | None
    place: str | None
    role: str | None
    cue: str | None
    qualifiers: dict[str, Any]
    extractor: str
    review: ReviewState

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["time"] = self.time.to_dict()
        d["review"] = self.review.to_dict()
        return d


@dataclass
class Fact:
    """Claims from any number of documents that state the same thing about the same
    canonical entities at compatible times. ``first_known`` is the earliest publication
    date among its sources (when the record first said it); ``certainty`` is ``certain``
    unless a date question found an interval that only may include the date."""

    id: str
    predicate: str
    subject_id: str | None
    subject: str | None
    subject_type: str | None
    object_id: str | None
    object: str | None
    object_type: str | None
    time: FactTime
    stance: StanceSummary
    sources: list[FactSource]
    review: ReviewState
    first_known: str | None
    certainty: str = "certain"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "predicate": self.predicate,
            "subject_id": self.subject_id,
            "subject": self.subject,
            "subject_type": self.subject_type,
            "object_id": self.object_id,
            "object": self.object,
            "object_type": self.object_type,
            "time": self.time.to_dict(),
            "stance": self.stance.to_dict(),
            "review": self.review.to_dict(),
            "first_known": self.first_known,
            "certainty": self.certainty,
            "sources": [s.to_dict() for s in self.sources],
        }
