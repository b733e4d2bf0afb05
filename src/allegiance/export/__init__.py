"""Exporters: one base (``write``/``finalize``), one module per format."""

from __future__ import annotations

from typing import TextIO

from allegiance.errors import InputError
from allegiance.export.base import Exporter, export
from allegiance.export.csv_claims import CsvClaimsExporter
from allegiance.export.json_graph import JsonExporter

FORMATS: dict[str, type[Exporter]] = {"json": JsonExporter, "csv": CsvClaimsExporter}


def exporter(fmt: str, fh: TextIO) -> Exporter:
    """The exporter for format ``fmt`` writing to ``fh``."""
    try:
        return FORMATS[fmt](fh)
    except KeyError:
        raise InputError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})") from None


__all__ = ["FORMATS", "CsvClaimsExporter", "Exporter", "JsonExporter", "export", "exporter"]
