"""A worker that dies fails only its document; workers never outlive their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from allegiance.batch.items import Item
from allegiance.batch.run import WORKER_DIED, extract_items
from allegiance.model.types import Document, Entity, Extraction


def dying_extract(doc: Document) -> Extraction:
    """A stand-in extractor whose process dies on a text holding DIE (as when killed)."""
    if "DIE" in doc.text:
        os._exit(3)
    return Extraction(document=doc.meta_dict(), entities=[Entity("e1", "Organization", "X")],
                      text=doc.text)


def item(i: int, text: str) -> Item:
    return Item(f"r{i}", f"r{i}", document=Document(f"r{i}", text), row_id=f"r{i}")


#: (case, texts, indexes that fail)
CASES: list[tuple[str, list[str], set[int]]] = [
    ("one death among many", [f"Row {i}." if i != 5 else "DIE now" for i in range(30)], {5}),
    ("first and last", ["DIE"] + [f"Row {i}." for i in range(10)] + ["DIE"], {0, 11}),
    ("none", [f"Row {i}." for i in range(12)], set()),
]


@pytest.mark.parametrize(("case", "texts", "bad"), CASES, ids=[c[0] for c in CASES])
def test_a_dying_worker_fails_its_document_and_the_run_goes_on(
    case: str, texts: list[str], bad: set[int]
) -> None:
    items = [item(i, t) for i, t in enumerate(texts)]
    outcomes = list(extract_items(items, jobs=2, window=2, extractor=dying_extract))
    assert [o.item.name for o in outcomes] == [f"r{i}" for i in range(len(texts))]
    failed = {i for i, o in enumerate(outcomes) if not o.ok}
    assert failed == bad
    for i in bad:
        assert WORKER_DIED in (outcomes[i].error or "")


SCRIPT = textwrap.dedent("""
    import os, sys, time
    from allegiance.batch.items import Item
    from allegiance.batch.run import extract_items
    from allegiance.model.types import Document
    from slow_extractor import slow_extract

    items = (Item(f"r{i}", f"r{i}", document=Document(f"r{i}", f"Row {i}.")) for i in range(50))
    for n, outcome in enumerate(extract_items(items, jobs=2, extractor=slow_extract)):
        if n == 0:
            print("started", flush=True)
""")

SLOW = textwrap.dedent("""
    import os, time
    from allegiance.model.types import Extraction

    def slow_extract(doc):
        with open(os.environ["PIDS_FILE"], "a") as fh:
            fh.write(f"{os.getpid()}\\n")
        time.sleep(2)
        return Extraction(document=doc.meta_dict(), entities=[], text=doc.text)
""")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead: it only waits to be reaped
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_parent(tmp_path: Path, sig: signal.Signals) -> None:
    (tmp_path / "slow_extractor.py").write_text(SLOW, encoding="utf-8")
    (tmp_path / "run.py").write_text(SCRIPT, encoding="utf-8")
    pids_file = tmp_path / "pids"
    env = {**os.environ, "PIDS_FILE": str(pids_file),
           "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    code = ("import signal, runpy; from allegiance.cli.main import _on_sigterm; "
            "signal.signal(signal.SIGTERM, _on_sigterm); runpy.run_path('run.py')")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if pids_file.exists() and len(set(pids_file.read_text().split())) >= 2:
            break
        time.sleep(0.1)
    workers = {int(p) for p in pids_file.read_text().split()}
    assert len(workers) == 2
    proc.send_signal(sig)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(p) for p in workers):
        time.sleep(0.1)
    assert not [p for p in workers if alive(p)]


def sleepy_extract(doc: Document) -> Extraction:
    """A stand-in extractor that takes as many tenths of a second as its text says."""
    time.sleep(float(doc.text) / 10)
    return Extraction(document=doc.meta_dict(), entities=[], text=doc.text)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_over_its_time_budget_fails_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setenv("ALLEGIANCE_MAX_SECONDS", "0.5")
    from allegiance import settings

    monkeypatch.setattr(settings, "MAX_SECONDS", 0.5)
    texts = ["1", "40", "1", "1"]
    outcomes = list(extract_items([item(i, t) for i, t in enumerate(texts)], jobs=jobs,
                                  extractor=sleepy_extract))
    assert [o.ok for o in outcomes] == [True, False, True, True]
    assert "ALLEGIANCE_MAX_SECONDS" in (outcomes[1].error or "")
