"""SIGKILL of ``allegiance ingest`` (1 and 2 jobs) at a random point: the store opens,
passes its integrity check and ``check``, holds every document committed before the kill,
no worker outlives the parent, and a rerun completes it without duplicates."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from allegiance.store import Store
from allegiance.store.check import check

#: rows enough for several batches (64 documents each): the kill lands while later ones
#: are still being extracted, not after the last commit
N_ROWS = 200
WORDS = ["Haqq", "Nasr", "Fath", "Tawhid", "Furqan", "Ansar", "Shuhada", "Ahrar", "Quds", "Umma"]


def rows_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N_ROWS):
            text = (f"Abu {WORDS[i % 10]} al-Halabi joined Liwa al-{WORDS[(i + 3) % 10]} in "
                    f"March 201{i % 10}. The group later fought Jaysh al-Izza near Hama. "
                    f"Report {i}.")
            fh.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
    return path


def stored(db: Path) -> set[str]:
    if not db.exists():
        return set()
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return {str(r[0]) for r in conn.execute("SELECT id FROM documents")}
        finally:
            conn.close()
    except sqlite3.Error:  # the store is still being made
        return set()


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            ppid = next((ln.split()[1] for ln in status.splitlines() if ln.startswith("PPid:")), "")
            if ppid == str(pid):
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def ingest(rows: Path, db: Path, jobs: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "allegiance", "ingest", str(rows), "--db", str(db),
         "--jobs", str(jobs)],
        text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("jobs", [1, 2])
def test_sigkill_of_ingest_then_rerun(tmp_path: Path, jobs: int) -> None:
    rng = random.Random(jobs)
    rows = rows_file(tmp_path / "rows.jsonl")
    db = tmp_path / "s.db"
    proc = ingest(rows, db, jobs)
    target = rng.randint(1, N_ROWS // 2)
    deadline = time.monotonic() + 240
    committed: set[str] = set()
    while len(committed) < target and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        committed = stored(db)
    workers = children(proc.pid)
    time.sleep(rng.uniform(0, 0.3))  # somewhere in a later document
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it was killed"
    assert len(committed) >= target
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(p) for p in workers):
        time.sleep(0.1)
    assert not [p for p in workers if alive(p)]
    with Store.open(db) as s:
        assert s.one("PRAGMA integrity_check")[0] == "ok"
        assert [p.line() for p in check(s.conn)] == []
        assert committed <= {str(r[0]) for r in s.all("SELECT id FROM documents")}
    rerun = ingest(rows, db, jobs)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert "0 failed" in out + err
    with Store.open(db, readonly=True) as s:
        ids = sorted(str(r[0]) for r in s.all("SELECT id FROM documents"))
        assert ids == sorted(f"r{i}" for i in range(N_ROWS))  # each once, no new version
        assert [p.line() for p in check(s.conn)] == []
