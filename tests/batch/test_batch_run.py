"""Batch machinery with a stand-in extractor: order, errors, parallel equals serial, sinks."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from allegiance.batch import items as batch_items
from allegiance.batch.items import Item, ReadOptions, count_items, input_kind, iter_items
from allegiance.batch.render import Format
from allegiance.batch.run import BATCH_ITEMS, Outcome, batches, extract_items, process
from allegiance.batch.sinks import (
    extract_to_dir,
    extract_to_jsonl,
    extract_to_stream,
    jsonl_ids,
    output_path,
)
from allegiance.model.types import Document, Entity, Extraction


def fake_extract(doc: Document) -> Extraction:
    """A stand-in for the pipeline: capitalised words become entities; BOOM fails."""
    if "BOOM" in doc.text:
        raise ValueError("exploded")
    names = sorted({w.strip(".,") for w in doc.text.split() if w[:1].isupper()})
    entities = [Entity(f"e{i}", "Organization", n) for i, n in enumerate(names, 1)]
    return Extraction(document=doc.meta_dict(), entities=entities, text=doc.text)


def row(doc_id: str, text: str) -> Item:
    return Item(doc_id, doc_id, document=Document(doc_id, text), row_id=doc_id)


def serial(items: Iterable[Item]) -> Iterator[Outcome]:
    return extract_items(items, jobs=1, extractor=fake_extract)


def rows(n: int) -> Iterator[Item]:
    for i in range(n):
        yield row(f"r{i:03d}", f"Group{i} met Group{i % 7} in Town{i % 3}.")


def dicts(outcomes: Iterator[object]) -> list[object]:
    out = []
    for o in outcomes:
        assert hasattr(o, "extraction")
        out.append(o.extraction.to_dict() if o.extraction else o.error)
    return out


def test_serial_keeps_input_order() -> None:
    got = [o.item.name for o in extract_items(rows(20), jobs=1, extractor=fake_extract)]
    assert got == [f"r{i:03d}" for i in range(20)]


def test_two_processes_equal_one() -> None:
    serial = dicts(extract_items(rows(40), jobs=1, extractor=fake_extract))
    parallel = dicts(extract_items(rows(40), jobs=2, window=3, extractor=fake_extract))
    assert parallel == serial
    assert len(serial) == 40


def test_window_bounds_items_taken_from_input() -> None:
    taken = 0

    def counting() -> Iterator[Item]:
        nonlocal taken
        for item in rows(1000):
            taken += 1
            yield item

    outcomes = extract_items(counting(), jobs=2, window=2, extractor=fake_extract)
    next(outcomes)
    assert taken <= 2 * BATCH_ITEMS + 1  # two batches, and the one item that closed a batch
    outcomes.close()


def test_batches_group_short_rows_and_keep_files_alone(tmp_path: Path) -> None:
    files = [Item(f"f{i}", f"f{i}", path=tmp_path / f"f{i}.txt") for i in range(2)]
    long_row = row("long", "x" * 30_000)
    stream = [*rows(10), files[0], files[1], long_row, *rows(3)]
    sizes = [[i.name for i in b] for b in batches(stream, max_items=8, max_chars=20_000)]
    assert [len(b) for b in sizes] == [8, 2, 1, 1, 1, 3]
    assert [name for b in sizes for name in b] == [i.name for i in stream]


def test_a_failure_is_an_outcome_not_an_exception() -> None:
    items = [row("a", "Alpha here."), row("b", "BOOM goes Beta."), row("c", "Gamma.")]
    got = list(extract_items(items, jobs=1, extractor=fake_extract))
    assert [o.ok for o in got] == [True, False, True]
    assert got[1].error == "b: ValueError: exploded"
    assert got[1].item.document is None  # results do not carry the text back


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    outcome = process(Item("bad.txt", str(bad), path=bad), fake_extract)
    assert outcome.error is not None
    assert outcome.error.startswith(str(bad))
    assert "\n" not in outcome.error


@pytest.mark.parametrize(
    ("name", "kind"),
    [("-", "stdin"), ("x.jsonl", "rows"), ("x.CSV", "rows"), ("x.txt", "file"), ("x.html", "file")],
)
def test_input_kind(name: str, kind: str) -> None:
    assert input_kind(name) == kind


def test_folder_items_are_relative_and_counted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("Beta.", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text('{"id": "x 1", "text": "Xi."}\n', encoding="utf-8")
    got = [(i.name, i.doc_id, i.row_id) for i in iter_items(tmp_path)]
    assert got == [
        ("a.txt", "a", None),
        ("rows.jsonl/x_1", None, "x 1"),
        ("sub/b.md", "sub/b", None),
    ]
    assert count_items(tmp_path) == 3


def test_row_counts(tmp_path: Path) -> None:
    jl = tmp_path / "r.jsonl"
    jl.write_text('{"id": 1, "text": "a"}\n\n{"id": 2, "text": "b"}\n', encoding="utf-8")
    csv_file = tmp_path / "r.csv"
    csv_file.write_text('id,text\n1,"two\nlines"\n2,b\n', encoding="utf-8")
    assert count_items(jl) == 2
    assert count_items(csv_file) == 2


def test_row_defaults_fill_only_missing_metadata(tmp_path: Path) -> None:
    jl = tmp_path / "r.jsonl"
    jl.write_text(
        '{"id": "a", "text": "Alpha.", "title": "Own"}\n{"id": "b", "text": "Beta."}\n',
        encoding="utf-8",
    )
    docs = [i.document for i in iter_items(jl, ReadOptions(title="Given", author="Ann"))]
    assert [(d.title, d.author) for d in docs if d] == [("Own", "Ann"), ("Given", "Ann")]


def test_stdin_item() -> None:
    [item] = list(iter_items("-", stdin=io.BytesIO(b"Zenki fought.")))
    assert item.name == "stdin" and item.document is not None


def test_dir_sink_writes_and_resumes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    errors: list[str] = []
    items = [row("a", "Alpha."), row("b", "BOOM."), row("c/d", "Gamma.")]
    stats = extract_to_dir(items, out, runner=serial, on_error=errors.append)
    assert (stats.done, stats.skipped, stats.failed) == (2, 0, 1)
    assert errors == ["b: ValueError: exploded"]
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert names == ["a.json", "c/d.json"]
    written = json.loads(output_path(items[0], out, "json").read_text("utf-8"))
    assert written == fake_extract(Document("a", "Alpha.")).to_dict()
    assert not list(out.glob(".*.tmp"))
    again = extract_to_dir(items, out, runner=serial, on_error=errors.append)
    assert (again.done, again.skipped, again.failed) == (0, 2, 1)


def test_jsonl_sink_appends_and_skips_ids(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    first = extract_to_jsonl(list(rows(3)), target, runner=serial)
    with target.open("a", encoding="utf-8") as fh:
        fh.write('{"document": {"id": "half')  # a line cut short by an interruption
    second = extract_to_jsonl(list(rows(5)), target, runner=serial)
    assert (first.done, second.done, second.skipped) == (3, 2, 3)
    lines = target.read_text("utf-8").splitlines()
    assert [json.loads(x)["document"]["id"] for x in lines] == [f"r{i:03d}" for i in range(5)]
    assert jsonl_ids(target) == {f"r{i:03d}" for i in range(5)}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text"])
def test_stream_sink_formats(fmt: Format) -> None:
    out = io.StringIO()
    stats = extract_to_stream(rows(3), out, fmt=fmt, runner=serial)
    assert stats.done == 3
    text = out.getvalue()
    if fmt == "json":
        assert [d["document"]["id"] for d in json.loads(text)] == ["r000", "r001", "r002"]
    elif fmt == "jsonl":
        assert len(text.splitlines()) == 3
    else:
        assert text.count("Document r0") == 3


def test_empty_stream_is_valid_json() -> None:
    out = io.StringIO()
    extract_to_stream(iter([]), out, fmt="json", runner=lambda xs: extract_items(xs, jobs=1))
    assert json.loads(out.getvalue()) == []


def test_safe_name() -> None:
    assert batch_items.safe_name("a/b c:d") == "a_b_c_d"
    assert batch_items.safe_name("..") == "_"
