"""Full-text search over documents, names and quotes (SQLite FTS5 or PostgreSQL full-text
search, whichever backs the store)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from allegiance.errors import InputError
from allegiance.query.facts import check_date
from allegiance.store import search_index

if TYPE_CHECKING:
    from allegiance.store.db import Store


@dataclass(frozen=True)
class SearchHit:
    """One match: a ``document`` (id: the document), a ``name`` (id: the canonical entity)
    or a ``quote`` (id: the claim), with the document it is in and a snippet in which the
    matched words are bracketed."""

    kind: str
    id: str
    label: str | None
    document_id: str | None
    document_title: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def search(
    store: Store, text: str, *, limit: int = 20, known_by: str | None = None
) -> list[SearchHit]:
    """Documents, names and quotes containing every word of ``text`` (the last may be a
    prefix), best first; one hit per canonical entity for names."""
    if not search_index.words(text):
        raise InputError("search needs at least one word")
    if limit < 1:
        raise InputError("limit must be at least 1")
    if known_by is not None:
        check_date(known_by)
    rows = search_index.search(
        store.conn, store.dialect, text, limit * 3, known_by, store.search_cache
    )
    hits: list[SearchHit] = []
    seen: set[tuple[str, str]] = set()
    for r in rows:
        kind, ref = str(r[0]), str(r[1])
        label: str | None = r[3]
        if kind == "name":
            ent = store.one(
                "SELECT c.id, c.name FROM entities e JOIN canonical_entities c "
                "ON c.id = e.canonical_id WHERE e.id = ?",
                (ref,),
            )
            if ent is None:
                continue
            ref, label = str(ent[0]), str(ent[1])
        if (kind, ref) in seen:
            continue
        seen.add((kind, ref))
        hits.append(SearchHit(kind, ref, label, r[2], r[3], str(r[4]), float(r[5])))
        if len(hits) >= limit:
            break
    return hits
