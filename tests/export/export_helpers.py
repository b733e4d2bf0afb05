"""A small store for the export tests: the sample documents plus one report whose claims
are denied, disputed or negated, with places the gazetteer knows (Mosul), knows under two
records (Kirkuk) and does not know (a camp)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from allegiance.export import Selection, export, exporter
from allegiance.model.types import Extraction
from allegiance.store import Store
from allegiance.store.samples import claim, entity, sample_extractions

DISPUTE_TEXT = (
    "Jaysh al-Haqq attacked Islamic State positions near Mosul in March 2016. "
    "Islamic State denied that it had lost control of Kirkuk Camp West. "
    "Jaysh al-Haqq said that Abu Obeida had joined it, which his family disputed."
)


def dispute_document() -> Extraction:
    t = DISPUTE_TEXT
    s1, s2, s3 = (t[: t.index(" Islamic State denied")], t[t.index("Islamic State denied"):
                  t.index(" Jaysh al-Haqq said")], t[t.index("Jaysh al-Haqq said"):])
    return Extraction(
        document={"id": "dispute-2016", "title": "Claims and denials", "published": "2016-04-02"},
        entities=[
            entity(t, "e1", "Organization", "Jaysh al-Haqq"),
            entity(t, "e2", "Organization", "Islamic State"),
            entity(t, "e3", "Place", "Mosul"),
            entity(t, "e4", "Place", "Kirkuk Camp West"),
            entity(t, "e5", "Person", "Abu Obeida"),
        ],
        claims=[
            claim(t, "c1", "e1", "attacked", "e2", s1,
                  time=("2016-03-01", "2016-03-31", "March 2016"), place="e3"),
            claim(t, "c2", "e2", "lost_control_of", "e4", s2, stance="denied"),
            claim(t, "c3", "e5", "member_of", "e1", s3, stance="disputed"),
        ],
        text=t,
    )


def fill(store: Store) -> Store:
    for extraction in [*sample_extractions(), dispute_document()]:
        store.ingest(extraction)
    return store


def run_export(store: Store, fmt: str, **filters: Any) -> str:
    """The text of a one-stream export of ``store``."""
    fh = io.StringIO()
    export(store, exporter(fmt, fh), Selection(**filters))
    return fh.getvalue()


def write_export(store: Store, fmt: str, path: Path, **filters: Any) -> Path:
    """Export to a file (as the command does) and return its path."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        export(store, exporter(fmt, fh), Selection(**filters))
    return path
