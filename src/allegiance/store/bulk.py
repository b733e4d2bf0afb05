"""Ingest many extractions in one transaction, with the store's content exactly as when each
is ingested in turn (``ingest.ingest``): the same documents, entities, claims, facts and
search rows, in the same order.

What makes it fast is what one document at a time cannot share: the name lookups of
resolution are read once per transaction (``NameLookup``); a document's entities, aliases,
mentions and claims are written with one statement each; facts are filed in memory and
written once at the end (``Filer``); the next entity sequence number is read once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from allegiance.errors import StoreError
from allegiance.model.types import Extraction
from allegiance.resolve.attach import NameLookup, attach, rename
from allegiance.resolve.keys import key, now
from allegiance.store.connection import Connection, insert_rows
from allegiance.store.facts import Filed, filed
from allegiance.store.filing import Filer
from allegiance.store.ingest import (
    IngestResult,
    _check,
    _document_id,
    wanted_id,
    _evidence_text,
    claim_id,
    content_hash,
)
from allegiance.store import search_index

if TYPE_CHECKING:
    from allegiance.store.db import Store

_T = TypeVar("_T", bound=tuple[object, ...])


ENTITY_COLUMNS = ("id", "document_id", "local_id", "type", "name", "name_key", "reference_id",
                  "auto_canonical_id", "canonical_id", "resolved_by", "seq")
CLAIM_COLUMNS = ("id", "document_id", "local_id", "subject_id", "predicate", "object_id",
                 "time_start", "time_end", "time_text", "time_precision", "place_id", "role",
                 "stance", "source_id", "evidence_start", "evidence_end", "evidence_text", "cue",
                 "qualifiers", "extractor")
MENTION_COLUMNS = ("entity_id", "document_id", "start", "end", "text")


def _first(rows: list[_T], width: int) -> list[_T]:
    """``rows`` without those whose first ``width`` values repeat an earlier row's."""
    seen: set[tuple[object, ...]] = set()
    out: list[_T] = []
    for r in rows:
        k = tuple(r[:width])
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


