"""Batch throughput: texts/s and words/s with --jobs 1 and --jobs 2, and peak memory.

A benchmark run, not a test. The corpus (default 10,000 texts) is either short event
reports generated from templates (groups, places, verbs and dates drawn from lists), the
real incident reports of ../shared/data/wiki-incidents/incidents-dev.jsonl repeated, or
both alternating (``--source mixed``, the default). Each jobs setting runs in a fresh
Python process through the batch library (the same path as ``allegiance extract rows.jsonl``),
so model loading is included and peak memory is per run.

    python benchmarks/throughput.py [-n 10000] [--source mixed|templates|incidents]
                                    [--jobs 1 2] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INCIDENTS = ROOT.parent / "shared" / "data" / "wiki-incidents" / "incidents-dev.jsonl"

GROUPS = [
    "the Islamic State", "Jabhat al-Nusra", "Hay'at Tahrir al-Sham", "Ansar al-Islam",
    "Ahrar al-Sham", "al-Qaeda in Iraq", "the Haqqani network", "al-Shabaab", "Boko Haram",
    "Jaysh al-Islam", "Harakat Nour al-Din al-Zenki", "Kata'ib Hezbollah", "JRTN",
    "the Free Syrian Army", "Jund al-Aqsa", "Hurras al-Din", "Liwa al-Tawhid",
]
PEOPLE = [
    "Abu Bakr al-Baghdadi", "Abu Muhammad al-Julani", "Abu Musab al-Zarqawi",
    "Abu Omar al-Shishani", "Abu Abdullah al-Shafi'i", "Hassan Aboud", "Zahran Alloush",
    "Abu Jaber al-Sheikh", "Tawfiq Shahabuddin",
]
PLACES = [
    "Mosul", "Raqqa", "Deir ez-Zor", "Kirkuk", "Idlib", "Aleppo", "Fallujah", "Ramadi",
    "Tal Afar", "al-Bab", "Manbij", "Douma", "Halabja", "Ninawa", "Diyala", "Hama", "Homs",
]
DATES = [
    "in June 2014", "on 10 June 2014", "in early 2013", "at the end of August 2014",
    "in 2015", "last week", "in March 2012", "in the summer of 2016", "on 4 January 2017",
    "in late 2018", "in April 2013",
]
TEMPLATES = [
    "{date} {group} attacked a checkpoint in {place}, killing {n} soldiers.",
    "{person}, a commander of {group}, was killed in an airstrike near {place} {date}.",
    "{group} captured {place} {date} after clashes with {group2}.",
    "{date} {group} pledged allegiance to {group2}, according to a statement.",
    "Fighters of {group} clashed with {group2} in {place} {date}; {n} people were killed.",
    "{person} left {group} and joined {group2} {date}.",
    "A car bomb exploded in {place} {date}. {group} claimed responsibility for the attack.",
    "{group} is reported to be active in {place}, where it fought {group2} {date}.",
    "{date} security forces arrested {person}, an official of {group}, in {place}.",
    "{group} and {group2} merged {date} to form a new coalition based in {place}.",
]


def template_texts(rng: random.Random) -> Iterator[str]:
    """Endless short event reports from the templates and lists above."""
    while True:
        a, b = rng.sample(GROUPS, 2)
        text = rng.choice(TEMPLATES).format(
            group=a, group2=b, person=rng.choice(PEOPLE), place=rng.choice(PLACES),
            date=rng.choice(DATES), n=rng.randint(2, 40),
        )
        yield text[0].upper() + text[1:]


def incident_texts() -> Iterator[str]:
    """The incident reports, repeated without end."""
    texts = [json.loads(x)["text"] for x in INCIDENTS.read_text("utf-8").splitlines() if x.strip()]
    while True:
        yield from texts


def write_corpus(path: Path, n: int, source: str) -> int:
    """Write ``n`` texts as JSONL rows; return the number of words."""
    rng = random.Random(7)
    gens: list[Iterator[str]] = []
    if source in ("templates", "mixed"):
        gens.append(template_texts(rng))
    if source in ("incidents", "mixed"):
        if not INCIDENTS.exists():
            raise SystemExit(f"{INCIDENTS} not found; use --source templates")
        gens.append(incident_texts())
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = next(gens[i % len(gens)])
            words += len(text.split())
            fh.write(json.dumps({"id": f"t{i:05d}", "text": text}, ensure_ascii=False) + "\n")
    return words


def run_once(data: Path, jobs: int) -> dict[str, float]:
    """Extract every row of ``data`` with ``jobs`` processes (in this process)."""
    from allegiance.batch import extract_items, iter_items

    start = time.perf_counter()
    done = failed = 0
    for outcome in extract_items(iter_items(data), jobs=jobs):
        if outcome.ok:
            done += 1
        else:
            failed += 1
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "jobs": jobs, "seconds": seconds, "done": done, "failed": failed,
        "peak_rss_mb_parent": own / 1024, "peak_rss_mb_largest_child": children / 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of texts")
    ap.add_argument("--source", choices=["mixed", "templates", "incidents"], default="mixed")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--run", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run is not None:  # one measurement, in a fresh process
        print(json.dumps(run_once(args.run, args.jobs[0])))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        words = write_corpus(data, args.n, args.source)
        results = []
        for jobs in args.jobs:
            cmd = [sys.executable, __file__, "--run", str(data), "--jobs", str(jobs)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            r["texts_per_s"] = args.n / r["seconds"]
            r["words_per_s"] = words / r["seconds"]
            results.append(r)
    base = results[0]["seconds"]
    print(f"{args.n} texts ({args.source}), {words} words")
    print(f"{'jobs':>4} {'seconds':>8} {'texts/s':>8} {'words/s':>9} {'speed-up':>8} "
          f"{'failed':>6} {'parent MB':>9} {'child MB':>8}")
    for r in results:
        print(f"{r['jobs']:>4} {r['seconds']:>8.1f} {r['texts_per_s']:>8.1f} "
              f"{r['words_per_s']:>9.0f} {base / r['seconds']:>7.2f}x {r['failed']:>6} "
              f"{r['peak_rss_mb_parent']:>9.0f} {r['peak_rss_mb_largest_child']:>8.0f}")
    report = {"texts": args.n, "words": words, "source": args.source, "runs": results}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
