"""The reading process of a split export (``export.parallel``), run as
``python -m allegiance.export.reader``: reads (store path, kinds, whole store, selection,
renderer, when to render, batch size) from its standard input, opens the store read-only
and writes the records to its standard output in batches (rendered ones when the writing
process is behind), then ``done``; an error is sent as it was raised."""

from __future__ import annotations

import pickle
import sys
from typing import Any, BinaryIO

from allegiance.errors import StoreError
from allegiance.export.base import Renderer, records
from allegiance.export.parallel import send, unread, widen
from allegiance.store.db import Store

#: SQLite page cache of the reading process (KiB, as ``PRAGMA cache_size`` takes it)
CACHE_KB = 65536


def main() -> None:
    out = sys.stdout.buffer
    try:
        path, kinds, whole_store, selection, renderer, when, size = pickle.loads(
            sys.stdin.buffer.read())
        fd = out.fileno()
        behind = widen(fd) // 2 or 1 << 30
        with Store.open(path, readonly=True) as store:
            if store.dialect == "sqlite":
                store.conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
            batch: list[tuple[str, Any]] = []
            for item in records(store, kinds, whole_store, selection):
                batch.append(item)
                if len(batch) >= size:
                    _send(out, batch, renderer, when == "always" or (
                        when == "auto" and unread(fd) >= behind))
                    batch = []
            _send(out, batch, renderer, when == "always")
        send(out, "done", None)
        out.flush()
    except BrokenPipeError:
        pass  # the writer stopped (its own error says why)
    except Exception as e:  # noqa: BLE001 - every error goes to the writer, as it is
        try:
            data = pickle.dumps(e)
        except Exception:  # noqa: BLE001 - an error that cannot be pickled
            data = pickle.dumps(StoreError(f"{type(e).__name__}: {e}"))
        try:
            send(out, "error", data)
            out.flush()
        except BrokenPipeError:
            pass


def _send(out: BinaryIO, batch: list[tuple[str, Any]], renderer: Renderer | None,
          render: bool) -> None:
    if renderer is not None and render:
        send(out, "rendered", [(kind, renderer.render(kind, r)) for kind, r in batch])
    else:
        send(out, "records", batch)
    out.flush()


if __name__ == "__main__":
    main()
