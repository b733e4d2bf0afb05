"""The process ends with the command's code, its output whole and its exit handlers run,
whether or not the command allowed the quick exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: a program that registers an exit handler, optionally allows the quick exit, writes a
#: large buffered output and leaves with a code
PROGRAM = """
import atexit, sys
from pathlib import Path
from allegiance.cli.leave import allow_quick_exit, leave
atexit.register(lambda: Path(sys.argv[1]).write_text("handler ran"))
if sys.argv[2] == "quick":
    allow_quick_exit()
sys.stdout.write("x" * 200000 + "\\nend\\n")
leave(int(sys.argv[3]))
"""

CASES = [("quick", 0), ("quick", 2), ("usual", 0), ("usual", 1)]


@pytest.mark.parametrize(("mode", "code"), CASES)
def test_leave_keeps_output_handlers_and_code(tmp_path: Path, mode: str, code: int) -> None:
    marker = tmp_path / "marker"
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(marker), mode, str(code)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == code
    assert done.stdout.endswith("x\nend\n") and len(done.stdout) == 200005
    assert marker.read_text() == "handler ran"


def _rows(path: Path, n: int) -> None:
    texts = ["Ansar al-Islam pledged allegiance to the Islamic State in 2014.",
             "The Islamic State claimed the bombing in Baghdad on 3 July 2016."]
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": texts[i % 2]}) + "\n" for i in range(n)))


@pytest.mark.parametrize("to_file", [True, False])
def test_extract_output_is_whole_after_the_quick_exit(tmp_path: Path, to_file: bool) -> None:
    rows = tmp_path / "rows.jsonl"
    _rows(rows, 6)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "allegiance", "extract", str(rows), "--jobs", "1", "--no-progress"]
    done = subprocess.run(cmd + (["-o", str(out)] if to_file else []), capture_output=True,
                          text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text = out.read_text("utf-8") if to_file else done.stdout
    lines = [json.loads(line) for line in text.splitlines()]
    assert [line["document"]["id"] for line in lines] == [f"r{i}" for i in range(6)]
    assert "6 done" in done.stderr


def test_a_failed_row_still_gives_its_exit_code(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    _rows(rows, 2)
    with rows.open("a") as fh:
        fh.write("{not json\n")
    done = subprocess.run([sys.executable, "-m", "allegiance", "extract", str(rows), "--jobs", "1",
                           "--no-progress"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 1
    assert len(done.stdout.splitlines()) == 2
    assert "1 failed" in done.stderr
