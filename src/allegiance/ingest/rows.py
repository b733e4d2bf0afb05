"""Documents from row files (JSON lines, CSV), one row at a time in constant memory.

The row's id field becomes the document id (``<file stem>-<line>`` when absent); the text
field its text; ``title``, ``author``, ``date``/``published`` and ``url`` fill the
document's fields; every other field goes to ``metadata``. A malformed row, or one without
text, raises InputError naming the file and the line. :func:`subject_from_field` makes a
field the document subject (the entity the row is about: a list entry's ``name``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from allegiance.errors import InputError
from allegiance.ingest.decode import check_text, max_bytes, normalise_newlines
from allegiance.model.types import Document

ROW_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a file")


def iter_row_fields(path: Path, *, text_field: str = "text",
                    id_field: str = "id") -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """``(line, id, text, other fields)`` for each row of a .jsonl or .csv file."""
    _check_path(path)
    fmt = ROW_FORMATS.get(path.suffix.lower(), "jsonl")
    rows = _jsonl(path) if fmt == "jsonl" else _csv(path)
    for line, row in rows:
        where = f"{path}:{line}"
        raw = row.pop(text_field, None)
        if not isinstance(raw, str) or not raw.strip():
            raise InputError(f"{where}: row without text (no {text_field!r} field or empty)")
        if len(raw) > max_bytes():
            raise InputError(f"{where}: text too large (limit {max_bytes()} bytes)")
        text = normalise_newlines(raw)
        check_text(text, where)
        rid = row.pop(id_field, None)
        doc_id = str(rid).strip() if rid not in (None, "") else f"{path.stem}-{line}"
        yield line, doc_id, text, row


def subject_from_field(doc: Document, field: str) -> Document:
    """Make the row's ``field`` the document subject (``metadata["subject"]``), the entity
    its subjectless sentences are about ('Associated with X' in the entry for Y). A row
    without the field, or with it empty, has none; the field itself stays where it was."""
    key = field.strip()
    value: Any = doc.metadata.get(key)
    if value is None:  # a field the reader made a document field ('title', 'author')
        value = {"title": doc.title, "author": doc.author, "url": doc.url}.get(key.lower())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and value.strip():
        doc.metadata["subject"] = " ".join(value.split())
    return doc


def event_from_fields(doc: Document, date_field: str | None = None, place_field: str | None = None,
                      country_field: str | None = None) -> Document:
    """An event report's row fields as the incident's date, place and country
    (``metadata["event_date"]``, ``"event_place"``, ``"event_country"``): its deeds take them
    where the text gives none. A date the field holds is read as the text's dates are ('2014',
    '2014-06-10', '10 June 2014'); one that cannot be read is left out."""
    from allegiance.ingest.meta import parse_date

    for field, key in ((date_field, "event_date"), (place_field, "event_place"), (country_field, "event_country")):
        if not field:
            continue
        value: Any = doc.metadata.get(field.strip())
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            continue
        value = " ".join(value.split())
        if key == "event_date":
            value = parse_date(value)
            if value is None:
                continue
        doc.metadata[key] = value
    return doc


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open("rb") as f:
        for n, raw in enumerate(f, start=1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise InputError(f"{path}:{n}: not valid UTF-8") from None
            except json.JSONDecodeError as e:
                msg = f"{path}:{n}: malformed JSON ({e.msg}, column {e.colno})"
                raise InputError(msg) from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{n}: expected a JSON object, got {type(row).__name__}")
            yield n, row


def _csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    limit = max(csv.field_size_limit(), min(max_bytes(), sys.maxsize))
    csv.field_size_limit(limit)
    with path.open("rb") as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(f)
        try:
            header = next(reader, None)
            if header is None:
                raise InputError(f"{path}: empty CSV file")
            names = [h.strip() for h in header]
            start = reader.line_num
            for cells in reader:
                line = start + 1
                start = reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != len(names):
                    raise InputError(
                        f"{path}:{line}: {len(cells)} fields where the header has {len(names)}")
                yield line, dict(zip(names, cells))
        except csv.Error as e:
            raise InputError(f"{path}:{reader.line_num}: malformed CSV ({e})") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}:{reader.line_num + 1}: not valid UTF-8") from None
