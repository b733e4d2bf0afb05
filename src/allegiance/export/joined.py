"""Two scans sorted by the same id, merged: the reading of a large store in stored order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: rows fetched from a cursor at once
FETCH = 2000


def fetched(cursor: Any, size: int = FETCH) -> Iterator[tuple[Any, ...]]:
    """The rows of an executed ``cursor``, fetched ``size`` at a time."""
    while True:
        rows = cursor.fetchmany(size)
        if not rows:
            return
        yield from rows


def joined(left: Iterator[tuple[Any, ...]], right: Iterator[tuple[Any, ...]]
           ) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """Each row of ``left`` with the rows of ``right`` that share its first column, both
    sorted by it; a ``left`` row with none is left out, and the merge ends with ``right``."""
    nxt = next(right, None)
    for row in left:
        key = row[0]
        while nxt is not None and nxt[0] < key:
            nxt = next(right, None)
        if nxt is None:
            return
        mine = []
        while nxt is not None and nxt[0] == key:
            mine.append(nxt)
            nxt = next(right, None)
        if mine:
            yield row, mine
