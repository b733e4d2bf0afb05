"""The store: a SQLite file (WAL, foreign keys) holding documents, entities, claims and
judgements. Writes happen in one transaction each; a failure leaves the file unchanged."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from allegiance.errors import NotFoundError, StoreError
from allegiance.store.connection import Connection
from allegiance.model.types import Extraction
from allegiance.store import opening
from allegiance.store.migrations import migrate

if TYPE_CHECKING:
    from allegiance.query.records import EntitySummary, Profile, TimelineEntry
    from allegiance.resolve.judgements import Judgement
    from allegiance.resolve.review import Candidate
    from allegiance.store.delete import Deleted
    from allegiance.store.ingest import IngestResult


#: milliseconds a connection waits for another process's lock before giving up a statement
BUSY_TIMEOUT_MS = 30_000
#: times a write transaction is tried when the store stays locked past the busy timeout
BEGIN_ATTEMPTS = 5
#: SQLite's page cache per connection, in MB, filled only as pages are read: the pages of
#: the indexes and rows a question touches on a large store stay in memory for the next
#: question (measured on the 1,000,000-claim store: see README "Store questions at scale")
CACHE_MB = 256


def is_postgres(name: str) -> bool:
    """Whether a ``--db`` value names a PostgreSQL server rather than a SQLite file."""
    return name.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """A URL as it may be shown: without its password."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def _derive(conn: Connection, new: list[str]) -> None:
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


def _reading(name: str) -> sqlite3.Connection:
    """A read-only connection to the store file ``name``, rows by position and name."""
    conn = opening.connect_readonly(name)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_MB * 1024}")
    return conn


class Store:
    """A knowledge-graph store. Open with ``Store.open(path)``; use as a context manager."""

    def __init__(self, conn: Connection, path: str, dialect: str = "sqlite") -> None:
        self.conn = conn
        self.path = path
        #: the SQL dialect of the backend: ``sqlite`` or ``postgresql``
        self.dialect = dialect
        self._errors: tuple[type[Exception], ...] = (sqlite3.Error,)
        self._depth = 0
        #: what searches learnt of the index (see ``search_index.common``)
        self.search_cache: dict[str, tuple[int, bool]] = {}

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, readonly: bool = False) -> Store:
        """Open (and migrate) the store at ``path``: a SQLite file (``":memory:"`` for a
        throw-away store) or a ``postgresql://`` URL (see ``store.postgres``).

        With ``create=False`` a missing file raises ``NotFoundError`` instead of creating it.
        With ``readonly=True`` (implies ``create=False``) nothing is ever written to the
        file (see :mod:`allegiance.store.opening`). A file that is not an allegiance store
        raises ``StoreError`` and is left as it was.
        """
        name = str(path)
        if is_postgres(name):
            return cls._open_postgres(name)
        if name != ":memory:":
            p = Path(name)
            if not p.exists() and (readonly or not create):
                raise NotFoundError(f"no store at {name} (ingest a document first)")
            opening.check_file(name, readonly=readonly)
        try:
            if readonly and name != ":memory:":
                return cls._open_readonly(name)
            conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            if name != ":memory:":
                opening.check_schema(conn, name, fresh_ok=True)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if name != ":memory:":
                opening.enable_wal(conn, BUSY_TIMEOUT_MS / 1000)
                # with WAL, NORMAL stays consistent after a crash; it may lose the last
                # commits on power loss, and saves an fsync per document
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute(f"PRAGMA cache_size = -{CACHE_MB * 1024}")
            new = migrate(conn)
            _derive(conn, new)
            opening.check_complete(conn, name)
        except (sqlite3.Error, ValueError) as e:
            raise StoreError(f"cannot open store {name}: {e}") from None
        return cls(conn, name)

    @classmethod
    def _open_readonly(cls, name: str) -> Store:
        conn = _reading(name)
        opening.check_schema(conn, name, fresh_ok=False)
        if opening.pending(conn):
            conn.close()
            if not opening.can_write(name):
                raise StoreError(f"store {name} was written by an older version and cannot "
                                 "be upgraded here (copy it somewhere writable)")
            cls.open(name, create=False).close()  # an allegiance store: upgrade it
            conn = _reading(name)
        opening.check_complete(conn, name)
        return cls(conn, name)

    @classmethod
    def _open_postgres(cls, url: str) -> Store:
        import psycopg

        from allegiance.store.postgres import connect, prepare

        shown = redact(url)
        try:
            conn = connect(url)
        except psycopg.Error as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise StoreError(f"cannot open store {shown}: {first}") from None
        try:
            prepare(conn)
            new = migrate(conn, "postgresql")
            _derive(conn, new)
        except (psycopg.Error, ValueError) as e:
            conn.close()
            raise StoreError(f"cannot open store {shown}: {e}") from None
        store = cls(conn, shown, "postgresql")
        store._errors = (psycopg.Error,)
        return store

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
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (nested calls join the outer one); rolled back on error."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self.conn
        except self._errors as e:
            self._rollback()
            raise StoreError(f"store write failed, nothing changed: {e}") from None
        except BaseException:
            self._rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except self._errors as e:  # a full disk, a lost file: the write is undone
                self._rollback()
                raise StoreError(f"store write failed, nothing changed: {e}") from None
        finally:
            self._depth = 0

    def _begin(self) -> None:
        """Take the write lock, waiting out other writers (busy timeout, then retries)."""
        for attempt in range(BEGIN_ATTEMPTS):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise StoreError(f"cannot write to store {self.path}: {e}") from None
                if attempt == BEGIN_ATTEMPTS - 1:
                    raise StoreError(f"cannot write to store {self.path}: another process "
                                     "has held it for too long") from None
                time.sleep(0.2 * (attempt + 1))
            except self._errors as e:
                raise StoreError(f"cannot write to store {self.path}: {e}") from None

    def _rollback(self) -> None:
        if getattr(self.conn, "in_transaction", True):
            try:
                self.conn.execute("ROLLBACK")
            except self._errors:
                pass  # already rolled back (e.g. by SQLite after an I/O error)

    # -- small reads -----------------------------------------------------------------------

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first row of a query (by position and by column name), or None."""
        return self.conn.execute(sql, params).fetchone()

    def all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
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

    def merge(
        self, a: str, b: str, reason: str, by: str | None = None, force: bool = False
    ) -> Judgement:
        """Record that ``a`` and ``b`` are the same entity (``force``: even with two
        different reference ids)."""
        from allegiance.resolve.judgements import merge

        return merge(self, a, b, reason, by, force=force)

    def delete(self, document: str) -> Deleted:
        """Remove a document (id or content hash) and everything only it supports."""
        from allegiance.store.delete import delete_document

        return delete_document(self, document)

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
