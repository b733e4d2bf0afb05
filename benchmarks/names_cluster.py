"""Name clustering benchmark (a measurement, not a test).

1. Accuracy: clusters the names of ../shared/data/un-sanctions/un-isil-al-qaida-list-2018-dev.jsonl
   (written by ../shared/eval/score_names.py, shuffled) with and without the reference
   gazetteer, and prints the scorer's figures.
2. Across scripts: the list's names with each entity's name in its original script (Arabic,
   where the list gives it) added; how many of these join their entity, how many another.
3. Speed: clusters 10,000 names on one core. They are the list's names and spelling variants
   made from them (articles dropped or joined, vowels and doubled letters changed, word order
   turned, upper/lower case), so that blocks look like real ones.

    python benchmarks/names_cluster.py [--n 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from allegiance.names import cluster_names
from allegiance.reference import reference_ids

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "un-sanctions" / "un-isil-al-qaida-list-2018-dev.jsonl"
SCORER = SHARED / "eval" / "score_names.py"


def variant(name: str, rnd: random.Random) -> str:
    s = name
    swaps = [("al-", "el-"), ("al-", "al "), ("ou", "u"), ("ee", "i"), ("y", "i"), ("Mohammed", "Muhammad"),
             ("Abdul ", "Abd al-"), ("q", "k"), ("ss", "s"), ("a", "e")]
    for a, b in rnd.sample(swaps, 3):
        s = s.replace(a, b, 1)
    words = s.split()
    if len(words) > 2 and rnd.random() < 0.3:
        words = words[1:] + words[:1]
    s = " ".join(words)
    return s.upper() if rnd.random() < 0.2 else s


def score(names_file: Path, reference: bool) -> dict[str, object]:
    names = [line.strip() for line in names_file.read_text("utf-8").splitlines() if line.strip()]
    labels = cluster_names(names, reference=reference_ids if reference else None)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for n, c in zip(names, labels):
            f.write(json.dumps({"name": n, "cluster": c}, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(SCORER), "score", str(DATA), f.name],
                         check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out))


def across_scripts() -> dict[str, int]:
    """Names in original script joined to their own entity's names, and to another's."""
    names: list[str] = []
    owner: list[str] = []
    script: list[int] = []
    for line in DATA.read_text("utf-8").splitlines():
        row = json.loads(line)
        for n in [row["name"], *row.get("aliases", [])]:
            names.append(" ".join(n.split()))
            owner.append(row["ref"])
        if row.get("original_script"):
            script.append(len(names))
            names.append(row["original_script"])
            owner.append(row["ref"])
    labels = cluster_names(names, reference=None)
    own = other = 0
    for i in script:
        mates = [j for j, lab in enumerate(labels) if lab == labels[i] and j != i]
        own += any(owner[j] == owner[i] for j in mates)
        other += any(owner[j] != owner[i] for j in mates)
    return {"original_script_names": len(script), "joined_own_entity": own, "joined_another_entity": other}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"names_cluster.py: {DATA}: no such file", file=sys.stderr)
        return 2
    names_txt = Path(tempfile.mkdtemp()) / "names.txt"
    names_txt.write_text(subprocess.run([sys.executable, str(SCORER), "names", str(DATA)], check=True,
                                        capture_output=True, text=True).stdout, "utf-8")
    results = {"no_reference": score(names_txt, False), "reference": score(names_txt, True)}
    scripts = across_scripts()
    base = [line.strip() for line in names_txt.read_text("utf-8").splitlines() if line.strip()]
    rnd = random.Random(11)
    corpus = [base[i % len(base)] if i < len(base) else variant(base[i % len(base)], rnd) for i in range(args.n)]
    cluster_names(corpus[:50], reference=None)  # load data files first
    t0 = time.perf_counter()
    labels = cluster_names(corpus, reference=None)
    secs = time.perf_counter() - t0
    keys = ("bcubed_precision", "bcubed_recall", "bcubed_f1", "pair_precision", "pair_recall")
    print(f"{'':18}" + "".join(f"{k:>18}" for k in keys))
    for mode, res in results.items():
        print(f"{mode:18}" + "".join(f"{res[k]!s:>18}" for k in keys))
    print(f"original script: {scripts['joined_own_entity']} of {scripts['original_script_names']} names join "
          f"their entity's names, {scripts['joined_another_entity']} another entity's")
    print(f"{args.n} names clustered in {secs:.2f} s on one core ({len(set(labels))} clusters)")
    print(json.dumps({"scores": results, "across_scripts": scripts, "names": args.n, "seconds": round(secs, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
