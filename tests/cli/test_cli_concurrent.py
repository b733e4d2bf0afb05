"""Two `allegiance ingest` processes over overlapping inputs into one store: both succeed,
nothing is lost, nothing is stored twice, no `database is locked` or UNIQUE failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from allegiance.store import Store

RUNNER = textwrap.dedent("""
    import sys
    from allegiance.batch import run as batch_run
    from allegiance.cli.main import main
    from allegiance.model.types import Entity, Extraction

    def fake_extract(doc):
        names = sorted({w.strip(".,") for w in doc.text.split() if w[:1].isupper()})
        ents = [Entity(f"e{i}", "Organization", n) for i, n in enumerate(names, 1)]
        return Extraction(document=doc.meta_dict(), entities=ents, text=doc.text)

    batch_run.default_extractor = fake_extract
    sys.exit(main(sys.argv[1:]))
""")


def rows(path: Path, ids: range) -> Path:
    lines = [json.dumps({"id": f"r{i}", "text": f"Liwa Number{i} met Jaysh Other{i % 9}."})
             for i in ids]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: (case, rows of the first input, rows of the second)
OVERLAPS = [
    ("same input", range(0, 150), range(0, 150)),
    ("half shared", range(0, 150), range(75, 225)),
]


@pytest.mark.parametrize(("case", "first", "second"), OVERLAPS, ids=[c[0] for c in OVERLAPS])
def test_overlapping_ingests_both_succeed(tmp_path: Path, case: str, first: range,
                                          second: range) -> None:
    script = tmp_path / "runner.py"
    script.write_text(RUNNER, encoding="utf-8")
    db = tmp_path / "s.db"
    a, b = rows(tmp_path / "a.jsonl", first), rows(tmp_path / "b.jsonl", second)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, str(script), "ingest", str(f), "--db", str(db),
                               "--jobs", "1", "--no-progress"], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in (a, b)]
    results = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
        assert "0 failed" in out and err == ""
    wanted = set(first) | set(second)
    new = sum(int(out.split()[1]) for out, _ in results)
    assert new == len(wanted)
    with Store.open(db, readonly=True) as s:
        ids = [r[0] for r in s.all("SELECT id FROM documents")]
        assert sorted(ids) == sorted(f"r{i}" for i in wanted)
        assert s.one("PRAGMA integrity_check")[0] == "ok"
