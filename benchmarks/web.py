"""Workbench speed on a large store: each page's time to first byte (p50, p95) over repeated
requests, and the network view of one group and its neighbours at a date drawn in Chromium:
from navigation start to the first frame painted with the graph, on a first visit (a new
browser profile each run) and a repeat visit, with each phase (HTML first byte, scripts run,
data in hand, elements placed, drawn), median and p95, and the CPU the browser used.

    python benchmarks/web.py --db big.db [--requests 40] [--draws 10] [--draws-only]
                             [--entity NAME] [--at YYYY-MM]

The server runs in this process on a loopback port; the browser is Debian's Chromium.
Prints a JSON summary (and writes it to --json if given).
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allegiance.store import Store  # noqa: E402
from allegiance.web import Secrets, create_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def busiest_group(db: str) -> tuple[str, str]:
    """The group with the most facts as subject: the hardest network to draw."""
    with Store.open(db, create=False) as s:
        row = s.one("SELECT f.subject_id, c.name FROM facts f JOIN canonical_entities c "
                    "ON c.id = f.subject_id WHERE c.type = 'Organization' "
                    "GROUP BY f.subject_id ORDER BY count(*) DESC LIMIT 1")
        assert row is not None, "the store has no facts about groups"
        return str(row[0]), str(row[1])


def a_document(db: str) -> str:
    with Store.open(db, create=False) as s:
        row = s.one("SELECT id FROM documents ORDER BY id LIMIT 1")
        assert row is not None, "the store has no documents"
        return str(row[0])


def first_byte(port: int, path: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.perf_counter()
    conn.request("GET", path)
    resp = conn.getresponse()
    elapsed = time.perf_counter() - t0
    resp.read()
    conn.close()
    if resp.status != 200:
        raise SystemExit(f"{path}: HTTP {resp.status}")
    return elapsed


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def serve(db: str) -> tuple[int, Any]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(db, secrets=Secrets()), host="127.0.0.1",
                                           port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return port, server


#: what the network page records (performance marks, in ms from navigation start) and the
#: navigation's own timings, read after each draw
PHASES_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const mark = name => { const m = performance.getEntriesByName(name, 'mark')[0];
                         return m ? m.startTime : null; };
  const twin = performance.getEntriesByType('resource').filter(r => r.name.includes('/network.json'));
  return {html_first_byte: nav.responseStart, html_done: nav.responseEnd,
          scripts_run: mark('network-script'), data: mark('network-data'),
          laid_out: mark('network-laid-out'), drawn: mark('network-drawn'),
          data_requests: twin.length,
          data_done: twin.length ? twin[0].responseEnd : null,
          edges: Number(document.getElementById('cy').dataset.edges)};
}"""


def _browser_cpu(root: int) -> float:
    """CPU seconds used so far by the processes below ``root`` (the browser and its driver)."""
    import psutil

    total = 0.0
    for child in psutil.Process(root).children(recursive=True):
        try:
            t = child.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def draw_times(port: int, path: str, runs: int, fresh: bool) -> list[dict[str, float]]:
    """Navigation start to the graph drawn (the page's ``network-drawn`` mark: the first frame
    painted with the graph's elements), ``runs`` times. ``fresh``: a new browser profile each
    time (a first visit: nothing cached); else one profile, after two visits that fill its
    caches (a repeat visit: scripts from the cache, their compiled code reused)."""
    import os

    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = None if fresh else browser.new_context(viewport={"width": 1280, "height": 860})

        def visit(ctx: Any) -> dict[str, float]:
            page = ctx.new_page()
            page.set_default_timeout(120000)
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}{path}")
            page.wait_for_selector("#cy[data-ready='1']", state="attached")
            wall = time.perf_counter() - t0
            phases: dict[str, float] = page.evaluate(PHASES_JS)
            page.close()
            return {**phases, "wall": wall * 1000}

        if context is not None:
            for _ in range(2):
                visit(context)
        for _ in range(runs):
            ctx = context or browser.new_context(viewport={"width": 1280, "height": 860})
            cpu0, t0 = _browser_cpu(os.getpid()), time.process_time()
            run = visit(ctx)
            run["browser_cpu_ms"] = (_browser_cpu(os.getpid()) - cpu0) * 1000
            run["server_cpu_ms"] = (time.process_time() - t0) * 1000
            if context is None:
                ctx.close()
            out.append(run)
        browser.close()
    return out


