"""Batch extraction: many inputs on all cores (or a Dask cluster), streamed and resumable.

See docs/batch.md. The CLI commands ``extract`` and ``ingest`` are thin layers over this.
"""

from allegiance.batch.items import Item, ReadOptions, count_items, input_kind, iter_items
from allegiance.batch.run import Outcome, extract_items
from allegiance.batch.sinks import (
    BatchStats,
    extract_to_dir,
    extract_to_jsonl,
    extract_to_stream,
    ingest_items,
)

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
