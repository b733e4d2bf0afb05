"""What the store's SQL code needs of a database connection: ``execute`` and
``executemany`` with ``?`` parameters, rows readable by position and by column name.

``sqlite3.Connection`` is one; the PostgreSQL backend wraps a psycopg connection into one
(see ``store.postgres``). Code above the store never sees either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol


class Cursor(Protocol):
    """The result of one statement."""

    @property
    def rowcount(self) -> int: ...

    @property
    def lastrowid(self) -> int | None: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A connection the store's SQL runs on."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...

    def close(self) -> None: ...


def insert_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` into ``table``: one ``COPY`` on a backend that has it (PostgreSQL),
    else one ``executemany``. Plain inserts: a duplicate key fails."""
    if not rows:
        return
    copy = getattr(conn, "copy", None)
    if copy is not None:
        copy(table, columns, rows)
        return
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ",".join("?" for _ in columns)
    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
