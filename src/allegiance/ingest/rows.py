"""Documents from row files (JSON lines, CSV), one row at a time in constant memory.

The row's id field becomes the document id (``<file stem>-<line>`` when absent); the text
field its text; ``title``, ``author``, ``date``/``published`` and ``url`` fill the
document's fields; every other field goes to ``metadata``. A malformed row, one without
text, or one whose fields have the wrong type raises InputError naming the file, the line
and the field, unless an ``on_error`` hook is given: then the row is reported through it
and reading goes on with the next row. A file that cannot be read at all (missing, empty
CSV, unknown encoding) always raises.

CSV records are read strictly: a quote left open (which would swallow the rows after it)
or text after a closing quote is an error, and so is a record whose field count differs
from the header. When such a record spans several lines, its first line is reported and
reading resumes on the line after it, so the rows a stray quote swallowed are kept.
:func:`subject_from_field` makes a field the document subject (the entity the row is about:
a list entry's ``name``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from allegiance.errors import InputError
from allegiance.ingest.decode import check_text, guess_encoding, max_bytes, normalise_newlines
from allegiance.model.types import Document

ROW_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
#: bytes looked at to choose a row file's encoding
SAMPLE_BYTES = 1024 * 1024
#: row fields that fill document fields, and must hold text (a number is taken as text)
TEXT_FIELDS = ("title", "author", "date", "published", "url")

RowError = Callable[[InputError], None]
Row = tuple[int, str, str, dict[str, Any]]


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a file")


def file_encoding(path: Path) -> str:
    """The encoding of a row file: UTF-8 (with or without a byte-order mark) when its first
    megabyte is UTF-8, else the best guess of :func:`allegiance.ingest.decode.guess_encoding`."""
    with path.open("rb") as f:
        sample = f.read(SAMPLE_BYTES)
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(sample) - 3:  # not merely a character cut by the sample's end
            return guess_encoding(sample, str(path), e.start)
    return "utf-8"


def iter_row_fields(path: Path, *, text_field: str = "text", id_field: str = "id",
                    on_error: RowError | None = None) -> Iterator[Row]:
    """``(line, id, text, other fields)`` for each good row of a .jsonl or .csv file."""
    _check_path(path)
    fmt = ROW_FORMATS.get(path.suffix.lower(), "jsonl")
    encoding = file_encoding(path)
    rows = _jsonl(path, encoding) if fmt == "jsonl" else _csv(path, encoding)
    for item in rows:
        try:
            if isinstance(item, InputError):
                raise item
            line, row = item
            yield _fields(path, line, row, text_field, id_field)
        except InputError as e:
            if on_error is None:
                raise
            on_error(e)


def _fields(path: Path, line: int, row: dict[str, Any], text_field: str,
            id_field: str) -> Row:
    where = f"{path}:{line}"
    raw = row.pop(text_field, None)
    if raw is not None and not isinstance(raw, str):
        raise InputError(f"{where}: field {text_field!r} must be text, not {_kind(raw)}")
    if raw is None or not raw.strip():
        raise InputError(f"{where}: row without text (no {text_field!r} field or empty)")
    if len(raw) > max_bytes():
        raise InputError(f"{where}: text too large (limit {max_bytes()} bytes)")
    text = normalise_newlines(raw)
    check_text(text, where)
    rid = row.pop(id_field, None)
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        raise InputError(f"{where}: field {id_field!r} must be text or a whole number, "
                         f"not {_kind(rid)}")
    for key, value in row.items():
        if str(key).strip().lower() in TEXT_FIELDS and value is not None and (
                isinstance(value, bool) or not isinstance(value, (str, int, float))):
            raise InputError(f"{where}: field {key!r} must be text, not {_kind(value)}")
    doc_id = str(rid).strip() if rid not in (None, "") else ""
    return line, doc_id or f"{path.stem}-{line}", text, row


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true/false"}.get(
        type(value), type(value).__name__)


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


def _jsonl(path: Path, encoding: str) -> Iterator[tuple[int, dict[str, Any]] | InputError]:
    with path.open("rb") as f:
        for n, raw in enumerate(f, start=1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode(encoding))
            except UnicodeDecodeError:
                yield InputError(f"{path}:{n}: not valid {encoding}")
                continue
            except json.JSONDecodeError as e:
                yield InputError(f"{path}:{n}: malformed JSON ({e.msg}, column {e.colno})")
                continue
            except RecursionError:
                yield InputError(f"{path}:{n}: malformed JSON (nested too deeply)")
                continue
            if not isinstance(row, dict):
                yield InputError(f"{path}:{n}: expected a JSON object, got {_kind(row)}")
                continue
            yield n, row


class _Lines:
    """The physical lines of a text file, with the lines of the current record kept so
    they can be given back (read again) when the record turns out to be malformed."""

    def __init__(self, f: IO[str]) -> None:
        self._f = f
        self._back: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self._n = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._back:
            n, line = self._back.popleft()
        else:
            line = next(self._f)
            self._n += 1
            n = self._n
        self.taken.append((n, line))
        return line

    def start(self) -> int:
        """Begin a record; return the number of its first line."""
        self.taken = []
        return self._back[0][0] if self._back else self._n + 1

    def give_back_all_but_first(self) -> None:
        """Read the current record's lines again, after its first one."""
        self._back.extendleft(reversed(self.taken[1:]))
        self.taken = []


def _csv(path: Path, encoding: str) -> Iterator[tuple[int, dict[str, Any]] | InputError]:
    limit = max(csv.field_size_limit(), min(max_bytes(), sys.maxsize))
    csv.field_size_limit(limit)
    with path.open("rb") as raw:
        f = io.TextIOWrapper(raw, encoding=encoding, newline="")
        lines = _Lines(f)
        reader = csv.reader(lines, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as e:
            raise InputError(f"{path}:1: malformed CSV header ({e})") from None
        if header is None:
            raise InputError(f"{path}: empty CSV file")
        names = [h.strip() for h in header]
        while True:
            line = lines.start()
            try:
                cells = next(reader, None)
            except UnicodeDecodeError:
                yield InputError(f"{path}:{line}: not valid {encoding}")
                return  # the decoder cannot resynchronise: the rest of the file is unread
            except csv.Error as e:
                yield InputError(f"{path}:{line}: malformed CSV ({_quote_hint(e)})")
                lines.give_back_all_but_first()
                reader = csv.reader(lines, strict=True)
                continue
            if cells is None:
                return
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(names):
                span = len(lines.taken)
                hint = f" over {span} lines (an unclosed quote?)" if span > 1 else ""
                yield InputError(f"{path}:{line}: {len(cells)} fields where the header has "
                                 f"{len(names)}{hint}")
                if span > 1:
                    lines.give_back_all_but_first()
                    reader = csv.reader(lines, strict=True)
                continue
            yield line, dict(zip(names, cells))


def _quote_hint(e: csv.Error) -> str:
    msg = str(e)
    if "unexpected end of data" in msg:
        return "a quote is never closed"
    if "expected after" in msg:
        return f"{msg}: a quote closes in the middle of a field"
    return msg
