"""Remove a document and everything only it supports: its entities (with their names and
mentions), its claims, their places in facts (a fact left with no source goes; the others
are recomputed from the sources they keep) and its rows in the search index. Decisions stay
on record: re-ingesting the same text finds its claims and their decisions again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from allegiance.errors import NotFoundError
from allegiance.resolve.attach import rename
from allegiance.store.facts import recompute
from allegiance.store.search_index import unindex_document

if TYPE_CHECKING:
    from allegiance.store.db import Store


@dataclass(frozen=True)
class Deleted:
    """What ``delete_document`` removed."""

    document_id: str
    entities: int
    claims: int
    facts_removed: int
    facts_changed: int


def delete_document(store: Store, document: str) -> Deleted:
    """Remove the document with this id or content hash (one transaction)."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT id FROM documents WHERE id = ? OR content_hash = ?", (document, document)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document {document!r} in the store")
        doc_id = str(row[0])
        facts = sorted(
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT fc.fact_id FROM fact_claims fc JOIN claims c "
                "ON c.id = fc.claim_id WHERE c.document_id = ?",
                (doc_id,),
            ).fetchall()
        )
        canon = sorted(
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT canonical_id FROM entities WHERE document_id = ?", (doc_id,)
            ).fetchall()
        )
        n_claims = conn.execute(
            "SELECT count(*) FROM claims WHERE document_id = ?", (doc_id,)
        ).fetchone()[0]
        n_entities = conn.execute(
            "SELECT count(*) FROM entities WHERE document_id = ?", (doc_id,)
        ).fetchone()[0]
        unindex_document(conn, doc_id)
        conn.execute("DELETE FROM claims WHERE document_id = ?", (doc_id,))
        conn.execute("DELETE FROM entities WHERE document_id = ?", (doc_id,))
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        removed = 0
        for fid in facts:
            if not recompute(conn, fid):
                removed += 1
        rename(conn, canon)
    return Deleted(doc_id, int(n_entities), int(n_claims), removed, len(facts) - removed)
