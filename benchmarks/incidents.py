"""Perpetrator benchmark on short incident reports (an accuracy run, not a test).

Runs the allegiance extraction over ../shared/data/wiki-incidents/incidents-dev.jsonl and,
in the same run, a baseline that takes spaCy's statistical NER alone (the first ORG or NORP
mention as perpetrator); scores both with ../shared/eval/score_incidents.py.

    python benchmarks/incidents.py [--data FILE] [--out DIR]

It also scores the two halves of the file apart (the rows on even lines, numbered from 0,
and those on odd lines): how far the halves lie apart shows how far a figure on the rows
seen may be from one on rows not seen.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from allegiance.model.types import Document
from allegiance.pipeline import extract_document
from allegiance.pipeline.nlp import load_nlp
from allegiance.pipeline.priors import apply_priors

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def rows(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def document(row: dict[str, str]) -> Document:
    meta: dict[str, object] = {k: v for k, v in row.items() if k not in ("id", "text", "perpetrator")}
    year = str(row.get("year") or "")
    # the row's fields as `extract --date-field year --country-field country` reads them
    meta["event_date"] = year or None
    meta["event_country"] = row.get("country") or None
    return Document(id=str(row["id"]), text=row["text"], published=year or None, metadata=meta)


def _row_place(ex: object, row: dict[str, str]) -> str | None:
    """The entity id the row's country became, if it did."""
    country = str(row.get("country") or "").lower()
    for e in getattr(ex, "entities", []):
        if e.type == "Place" and country and country in {n.lower() for n in e.names()}:
            return str(e.id)
    return None


def baseline(row: dict[str, str]) -> dict[str, object]:
    """spaCy NER alone: the first ORG or NORP mention is the perpetrator."""
    doc = load_nlp()(row["text"])
    ent = next((e for e in doc.ents if e.label_ in ("ORG", "NORP")), None)
    entities = []
    claims = []
    if ent is not None:
        entities.append({"id": "e1", "type": "Organization", "name": ent.text, "aliases": [],
                         "mentions": [{"start": ent.start_char, "end": ent.end_char}]})
        claims.append({"id": "c1", "subject": "e1", "predicate": "attacked", "object": None,
                       "stance": "asserted", "evidence": {"start": 0, "end": len(row["text"])}})
    return {"document": {"id": row["id"]}, "entities": entities, "claims": claims}


def score(gold: Path, pred: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score_incidents.py"), str(gold), str(pred)],
                         check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "wiki-incidents" / "incidents-dev.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "incidents")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"incidents.py: {args.data}: no such file", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    data = rows(args.data)
    load_nlp()
    t0 = time.perf_counter()
    bases: Counter[str] = Counter()
    deeds: Counter[str] = Counter()
    with open(args.out / "allegiance.jsonl", "w", encoding="utf-8") as f, \
            open(args.out / "allegiance-priors.jsonl", "w", encoding="utf-8") as g:
        for row in data:
            ex = extract_document(document(row))
            for c in ex.claims:
                if c.predicate in ("attacked", "killed", "arrested"):
                    deeds["claims"] += 1
                    deeds["with a place"] += c.place is not None
                    deeds["with a place from the text"] += c.place is not None and c.place != _row_place(ex, row)
                    deeds["with a time"] += c.time is not None
                    deeds["with a time from the text"] += c.time is not None and "time_from" not in c.qualifiers
                    deeds["with victims counted"] += "killed" in c.qualifiers or "injured" in c.qualifiers
            f.write(json.dumps(ex.to_dict(), ensure_ascii=False) + "\n")
            ex = apply_priors(ex, row["text"])
            bases.update(str(c.qualifiers["basis"]) for c in ex.claims if "basis" in c.qualifiers)
            g.write(json.dumps(ex.to_dict(), ensure_ascii=False) + "\n")
    t_ours = time.perf_counter() - t0
    with open(args.out / "baseline.jsonl", "w", encoding="utf-8") as f:
        for row in data:
            f.write(json.dumps(baseline(row), ensure_ascii=False) + "\n")
    ours = score(args.data, args.out / "allegiance.jsonl")
    prior = score(args.data, args.out / "allegiance-priors.jsonl")
    base = score(args.data, args.out / "baseline.jsonl")
    keys = ("perpetrator_accuracy", "perpetrator_accuracy_named")
    print(f"{'':28}{'allegiance':>12}{'+ priors':>12}{'spaCy NER':>12}")
    for k in keys:
        print(f"{k:28}{ours[k]!s:>12}{prior[k]!s:>12}{base[k]!s:>12}")
    print(f"incidents {ours['incidents']}, named in text {ours['named_in_text']}, "
          f"extraction {len(data) / t_ours:.1f} texts/s")
    print("claims added by the priors: " + (", ".join(f"{k} {v}" for k, v in sorted(bases.items()))
                                            or "none"))
    print("deed claims: " + ", ".join(f"{k} {v}" for k, v in deeds.items()))
    halves = _halves(args.data, args.out)
    for half, figs in halves.items():
        print(f"{half} half ({figs['allegiance']['incidents']} rows): named in text "
              f"{figs['allegiance']['perpetrator_accuracy_named']}, overall with the priors "
              f"{figs['allegiance_with_priors']['perpetrator_accuracy']}")
    print(json.dumps({"allegiance": ours, "allegiance_with_priors": prior, "baseline": base, "deeds": dict(deeds),
                      "halves": halves}))
    return 0


def _halves(data: Path, out: Path) -> dict[str, dict[str, dict[str, object]]]:
    """The figures of the rows on even and on odd lines of ``data``, each scored apart."""
    lines = [line for line in data.read_text("utf-8").splitlines() if line.strip()]
    result: dict[str, dict[str, dict[str, object]]] = {}
    for half, parity in (("even", 0), ("odd", 1)):
        ids = {str(json.loads(line)["id"]) for k, line in enumerate(lines) if k % 2 == parity}
        gold = out / f"gold-{half}.jsonl"
        gold.write_text("".join(line + "\n" for k, line in enumerate(lines) if k % 2 == parity), "utf-8")
        figs: dict[str, dict[str, object]] = {}
        for name, file in (("allegiance", "allegiance.jsonl"), ("allegiance_with_priors", "allegiance-priors.jsonl")):
            kept = [line for line in (out / file).read_text("utf-8").splitlines()
                    if line.strip() and str(json.loads(line)["document"]["id"]) in ids]
            pred = out / f"{name}-{half}.jsonl"
            pred.write_text("".join(line + "\n" for line in kept), "utf-8")
            figs[name] = score(gold, pred)
        result[half] = figs
    return result


if __name__ == "__main__":
    sys.exit(main())
