"""An export of a large store on two cores: a reading process (``export.reader``) streams
the records (facts with their sources, entities, ...) in the order ``base.records`` gives
them, in batches through a pipe, and this process writes the format. Every record is the
one the export reads in one process, in the same order, so the output is the same byte
for byte; each process holds only a batch or two at a time (the pipe blocks the reader
while the writer is behind), so memory stays flat in both.

Used for a store in a file (or a PostgreSQL one) of at least ``SPLIT_FACTS`` facts on a
machine with two cores or more; small stores and in-memory ones are exported in one
process. An error in the reading process is raised here as it was raised there.
"""

from __future__ import annotations

import marshal
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Generator
from typing import IO, TYPE_CHECKING, Any

from allegiance.errors import StoreError

if TYPE_CHECKING:
    from allegiance.export.select import Selection
    from allegiance.store.db import Store

#: facts a store needs before its export is split between two processes
SPLIT_FACTS = 50_000
#: records sent in one message
BATCH = 500
#: the length that starts each message
HEADER = struct.Struct("<I")

Records = Generator[tuple[str, dict[str, Any]], None, None]


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def worth_splitting(store: Store) -> bool:
    """Whether an export of ``store`` is split between two processes (see the module
    docstring)."""
    if store.path == ":memory:" or cores() < 2:
        return False
    row = store.one("SELECT count(*) FROM facts")
    return row is not None and int(row[0]) >= SPLIT_FACTS


def send(out: IO[bytes], tag: str, body: Any) -> None:
    """Write one message (``records``, ``error`` or ``done``) to the pipe."""
    data = marshal.dumps((tag, body))
    out.write(HEADER.pack(len(data)))
    out.write(data)


def _receive(inp: IO[bytes]) -> tuple[str, Any] | None:
    head = inp.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    data = inp.read(size)
    if len(data) < size:
        return None
    tag, body = marshal.loads(data)
    return str(tag), body


def split_records(
    store: Store, kinds: tuple[str, ...], whole_store: bool, selection: Selection
) -> Records:
    """``base.records(store, ...)``, read by another process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    reader = subprocess.Popen(
        [sys.executable, "-m", "allegiance.export.reader"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
    )
    assert reader.stdin is not None and reader.stdout is not None
    try:
        reader.stdin.write(pickle.dumps((store.path, kinds, whole_store, selection)))
        reader.stdin.close()
        while True:
            message = _receive(reader.stdout)
            if message is None:
                reader.wait()
                raise StoreError("the export's reading process ended early "
                                 f"(exit code {reader.returncode})")
            tag, body = message
            if tag == "records":
                yield from body
            elif tag == "error":
                raise pickle.loads(body)
            else:
                return
    finally:
        reader.stdout.close()
        if reader.poll() is None:
            reader.terminate()
        reader.wait()
