"""The store: a SQLite file (WAL, foreign keys) holding documents, entities, claims and
judgements. Writes happen in one transaction each; a failure leaves the file unchanged."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from allegiance.errors import NotFoundError, StoreError
from allegiance.model.types import Extraction
from allegiance.store.migrations import migrate

if TYPE_CHECKING:
    from allegiance.query.records import EntitySummary, Profile, TimelineEntry
    from allegiance.resolve.judgements import Judgement
    from allegiance.resolve.review import Candidate
    from allegiance.store.ingest import IngestResult


def _derive(conn: sqlite3.Connection, new: list[str]) -> None:
    """Fill what a migration just added from what a store written by an earlier version
    holds: facts from its claims, the search index from its documents."""
    from allegiance.store.facts import rebuild
    from allegiance.store.search_index import reindex

    if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if "0006_facts_reviews" in new:
            rebuild(conn)
        if "0007_search" in new:
            reindex(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Store:
    """A knowledge-graph store. Open with ``Store.open(path)``; use as a context manager."""

    #: the SQL dialect of the backend: ``sqlite`` or ``postgresql``
    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (and migrate) the store at ``path``; ``":memory:"`` for a throw-away store.

        With ``create=False`` a missing file raises ``NotFoundError`` instead of creating it.
        """
        name = str(path)
        if name != ":memory:":
            p = Path(name)
            if not p.exists() and not create:
                raise NotFoundError(f"no store at {name} (ingest a document first)")
            if p.exists() and p.is_dir():
                raise StoreError(f"{name} is a directory, not a store file")
        try:
            conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            if name != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                # with WAL, NORMAL stays consistent after a crash; it may lose the last
                # commits on power loss, and saves an fsync per document
                conn.execute("PRAGMA synchronous = NORMAL")
                # a large store's indexes fit in memory while ingesting (64 MB of pages)
                conn.execute("PRAGMA cache_size = -65536")
            conn.execute("PRAGMA busy_timeout = 5000")
            new = migrate(conn)
            _derive(conn, new)
        except (sqlite3.Error, ValueError) as e:
            raise StoreError(f"cannot open store {name}: {e}") from None
        return cls(conn, name)

    def close(self) -> None:
        """Close the underlying connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls join the outer one); rolled back on error."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise StoreError(f"cannot write to store {self.path}: {e}") from None
        self._depth = 1
        try:
            yield self.conn
        except sqlite3.Error as e:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"store write failed, nothing changed: {e}") from None
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    # -- small reads -----------------------------------------------------------------------

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        """The first row of a query, or None."""
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Every row of a query."""
        return list(self.conn.execute(sql, params).fetchall())

    def has_document(self, doc_id_or_hash: str) -> bool:
        """Whether a document with this id or content hash is stored."""
        row = self.one(
            "SELECT 1 FROM documents WHERE id = ? OR content_hash = ? LIMIT 1",
            (doc_id_or_hash, doc_id_or_hash),
        )
        return row is not None

    def migrations(self) -> list[str]:
        """Names of the applied migrations."""
        return [str(r[0]) for r in self.all("SELECT name FROM migrations ORDER BY name")]

    def counts(self) -> dict[str, int]:
        """Row counts: documents, entities (canonical), mentions, claims, judgements."""
        out: dict[str, int] = {}
        for key, sql in (
            ("documents", "SELECT count(*) FROM documents"),
            ("entities", "SELECT count(DISTINCT canonical_id) FROM entities"),
            ("document_entities", "SELECT count(*) FROM entities"),
            ("claims", "SELECT count(*) FROM claims"),
            ("judgements", "SELECT count(*) FROM judgements WHERE active = 1"),
        ):
            row = self.one(sql)
            out[key] = int(row[0]) if row else 0
        return out

    # -- the library, reachable from a store (each a thin call) -----------------------------

    def ingest(self, extraction: Extraction) -> IngestResult:
        """Store one extraction (one transaction); a known content hash changes nothing."""
        from allegiance.store.ingest import ingest

        return ingest(self, extraction)

    def ingest_many(
        self, extractions: Iterable[Extraction], batch: int = 50
    ) -> Iterator[IngestResult | StoreError]:
        """Store many extractions, ``batch`` per transaction, each one all or nothing."""
        from allegiance.store.ingest import ingest_many

        return ingest_many(self, extractions, batch)

    def merge(self, a: str, b: str, reason: str, by: str | None = None) -> Judgement:
        """Record that ``a`` and ``b`` are the same entity."""
        from allegiance.resolve.judgements import merge

        return merge(self, a, b, reason, by)

    def split(
        self, entity: str, names: list[str], reason: str, by: str | None = None
    ) -> Judgement:
        """Record that the parts of ``entity`` known as ``names`` are a different entity."""
        from allegiance.resolve.judgements import split

        return split(self, entity, names, reason, by)

    def reject(self, a: str, b: str, reason: str = "", by: str | None = None) -> Judgement:
        """Record that ``a`` and ``b`` are not the same entity."""
        from allegiance.resolve.judgements import reject

        return reject(self, a, b, reason, by)

    def undo(self) -> Judgement:
        """Revert the last active judgement."""
        from allegiance.resolve.judgements import undo

        return undo(self)

    def review_candidates(self, limit: int = 20) -> list[Candidate]:
        """Likely duplicate entities not yet judged, best first."""
        from allegiance.resolve.review import review_candidates

        return review_candidates(self, limit)

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        """Canonical entities with aliases and counts."""
        from allegiance.query.profile import entities

        return entities(self, type)

    def profile(self, name: str) -> Profile:
        """An entity's aliases and claims, found by any of its names."""
        from allegiance.query.profile import profile

        return profile(self, name)

    def timeline(self, name: str | None = None) -> list[TimelineEntry]:
        """Claims in time order, for one entity or the whole store."""
        from allegiance.query.timeline import timeline

        return timeline(self, name)
