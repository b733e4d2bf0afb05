"""A bounded fuzzing run (atheris, coverage-guided) over the readers: a fixed number of
runs from a fixed seed, started from a few real-looking inputs; any exception but
InputError, or a broken property, fails it (``fuzz_readers.py`` says what must hold)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from allegiance.ingest import read_text

HERE = Path(__file__).parent


def problem(log: str) -> str:
    """What the fuzzer found, without its progress lines."""
    noise = ("#", "INFO:", "MS:")
    return "\n".join(ln for ln in log.splitlines() if not ln.startswith(noise))[-4000:]
#: runs of each target in CI; ``python tests/ingest/fuzz_readers.py -runs=N`` for more
RUNS = 2000

#: seed inputs: the first byte picks the format (text, markdown, html, jsonl, csv)
SEEDS = [
    b"\x00Abu Obeida joined Ansar al-Islam in 2003.\n\nDate: 2015-03-18\n* a note",
    b"\x01---\ntitle: T\ndate: 2016-01-10\n---\n# Head\n\n1. first *item*\n2. [x](y)\n",
    b"\x02<html><head><title>T</title></head><body><div><p>One <b>two</b></p>"
    b"<blockquote>said</blockquote></div></body></html>",
    b'\x03{"id": "a", "text": "Liwa al-Haqq fought.", "date": "2017-02-30"}\n[1]\n{"id": 2}\n',
    b'\x04id,text,date\na,"quoted, text",2015\nb,"unclosed\nc,three,fields,here\n',
    b"\x00\xe3\xf1\xc7\xe1 \xc7\xe1\xd3\xe1\xc7\xe3 2014",  # Windows-1256
]


@pytest.mark.parametrize("seed", [1])
def test_readers_survive_fuzzing(tmp_path: Path, seed: int) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, data in enumerate(SEEDS):
        (corpus / f"seed{n}").write_bytes(data)
    run = subprocess.run(
        [sys.executable, str(HERE / "fuzz_readers.py"), f"-runs={RUNS}", f"-seed={seed}",
         "-max_len=2048", "-len_control=0", "-timeout=30", "-rss_limit_mb=3072",
         f"-artifact_prefix={tmp_path}/", str(corpus)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "PYTHONHASHSEED": "0"})  # the same runs every time
    assert run.returncode == 0, problem(run.stderr)
    assert f"Done {RUNS} runs" in run.stderr
    assert not list(tmp_path.glob("crash-*"))


#: inputs the fuzzing found, as (case, HTML, text expected): control characters in a page
#: made lxml raise ValueError where the reader sets a text
FOUND = [
    ("control character in a quote", "<html><body><div><p>x</p><blockquote>sai\x02<p>y</p>"
     "</blockquote></div></body></html>", "x\n\nsai\n\ny"),
    ("control character in a list item", "<html><body><ol><li>\x01a</li></ol></body></html>",
     "1. a"),
    ("escape in a paragraph", "<html><body><p>One \x1btwo</p></body></html>", "One two"),
]


@pytest.mark.parametrize(("case", "page", "text"), FOUND, ids=[f[0] for f in FOUND])
def test_inputs_found_by_fuzzing(case: str, page: str, text: str) -> None:
    assert read_text(page, doc_id="x", fmt="html").text == text
