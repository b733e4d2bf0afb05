"""Fuzzing target (atheris) over the readers: bytes read as a text, Markdown or HTML
document, or as a JSONL or CSV row file. Run by ``test_ingest_fuzz.py`` with a fixed number
of runs; by hand: ``python tests/ingest/fuzz_readers.py -runs=100000``.

What must hold for any input: the only error is ``InputError``; a document read has text,
and its segments lie inside it; every non-blank row line is read or reported."""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["allegiance.ingest"]):
    from allegiance.errors import InputError
    from allegiance.ingest import iter_rows, read_stream

FORMATS = ("text", "markdown", "html", "jsonl", "csv")
TMP = Path(tempfile.mkdtemp(prefix="fuzz-readers-"))


def check_document(text: str, segments: list[object]) -> None:
    assert text.strip(), "a document without text"
    for s in segments:
        start, end = getattr(s, "start"), getattr(s, "end")
        assert 0 <= start <= end <= len(text), (start, end, len(text))


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt, body = FORMATS[data[0] % len(FORMATS)], data[1:]
    if fmt in ("jsonl", "csv"):
        path = TMP / f"rows.{fmt}"
        path.write_bytes(body)
        errors: list[str] = []
        try:
            docs = list(iter_rows(path, on_error=lambda e: errors.append(str(e))))
        except InputError:
            return
        for d in docs:
            check_document(d.text, list(d.segments))
        assert all("\n" not in e for e in errors)
        return
    try:
        doc = read_stream(io.BytesIO(body), name="fuzz", doc_id="fuzz", fmt=fmt)
    except InputError:
        return
    check_document(doc.text, list(doc.segments))


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
