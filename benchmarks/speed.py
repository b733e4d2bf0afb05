"""Extraction speed against spaCy's own pipeline on the same texts.

A benchmark run, not a test. Each run is a fresh process, so start-up is included; the
parent reads its CPU time (user + system), wall time and peak memory from the operating
system. For each corpus, spaCy's ``nlp.pipe`` (the same model, all its components) and
``allegiance extract rows.jsonl --jobs 1`` run alternately, ``--pairs`` times, and the CPU
ratio is printed pair by pair with its median. Then ``--jobs 2`` against ``--jobs 1``, and
the time and memory per word of one document at 1x, 4x and 16x its length, with and
without paragraph breaks.

    python benchmarks/speed.py [--pairs 3] [-n 1000] [--only reports|dev] [--skip-jobs]
                               [--skip-linearity] [--linearity-only] [--startup-only] [--jobs-only]
                               [--memory-stages TIMES]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INCIDENTS = SHARED / "data" / "wiki-incidents" / "incidents-dev.jsonl"
DEV = SHARED / "eval" / "dev"
EXAMPLE = ROOT / "src" / "allegiance" / "resources" / "examples" / "zenki-testimony.txt"
BIN = Path(sys.executable).parent

SPACY = """
import json, sys, spacy
from allegiance import settings
nlp = spacy.load(settings.SPACY_MODEL)
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
for doc in nlp.pipe(texts):
    pass
"""


def measure(cmd: list[str]) -> dict[str, float]:
    """CPU s, wall s and peak memory (MB) of one process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "mb": usage.ru_maxrss / 1024}


