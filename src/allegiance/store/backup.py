"""A consistent copy of a SQLite store while others go on writing to it.

SQLite's online backup API copies every page inside one read transaction: the copy is the
store as one commit left it (writers in WAL mode are not held up, and nothing they commit
later reaches the copy). The copy is written beside its destination under a temporary
name, checked (``PRAGMA integrity_check``), switched to a single self-contained file
(journal mode ``DELETE``) and only then renamed into place, so a failed or interrupted
backup never leaves a half-written file under the name asked for. An existing file is
replaced only when asked (``force``). A PostgreSQL store is backed up with the server's
own tool, ``pg_dump``; ``backup`` says how instead of copying.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from allegiance.errors import InputError, OutputError, StoreError, oserror_line
from allegiance.store.db import Store, is_postgres, redact


@dataclass(frozen=True)
class BackupResult:
    """What ``backup`` wrote: the file, its size and what it holds."""

    path: str
    size: int
    documents: int
    claims: int


def pg_dump_advice(url: str) -> str:
    """How to back up a PostgreSQL store (the password left out of the URL shown)."""
    shown = redact(url)
    return (f"{shown} is a PostgreSQL store: back it up with the server's tool, e.g. "
            f"pg_dump --format=custom --file=FILE '{shown}' (restore with pg_restore)")


def _check_destination(dest: Path, source: str, force: bool) -> None:
    if dest.is_dir():
        raise OutputError(f"{dest} is a directory: give the backup file's name")
    if not dest.parent.is_dir():
        raise OutputError(f"{dest.parent} does not exist: make the folder first")
    if dest.exists():
        if source != ":memory:" and dest.resolve() == Path(source).resolve():
            raise InputError(f"{dest} is the store itself: give another file")
        if not force:
            raise OutputError(f"{dest} exists: give another name, or --force to replace it")
    if not os.access(dest.parent, os.W_OK):
        raise OutputError(f"cannot write in {dest.parent}: permission denied")


def backup(source: str, destination: str | Path, *, force: bool = False) -> BackupResult:
    """Copy the store at ``source`` to the file ``destination`` (see the module
    docstring). A PostgreSQL ``source`` raises ``InputError`` with ``pg_dump`` advice."""
    if is_postgres(source):
        raise InputError(pg_dump_advice(source))
    dest = Path(destination)
    _check_destination(dest, source, force)
    with Store.open(source, readonly=True) as store:
        conn = store.conn
        if not isinstance(conn, sqlite3.Connection):  # pragma: no cover - SQLite only here
            raise StoreError("only a SQLite store can be copied this way")
        fd, partial = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
        os.close(fd)
        try:
            copy = sqlite3.connect(partial, isolation_level=None)
            try:
                conn.backup(copy)  # every page at once: one read transaction, one snapshot
                copy.execute("PRAGMA journal_mode = DELETE")
                verdict = copy.execute("PRAGMA integrity_check").fetchall()
                if [tuple(r) for r in verdict] != [("ok",)]:
                    raise StoreError(f"the copy failed its integrity check: {verdict[0][0]}")
                documents = int(copy.execute("SELECT count(*) FROM documents").fetchone()[0])
                claims = int(copy.execute("SELECT count(*) FROM claims").fetchone()[0])
            finally:
                copy.close()
            os.replace(partial, dest)
        except sqlite3.Error as e:
            raise StoreError(f"backup failed, {dest} not written: {e}") from None
        except OSError as e:
            raise OutputError(f"backup failed, {dest} not written: {oserror_line(e)}") from None
        finally:
            for leftover in (partial, partial + "-journal"):
                if os.path.exists(leftover):
                    os.unlink(leftover)
    return BackupResult(str(dest), dest.stat().st_size, documents, claims)
