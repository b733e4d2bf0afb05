"""Readers: a file, a folder, a stream or a string becomes a Document.

Formats: plain text (``.txt`` and any unknown extension), Markdown (``.md``,
``.markdown``), HTML (``.html``, ``.htm``) and row files (``.jsonl``, ``.csv``; see
:mod:`allegiance.ingest.rows`). Metadata given by the caller overrides what the text says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from allegiance.errors import InputError
from allegiance.ingest import decode, html, markdown
from allegiance.ingest.meta import FoundMeta, apply_fields, date_problem, find_meta, parse_date
from allegiance.ingest.rows import ROW_FORMATS, RowError, iter_row_fields
from allegiance.ingest.structure import segment
from allegiance.model.types import Document

DOCUMENT_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
FORMATS = ("text", "markdown", "html")
_ROW_META = {"title": "title", "author": "author", "date": "published", "published": "published",
             "url": "url"}


def format_of(path: str | Path) -> str:
    """The format read for a file name: text, markdown, html, jsonl or csv."""
    suffix = Path(path).suffix.lower()
    return DOCUMENT_FORMATS.get(suffix) or ROW_FORMATS.get(suffix) or "text"


def read_path(path: str | Path, *, doc_id: str | None = None, title: str | None = None,
              author: str | None = None, published: str | None = None) -> Document:
    """Read one document file. Raises InputError with a one-line ``PATH: reason``."""
    p = Path(path)
    fmt = format_of(p)
    if fmt in ("jsonl", "csv"):
        decode.check_file(p)
        raise InputError(f"{p}: a {fmt} file holds rows; read it with iter_rows")
    read = decode.read_path_detected(p)
    doc = _build(read.text, doc_id=doc_id or p.stem, fmt=fmt, name=str(p), title=title,
                 author=author, published=published)
    doc.path = str(p)
    _note_encoding(doc, read.encoding)
    return doc


def _note_encoding(doc: Document, encoding: str) -> None:
    """Record in the metadata an encoding other than UTF-8 that the text was read in."""
    if encoding not in ("utf-8", "utf-8-sig"):
        doc.metadata["encoding"] = encoding


def read_text(text: str, *, doc_id: str, fmt: str = "text", title: str | None = None,
              author: str | None = None, published: str | None = None) -> Document:
    """Read a document held in a string (``fmt``: text, markdown or html)."""
    if fmt not in FORMATS:
        raise InputError(f"{doc_id}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    text = decode.normalise_newlines(text)
    decode.check_text(text, doc_id)
    return _build(text, doc_id=doc_id, fmt=fmt, name=doc_id, title=title, author=author,
                  published=published)


def read_stream(stream: BinaryIO, *, name: str = "-", doc_id: str | None = None,
                fmt: str | None = None, title: str | None = None, author: str | None = None,
                published: str | None = None) -> Document:
    """Read a document from a binary stream (stdin). The format comes from ``fmt``, the
    extension of ``name``, or a look at the text (HTML or plain)."""
    read = decode.decode_detected(decode.read_stream_bytes(stream, name), name)
    text = read.text
    if fmt is None:
        fmt = format_of(name) if name != "-" else ("html" if html.looks_like_html(text) else "text")
        if fmt not in FORMATS:
            fmt = "text"
    default_id = "stdin" if name == "-" else Path(name).stem
    doc = read_text(text, doc_id=doc_id or default_id, fmt=fmt, title=title, author=author,
                    published=published)
    _note_encoding(doc, read.encoding)
    return doc


def iter_paths(path: str | Path) -> Iterator[Path]:
    """The supported files under ``path`` (itself when a file), recursive and sorted.
    Hidden files and folders are skipped."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.is_file():
        yield p
        return
    known = set(DOCUMENT_FORMATS) | set(ROW_FORMATS)
    for f in sorted(p.rglob("*")):
        rel = f.relative_to(p).parts
        if any(part.startswith(".") for part in rel):
            continue
        if f.is_file() and f.suffix.lower() in known:
            yield f


def iter_rows(path: str | Path, *, text_field: str = "text", id_field: str = "id",
              on_error: RowError | None = None) -> Iterator[Document]:
    """Documents from the rows of a .jsonl or .csv file, one at a time. A bad row raises
    InputError; with ``on_error`` it is reported through it and the next row is read."""
    p = Path(path)
    fmt = ROW_FORMATS.get(p.suffix.lower(), "jsonl")
    rows = iter_row_fields(p, text_field=text_field, id_field=id_field, on_error=on_error)
    for line, rid, text, fields in rows:
        given: dict[str, str | None] = {}
        metadata: dict[str, Any] = {}
        for key, value in fields.items():
            target = _ROW_META.get(str(key).strip().lower())
            if target and value not in (None, "") and target not in given:
                given[target] = str(value).strip()
            else:
                metadata[key] = value
        published = given.get("published")
        try:
            if published is not None and parse_date(published) is None:
                if re.match(r"\s*(?:\d{5}|\d{4}-\d)", published):  # figures, yet no date
                    problem = date_problem(published)
                    raise InputError(f"{p}:{line}: field 'date': {published!r}: {problem}")
                metadata.setdefault("date_text", published)  # words: kept, not used
                published = None
            doc = _build(text, doc_id=rid, fmt="text", name=f"{p}:{line}",
                         title=given.get("title"), author=given.get("author"),
                         published=published)
        except InputError as e:
            if on_error is None:
                raise
            on_error(e)
            continue
        doc.format = fmt
        doc.path = str(p)
        doc.url = doc.url or given.get("url")
        doc.metadata = {**doc.metadata, **metadata, "line": line}
        yield doc


def iter_documents(path: str | Path) -> Iterator[Document]:
    """Every document under ``path``: document files, and each row of row files."""
    for f in iter_paths(path):
        if f.suffix.lower() in ROW_FORMATS:
            yield from iter_rows(f)
        else:
            yield read_path(f)


def _build(source: str, *, doc_id: str, fmt: str, name: str, title: str | None,
           author: str | None, published: str | None) -> Document:
    """Turn decoded source text into a Document: strip markup, find metadata, segment."""
    url: str | None = None
    extra: dict[str, Any] = {}
    if fmt == "html":
        page = html.extract(source, name)
        text = page.text
        found = FoundMeta(title=page.title, author=page.author, published=parse_date(page.date))
        url = page.url
        extra = {k: v for k, v in (("sitename", page.sitename),
                                   ("description", page.description)) if v}
        _fill(found, find_meta(text))
    elif fmt == "markdown":
        plain = markdown.to_plain(source)
        text = plain.text
        found = FoundMeta()
        apply_fields(found, plain.front_matter)
        _fill(found, find_meta(text))
        if found.title is None:
            found.title = plain.first_heading
    else:
        text = source
        found = find_meta(text)
    if not text.strip():
        raise InputError(f"{name}: no text left after removing the markup")
    pub = parse_date(published) if published else found.published
    if published and pub is None:
        raise InputError(f"{name}: date {published!r}: {date_problem(published)}")
    doc = Document(
        id=doc_id,
        text=text,
        title=title or found.title,
        author=author or found.author,
        published=pub,
        url=url or _str(found.extra.get("url")),
        format=fmt,
        metadata={**{k: v for k, v in found.extra.items() if k != "url"}, **extra},
    )
    doc.segments = segment(text, title=doc.title)
    return doc


def _fill(found: FoundMeta, more: FoundMeta) -> None:
    found.title = found.title or more.title
    found.author = found.author or more.author
    found.published = found.published or more.published
    for k, v in more.extra.items():
        found.extra.setdefault(k, v)


def _str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
