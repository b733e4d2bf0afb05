"""Extraction on a local two-worker Dask cluster equals the single-process run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from allegiance.batch.cluster import dask_runner, extract_on_dask
from allegiance.batch.items import Item, iter_items
from allegiance.batch.run import extract_items
from allegiance.batch.sinks import extract_to_dir
from allegiance.cli.main import cli
from allegiance.errors import InputError
from allegiance.model.types import Document, Entity, Extraction

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow

REPORTS = [
    "In June 2014 the Islamic State captured Mosul from the Iraqi army.",
    "Jabhat al-Nusra fought the Islamic State in Deir ez-Zor in 2014.",
    "Abu Muhammad al-Julani is the leader of Jabhat al-Nusra.",
    "Ansar al-Islam pledged allegiance to the Islamic State in August 2014.",
    "Gunmen attacked a checkpoint near Kirkuk; the Islamic State claimed responsibility.",
]


def fake_extract(doc: Document) -> Extraction:
    if "BOOM" in doc.text:
        raise ValueError("exploded")
    names = sorted({w.strip(".,;") for w in doc.text.split() if w[:1].isupper()})
    entities = [Entity(f"e{i}", "Organization", n) for i, n in enumerate(names, 1)]
    return Extraction(document=doc.meta_dict(), entities=entities, text=doc.text)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def rows_file(tmp_path: Path, n: int = 23) -> Path:
    path = tmp_path / "rows.jsonl"
    lines = [json.dumps({"id": f"r{i:02d}", "text": REPORTS[i % len(REPORTS)] + f" ({i})"})
             for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_stand_in_partitions_keep_order(client: Any, tmp_path: Path) -> None:
    items = list(iter_items(rows_file(tmp_path)))
    serial = [
        o.extraction.to_dict()
        for o in extract_items(items, jobs=1, extractor=fake_extract)
        if o.extraction
    ]
    got = list(
        extract_on_dask(items, client, partition_size=3, max_partitions=2, extractor=fake_extract)
    )
    assert got == serial
    assert [d["document"]["id"] for d in got] == [f"r{i:02d}" for i in range(23)]


def test_failures_reported_or_raised(client: Any) -> None:
    docs = [Document("a", "Alpha."), Document("b", "BOOM."), Document("c", "Gamma.")]
    errors: list[str] = []
    got = list(extract_on_dask(docs, client, extractor=fake_extract, on_error=errors.append))
    assert [d["document"]["id"] for d in got] == ["a", "c"]
    assert errors == ["b: ValueError: exploded"]
    with pytest.raises(InputError):
        list(extract_on_dask(docs, client, extractor=fake_extract))


def test_pipeline_on_cluster_equals_single_process(client: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(REPORTS):
        (folder / f"report-{i}.txt").write_text(text, encoding="utf-8")
    rows = rows_file(tmp_path, n=7)
    inputs: list[Item | str | Path] = [folder, str(rows)]
    serial = []
    for path in inputs:
        for o in extract_items(iter_items(path), jobs=1):
            assert o.extraction is not None, o.error
            serial.append(o.extraction.to_dict())
    on_dask = list(extract_on_dask(inputs, client, partition_size=2))
    assert len(serial) == 12
    assert on_dask == serial


def test_dir_sink_on_dask_runner(client: Any, tmp_path: Path) -> None:
    items = list(iter_items(rows_file(tmp_path, n=6)))
    local = extract_to_dir(
        items, tmp_path / "a", runner=lambda xs: extract_items(xs, jobs=1, extractor=fake_extract)
    )
    on_dask = dask_runner(client, extractor=fake_extract)
    remote = extract_to_dir(items, tmp_path / "b", runner=on_dask)
    assert (local.done, remote.done) == (6, 6)
    for p in (tmp_path / "a").iterdir():
        assert (tmp_path / "b" / p.name).read_text("utf-8") == p.read_text("utf-8")


def test_cli_dask_option_writes_the_same_files(client: Any, tmp_path: Path) -> None:
    rows = rows_file(tmp_path, n=5)
    outs = {}
    for name, extra in (("local", ["--jobs", "1"]), ("dask", ["--dask", client.scheduler.address])):
        out = tmp_path / name
        result = CliRunner(mix_stderr=False).invoke(
            cli, ["extract", str(rows), "--out", str(out), *extra]
        )
        assert result.exit_code == 0, result.stderr
        outs[name] = {p.name: p.read_text("utf-8") for p in out.iterdir()}
    assert len(outs["local"]) == 5
    assert outs["dask"] == outs["local"]