class _Batch:
    """The state one transaction of ``ingest_batch`` shares between its documents."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lookup = NameLookup(conn)
        self.filer = Filer(conn)
        row = conn.execute("SELECT coalesce(max(seq), 0) FROM entities").fetchone()
        self.seq = int(row[0]) if row else 0
        self.hashes: dict[str, str] = {}
        #: canonical rows (name, type, reference id) read in this transaction, dropped
        #: when ``rename`` may change them
        self.canonical_rows: dict[str, tuple[str, str, str | None]] = {}
        reviewed = conn.execute(
            "SELECT 1 FROM reviews WHERE target = 'claim' AND active = 1 LIMIT 1"
        ).fetchone()
        self.reviews = reviewed is not None
        #: rows nothing in the transaction reads back before ``finish``, kept in the order
        #: the documents give them and written then with one statement per table (a
        #: round trip and a statement's fixed cost per batch, not per document)
        self.claim_rows: list[tuple[object, ...]] = []
        self.mention_rows: list[tuple[str, str, int, int, str]] = []
        self.search_rows: list[tuple[str, str, str | None, str | None, str]] = []

    def add(self, extraction: Extraction) -> IngestResult:
        """Store one extraction; a ``StoreError`` is raised before anything is written."""
        conn = self.conn
        chash = content_hash(extraction)
        if chash in self.hashes:
            return IngestResult(self.hashes[chash], False, 0, 0)
        found = conn.execute("SELECT id FROM documents WHERE content_hash = ?", (chash,))
        existing = found.fetchone()
        if existing is not None:
            return IngestResult(str(existing[0]), False, 0, 0)
        _check(extraction)
        meta = extraction.document
        doc_id, replaces = _document_id(conn, wanted_id(extraction, chash), chash)
        self.hashes[chash] = doc_id
        if replaces is not None:
            conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (doc_id, replaces))
        ingested = now()
        conn.execute(
            "INSERT INTO documents (id, content_hash, title, author, published, path, metadata, "
            "text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (doc_id, chash, meta.get("title"), meta.get("author"), meta.get("published"),
             meta.get("path"), json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str),
             extraction.text, ingested),
        )
        canonical, names = self._entities(doc_id, extraction)
        new_claims, quotes = self._claims(doc_id, chash, extraction)
        self._file(doc_id, extraction, new_claims, canonical, ingested)
        title = meta.get("title")
        self.search_rows += [
            ("document", doc_id, doc_id, title,
             " ".join(x for x in (title, extraction.text) if x)),
            *(("name", eid, doc_id, title, " ".join(ns)) for eid, ns in names.items()),
            *(("quote", cid, doc_id, title, quote) for cid, quote in quotes),
        ]
        return IngestResult(doc_id, True, len(extraction.entities), len(new_claims))

    def _entities(
        self, doc_id: str, extraction: Extraction
    ) -> tuple[dict[str, str], dict[str, list[str]]]:
        """Store the document's entities; return their canonical ids by local id and the
        names each stored part is indexed under for search (its name, then its aliases in
        name order: what ``search_index.index_document`` reads back)."""
        conn = self.conn
        taken: set[str] = set()
        canonical: dict[str, str] = {}
        rows: list[tuple[object, ...]] = []
        names: list[tuple[str, str, str, int]] = []
        mentions: list[tuple[str, str, int, int, str]] = []
        created: list[tuple[str, str, str, str | None, str]] = []
        self.lookup.prefetch(
            (e.type, key(n, e.type)) for e in extraction.entities for n in (e.name, *e.aliases)
        )
        for entity in extraction.entities:
            self.seq += 1
            row_id = f"{doc_id}/{entity.id}"
            pejoratives = set(entity.pejoratives)
            aliases = [a for a in entity.aliases if a != entity.name and a not in pejoratives]
            found = attach(conn, entity_id=row_id, document_id=doc_id, type_=entity.type,
                           name=entity.name, aliases=aliases, reference_id=entity.reference_id,
                           lookup=self.lookup, taken=taken, created=created)
            taken.add(found.canonical_id)
            canonical[entity.id] = found.canonical_id
            rows.append((row_id, doc_id, entity.id, entity.type, entity.name,
                         key(entity.name, entity.type), entity.reference_id,
                         found.canonical_id, found.canonical_id, found.resolved_by, self.seq))
            flagged = [(a, 0) for a in aliases]
            flagged += [(p, 1) for p in entity.pejoratives if p != entity.name]
            names += [(row_id, n, key(n, entity.type), flag) for n, flag in flagged]
            mentions += [(row_id, doc_id, m.start, m.end, m.text) for m in entity.mentions]
        conn.executemany(
            "INSERT OR IGNORE INTO canonical_entities (id, type, name, reference_id, "
            "created_at) VALUES (?, ?, ?, ?, ?)",
            created,
        )
        current = self._canonical_rows(sorted(set(canonical.values())))
        insert_rows(conn, "entities", ENTITY_COLUMNS, rows)
        # the parts are new, so only a repeat within the document is a duplicate (the
        # first is kept, as ``INSERT OR IGNORE`` keeps it)
        names = _first(names, 2)
        mentions = _first(mentions, 4)
        insert_rows(conn, "aliases", ("entity_id", "name", "name_key", "pejorative"), names)
        self.mention_rows += mentions
        types = {e.id: e.type for e in extraction.entities}
        for r in rows:
            self.lookup.stored(str(r[3]), str(r[5]), str(r[7]), str(r[4]))
        for entity_id, name, k, flag in names:
            if not flag:
                local = entity_id[len(doc_id) + 1 :]
                self.lookup.stored(types[local], k, canonical[local], name)
        # as in ``ingest._insert_entity``: a part named and typed as its canonical entity
        # already is (with no new reference id) cannot change its display name
        touched: list[str] = []
        for entity in extraction.entities:
            now_ = current.get(canonical[entity.id])
            same = (
                now_ is not None
                and now_[0] == entity.name
                and now_[1] == entity.type
                and (entity.reference_id is None or now_[2] is not None)
            )
            if not same:
                touched.append(canonical[entity.id])
        rename(conn, touched)
        for cid in touched:
            self.canonical_rows.pop(cid, None)
        indexed: dict[str, list[str]] = {str(r[0]): [str(r[4])] for r in rows}
        for entity_id, name in sorted((n[0], n[1]) for n in names):
            indexed[entity_id].append(name)
        return canonical, indexed

    def _canonical_rows(self, ids: Sequence[str]) -> dict[str, tuple[str, str, str | None]]:
        known = self.canonical_rows
        out = {cid: known[cid] for cid in ids if cid in known}
        missing = [cid for cid in ids if cid not in known]
        for i in range(0, len(missing), 400):
            chunk = missing[i : i + 400]
            marks = ",".join("?" for _ in chunk)
            for r in self.conn.execute(
                f"SELECT id, name, type, reference_id FROM canonical_entities WHERE id IN ({marks})",
                tuple(chunk),
            ).fetchall():
                out[str(r[0])] = known[str(r[0])] = (str(r[1]), str(r[2]), r[3])
        return out

    def _claims(
        self, doc_id: str, chash: str, extraction: Extraction
    ) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
        """Store the document's claims; return the ids and positions of the new ones (the
        first claim of each id), and their ids and quotes in the order stored."""
        def ref(local: str | None) -> str | None:
            return f"{doc_id}/{local}" if local is not None else None

        seen: set[str] = set()
        rows: list[tuple[object, ...]] = []
        positions: list[int] = []
        names: dict[str, str] = {}
        for e in extraction.entities:
            names.setdefault(e.id, e.name)  # the first of an id, as ``entity`` finds it
        for i, claim in enumerate(extraction.claims):
            cid = claim_id(chash, claim, extraction, names)
            if cid in seen:
                continue
            seen.add(cid)
            positions.append(i)
            t = claim.time
            rows.append((
                cid, doc_id, claim.id, ref(claim.subject), claim.predicate, ref(claim.object),
                t.start if t else None, t.end if t else None, t.text if t else None,
                t.precision if t else None, ref(claim.place), claim.role, claim.stance,
                ref(claim.source), claim.evidence.start, claim.evidence.end,
                _evidence_text(extraction.text, claim), claim.cue,
                json.dumps(claim.qualifiers, ensure_ascii=False, sort_keys=True), claim.extractor,
            ))
        self.claim_rows += rows
        return ([(str(r[0]), i) for r, i in zip(rows, positions)],
                [(str(r[0]), str(r[16])) for r in rows])

    def _file(
        self,
        doc_id: str,
        extraction: Extraction,
        new_claims: list[tuple[str, int]],
        canonical: dict[str, str],
        ingested: str,
    ) -> None:
        """File the document's new claims into facts, as ``facts.place`` does."""
        reviews = self._reviews([cid for cid, _ in new_claims]) if self.reviews else {}
        published = extraction.document.get("published")
        items: list[Filed] = []
        for cid, i in new_claims:
            c = extraction.claims[i]
            f = filed(
                cid,
                canonical.get(c.subject) if c.subject is not None else None,
                c.predicate,
                canonical.get(c.object) if c.object is not None else None,
                c.time.start if c.time else None,
                c.time.end if c.time else None,
                c.stance,
                str(published) if published is not None else None,
                (ingested, doc_id, c.evidence.start),
                reviews.get(cid),
            )
            if f is not None:
                items.append(f)
        self.filer.prefetch(items)
        for f in sorted(items, key=lambda x: x.ord):
            self.filer.file(f)

    def _reviews(self, claim_ids: list[str]) -> dict[str, tuple[str, str]]:
        """The latest active review of each of these claims (a claim reviewed, deleted
        with its document and read again keeps its decision)."""
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(claim_ids), 400):
            chunk = claim_ids[i : i + 400]
            marks = ",".join("?" for _ in chunk)
            for r in self.conn.execute(
                "SELECT target_id, state, changes FROM reviews WHERE target = 'claim' "
                f"AND active = 1 AND target_id IN ({marks}) ORDER BY id",
                tuple(chunk),
            ).fetchall():
                out[str(r[0])] = (str(r[1]), str(r[2]))
        return out

    def finish(self) -> None:
        """Write the rows kept for the end, then the facts (which point at the claims)."""
        insert_rows(self.conn, "claims", CLAIM_COLUMNS, self.claim_rows)
        insert_rows(self.conn, "mentions", MENTION_COLUMNS, self.mention_rows)
        search_index.add(self.conn, self.search_rows)
        self.claim_rows, self.mention_rows, self.search_rows = [], [], []
        self.filer.flush()


def ingest_batch(store: Store, extractions: Sequence[Extraction]) -> list[IngestResult | StoreError]:
    """Store ``extractions`` in one transaction. A document refused (no text, claims that
    point nowhere) is returned as its ``StoreError`` and the others are stored; a failure
    of the store itself undoes the whole batch and is raised as a ``StoreError``."""
    results: list[IngestResult | StoreError] = []
    with store.transaction() as conn:
        batch = _Batch(conn)
        for extraction in extractions:
            try:
                results.append(batch.add(extraction))
            except StoreError as e:
                results.append(e)
        batch.finish()
    return results
