"""An export split between two processes (a reading one and this one, writing) gives the
same output as one process, for every format and filter, and raises the reading side's
errors as they are."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from allegiance.errors import NotFoundError
from allegiance.export import FORMATS, Selection, export, exporter, format_class
from allegiance.export import parallel
from allegiance.store import Store

CASES: list[tuple[str, dict[str, Any]]] = [
    *[(fmt, {}) for fmt in FORMATS],
    ("csv", {"from_": "2014", "to": "2016-12", "stances": ("denied", "disputed")}),
    ("gexf", {"around": "Jaysh al-Haqq", "depth": 1}),
]


def _output(store: Store, fmt: str, filters: dict[str, Any], split: bool,
            tmp_path: Path) -> dict[str, str]:
    """What the export wrote: each table of a zip, or the stream (STIX's bundle id and
    timestamps, which differ from run to run, left out)."""
    if format_class(fmt).needs_path:
        target = tmp_path / f"{fmt}-{split}.zip"
        export(store, exporter(fmt, target), Selection(**filters), split=split)
        with zipfile.ZipFile(target) as zf:
            return {n: zf.read(n).decode("utf-8") for n in zf.namelist()}
    fh = io.StringIO()
    export(store, exporter(fmt, fh), Selection(**filters), split=split)
    text = fh.getvalue()
    if fmt == "stix":
        text = re.sub(r"bundle--[0-9a-f-]+", "bundle--", text)
        text = re.sub(r'"(created|modified)": "[^"]+"', r'"\1": ""', text)
    return {fmt: text}


@pytest.mark.parametrize(("fmt", "filters"), CASES)
@pytest.mark.parametrize(("render", "batch"), [("auto", 200), ("always", 3), ("never", 2)])
def test_split_export_is_the_same(facts_store: Store, tmp_path: Path, fmt: str,
                                  filters: dict[str, Any], render: str, batch: int,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Whichever process renders the records, and in whatever batches."""
    alone = _output(facts_store, fmt, filters, False, tmp_path)
    monkeypatch.setattr(parallel, "RENDER", render)
    monkeypatch.setattr(parallel, "BATCH", batch)
    split = _output(facts_store, fmt, filters, True, tmp_path)
    assert split == alone
    assert any(text.strip() for text in alone.values())


@pytest.mark.parametrize("split", [False, True])
def test_reading_errors_are_raised_as_they_are(facts_store: Store, split: bool) -> None:
    with pytest.raises(NotFoundError):
        export(facts_store, exporter("jsonl", io.StringIO()),
               Selection(around="Nobody Anyone Knows"), split=split)


def test_only_large_stores_in_files_are_split(facts_store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert not parallel.worth_splitting(facts_store)
    monkeypatch.setattr(parallel, "SPLIT_FACTS", 1)
    assert parallel.worth_splitting(facts_store) == (parallel.cores() >= 2)
    with Store.open(":memory:") as memory:
        assert not parallel.worth_splitting(memory)


def test_the_pipe_tells_what_is_unread() -> None:
    """The reading process renders when the pipe holds more than half its size unread:
    the pipe is widened, and what is written and not yet read is counted."""
    import os

    read_end, write_end = os.pipe()
    try:
        size = parallel.widen(write_end)
        assert size >= 65536
        assert parallel.unread(write_end) == 0
        os.write(write_end, b"x" * 5000)
        assert parallel.unread(write_end) == 5000
        os.read(read_end, 3000)
        assert parallel.unread(write_end) == 2000
    finally:
        os.close(read_end)
        os.close(write_end)
