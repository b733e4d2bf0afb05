"""Batch extraction: many inputs on all cores (or a Dask cluster), streamed and resumable.

See docs/batch.md. The CLI commands ``extract`` and ``ingest`` are thin layers over this.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from allegiance.batch.items import Item, ReadOptions, count_items, input_kind, iter_items
    from allegiance.batch.run import Outcome, extract_items
    from allegiance.batch.sinks import (
        BatchStats,
        extract_to_dir,
        extract_to_jsonl,
        extract_to_stream,
        ingest_items,
    )

#: where each name is defined: imported on first use, so importing one module of the
#: package (``batch.items``) does not import the others (the runner, the progress display)
_HOME = {
    "Item": "items", "ReadOptions": "items", "count_items": "items", "input_kind": "items",
    "iter_items": "items", "Outcome": "run", "extract_items": "run", "BatchStats": "sinks",
    "extract_to_dir": "sinks", "extract_to_jsonl": "sinks", "extract_to_stream": "sinks",
    "ingest_items": "sinks",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"allegiance.batch.{home}"), name)


__all__ = [
    "BatchStats",
    "Item",
    "Outcome",
    "ReadOptions",
    "count_items",
    "extract_items",
    "extract_to_dir",
    "extract_to_jsonl",
    "extract_to_stream",
    "ingest_items",
    "input_kind",
    "iter_items",
]
