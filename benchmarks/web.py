"""Workbench speed on a large store: each page's time to first byte (p50, p95) over repeated
requests, and the network view of one group and its neighbours at a date drawn in Chromium.

    python benchmarks/web.py --db big.db [--requests 40] [--entity NAME] [--at YYYY-MM]

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


def draw_times(port: int, path: str, runs: int) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.set_default_timeout(120000)
        for _ in range(runs):
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}{path}")
            page.wait_for_selector("#cy[data-ready='1']", state="attached")
            total = time.perf_counter() - t0
            out.append({"seconds": total,
                        "draw_ms": float(page.get_attribute("#cy", "data-draw-ms") or 0),
                        "edges": float(page.get_attribute("#cy", "data-edges") or 0)})
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--entity", default=None, help="group for the network (default: busiest)")
    ap.add_argument("--at", default="2014-06")
    ap.add_argument("--draws", type=int, default=5)
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
                              "requests": args.requests, "pages": {}}
    for name, path in pages.items():
        first_byte(port, path)  # warm: the first request opens the thread's connection
        times = [first_byte(port, path) for _ in range(args.requests)]
        result["pages"][name] = {"p50_ms": round(statistics.median(times) * 1000, 1),
                                 "p95_ms": round(p95(times) * 1000, 1)}
        print(f"{name:14} p50 {result['pages'][name]['p50_ms']:8.1f} ms  "
              f"p95 {result['pages'][name]['p95_ms']:8.1f} ms", file=sys.stderr)
    draws = draw_times(port, "/network?" + focus, args.draws)
    result["network_draw"] = {
        "edges": draws[0]["edges"],
        "median_s": round(statistics.median(d["seconds"] for d in draws), 3),
        "max_s": round(max(d["seconds"] for d in draws), 3),
        "median_draw_ms": statistics.median(d["draw_ms"] for d in draws),
    }
    server.should_exit = True
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
