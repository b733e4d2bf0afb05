"""Inputs of a batch run: files, folders, row files (JSONL/CSV) and stdin, as a lazy stream.

An :class:`Item` is one document to extract. Items from a folder or a single file carry a
path and are read where they are extracted (in a worker); rows and stdin are read in the
parent, so they carry the :class:`Document` itself. Nothing here holds more than one row
in memory at a time.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Literal

from allegiance.errors import InputError
from allegiance.model.types import Document

InputKind = Literal["stdin", "folder", "rows", "file"]

#: suffixes read as one document per row
ROW_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
#: row files up to this size are counted before the run, for a progress bar with a total
COUNT_LIMIT_BYTES = 256 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class ReadOptions:
    """Metadata given on the command line, applied to documents that lack their own."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    #: the row field that names the entity each row is about (its document subject)
    subject_field: str | None = None
    #: the row fields of an event report: the incident's date, place and country
    date_field: str | None = None
    place_field: str | None = None
    country_field: str | None = None


@dataclass(frozen=True)
class Item:
    """One document to extract.

    ``name`` is the item's stable name inside its input, used to name its output file:
    the relative path for a file in a folder, the row id (made safe for a file name) for a
    row, the file name for a single file, ``stdin`` for ``-``. ``label`` names it in error
    messages. ``row_id`` is the document id a row brings (None for files). ``doc_id`` is
    the id to give a file when it is read.
    """

    name: str
    label: str
    path: Path | None = None
    document: Document | None = None
    options: ReadOptions = ReadOptions()
    row_id: str | None = None
    doc_id: str | None = None


def input_kind(path: str | Path) -> InputKind:
    """What ``path`` is: ``-`` (stdin), a folder, a row file (.jsonl/.csv) or a file."""
    if str(path) == "-":
        return "stdin"
    p = Path(path)
    if p.is_dir():
        return "folder"
    if p.suffix.lower() in ROW_SUFFIXES:
        return "rows"
    return "file"


def load(item: Item) -> Document:
    """The item's document, reading its file when it has not been read yet."""
    if item.document is not None:
        return item.document
    if item.path is None:
        raise InputError(f"{item.label}: nothing to read")
    from allegiance.ingest import read_path

    o = item.options
    return read_path(
        item.path, doc_id=item.doc_id, title=o.title, author=o.author, published=o.published
    )


def loaded(item: Item) -> Item:
    """The same item with its document read (raises InputError for a bad file)."""
    if item.document is not None:
        return item
    return replace(item, document=load(item))


def _with_defaults(doc: Document, options: ReadOptions) -> Document:
    if options.title and not doc.title:
        doc.title = options.title
    if options.author and not doc.author:
        doc.author = options.author
    if options.published and not doc.published:
        doc.published = options.published
    return doc


def safe_name(name: str) -> str:
    """A file name for a row id: characters other than letters, digits, ``._-`` become _."""
    cleaned = _UNSAFE.sub("_", name).strip(".") or "_"
    return cleaned[:200]


def _rows(
    path: Path, opts: ReadOptions, prefix: str = "",
    on_error: Callable[[str], None] | None = None,
) -> Iterator[Item]:
    from allegiance.ingest import iter_rows
    from allegiance.ingest.rows import event_from_fields, subject_from_field

    def bad_row(e: InputError) -> None:
        assert on_error is not None
        on_error(str(e))

    rows = iter_rows(path, text_field=opts.text_field, id_field=opts.id_field,
                     on_error=bad_row if on_error is not None else None)
    for doc in rows:
        if opts.subject_field:
            subject_from_field(doc, opts.subject_field)
        event_from_fields(doc, opts.date_field, opts.place_field, opts.country_field)
        yield Item(
            prefix + safe_name(doc.id),
            f"{path}: row {doc.id}",
            document=_with_defaults(doc, opts),
            options=opts,
            row_id=doc.id,
        )


def iter_items(
    path: str | Path,
    options: ReadOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    on_error: Callable[[str], None] | None = None,
) -> Iterator[Item]:
    """Stream the items of one input (see :func:`input_kind`).

    Raises InputError for a missing path, a bad row or a bad row file, unless ``on_error``
    is given: then each bad row is reported through it (``FILE:LINE: reason``) and the file
    goes on with the next row, and a row file of a folder that cannot be read at all is
    reported and the folder goes on.
    """
    opts = options or ReadOptions()
    kind = input_kind(path)
    if kind == "stdin":
        from allegiance.ingest import read_stream

        stream = stdin if stdin is not None else sys.stdin.buffer
        doc = read_stream(
            stream, name="-", title=opts.title, author=opts.author, published=opts.published
        )
        yield Item("stdin", "-", document=doc, options=opts)
        return
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if kind == "folder":
        from allegiance.ingest import iter_paths

        for child in iter_paths(p):
            rel = _relative(child, p)
            if child.suffix.lower() not in ROW_SUFFIXES:
                doc_id = rel[: -len(child.suffix)] if child.suffix else rel
                yield Item(rel, str(child), path=child, options=opts, doc_id=doc_id)
                continue
            try:
                yield from _rows(child, opts, prefix=rel + "/", on_error=on_error)
            except InputError as e:
                if on_error is None:
                    raise
                on_error(str(e))
    elif kind == "rows":
        yield from _rows(p, opts, on_error=on_error)
    else:
        yield Item(p.name, str(p), path=p, options=opts)


def iter_many(
    paths: list[str], options: ReadOptions | None = None, *, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """The items of several inputs, one after the other."""
    for path in paths:
        yield from iter_items(path, options, stdin=stdin)


def _relative(child: Path, root: Path) -> str:
    try:
        return child.relative_to(root).as_posix()
    except ValueError:
        return child.name


def count_items(path: str | Path) -> int | None:
    """How many items ``path`` holds, when that is cheap to know; else None."""
    kind = input_kind(path)
    if kind == "stdin":
        return 1
    p = Path(path)
    if kind == "file":
        return 1 if p.exists() else None
    try:
        if kind == "folder":
            from allegiance.ingest import iter_paths

            return sum(1 for _ in iter_paths(p))
        if p.stat().st_size > COUNT_LIMIT_BYTES:
            return None
        if ROW_SUFFIXES[p.suffix.lower()] == "jsonl":
            with p.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        with p.open(encoding="utf-8-sig", newline="") as fh:
            return max(0, sum(1 for row in csv.reader(fh) if row) - 1)
    except (OSError, UnicodeDecodeError, csv.Error, InputError):
        return None


def count_many(paths: list[str]) -> int | None:
    """The sum of :func:`count_items` over ``paths``, or None if one is unknown."""
    total = 0
    for path in paths:
        n = count_items(path)
        if n is None:
            return None
        total += n
    return total