def write_rows(path: Path, texts: list[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")


def corpora(n: int) -> dict[str, list[str]]:
    reports = [json.loads(x)["text"] for x in INCIDENTS.read_text("utf-8").splitlines() if x.strip()]
    dev = [p.read_text("utf-8") for p in sorted(DEV.glob("*.txt"))]
    return {
        f"{n} short reports": list(itertools.islice(itertools.cycle(reports), n)),
        f"ten dev texts x{n // 10}": list(itertools.islice(itertools.cycle(dev), n)),
    }


def allegiance(rows: Path, out: Path, jobs: int) -> list[str]:
    out.unlink(missing_ok=True)
    return [str(BIN / "allegiance"), "extract", str(rows), "--jobs", str(jobs), "--no-progress", "-o", str(out)]


#: a label and what makes the command line, made anew before each run (it removes the
#: previous run's output, which the next run would otherwise resume)
Run = tuple[str, Callable[[], list[str]]]


def alternate(pairs: int, first: Run, second: Run, figure: str,
              value: Callable[[dict[str, float], dict[str, float]], float],
              note: Callable[[float], str] = lambda v: "") -> None:
    """Run two commands one after the other, ``pairs`` times; print both
    measures and ``value`` of them pair by pair, then its median."""
    values = []
    for k in range(pairs):
        a = measure(first[1]())
        b = measure(second[1]())
        values.append(value(a, b))
        print(f" pair {k + 1}")
        print(row(first[0], a))
        print(row(second[0], b))
        print(f"  {figure} {values[-1]:.2f}{note(values[-1])}")
    print(f" median {figure} {statistics.median(values):.2f}")


def row(label: str, m: dict[str, float]) -> str:
    return f"  {label:<22} cpu {m['cpu']:7.2f} s  wall {m['wall']:7.2f} s  peak {m['mb']:6.0f} MB"


def each_corpus(tmp: Path, n: int, only: str | None) -> Iterator[tuple[str, Path]]:
    """Each corpus (or the one ``only`` names) written as rows, with its name and size."""
    for name, texts in corpora(n).items():
        if only is None or only in name:
            rows = tmp / "rows.jsonl"
            write_rows(rows, texts)
            yield f"{name} ({sum(len(t.split()) for t in texts):,} words)", rows


def against_spacy(tmp: Path, pairs: int, n: int, only: str | None = None) -> None:
    for name, rows in each_corpus(tmp, n, only):
        print(f"\n{name}")
        alternate(pairs, ("spaCy nlp.pipe", lambda: [sys.executable, "-c", SPACY, str(rows)]),
                  ("allegiance --jobs 1", lambda: allegiance(rows, tmp / "out.jsonl", 1)),
                  "CPU ratio", lambda s, a: a["cpu"] / s["cpu"],
                  lambda r: f"  (allegiance at {1 / r:.2f}x spaCy's speed)")


def jobs(tmp: Path, pairs: int, n: int, only: str | None = None) -> None:
    """``--jobs 2`` against ``--jobs 1``, wall time, on each corpus (or ``only`` one)."""
    for name, rows in each_corpus(tmp, n, only):
        print(f"\n--jobs 2 against --jobs 1 on {name}")
        alternate(pairs, ("--jobs 1", lambda: allegiance(rows, tmp / "out.jsonl", 1)),
                  ("--jobs 2 (parent)", lambda: allegiance(rows, tmp / "out.jsonl", 2)),
                  "wall speed-up", lambda one, two: one["wall"] / two["wall"])


ONE_DOC = """
import json, resource, sys, time
from allegiance.model.types import Document
from allegiance.pipeline import extract_document
text = open(sys.argv[1], encoding="utf-8").read()
extract_document(Document("warm", "Ansar al-Islam pledged allegiance to the Islamic State in 2014."))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.process_time()
extract_document(Document("doc", text))
cpu = time.process_time() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cpu": cpu, "grew_mb": (after - before) / 1024, "peak_mb": after / 1024}))
"""


def linearity(tmp: Path) -> None:
    base = EXAMPLE.read_text("utf-8").strip()
    flat = re.sub(r"\s*\n\s*", " ", base)
    print("\none document at 1x, 4x, 16x (extract_document in a fresh process, after a warm-up;"
          " CPU of the extraction alone)")
    for label, text, joiner in (("paragraphs", base, "\n\n"), ("no breaks", flat, " ")):
        for times in (1, 4, 16):
            doc = tmp / f"doc-{times}.txt"
            doc.write_text(joiner.join([text] * times) + "\n", encoding="utf-8")
            out = subprocess.run([sys.executable, "-c", ONE_DOC, str(doc)], capture_output=True, text=True,
                                 check=True).stdout
            m = json.loads(out.strip().splitlines()[-1])
            words = len(text.split()) * times
            print(f"  {label:<10} x{times:<3} {words:6d} words  cpu {m['cpu']:6.2f} s "
                  f"({m['cpu'] / words * 1e3:.3f} ms/word)  peak {m['peak_mb']:5.0f} MB "
                  f"(+{m['grew_mb']:.0f} MB while extracting, {m['grew_mb'] / words * 1e3:.2f} kB/word)")


STAGES = """
import sys, time
def status():
    got = {}
    for line in open("/proc/self/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            got[key] = int(value.split()[0]) / 1024
    return got
def report(stage):
    m = status()
    print(f"  {stage:<38} resident {m['VmRSS']:6.0f} MB  highest so far {m['VmHWM']:6.0f} MB", flush=True)
report("python started")
import spacy
report("spaCy imported")
from allegiance.pipeline import run
from allegiance.pipeline.nlp import load_nlp
load_nlp()
report("model loaded")
run.warm_up()
report("tables built (one short text read)")
from allegiance.model.types import Document
text = open(sys.argv[1], encoding="utf-8").read()
report(f"text read ({len(text):,} characters)")
def after(fn, stage):
    def wrapped(*args, **kwargs):
        result = fn(*args, **kwargs)
        report(stage)
        return result
    return wrapped
run.prepare = after(run.prepare, "curated names found (prepare)")
run.begin = after(run.begin, "model's names read, entities grouped")
run.SentenceReader.finish = after(run.SentenceReader.finish, "sentences read")
run._finish = after(run._finish, "claims merged, ids given")
t = time.process_time()
ex = run.extract_long(Document("doc", text))
print(f"  {len(ex.entities):,} entities, {len(ex.claims):,} claims in {time.process_time() - t:.1f} CPU s")
"""


def memory_stages(tmp: Path, times: int) -> None:
    """The resident memory of one process after each stage of reading one long document
    (the bundled example repeated ``times`` times with its paragraph breaks), read from
    ``/proc/self/status``: where the memory of a long document goes."""
    base = EXAMPLE.read_text("utf-8").strip()
    doc = tmp / "long.txt"
    doc.write_text("\n\n".join([base] * times) + "\n", encoding="utf-8")
    print(f"\nmemory by stage: the example x{times} ({doc.stat().st_size:,} bytes), one process")
    subprocess.run([sys.executable, "-c", STAGES, str(doc)], check=True)


LOAD = """
import spacy
from allegiance import settings
spacy.load(settings.SPACY_MODEL)
"""


def startup(tmp: Path, pairs: int) -> None:
    """Start-up to the first document: ``allegiance extract`` of one short report against
    importing spaCy and loading its model, alternated."""
    first = json.loads(INCIDENTS.read_text("utf-8").splitlines()[0])["text"]
    rows = tmp / "one.jsonl"
    write_rows(rows, [first])
    print("\nstart-up: `allegiance extract` of one short report against spaCy's import and load")
    alternate(pairs, ("spaCy import and load", lambda: [sys.executable, "-c", LOAD]),
              ("allegiance extract", lambda: allegiance(rows, tmp / "one-out.jsonl", 1)),
              "start-up CPU ratio", lambda s, a: a["cpu"] / s["cpu"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--skip-jobs", action="store_true")
    ap.add_argument("--skip-linearity", action="store_true")
    ap.add_argument("--linearity-only", action="store_true")
    ap.add_argument("--startup-only", action="store_true",
                    help="start-up to the first document against spaCy's load, --pairs times")
    ap.add_argument("--jobs-only", action="store_true",
                    help="--jobs 2 against --jobs 1 only (on the corpus --only names, or both)")
    ap.add_argument("--memory-stages", type=int, metavar="TIMES", default=None,
                    help="only the memory after each stage of one document: the example repeated TIMES "
                         "times (4101: about 10 MB)")
    ap.add_argument("--only", choices=["reports", "dev"], default=None,
                    help="compare on one corpus only: the short reports or the dev texts")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if args.memory_stages is not None:
            memory_stages(tmp, max(args.memory_stages, 1))
            return
        if args.linearity_only:
            linearity(tmp)
            return
        if args.startup_only:
            startup(tmp, max(args.pairs, 1))
            return
        if args.jobs_only:
            jobs(tmp, max(args.pairs, 1), args.n, args.only)
            return
        against_spacy(tmp, max(args.pairs, 1), args.n, args.only)
        if not args.skip_jobs:
            jobs(tmp, max(args.pairs, 1), args.n, args.only)
        if not args.skip_linearity:
            linearity(tmp)


if __name__ == "__main__":
    main()
