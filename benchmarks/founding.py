"""Accuracy and speed on the development texts (a measurement, not a test).

Extracts every ``*.txt`` of ../shared/eval/dev (or --gold DIR), writes the extraction JSON
next to each other in --out, then prints the figures of ../shared/eval/score.py --dir: a
table per text and the micro-averaged figures over all of them, and the time the
extraction of each text took after start-up.

    python benchmarks/founding.py [--gold DIR] [--out DIR] [--details]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from allegiance.ingest import read_path
from allegiance.pipeline import extract_document
from allegiance.pipeline.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=SHARED / "eval" / "dev")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "founding")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    texts = sorted(args.gold.glob("*.txt"))
    if not texts:
        print(f"founding.py: no texts in {args.gold}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    load_nlp()
    extract_document(read_path(texts[0]))  # warm-up: model, gazetteer, cue files
    startup = time.perf_counter() - t0
    timings = {}
    for path in texts:
        t = time.perf_counter()
        ex = extract_document(read_path(path))
        timings[path.name] = round(time.perf_counter() - t, 3)
        (args.out / f"{path.stem}.json").write_text(json.dumps(ex.to_dict(), ensure_ascii=False, indent=1), "utf-8")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--dir", str(args.gold), str(args.out)]
    if args.details:
        cmd.append("--details")
    scored = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    figures = {k: v for k, v in scored.items() if k != "per_document"}
    print(_table(scored))
    print(json.dumps({"figures": figures, "startup_s": round(startup, 2), "extract_s": timings}, indent=2))
    if args.details:
        print(json.dumps(scored["per_document"], indent=2, ensure_ascii=False))
    return 0


_COLUMNS = [("claim_recall", "claim R"), ("claim_precision", "claim P"), ("claim_f1", "claim F1"),
            ("entity_recall", "entity R"), ("alias_recall", "alias R"), ("alias_precision", "alias P"),
            ("time_accuracy", "time"), ("factuality_accuracy", "fact.")]


def _table(scored: dict[str, object]) -> str:
    """The figures per text and micro-averaged, as a Markdown table."""
    def cell(v: object) -> str:
        return "—" if v is None else f"{float(v):.2f}"  # type: ignore[arg-type]

    rows = ["| text | " + " | ".join(h for _, h in _COLUMNS) + " |", "|---|" + "---|" * len(_COLUMNS)]
    per_doc = scored.get("per_document") or {}
    assert isinstance(per_doc, dict)
    for name, fig in per_doc.items():
        rows.append(f"| {name.removesuffix('.gold.json')} | " + " | ".join(cell(fig.get(k)) for k, _ in _COLUMNS) + " |")
    rows.append("| **micro, all texts** | " + " | ".join(cell(scored.get(k)) for k, _ in _COLUMNS) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
