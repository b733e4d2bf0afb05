"""Ingest one extraction: document, entities with aliases and mentions, claims.

One transaction per document. A content hash already stored changes nothing (also when
another process stored it a moment ago: the check is made inside the write transaction).
A document whose id is already stored with another text is a new version: it is stored
under ``ID~HASH`` and the version it replaces is marked ``superseded_by`` it (kept, with
its claims, but left out of queries and facts). Judgements are about canonical entities,
so they carry over to the entities of the new version; decisions on claims are carried to
the claims that survive (see ``store.versions``). Claim ids are hashed from their key fields,
so the same statement from the same text has the same id.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allegiance.errors import StoreError
from allegiance.model.types import Claim, Entity, Extraction
from allegiance.resolve.attach import attach, rename
from allegiance.resolve.keys import key, now
from allegiance.store.facts import place
from allegiance.store.search_index import index_document
from allegiance.store.versions import carry_reviews, retire
from allegiance.store.connection import Connection

if TYPE_CHECKING:
    from allegiance.store.db import Store


#: SQLite page cache while ``ingest_many`` runs: adding 1,000 documents to a store of
#: 1,000,000 claims took 1.7 times less time and wrote half as much with 512 MB as with
#: 64 MB (index pages no longer evicted and written again), for a peak of 780 MB
BULK_CACHE_MB = 512


@dataclass(frozen=True)
class IngestResult:
    """What one ``ingest`` did: the stored document id, whether it was new, and counts."""

    document_id: str
    new: bool
    entities: int
    claims: int


def content_hash(extraction: Extraction) -> str:
    """The document's content hash: from its metadata, else hashed from its text."""
    given = extraction.document.get("content_hash")
    if given:
        return str(given)
    if extraction.text is not None:
        return hashlib.sha256(extraction.text.encode("utf-8")).hexdigest()
    raise StoreError("cannot store a document without text or content hash")


def claim_id(
    chash: str, claim: Claim, extraction: Extraction, names: dict[str, str] | None = None
) -> str:
    """A stable claim id: sha256 over content hash, predicate, names, evidence span, stance.
    ``names`` (the extraction's entity names by id, for a caller naming many claims) spares
    a search of its entities per claim."""
    if names is None:
        subj, obj = extraction.entity(claim.subject), extraction.entity(claim.object)
        names = {e.id: e.name for e in (subj, obj) if e is not None}
    parts = [
        chash,
        claim.predicate,
        names.get(claim.subject, "") if claim.subject is not None else "",
        names.get(claim.object, "") if claim.object is not None else "",
        str(claim.evidence.start),
        str(claim.evidence.end),
        claim.stance,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _check(extraction: Extraction) -> None:
    """Refuse an extraction whose claims point at entities it does not have."""
    ids = [e.id for e in extraction.entities]
    if len(set(ids)) != len(ids):
        raise StoreError("extraction has duplicate entity ids")
    known = set(ids)
    for c in extraction.claims:
        for role in ("subject", "object", "place", "source"):
            ref = getattr(c, role)
            if ref is not None and ref not in known:
                raise StoreError(f"claim {c.id}: {role} {ref!r} is not an entity of the document")
        if c.evidence.start < 0 or c.evidence.end < c.evidence.start:
            raise StoreError(f"claim {c.id}: bad evidence span {c.evidence.start}-{c.evidence.end}")


def wanted_id(extraction: Extraction, chash: str) -> str:
    """The id a document asks to be stored under: its own, else its content hash's start."""
    return str(extraction.document.get("id") or chash[:16])


def _document_id(conn: Connection, wanted: str, chash: str) -> tuple[str, str | None]:
    """The id to store under (the given id, made unique when another text already has it)
    and the id of the current version it supersedes, if any."""
    if conn.execute("SELECT 1 FROM documents WHERE id = ?", (wanted,)).fetchone() is None:
        return wanted, None
    current = conn.execute(
        "SELECT id FROM documents WHERE (id = ? OR id LIKE ? ESCAPE '\\') "
        "AND superseded_by IS NULL ORDER BY rowid DESC LIMIT 1",
        (wanted, _like_prefix(wanted) + "~%"),
    ).fetchone()
    return f"{wanted}~{chash[:8]}", (str(current[0]) if current else None)


def _like_prefix(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _insert_entity(
    conn: Connection, doc_id: str, entity: Entity, seq: int
) -> tuple[str, bool]:
    """Store one document entity; return its canonical id and whether the canonical
    entity's display name, type or reference id may change (see ``rename``)."""
    row_id = f"{doc_id}/{entity.id}"
    pejoratives = set(entity.pejoratives)
    aliases = [a for a in entity.aliases if a != entity.name and a not in pejoratives]
    found = attach(
        conn,
        entity_id=row_id,
        document_id=doc_id,
        type_=entity.type,
        name=entity.name,
        aliases=aliases,
        reference_id=entity.reference_id,
    )
    conn.execute(
        "INSERT INTO entities (id, document_id, local_id, type, name, name_key, reference_id, "
        "auto_canonical_id, canonical_id, resolved_by, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            row_id,
            doc_id,
            entity.id,
            entity.type,
            entity.name,
            key(entity.name, entity.type),
            entity.reference_id,
            found.canonical_id,
            found.canonical_id,
            found.resolved_by,
            seq,
        ),
    )
    names = [(a, 0) for a in aliases] + [(p, 1) for p in entity.pejoratives if p != entity.name]
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (entity_id, name, name_key, pejorative) VALUES (?,?,?,?)",
        [(row_id, n, key(n, entity.type), flag) for n, flag in names],
    )
    conn.executemany(
        'INSERT OR IGNORE INTO mentions (entity_id, document_id, start, "end", text) '
        "VALUES (?,?,?,?,?)",
        [(row_id, doc_id, m.start, m.end, m.text) for m in entity.mentions],
    )
    current = conn.execute(
        "SELECT name, type, reference_id FROM canonical_entities WHERE id = ?",
        (found.canonical_id,),
    ).fetchone()
    # a part named and typed as its canonical entity already is only adds to the winning
    # count; with no new reference id, nothing ``rename`` computes can change
    same = (
        current is not None
        and current[0] == entity.name
        and current[1] == entity.type
        and (entity.reference_id is None or current[2] is not None)
    )
    return found.canonical_id, not same


