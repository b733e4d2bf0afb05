"""An export of a large store on two cores: a reading process (``export.reader``) streams
the records (facts with their sources, entities, ...) in the order ``base.records`` gives
them, in batches through a pipe, and this process writes the format. Every record is the
one the export reads in one process, in the same order, so the output is the same byte
for byte; each process holds only a batch or two at a time (the pipe blocks the reader
while the writer is behind), so memory stays flat in both.

Used for a store in a file (or a PostgreSQL one) of at least ``SPLIT_FACTS`` facts on a
machine with two cores or more; small stores and in-memory ones are exported in one
process. An error in the reading process is raised here as it was raised there.

Both sides are kept busy: the pipe is widened to ``PIPE_BYTES`` and, before it sends a
batch, the reading process looks how much of the pipe is still unread; when that is more
than half of it, this process is behind, and the reader renders the batch itself (the
format's ``Renderer``: the text a record becomes) instead of waiting. Which side renders a
batch changes nothing in the output.
"""

from __future__ import annotations

import fcntl
import marshal
import os
import pickle
import struct
import subprocess
import sys
import termios
from collections.abc import Generator
from typing import IO, TYPE_CHECKING, Any

from allegiance.errors import StoreError

if TYPE_CHECKING:
    from allegiance.export.base import Renderer
    from allegiance.export.select import Selection
    from allegiance.store.db import Store

#: facts a store needs before its export is split between two processes
SPLIT_FACTS = 50_000
#: records sent in one message
BATCH = 200
#: the size the pipe between the processes is given (where the system allows it)
PIPE_BYTES = 1 << 20
#: whether the reading process renders a batch: when this process is behind (``auto``),
#: ``always`` or ``never`` (the tests use both)
RENDER = "auto"
#: the length that starts each message
HEADER = struct.Struct("<I")

#: batches as received: (whether rendered, [(kind, record or what it rendered to)])
Batches = Generator[tuple[bool, list[tuple[str, Any]]], None, None]


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
    """Write one message (``records``, ``rendered``, ``error`` or ``done``) to the pipe."""
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
    store: Store, kinds: tuple[str, ...], whole_store: bool, selection: Selection,
    renderer: Renderer | None = None,
) -> Batches:
    """``base.records(store, ...)``, read by another process, in batches; a batch the
    reader rendered with ``renderer`` comes as ``(True, [(kind, rendered), ...])``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    reader = subprocess.Popen(
        [sys.executable, "-m", "allegiance.export.reader"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
    )
    assert reader.stdin is not None and reader.stdout is not None
    try:
        reader.stdin.write(pickle.dumps((store.path, kinds, whole_store, selection,
                                         renderer, RENDER, BATCH)))
        reader.stdin.close()
        while True:
            message = _receive(reader.stdout)
            if message is None:
                reader.wait()
                raise StoreError("the export's reading process ended early "
                                 f"(exit code {reader.returncode})")
            tag, body = message
            if tag == "records":
                yield False, body
            elif tag == "rendered":
                yield True, body
            elif tag == "error":
                raise pickle.loads(body)
            else:
                return
    finally:
        reader.stdout.close()
        if reader.poll() is None:
            reader.terminate()
        reader.wait()


def widen(fd: int) -> int:
    """Give the pipe ``fd`` writes to ``PIPE_BYTES`` where the system allows; its size."""
    try:
        return fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (OSError, AttributeError):
        try:
            return fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ)
        except (OSError, AttributeError):
            return 0


def unread(fd: int) -> int:
    """Bytes written to the pipe ``fd`` that the other side has not read yet (0 when the
    system cannot tell)."""
    try:
        got = fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0")
    except OSError:
        return 0
    return int(struct.unpack("i", got)[0])
