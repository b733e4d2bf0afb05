"""Question latency on a large store (made by benchmarks/make_store.py): p50 and p95 of
``timeline NAME``, ``at DATE --around NAME``, ``path A B`` and ``search TEXT``, each run
through the library as the CLI runs it, plus the process's peak memory.

Each question's CPU time is kept beside its wall time (p50/p95 of each), so a run on a
shared machine still says what the question costs.

Names are drawn as analysts ask: half from the most connected entities (the groups in most
claims), half at random; dates at random over the store's years.

    python benchmarks/store_queries.py --db big.db [--runs 40] [--json FILE]
    python benchmarks/store_queries.py --db postgresql://...
    python benchmarks/store_queries.py --db big.db --answers FILE

``--answers`` writes, instead of timings, one line per answer of the same draw (``at``
plain, with ``known_by`` and with ``depth=2``; timelines with a window, a predicate and
``known_by``; paths with and without ``at``; one- and two-word searches): the question and
the SHA-256 of its JSON answer, so two versions of the code are compared answer for answer
(``diff`` of the two files).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allegiance.query.at import snapshot  # noqa: E402
from allegiance.query.paths import path  # noqa: E402
from allegiance.query.search import search  # noqa: E402
from allegiance.query.timeline import fact_timeline  # noqa: E402
from allegiance.store import Store  # noqa: E402

#: a timeline shows this many facts at a time (the CLI's default page)
TIMELINE_LIMIT = 200


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _names(store: Store, rng: random.Random, n: int) -> list[str]:
    top = [
        str(r[0])
        for r in store.all(
            "SELECT subject_id FROM facts WHERE subject_id IS NOT NULL GROUP BY subject_id "
            "ORDER BY count(*) DESC LIMIT 50"
        )
    ]
    some = [
        str(r[0])
        for r in store.all("SELECT id FROM canonical_entities ORDER BY id LIMIT 5000")
    ]
    return [rng.choice(top) if i % 2 == 0 else rng.choice(some) for i in range(n)]


def _time(fn: Callable[[], object], cpu: list[float]) -> float:
    """Wall milliseconds of ``fn()``; its CPU milliseconds appended to ``cpu``."""
    c0 = time.process_time()
    t0 = time.perf_counter()
    fn()
    wall = (time.perf_counter() - t0) * 1000
    cpu.append((time.process_time() - c0) * 1000)
    return wall


def run(db: str, runs: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    out: dict[str, object] = {"db": db, "runs": runs}
    with Store.open(db, create=False) as store:
        names = _names(store, rng, runs * 2)
        words = [
            str(r[0]).split()[-1]
            for r in store.all("SELECT name FROM canonical_entities ORDER BY id LIMIT 2000")
        ]
        dates = [f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}" for _ in range(runs)]
        kinds = ("timeline", "at_around", "path", "search")
        timings: dict[str, list[float]] = {k: [] for k in kinds}
        cpu: dict[str, list[float]] = {k: [] for k in kinds}
        for i in range(runs):
            a, b = names[2 * i], names[2 * i + 1]
            timings["timeline"].append(
                _time(lambda: list(fact_timeline(store, a, limit=TIMELINE_LIMIT)),
                      cpu["timeline"])
            )
            timings["at_around"].append(
                _time(lambda: snapshot(store, dates[i], around=a), cpu["at_around"])
            )
            timings["path"].append(_time(lambda: path(store, a, b, max_depth=4), cpu["path"]))
            w = rng.choice(words)
            timings["search"].append(_time(lambda: search(store, w), cpu["search"]))
        for k, v in timings.items():
            out[k] = {"p50_ms": round(statistics.median(v), 1), "p95_ms": round(_p(v, 0.95), 1),
                      "cpu_p50_ms": round(statistics.median(cpu[k]), 1),
                      "cpu_p95_ms": round(_p(cpu[k], 0.95), 1)}
        out["facts"] = int(store.one("SELECT count(*) FROM facts")[0])
        out["claims"] = int(store.one("SELECT count(*) FROM claims")[0])
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 1)
    out["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def answers(db: str, runs: int, seed: int) -> Iterator[str]:
    """Every answer of the draw, one line each: the question and the SHA-256 of its
    answer's JSON (sorted keys), so two versions of the code are compared answer for answer
    without holding thousands of facts in memory."""
    rng = random.Random(seed)

    def line(question: list[object], answer: object) -> str:
        text = json.dumps(answer, sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return json.dumps(question, sort_keys=True) + f" {digest}"

    with Store.open(db, create=False) as store:
        names = _names(store, rng, runs * 2)
        words = [
            str(r[0]).split()
            for r in store.all("SELECT name FROM canonical_entities ORDER BY id LIMIT 2000")
        ]
        dates = [f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}" for _ in range(runs)]
        for i in range(runs):
            a, b, day = names[2 * i], names[2 * i + 1], dates[i]
            later = f"{int(day[:4]) + 3}-06-30"
            for kw in ({}, {"known_by": later}, {"depth": 2}):
                snap = snapshot(store, day, around=a, **kw)  # type: ignore[arg-type]
                yield line(["at", a, day, kw], snap.to_dict())
            for tkw in ({}, {"from_": day, "to": later}, {"predicate": "member_of"},
                        {"known_by": later}):
                found = fact_timeline(store, a, limit=TIMELINE_LIMIT, **tkw)  # type: ignore[arg-type]
                yield line(["timeline", a, tkw], [f.to_dict() for f in found])
            for pkw in ({}, {"at": day}):
                yield line(["path", a, b, pkw],
                           path(store, a, b, max_depth=4, **pkw).to_dict())  # type: ignore[arg-type]
            w = rng.choice(words)
            for text in (w[-1], " ".join(w[-2:])):
                yield line(["search", text], [h.to_dict() for h in search(store, text)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--json", default=None)
    ap.add_argument("--answers", default=None,
                    help="write every answer of the draw to this file instead of timing")
    args = ap.parse_args(argv)
    if args.answers:
        n = 0
        with open(args.answers, "w", encoding="utf-8") as out:
            for n, text in enumerate(answers(args.db, args.runs, args.seed), 1):
                print(text, file=out, flush=True)
        print(f"{n} answers written to {args.answers}")
        return 0
    result = json.dumps(run(args.db, args.runs, args.seed), indent=2)
    print(result)
    if args.json:
        Path(args.json).write_text(result + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