def _evidence_text(text: str | None, claim: Claim) -> str:
    if text is not None and claim.evidence.end <= len(text):
        return text[claim.evidence.start : claim.evidence.end]
    return claim.evidence.text


def _insert_claim(
    conn: Connection, doc_id: str, chash: str, claim: Claim, extraction: Extraction
) -> str | None:
    def ref(local: str | None) -> str | None:
        return f"{doc_id}/{local}" if local is not None else None

    t = claim.time
    cid = claim_id(chash, claim, extraction)
    cur = conn.execute(
        "INSERT OR IGNORE INTO claims (id, document_id, local_id, subject_id, predicate, "
        "object_id, time_start, time_end, time_text, time_precision, place_id, role, stance, "
        "source_id, evidence_start, evidence_end, evidence_text, cue, qualifiers, extractor) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            cid,
            doc_id,
            claim.id,
            ref(claim.subject),
            claim.predicate,
            ref(claim.object),
            t.start if t else None,
            t.end if t else None,
            t.text if t else None,
            t.precision if t else None,
            ref(claim.place),
            claim.role,
            claim.stance,
            ref(claim.source),
            claim.evidence.start,
            claim.evidence.end,
            _evidence_text(extraction.text, claim),
            claim.cue,
            json.dumps(claim.qualifiers, ensure_ascii=False, sort_keys=True),
            claim.extractor,
        ),
    )
    return cid if cur.rowcount > 0 else None


