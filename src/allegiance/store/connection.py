"""What the store's SQL code needs of a database connection: ``execute`` and
``executemany`` with ``?`` parameters, rows readable by position and by column name.

``sqlite3.Connection`` is one; the PostgreSQL backend wraps a psycopg connection into one
(see ``store.postgres``). Code above the store never sees either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
