"""An ACLED-like table of violent and territorial events: one row per fact whose predicate
``resources/export/events.yml`` names, with its date and ACLED time precision, the two
actors, the location and the gazetteer's coordinates (empty when unknown), the documents
and quotes behind it and how they present it (``stance``: the fact's status, so a denied
attack is a row that says ``denied``, never a plain one)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TextIO

import yaml

from allegiance.errors import DataFileError
from allegiance.export.base import Exporter, Renderer
from allegiance.export.records import coordinates
from allegiance.model.vocab import vocabulary

COLUMNS = [
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "location", "latitude", "longitude", "source", "stance", "notes", "sources",
    "fact_id",
]


@dataclass(frozen=True)
class EventRules:
    """Predicates that are events, with their ACLED names, and the precision codes."""

    types: dict[str, tuple[str, str]]
    precision: dict[str, int]


def parse_events(raw: Any) -> EventRules:
    """``EventRules`` from the parsed YAML; ``DataFileError`` naming what is wrong."""
    if not isinstance(raw, dict) or not isinstance(raw.get("events"), dict):
        raise DataFileError("export/events.yml: needs an 'events' mapping")
    known = vocabulary().predicates
    types: dict[str, tuple[str, str]] = {}
    for pred, spec in raw["events"].items():
        if pred not in known:
            raise DataFileError(f"export/events.yml: unknown predicate {pred!r}")
        if not isinstance(spec, dict) or not isinstance(spec.get("event_type"), str):
            raise DataFileError(f"export/events.yml: {pred}: needs an event_type")
        types[str(pred)] = (spec["event_type"], str(spec.get("sub_event_type") or ""))
    prec = raw.get("time_precision")
    if not isinstance(prec, dict) or not all(v in (1, 2, 3) for v in prec.values()):
        raise DataFileError("export/events.yml: time_precision maps precisions to 1, 2 or 3")
    return EventRules(types, {str(k): int(v) for k, v in prec.items()})


@cache
def event_rules() -> EventRules:
    """The packaged event rules, parsed once."""
    text = resources.files("allegiance.resources").joinpath("export", "events.yml")
    return parse_events(yaml.safe_load(text.read_text("utf-8")))


class EventsRenderer(Renderer):
    """An event fact's row as CSV text (``None`` for any other fact)."""

    def __init__(self) -> None:
        self.rules = event_rules()
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), ()  # made anew where it is unpickled (its buffers are not sent)

    def render(self, kind: str, record: dict[str, Any]) -> Any:
        names = self.rules.types.get(record["predicate"])
        if kind != "facts" or names is None:
            return None
        location = record["place"]
        lat, lon = coordinates(None, location) if location else (None, None)
        actor2 = None if record["object_type"] == "Place" else record["object"]
        sources = record["sources"]
        self._writer.writerow([
            f"ALG-{record['id']}",
            record["start"] or record["end"] or "",
            self.rules.precision.get(record["precision"], 3),
            names[0],
            names[1],
            record["subject"] or "",
            actor2 or "",
            location or "",
            "" if lat is None else lat,
            "" if lon is None else lon,
            "; ".join(dict.fromkeys(s["document_title"] or s["document_id"] for s in sources)),
            record["status"],
            " | ".join(f"[{s['stance']}] {s['quote']}" for s in sources),
            len(sources),
            record["id"],
        ])
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text


class EventsExporter(Exporter):
    """Writes one CSV row per event fact."""

    kinds = ("facts",)

    def __init__(self, fh: TextIO) -> None:
        super().__init__(fh)
        self._renderer = self.renderer = EventsRenderer()
        self.rules = self._renderer.rules
        csv.writer(fh).writerow(COLUMNS)

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.put(kind, self._renderer.render(kind, record))

    def put(self, kind: str, rendered: Any) -> None:
        if rendered is not None:
            self.fh.write(rendered)
