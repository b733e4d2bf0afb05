"""Reading documents: files, folders, row files, streams and strings become Documents
with their metadata and structure (paragraphs, items, notes, quotes, testimony)."""

from __future__ import annotations

from allegiance.ingest.meta import parse_date
from allegiance.ingest.readers import (
    format_of,
    iter_documents,
    iter_paths,
    iter_rows,
    read_path,
    read_stream,
    read_text,
)
from allegiance.ingest.structure import segment

__all__ = [
    "format_of",
    "iter_documents",
    "iter_paths",
    "iter_rows",
    "parse_date",
    "read_path",
    "read_stream",
    "read_text",
    "segment",
]
