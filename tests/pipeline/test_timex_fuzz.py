"""A bounded fuzzing run (atheris, coverage-guided) over time normalisation: a fixed number
of runs from a fixed seed, started from real-looking phrases; an exception or a time outside
the text or ending before it starts fails it (see ``fuzz_timex.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from allegiance.pipeline.timex import find_times

HERE = Path(__file__).parent


def problem(log: str) -> str:
    """What the fuzzer found, without its progress lines."""
    noise = ("#", "INFO:", "MS:")
    return "\n".join(ln for ln in log.splitlines() if not ln.startswith(noise))[-4000:]
#: runs in CI; ``python tests/pipeline/fuzz_timex.py -runs=N`` for more
RUNS = 4000

SEEDS = [
    "since early 2014 until the end of June 2015, and in the 1990s",
    "on 3 March 2017 (or 2017-03-04?), between May and July 2013",
    "last year, by the end of August 2014, to this day; mid-2012; spring of 2011",
    "in the summer of 1999 - 2001, late 2016 to early 2017, from 12 to 31 December 2015",
]


@pytest.mark.parametrize("seed", [1, 2])
def test_time_normalisation_survives_fuzzing(tmp_path: Path, seed: int) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, text in enumerate(SEEDS):
        for anchor in (0, 3):
            (corpus / f"seed{n}-{anchor}").write_bytes(bytes([anchor]) + text.encode("utf-8"))
    run = subprocess.run(
        [sys.executable, str(HERE / "fuzz_timex.py"), f"-runs={RUNS}", f"-seed={seed}",
         "-max_len=512", "-len_control=0", "-timeout=30", f"-artifact_prefix={tmp_path}/",
         str(corpus)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "PYTHONHASHSEED": "0"})  # the same runs every time
    assert run.returncode == 0, problem(run.stderr)
    assert f"Done {RUNS} runs" in run.stderr
    assert not list(tmp_path.glob("crash-*"))


#: inputs the fuzzing found, as (text, document date): a time that starts after the
#: document's date and runs up to it ended before it started (fixed: its end is unknown);
#: a range written backwards was kept backwards (fixed: it stays two times)
FIXED: list[tuple[str, str | None]] = [
    ("since early 2014", "1999-12-31"), ("since 2014", "2010"), ("to this day, since 2014", "2010-05"),
    ("from early 2017 - 2001", None), ("early 2017 - 2001", "2016"),
]


@pytest.mark.parametrize(("text", "anchor"), FIXED)
def test_inversions_found_and_fixed(text: str, anchor: str | None) -> None:
    for t in find_times(text, anchor):
        i = t.interval
        assert i.start is None or i.end is None or i.start <= i.end
