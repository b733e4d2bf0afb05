"""The document reader: a stored text cut into pieces, each marked with the mention, claim
evidence and footnote marker it belongs to. Pieces hold plain text; templates escape it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from allegiance.errors import NotFoundError
from allegiance.query.profile import claims
from allegiance.query.records import ClaimView

if TYPE_CHECKING:
    from allegiance.store.db import Store


@dataclass
class Mention:
    start: int
    end: int
    entity_id: str
    type: str
    name: str


@dataclass
class Note:
    """A footnote: the span of its text and the body marker that points at it."""

    number: int
    marker: str
    start: int
    end: int
    ref_start: int | None
    ref_end: int | None


@dataclass
class Piece:
    """A run of text with one set of marks."""

    text: str
    start: int
    mention: Mention | None = None
    claims: list[int] = field(default_factory=list)
    note_ref: int | None = None  # the number of the note whose marker this is
    note_start: int | None = None  # set on the first piece of a note's text


@dataclass
class Reader:
    document: dict[str, Any]
    pieces: list[Piece]
    claims: list[ClaimView]
    notes: list[Note]

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "mentions": [asdict(p.mention) for p in self.pieces if p.mention and p.start
                         == p.mention.start],
            "claims": [dict(c.to_dict(), index=i) for i, c in enumerate(self.claims)],
            "notes": [asdict(n) for n in self.notes],
            "text": "".join(p.text for p in self.pieces),
        }


def _mentions(store: Store, doc_id: str, length: int) -> list[Mention]:
    rows = store.all(
        # through the document's entities (indexed by document), then their mentions
        'SELECT m.start, m."end", e.canonical_id, c.type, c.name FROM entities e '
        "JOIN mentions m ON m.entity_id = e.id JOIN canonical_entities c ON c.id = e.canonical_id "
        'WHERE e.document_id = ? AND m.document_id = e.document_id '
        'ORDER BY m.start, m."end" DESC',
        (doc_id,),
    )
    out: list[Mention] = []
    reach = 0
    for r in rows:
        start, end = int(r[0]), int(r[1])
        if start < reach or end > length or end <= start:
            continue  # overlapping or out of range: the first, longest mention wins
        out.append(Mention(start, end, str(r[2]), str(r[3]), str(r[4])))
        reach = end
    return out


def _marker_span(text: str, at: int, marker: str) -> tuple[int, int]:
    for form in (marker, f"[{marker}]", f"^{marker}"):
        if text.startswith(form, at):
            return at, at + len(form)
    return at, min(len(text), at + 1)


def _notes(text: str, title: str | None) -> list[Note]:
    from allegiance.ingest import segment

    out: list[Note] = []
    for seg in segment(text, title):
        if seg.kind != "note":
            continue
        ref = _marker_span(text, seg.refers_to, seg.marker or "") if seg.refers_to is not None \
            else (None, None)
        out.append(Note(len(out) + 1, seg.marker or "", seg.start, seg.end, ref[0], ref[1]))
    return out


def reader(store: Store, doc_id: str) -> Reader:
    """The reader view of one stored document; ``NotFoundError`` for an unknown id."""
    row = store.one(
        "SELECT id, title, author, published, path, text FROM documents WHERE id = ?", (doc_id,)
    )
    if row is None:
        raise NotFoundError(f"no document {doc_id!r} in the store")
    text = str(row["text"] or "")
    views = claims(store, "c.document_id = ?", (doc_id,))
    views.sort(key=lambda v: (v.evidence_start, v.evidence_end, v.id))
    mentions = _mentions(store, doc_id, len(text))
    notes = _notes(text, row["title"])
    cuts = {0, len(text)}
    for m in mentions:
        cuts.update((m.start, m.end))
    for v in views:
        cuts.update((min(v.evidence_start, len(text)), min(v.evidence_end, len(text))))
    for n in notes:
        cuts.add(n.start)
        if n.ref_start is not None and n.ref_end is not None:
            cuts.update((n.ref_start, n.ref_end))
    bounds = sorted(cuts)
    pieces: list[Piece] = []
    mi = 0
    note_at = {n.start: n.number for n in notes}
    refs = [(n.ref_start, n.ref_end, n.number) for n in notes
            if n.ref_start is not None and n.ref_end is not None]
    for a, b in zip(bounds, bounds[1:]):
        if a == b:
            continue
        while mi < len(mentions) and mentions[mi].end <= a:
            mi += 1
        mention = mentions[mi] if mi < len(mentions) and mentions[mi].start <= a else None
        inside = [i for i, v in enumerate(views) if v.evidence_start <= a < v.evidence_end]
        ref = None
        for s, e, number in refs:
            if s <= a < e:
                ref = number
        pieces.append(Piece(text[a:b], a, mention, inside, ref, note_at.get(a)))
    document = {k: row[k] for k in ("id", "title", "author", "published", "path")}
    return Reader(document, pieces, views, notes)


def documents(store: Store, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """Stored documents, the last stored first, with their claim counts."""
    rows = store.all(
        "SELECT d.id, d.title, d.author, d.published, d.ingested_at, "
        "(SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims "
        "FROM documents d ORDER BY d.rowid DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [dict(r) for r in rows]
