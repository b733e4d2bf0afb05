"""Time and peak memory of exporting a store to every format, each in its own process.

    python benchmarks/export_speed.py --db big.db [--formats csv,events,...] [--out DIR]

Make the store with ``benchmarks/make_store.py`` (``make bigstore``). Prints one JSON line
per format: wall and CPU seconds (CPU time is what a busy machine does not
inflate; with a large store the export reads in a second process, ``export.parallel``,
and ``cpu_seconds`` is both processes', ``reader_cpu_seconds`` the reading one's), peak
resident memory of the larger process (MB), output size (MB), records written.
``--split off`` exports in one process (as for a small store).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["csv", "events", "graphml", "gexf", "ftm", "stix", "jsonl"]

CHILD = """
import resource, sys, time
sys.path.insert(0, {src!r})
from allegiance.export import export, exporter, format_class
from allegiance.store import Store
fmt, db, out, split = sys.argv[1:5]
t0 = time.perf_counter()
with Store.open(db, readonly=True) as store:
    how = None if split == "auto" else split == "on"
    if format_class(fmt).needs_path:
        n = export(store, exporter(fmt, out), split=how)
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            n = export(store, exporter(fmt, fh), split=how)
ru = resource.getrusage(resource.RUSAGE_SELF)
rc = resource.getrusage(resource.RUSAGE_CHILDREN)
print(n, time.perf_counter() - t0, ru.ru_utime + ru.ru_stime, rc.ru_utime + rc.ru_stime,
      max(ru.ru_maxrss, rc.ru_maxrss))
"""


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--out", default=None, help="folder for the outputs (default: a temp dir)")
    ap.add_argument("--split", choices=["auto", "on", "off"], default="auto",
                    help="read in a second process: auto (for a large store), on, off")
    args = ap.parse_args()
    out_dir = Path(args.out or tempfile.mkdtemp(prefix="allegiance-export-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    code = CHILD.format(src=str(ROOT / "src"))
    for fmt in args.formats.split(","):
        target = out_dir / (f"{fmt}.zip" if fmt == "csv" else f"export.{fmt}")
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code, fmt, args.db, str(target), args.split],
                              check=True, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        n, inside, cpu, reader_cpu, rss_kb = done.stdout.split()
        print(json.dumps({
            "format": fmt, "seconds": round(wall, 1), "export_seconds": round(float(inside), 1),
            "cpu_seconds": round(float(cpu) + float(reader_cpu), 1),
            "reader_cpu_seconds": round(float(reader_cpu), 1),
            "peak_mb": round(int(rss_kb) / 1024), "output_mb": round(size(target) / 2**20, 1),
            "records": int(n),
        }), flush=True)
        if args.out is None:
            os.unlink(target)


if __name__ == "__main__":
    main()
