"""CSV tables: ``entities.csv``, ``facts.csv`` and ``sources.csv`` (one row per source of a
fact: its document, quote and stance), written into a folder or, for a target ending in
``.zip``, into a zip. Tables are written as the records stream, each to its own file;
a zip is assembled from those files at the end."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any, TextIO

from allegiance.errors import InputError
from allegiance.export.base import Exporter, Renderer

ENTITY_COLUMNS = ["id", "type", "name", "reference_id", "aliases", "pejoratives", "lat", "lon"]
FACT_COLUMNS = [
    "id", "predicate", "subject_id", "subject", "subject_type", "object_id", "object",
    "object_type", "start", "end", "precision", "time_label", "status", "stances",
    "supporting", "contesting", "review", "first_known", "place", "sources", "documents",
]
SOURCE_COLUMNS = [
    "fact_id", "claim_id", "document_id", "document_title", "published", "span_start",
    "span_end", "stance", "source", "place", "quote",
]
TABLES = {"entities": ENTITY_COLUMNS, "facts": FACT_COLUMNS, "sources": SOURCE_COLUMNS}


def cell(value: Any) -> Any:
    """A CSV cell: lists joined by ``; ``, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


#: the columns of a fact's and a source's row taken from their records as they are
_FACT_FIELDS = FACT_COLUMNS[:-2]  # then the number of sources and their documents
_SOURCE_FIELDS = SOURCE_COLUMNS[1:]  # after the fact's id
assert FACT_COLUMNS[-2:] == ["sources", "documents"] and SOURCE_COLUMNS[0] == "fact_id"


class TablesRenderer(Renderer):
    """An entity's row, or a fact's row and its sources' rows, as CSV text."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), ()  # made anew where it is unpickled (its buffers are not sent)

    def _text(self) -> str:
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text

    def render(self, kind: str, record: dict[str, Any]) -> Any:
        if kind == "entities":
            self._csv.writerow(_cells(record, ENTITY_COLUMNS))
            return self._text()
        sources = record["sources"]
        row = _cells(record, _FACT_FIELDS)
        row.append(len(sources))
        row.append("; ".join(sorted({s["document_id"] for s in sources})))
        self._csv.writerow(row)
        fact = self._text()
        fact_id = cell(record["id"])
        self._csv.writerows([fact_id, *_cells(s, _SOURCE_FIELDS)] for s in sources)
        return fact, self._text()


def _cells(record: dict[str, Any], columns: list[str]) -> list[Any]:
    """``[cell(record.get(c)) for c in columns]``."""
    get = record.get
    return [
        "" if v is None else "; ".join(str(x) for x in v) if isinstance(v, list) else v
        for v in map(get, columns)
    ]


class TablesExporter(Exporter):
    """Writes the three tables to ``target`` (a folder, created if missing, or a ``.zip``)."""

    kinds = ("facts", "entities")
    needs_path = True

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        self.zipped = self.target.suffix.lower() == ".zip"
        if self.zipped:
            self._tmp: str | None = tempfile.mkdtemp(prefix="allegiance-csv-")
            folder = Path(self._tmp)
        else:
            self._tmp = None
            if self.target.exists() and not self.target.is_dir():
                raise InputError(f"{self.target} exists and is not a folder")
            self.target.mkdir(parents=True, exist_ok=True)
            folder = self.target
        self.folder = folder
        self._files: dict[str, TextIO] = {}
        for name, columns in TABLES.items():
            fh = open(folder / f"{name}.csv", "w", encoding="utf-8", newline="")
            self._files[name] = fh
            csv.writer(fh).writerow(columns)
        super().__init__(self._files["facts"])
        self._renderer = self.renderer = TablesRenderer()

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.put(kind, self._renderer.render(kind, record))

    def put(self, kind: str, rendered: Any) -> None:
        if kind == "entities":
            self._files["entities"].write(rendered)
            return
        fact, sources = rendered
        self._files["facts"].write(fact)
        self._files["sources"].write(sources)

    def finalize(self) -> None:
        for fh in self._files.values():
            fh.close()
        if self.zipped and self._tmp is not None:
            partial = self.target.with_name(self.target.name + ".part")
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for name in TABLES:
                    zf.write(self.folder / f"{name}.csv", f"{name}.csv")
            partial.replace(self.target)
            shutil.rmtree(self._tmp, ignore_errors=True)
