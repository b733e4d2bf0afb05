"""Opening a store file safely: never write to a file that is not an allegiance store.

Before a connection may write, the file is looked at: a file that is not SQLite, or a
SQLite database without the store's ``migrations`` table (and with other tables), is
refused and left untouched. A read-only opening never writes to the file: it uses SQLite's
``mode=ro`` and, where the file or its folder cannot be written (a read-only mount, a
shared archive), ``immutable=1``. A store lacking migrations is upgraded first when it
can be written; one that cannot is refused with the command to upgrade it.
"""

from __future__ import annotations

import os
import random
import time
import sqlite3
from pathlib import Path
from urllib.parse import quote

from allegiance.errors import StoreError
from allegiance.store.migrations import MIGRATIONS

SQLITE_MAGIC = b"SQLite format 3\x00"
#: the tables every allegiance store holds
REQUIRED_TABLES = ("documents", "canonical_entities", "entities", "aliases", "mentions",
                   "claims", "judgements", "migrations")


def check_file(name: str, *, readonly: bool) -> None:
    """Refuse a path that is no store file: a folder, a non-SQLite file, an empty file
    (when reading). A missing file is the caller's business."""
    p = Path(name)
    if not p.exists():
        return
    if p.is_dir():
        raise StoreError(f"{name} is a directory, not a store file")
    try:
        with p.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as e:
        raise StoreError(f"cannot read store {name}: {e.strerror or e}") from None
    if not head:
        if readonly:
            raise StoreError(f"{name} is an empty file, not an allegiance store")
        return
    if head != SQLITE_MAGIC:
        raise StoreError(f"{name} is not an allegiance store (not a SQLite database)")


def tables(conn: sqlite3.Connection) -> set[str]:
    """Names of the tables in ``conn``'s database."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(r[0]) for r in rows}


def check_schema(conn: sqlite3.Connection, name: str, *, fresh_ok: bool) -> None:
    """Refuse a database that is not an allegiance store (``fresh_ok``: an empty database
    may become one)."""
    found = tables(conn)
    if "migrations" not in found:
        if found or not fresh_ok:
            raise StoreError(f"{name} is a SQLite database but not an allegiance store")
        return


def check_complete(conn: sqlite3.Connection, name: str) -> None:
    """Refuse a store that lost one of its tables."""
    missing = [t for t in REQUIRED_TABLES if t not in tables(conn)]
    if missing:
        raise StoreError(f"store {name} is damaged: table {', '.join(missing)} missing "
                         "(restore it from a backup)")


def pending(conn: sqlite3.Connection) -> list[str]:
    """Migrations the store has not had yet."""
    done = {str(r[0]) for r in conn.execute("SELECT name FROM migrations").fetchall()}
    return [m.name for m in MIGRATIONS if m.name not in done]


def connect_readonly(name: str) -> sqlite3.Connection:
    """A connection that cannot write to ``name``."""
    p = Path(name).resolve()
    writable = os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)
    mode = "mode=ro" if writable else "immutable=1"
    uri = f"file:{quote(str(p))}?{mode}"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def can_write(name: str) -> bool:
    """Whether the store file and its folder can be written."""
    p = Path(name).resolve()
    return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)


def enable_wal(conn: sqlite3.Connection, patience: float) -> None:
    """Put the store in WAL mode. SQLite answers "database is locked" at once, without
    waiting, when another process is switching the same new file at that moment; the switch
    is tried again, with growing pauses, for up to ``patience`` seconds."""
    deadline = time.monotonic() + patience
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            if time.monotonic() + pause > deadline:
                raise
        time.sleep(pause * (0.5 + random.random()))
        pause = min(pause * 2, 0.25)