def ingest_many(
    store: Store, extractions: Iterable[Extraction], batch: int = 50
) -> Iterator[IngestResult | StoreError]:
    """Store many extractions, ``batch`` documents per transaction, with the same result as
    ingesting each in turn (see ``store.bulk``). A document refused is yielded as its
    ``StoreError`` and the others are kept; when the store fails during a batch, the batch
    is undone and stored again one document at a time, each in its own savepoint, so that
    only the documents that fail are left out."""
    from allegiance.store.bulk import ingest_batch

    sqlite = store.dialect == "sqlite"
    if sqlite:  # a large load keeps the indexes it writes in memory (see BULK_CACHE_MB)
        before = store.one("PRAGMA cache_size")
        store.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_MB * 1024}")
    try:
        pending = iter(extractions)
        while True:
            chunk = list(itertools.islice(pending, batch))
            if not chunk:
                return
            if _new_versions(store, chunk):
                # a new version carries the old one's decisions and retires its claims:
                # stored one by one, as ``ingest`` does it
                results = _one_by_one(store, chunk)
            else:
                try:
                    results = ingest_batch(store, chunk)
                except StoreError:
                    results = _one_by_one(store, chunk)
            yield from results
    finally:
        if sqlite and before is not None:
            store.conn.execute(f"PRAGMA cache_size = {int(before[0])}")


def _new_versions(store: Store, chunk: list[Extraction]) -> bool:
    """Whether a document of ``chunk`` would be a new version of another (its id already
    stored, or given twice in the chunk with different texts)."""
    wanted: dict[str, str] = {}
    for extraction in chunk:
        chash = content_hash(extraction)
        doc_id = wanted_id(extraction, chash)
        if wanted.get(doc_id, chash) != chash:
            return True
        wanted[doc_id] = chash
    ids = list(wanted)
    for i in range(0, len(ids), 400):
        part = ids[i:i + 400]
        marks = ",".join("?" for _ in part)
        rows = store.conn.execute(f"SELECT id, content_hash FROM documents WHERE id IN ({marks})",
                                  tuple(part)).fetchall()
        if any(str(r[1]) != wanted[str(r[0])] for r in rows):
            return True
    return False


def _one_by_one(store: Store, chunk: list[Extraction]) -> list[IngestResult | StoreError]:
    results: list[IngestResult | StoreError] = []
    with store.transaction() as conn:
        for extraction in chunk:
            conn.execute("SAVEPOINT document")
            try:
                results.append(ingest(store, extraction))
            except StoreError as e:
                conn.execute("ROLLBACK TO SAVEPOINT document")
                results.append(e)
            conn.execute("RELEASE SAVEPOINT document")
    return results


def ingest(store: Store, extraction: Extraction) -> IngestResult:
    """Store ``extraction`` in one transaction; see the module docstring."""
    chash = content_hash(extraction)
    meta = extraction.document
    existing = store.one("SELECT id FROM documents WHERE content_hash = ?", (chash,))
    if existing is not None:
        return IngestResult(str(existing[0]), False, 0, 0)
    _check(extraction)
    wanted = wanted_id(extraction, chash)
    with store.transaction() as conn:
        # another process may have stored the same text since the check above
        again = conn.execute("SELECT id FROM documents WHERE content_hash = ?", (chash,))
        found = again.fetchone()
        if found is not None:
            return IngestResult(str(found[0]), False, 0, 0)
        doc_id, replaces = _document_id(conn, wanted, chash)
        if replaces is not None:
            conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (doc_id, replaces))
        conn.execute(
            "INSERT INTO documents (id, content_hash, title, author, published, path, metadata, "
            "text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                doc_id,
                chash,
                meta.get("title"),
                meta.get("author"),
                meta.get("published"),
                meta.get("path"),
                json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str),
                extraction.text,
                now(),
            ),
        )
        row = conn.execute("SELECT coalesce(max(seq), 0) FROM entities").fetchone()
        seq = int(row[0]) if row else 0
        touched: list[str] = []
        for entity in extraction.entities:
            seq += 1
            cid, changed = _insert_entity(conn, doc_id, entity, seq)
            if changed:
                touched.append(cid)
        rename(conn, touched)
        added = [_insert_claim(conn, doc_id, chash, c, extraction) for c in extraction.claims]
        new_claims = [c for c in added if c is not None]
        if replaces is not None:  # decisions go over to the claims that survive
            carry_reviews(conn, replaces, doc_id)
        place(conn, new_claims)
        if replaces is not None:  # the old version's claims leave the facts
            retire(conn, replaces)
        index_document(conn, doc_id)
    return IngestResult(doc_id, True, len(extraction.entities), len(new_claims))
