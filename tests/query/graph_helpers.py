"""Build small extractions from statement tables for the fact and time-question tests."""

from __future__ import annotations

from dataclasses import dataclass

from allegiance.model.types import Claim, Entity, Extraction, Span, TimeInterval

TYPES = {"Person", "Organization", "Place"}


@dataclass(frozen=True)
class S:
    """One statement: ``subject predicate object`` with a time and a stance. Names are
    ``Type:Name`` (``Person:Abu Bakr``); ``None`` for an unknown side."""

    subject: str | None
    predicate: str
    object: str | None
    start: str | None = None
    end: str | None = None
    stance: str = "asserted"
    qualifiers: tuple[tuple[str, str], ...] = ()


def _split(name: str) -> tuple[str, str]:
    type_, _, plain = name.partition(":")
    assert type_ in TYPES, name
    return type_, plain


def document(doc_id: str, published: str | None, statements: list[S]) -> Extraction:
    """An extraction whose text has one sentence per statement."""
    names: dict[str, str] = {}
    for s in statements:
        for n in (s.subject, s.object):
            if n is not None and n not in names:
                names[n] = f"e{len(names) + 1}"
    text = f"Report {doc_id}. "
    claims: list[Claim] = []
    mentions: dict[str, list[Span]] = {n: [] for n in names}
    for i, s in enumerate(statements):
        start = len(text)
        parts = []
        for n in (s.subject, s.object):
            if n is not None:
                plain = _split(n)[1]
                at = len(text) + len(" ".join(parts)) + (1 if parts else 0)
                mentions[n].append(Span(at, at + len(plain), plain))
                parts.append(plain)
            if n is s.subject:
                parts.append(s.predicate.replace("_", " "))
        sentence = " ".join(parts) + "."
        text += sentence + " "
        time = TimeInterval(s.start, s.end, "then") if (s.start or s.end) else None
        claims.append(
            Claim(
                f"c{i + 1}",
                names[s.subject] if s.subject else None,
                s.predicate,
                names[s.object] if s.object else None,
                Span(start, start + len(sentence), sentence),
                s.stance,
                time=time,
                qualifiers=dict(s.qualifiers),
            )
        )
    entities = [
        Entity(eid, _split(n)[0], _split(n)[1], mentions=mentions[n]) for n, eid in names.items()
    ]
    meta = {"id": doc_id, "title": f"Document {doc_id}", "published": published}
    return Extraction(meta, entities, claims, text=text)