def load_average() -> str:
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def summary(draws: list[dict[str, float]]) -> dict[str, Any]:
    """Median and p95 of each phase (ms from navigation start) over the runs."""
    out: dict[str, Any] = {"runs": len(draws), "edges": draws[0]["edges"],
                           "data_requests": max(d["data_requests"] for d in draws)}
    for key in ("html_first_byte", "scripts_run", "data_done", "data", "laid_out", "drawn",
                "wall", "browser_cpu_ms", "server_cpu_ms"):
        values = [d[key] for d in draws if d.get(key) is not None]
        if values:
            out[key] = {"median": round(statistics.median(values)),
                        "p95": round(p95(values))}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--entity", default=None, help="group for the network (default: busiest)")
    ap.add_argument("--at", default="2014-06")
    ap.add_argument("--draws", type=int, default=10, help="network draws of each kind")
    ap.add_argument("--draws-only", action="store_true", help="skip the first-byte timings")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    if args.entity:
        with Store.open(args.db, create=False) as s:
            from allegiance.resolve.lookup import find

            gid, gname = find(s.conn, args.entity), args.entity
    else:
        gid, gname = busiest_group(args.db)
    doc = a_document(args.db)
    focus = urlencode({"entity": gid, "at": args.at})
    pages = {
        "home": "/", "home.json": "/home.json", "documents": "/documents",
        "documents.json": "/documents.json", "reader": "/documents/" + quote(doc, safe=""),
        "reader.json": "/documents/" + quote(doc, safe="") + ".json",
        "entities": "/entities", "entities.json": "/entities.json",
        "entity": "/entities/" + quote(gid, safe=""),
        "entity.json": "/entities/" + quote(gid, safe="") + ".json",
        "network": "/network?" + focus, "network.json": "/network.json?" + focus,
        "timeline": "/timeline?entity=" + quote(gid, safe=""),
        "timeline.json": "/timeline.json?entity=" + quote(gid, safe=""),
        "map": "/map", "map.json": "/map.json?from=2014&to=2014",
        "review": "/review", "review.json": "/review.json", "upload": "/upload",
        "upload.json": "/upload.json",
    }
    port, server = serve(args.db)
    result: dict[str, Any] = {"db": args.db, "entity": gname, "at": args.at,
                              "requests": args.requests, "load_before": load_average(),
                              "pages": {}}
    # the draws first: the review page starts whole-store work in the background
    for kind, fresh in (("first_visit", True), ("repeat_visit", False)):
        draws = draw_times(port, "/network?" + focus, args.draws, fresh)
        result["network_" + kind] = summary(draws)
        d = result["network_" + kind]
        print(f"network {kind:13} drawn median {d['drawn']['median']} ms, "
              f"p95 {d['drawn']['p95']} ms ({d['runs']} runs)", file=sys.stderr)
    for name, path in ({} if args.draws_only else pages).items():
        first_byte(port, path)  # warm: the first request opens the thread's connection
        times = [first_byte(port, path) for _ in range(args.requests)]
        result["pages"][name] = {"p50_ms": round(statistics.median(times) * 1000, 1),
                                 "p95_ms": round(p95(times) * 1000, 1)}
        print(f"{name:14} p50 {result['pages'][name]['p50_ms']:8.1f} ms  "
              f"p95 {result['pages'][name]['p95_ms']:8.1f} ms", file=sys.stderr)
    result["load_after"] = load_average()
    server.should_exit = True
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
