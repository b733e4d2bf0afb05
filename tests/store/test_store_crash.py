"""SIGKILL of a writer at any point: the store opens, passes its integrity check, holds
every committed document, and a rerun completes it without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from allegiance.store import Store

N_DOCS = 40

WRITER = textwrap.dedent("""
    import sys
    from allegiance.model.types import Entity, Extraction
    from allegiance.store import Store

    def extraction(i):
        text = f"Liwa Number{i} fought Jaysh Other{i % 5} in Town{i % 3}."
        ents = [Entity("e1", "Organization", f"Liwa Number{i}"),
                Entity("e2", "Organization", f"Jaysh Other{i % 5}"),
                Entity("e3", "Place", f"Town{i % 3}")]
        return Extraction(document={"id": f"d{i}"}, entities=ents, text=text)

    with Store.open(sys.argv[1]) as store:
        for i in range(int(sys.argv[2])):
            result = store.ingest(extraction(i))
            print(f"{i} {int(result.new)}", flush=True)
""")


def writer(tmp_path: Path, db: Path) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, str(script), str(db), str(N_DOCS)], text=True,
                            stdout=subprocess.PIPE, env=env)


@pytest.mark.parametrize("kill_after", [0, 1, 7, 23])
def test_sigkill_mid_ingest_then_rerun(tmp_path: Path, kill_after: int) -> None:
    db = tmp_path / "s.db"
    proc = writer(tmp_path, db)
    assert proc.stdout is not None
    committed = 0
    for _ in range(kill_after):
        if not proc.stdout.readline():
            break
        committed += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    if db.exists():
        with Store.open(db) as s:
            assert s.one("PRAGMA integrity_check")[0] == "ok"
            assert s.counts()["documents"] >= committed
    rerun = writer(tmp_path, db)
    out, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    assert len(out.splitlines()) == N_DOCS
    with Store.open(db, readonly=True) as s:
        assert s.one("PRAGMA integrity_check")[0] == "ok"
        assert s.counts()["documents"] == N_DOCS
        ids = [r[0] for r in s.all("SELECT id FROM documents")]
        assert sorted(ids) == sorted(f"d{i}" for i in range(N_DOCS))
        assert s.one("SELECT count(*) FROM entities")[0] == 3 * N_DOCS
