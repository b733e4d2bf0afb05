"""Exporters: one base (``write``/``finalize``, fed by ``export``), one module per format."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from allegiance.errors import InputError
from allegiance.export.base import Exporter, export
from allegiance.export.csv_claims import CsvClaimsExporter
from allegiance.export.events import EventsExporter
from allegiance.export.ftm import FtmExporter
from allegiance.export.gexf import GexfExporter
from allegiance.export.graphml import GraphmlExporter
from allegiance.export.json_graph import JsonExporter
from allegiance.export.jsonl import JsonlExporter
from allegiance.export.select import Selection
from allegiance.export.stix import StixExporter
from allegiance.export.tables import TablesExporter

FORMATS: dict[str, type[Exporter]] = {
    "csv": TablesExporter,
    "events": EventsExporter,
    "graphml": GraphmlExporter,
    "gexf": GexfExporter,
    "ftm": FtmExporter,
    "stix": StixExporter,
    "jsonl": JsonlExporter,
    "json": JsonExporter,
    "claims": CsvClaimsExporter,
}


def format_class(fmt: str) -> type[Exporter]:
    """The exporter class of format ``fmt``; ``InputError`` for an unknown one."""
    try:
        return FORMATS[fmt]
    except KeyError:
        raise InputError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})") from None


def exporter(fmt: str, target: TextIO | str | Path) -> Exporter:
    """The exporter for format ``fmt`` writing to ``target``: a text stream, or for a
    format that writes several files (``csv``) a folder or ``.zip`` path."""
    cls = format_class(fmt)
    if cls.needs_path:
        if not isinstance(target, (str, Path)):
            raise InputError(f"format {fmt} writes several tables: give a folder or a .zip")
        return TablesExporter(target)
    if isinstance(target, (str, Path)):
        raise InputError(f"format {fmt} writes one stream: open the file first")
    return cls(target)


__all__ = [
    "FORMATS", "CsvClaimsExporter", "EventsExporter", "Exporter", "FtmExporter",
    "GexfExporter", "GraphmlExporter", "JsonExporter", "JsonlExporter", "Selection",
    "StixExporter", "TablesExporter", "export", "exporter", "format_class",
]
