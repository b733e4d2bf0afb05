"""Which cue entries and claim finders the development texts exercise (a fitting audit).

For every entry of every cue file under ``resources/cues/`` (a cue phrase of a rule, a word
of a list) it counts on how many of the dev texts (``../shared/eval/dev``) it occurs, and,
for the entries that make claims, how many claims it gave and how many of them match a gold
claim (by ``../shared/eval/score.py``'s own matching). For every claim finder it counts the
texts it gave claims on and the gold claims among them.

An entry that occurs in one dev text only and gives gold claims there is *suspect*: it may
stand for that text rather than for a family of wordings. ``--ablate`` measures each
suspect: the entry is taken out of its file, the text re-extracted, and the gold claims it
loses are counted. ``--finders`` takes each finder (and each rule of a cue file) out in turn
and prints every text's claim recall and precision without it (leave one mechanism out).

    python benchmarks/cue_audit.py [--gold DIR] [--ablate] [--finders] [--all]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from allegiance import compiled
from allegiance.ingest import read_path
from allegiance.model.types import Document, Extraction
from allegiance.pipeline import extract_document
from allegiance.pipeline.claims import allegiance as fam_allegiance
from allegiance.pipeline.claims import registry
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.rules import cue_regex
from allegiance.resources import load_mapping

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CUES = Path(importlib.util.find_spec("allegiance.resources").origin or "").parent / "cues"  # type: ignore[union-attr]
#: files whose words are matched as written (names), not case-folded
CASED = {"mentions.yml"}
#: keys that hold settings, not words
NOT_WORDS = {"window", "recent_days", "month_days", "year_months", "decade_years", "predicate", "subject", "object",
             "time", "value", "passive", "role", "inverse", "object_window", "object_optional", "unnamed_object",
             "first_only", "chain", "subject_types", "object_types", "predicates"}


@dataclass(frozen=True)
class Entry:
    file: str  # relative to resources/cues/
    key: str  # 'rules[3].cues', 'leader_nouns'
    word: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.key}"


def _walk(node: Any, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, list):
        for i, x in enumerate(node):
            yield from _walk(x, f"{key}[{i}]" if isinstance(x, dict) else key)
    elif isinstance(node, dict):
        for k, v in node.items():
            k = str(k)
            if k in NOT_WORDS:
                continue
            sub = f"{key}.{k}" if key else k
            if isinstance(v, (int, float)) or (isinstance(v, list) and v and all(isinstance(x, int) for x in v)):
                yield key or k, k  # 'numbers: {one: 1}', 'seasons: {spring: [3, 5]}': the key is the word
            elif k == "cue" and isinstance(v, str):
                yield key, v  # stance.yml: {cue: refused to, window: 3}
            else:
                yield from _walk(v, sub)


def entries() -> list[Entry]:
    out = []
    for path in sorted(CUES.rglob("*.yml")):
        rel = path.relative_to(CUES).as_posix()
        data = load_mapping("cues", *rel.split("/"))
        out.extend(Entry(rel, k, w.strip()) for k, w in _walk(data, "") if w.strip())
    return out


def _pattern(e: Entry) -> re.Pattern[str] | None:
    word = " ".join(e.word.split())
    try:
        if e.file in CASED:
            return re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w])")
        return cue_regex([word])
    except re.error:
        return None


# -- tracing which finder and cue made each claim ----------------------------------------

@dataclass
class Trace:
    finder_of: dict[int, str] = field(default_factory=dict)  # id(RawClaim) -> finder name
    raws: list[RawClaim] = field(default_factory=list)

    def reset(self) -> None:
        self.finder_of.clear()
        self.raws.clear()


TRACE = Trace()


def _traced(name: str, find: Callable[..., list[RawClaim]]) -> Callable[..., list[RawClaim]]:
    def run(view: Any, found: list[RawClaim]) -> list[RawClaim]:
        out = find(view, found)
        for c in out:
            TRACE.finder_of[id(c)] = name
            TRACE.raws.append(c)
        return out
    return run


def install_trace(skip: frozenset[str] = frozenset()) -> None:
    registry.FINDERS = tuple(replace(f, find=_traced(f.name, _ORIGINAL_FIND[f.name]))
                             for f in _ORIGINAL_FINDERS if f.name not in skip)
    original = _ORIGINAL_REPEATED

    def repeated(views: Any, raws: Any) -> list[tuple[RawClaim, int]]:
        out = original(views, raws)
        for c, _ in out:
            TRACE.finder_of[id(c)] = "allegiance.repeats"
            TRACE.raws.append(c)
        return out
    fam_allegiance.repeated = repeated  # type: ignore[assignment]


_ORIGINAL_FINDERS = registry.FINDERS
_ORIGINAL_FIND = {f.name: f.find for f in registry.FINDERS}
_ORIGINAL_REPEATED = fam_allegiance.repeated


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@dataclass
class Text:
    name: str
    doc: Document
    gold: dict[str, Any]


def load_texts(gold_dir: Path) -> list[Text]:
    out = []
    for path in sorted(gold_dir.glob("*.txt")):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text("utf-8"))
        out.append(Text(path.stem, read_path(path), gold))
    return out


@dataclass
class Made:
    """One output claim: who made it, which cue entry, whether it matches a gold claim."""

    finder: str
    entry: Entry | None
    gold: bool


def _rule_index() -> dict[tuple[str, ...], tuple[str, int]]:
    """Each rule's cue tuple -> (its file, its index), over the rule files."""
    index: dict[tuple[str, ...], tuple[str, int]] = {}
    for path in sorted((CUES / "claims").glob("*.yml")):
        data = load_mapping("cues", "claims", path.name)
        for i, spec in enumerate(data.get("rules") or []):
            index.setdefault(tuple(spec.get("cues") or ()), (f"claims/{path.name}", i))
    return index


_FINDER_FILE = {"roles": "claims/roles.yml", "lists": "claims/lists.yml", "deeds": "claims/deeds.yml",
                "fields": "claims/fields.yml", "allegiance": "claims/allegiance.yml",
                "lifecycle": "claims/lifecycle.yml", "membership": "claims/membership.yml",
                "territory": "claims/territory.yml", "violence": "claims/violence.yml",
                "relations": "claims/relations.yml"}


class Attributor:
    def __init__(self, all_entries: list[Entry]) -> None:
        self.by_file: dict[str, list[tuple[Entry, re.Pattern[str]]]] = defaultdict(list)
        for e in all_entries:
            p = _pattern(e)
            if p is not None:
                self.by_file[e.file].append((e, p))
        self.rules = _rule_index()

    def entry(self, finder: str, raw: RawClaim | None, cue: str) -> Entry | None:
        """The cue entry whose phrase the claim's cue text is: of the claim's rule where the
        rule comes from a file, else of the finder's cue file; the longest that fits."""
        candidates: list[tuple[Entry, re.Pattern[str]]] = []
        if raw is not None and (at := self.rules.get(raw.rule.cues)) is not None:
            file, i = at
            candidates = [(e, p) for e, p in self.by_file[file] if e.key == f"rules[{i}].cues"]
        if not candidates:
            candidates = self.by_file.get(_FINDER_FILE.get(finder.split(".")[0], ""), [])
        cue = " ".join(cue.split())
        whole = [e for e, p in candidates if p.fullmatch(cue)]
        part = whole or [e for e, p in candidates if p.search(cue)]
        return max(part, key=lambda e: len(e.word)) if part else None


def _gold_flags(score: ModuleType, gold: dict[str, Any], pred: dict[str, Any]) -> list[bool]:
    result = score.score_document(gold, pred)
    spurious = {id(c) for c in result["spurious_claims"]}
    return [id(c) not in spurious for c in pred["claims"]]


def traced_extract(text: Text, attributor: Attributor, score: ModuleType) -> tuple[list[Made], dict[str, Any]]:
    TRACE.reset()
    ex: Extraction = extract_document(text.doc)
    by_key: dict[tuple[str, int, str], RawClaim] = {}
    for raw in TRACE.raws:
        cue = raw.sentence.text[raw.cue_start:raw.cue_end]
        by_key.setdefault((raw.rule.predicate, raw.sentence.start, cue), raw)
    pred = ex.to_dict()
    flags = _gold_flags(score, text.gold, pred)
    made = []
    for c, ok in zip(ex.claims, flags):
        if c.qualifiers.get("finder") == "fields.v2" or str(c.qualifiers.get("finder", "")).startswith("fields"):
            finder, raw = str(c.qualifiers["finder"]), None
        else:
            raw = by_key.get((c.predicate, c.evidence.start, c.cue or ""))
            finder = TRACE.finder_of.get(id(raw), "?") if raw is not None else "other"
        made.append(Made(finder, attributor.entry(finder, raw, c.cue or ""), ok))
    summary = _score_module_summary(score, text.gold, pred)
    return made, summary


def _score_module_summary(score: ModuleType, gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    counts = score.score_document(gold, pred)["counts"]
    return dict(counts)


# -- taking one entry out of its file -------------------------------------------------------

_ORIGINAL_CACHED = compiled.cached


def _without(node: Any, key: str, word: str, here: str = "") -> Any:
    if isinstance(node, list):
        out = []
        for i, x in enumerate(node):
            sub = f"{here}[{i}]" if isinstance(x, dict) else here
            if isinstance(x, str) and here == key and x.strip() == word:
                continue
            if isinstance(x, dict) and "cue" in x and here == key and str(x["cue"]).strip() == word:
                continue
            out.append(_without(x, key, word, sub))
        if not out and node and here == key:
            out = ["qqxneverxqq"]  # a list that may not be empty: one cue that matches nothing
        return out
    if isinstance(node, dict):
        res = {}
        for k, v in node.items():
            sub = f"{here}.{k}" if here else str(k)
            if here == key and str(k) == word and isinstance(v, (int, float, list)) and not isinstance(v, str):
                continue  # a word that is a key ('numbers: {one: 1}')
            res[k] = _without(v, key, word, sub)
        return res
    return node


def _clear_caches() -> None:
    for name, mod in list(sys.modules.items()):
        if not name.startswith("allegiance.") or name.startswith(("allegiance.reference", "allegiance.names")):
            continue
        for obj in list(vars(mod).values()):
            clear = getattr(obj, "cache_clear", None)
            if callable(clear) and getattr(obj, "__module__", "") == name:
                clear()


def ablated(entry: Entry | None) -> None:
    """From now on, the cue files read as if ``entry`` were not in them (None: as written)."""
    def cached(key: str, paths: list[Path], parse: Callable[[], Any], **kw: Any) -> Any:
        data = _ORIGINAL_CACHED(key, paths, parse, **kw)
        if entry is not None and key == "yaml-cues-" + entry.file.replace("/", "-"):
            return _without(data, entry.key, entry.word)
        return data
    compiled.cached = cached  # type: ignore[assignment]
    _clear_caches()


# -- the report ----------------------------------------------------------------------------

def _fired(all_entries: list[Entry], texts: list[Text]) -> dict[Entry, set[str]]:
    fired: dict[Entry, set[str]] = {}
    for e in all_entries:
        p = _pattern(e)
        fired[e] = {t.name for t in texts if p is not None and p.search(t.doc.text)}
    return fired


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=SHARED / "eval" / "dev")
    ap.add_argument("--ablate", action="store_true", help="measure each suspect entry by taking it out")
    ap.add_argument("--finders", action="store_true", help="leave each finder and each rule out in turn")
    ap.add_argument("--all", action="store_true", help="list every entry, not the summary and the suspects")
    args = ap.parse_args()
    texts = load_texts(args.gold)
    if not texts:
        print(f"cue_audit.py: no texts in {args.gold}", file=sys.stderr)
        return 2
    score = _score_module()
    all_entries = entries()
    attributor = Attributor(all_entries)
    install_trace()
    fired = _fired(all_entries, texts)
    claims: dict[Entry, Counter[str]] = defaultdict(Counter)  # entry -> text -> claims
    gold: dict[Entry, Counter[str]] = defaultdict(Counter)
    finder_texts: dict[str, set[str]] = defaultdict(set)
    finder_claims: Counter[str] = Counter()
    finder_gold: Counter[str] = Counter()
    finder_gold_texts: dict[str, set[str]] = defaultdict(set)
    base: dict[str, dict[str, Any]] = {}
    for t in texts:
        made, counts = traced_extract(t, attributor, score)
        base[t.name] = counts
        for m in made:
            finder_texts[m.finder].add(t.name)
            finder_claims[m.finder] += 1
            finder_gold[m.finder] += m.gold
            if m.gold:
                finder_gold_texts[m.finder].add(t.name)
            if m.entry is not None:
                claims[m.entry][t.name] += 1
                gold[m.entry][t.name] += m.gold

    # by file and key
    print("## Cue entries by file and key\n")
    print("| file: key | entries | in no dev text | in one | in two or more | gold claims | from one-text entries |")
    print("|---|---|---|---|---|---|---|")
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in all_entries:
        groups[re.sub(r"\[\d+\]", "[]", e.where)].append(e)
    for where, es in groups.items():
        n = [len(fired[e]) for e in es]
        g = sum(sum(gold[e].values()) for e in es)
        g1 = sum(sum(gold[e].values()) for e in es if len(fired[e]) <= 1)
        print(f"| {where} | {len(es)} | {n.count(0)} | {n.count(1)} | {sum(1 for x in n if x >= 2)} | {g} | {g1} |")

    print("\n## Claim finders\n")
    print("| finder | texts with claims | claims | gold claims | texts with gold claims |")
    print("|---|---|---|---|---|")
    for f in sorted(finder_claims, key=lambda f: -finder_claims[f]):
        print(f"| {f} | {len(finder_texts[f])} | {finder_claims[f]} | {finder_gold[f]} | {len(finder_gold_texts[f])} |")

    suspects = [e for e in all_entries if len(fired[e]) == 1 and sum(gold[e].values()) > 0]
    print("\n## Suspects: in one dev text only, with gold claims there\n")
    print("| entry | where | text | claims | gold |" + (" gold lost without it |" if args.ablate else ""))
    print("|---|---|---|---|---|" + ("---|" if args.ablate else ""))
    by_name = {t.name: t for t in texts}
    for e in suspects:
        (name,) = fired[e]
        row = f"| {e.word} | {e.where} | {name} | {claims[e][name]} | {gold[e][name]} |"
        if args.ablate:
            ablated(e)
            _, counts = traced_extract(by_name[name], attributor, score)
            ablated(None)
            row += f" {base[name]['claim_tp'] - counts['claim_tp']} of {base[name]['claim_tp']} |"
        print(row)
    if args.all:
        print("\n## Every entry\n")
        print("| entry | where | dev texts | claims | gold |")
        print("|---|---|---|---|---|")
        for e in all_entries:
            print(f"| {e.word} | {e.where} | {len(fired[e])} | {sum(claims[e].values())} | {sum(gold[e].values())} |")

    if args.finders:
        _leave_out(texts, attributor, score, base)
    total = Counter[str]()
    for c in base.values():
        total.update(c)
    print(f"\nclaims matched {total['claim_tp']} of {total['claim_req']} required; "
          f"{len(suspects)} suspect entries of {len(all_entries)}")
    return 0


def _leave_out(texts: list[Text], attributor: Attributor, score: ModuleType, base: dict[str, dict[str, Any]]) -> None:
    """Each finder, then each rule of a rule file, taken out: every text's required gold
    claims found (recall numerator) and predicted claims right, against the full run."""
    print("\n## Leave one mechanism out: what each gives per text (required gold claims g, false claims f;"
          " negative: it takes them away)\n")
    print("| taken out | " + " | ".join(t.name[:12] for t in texts) + " |")
    print("|---|" + "---|" * len(texts))

    def row(label: str) -> None:
        cells = []
        for t in texts:
            _, c = traced_extract(t, attributor, score)
            lost = base[t.name]["claim_tp"] - c["claim_tp"]
            wrong = (c["claim_pred"] - c["claim_pred_tp"]) - (base[t.name]["claim_pred"] - base[t.name]["claim_pred_tp"])
            # what the mechanism gives on the text: gold claims (g) and false claims (f)
            given = " ".join(x for x in (f"{lost}g" if lost else "", f"{-wrong}f" if wrong else "") if x)
            cells.append(given or "·")
        print(f"| {label} | " + " | ".join(cells) + " |")

    for f in _ORIGINAL_FINDERS:
        install_trace(skip=frozenset({f.name}))
        row(f.name)
    install_trace()
    for path in sorted((CUES / "claims").glob("*.yml")):
        data = load_mapping("cues", "claims", path.name)
        for i, spec in enumerate(data.get("rules") or []):
            cues = list(spec.get("cues") or [])
            e = Entry(f"claims/{path.name}", f"rules[{i}]", "")
            _drop_rule(e)
            row(f"{path.stem} rule {i} ({spec.get('predicate')}: {', '.join(cues[:2])}{' ...' if len(cues) > 2 else ''})")
            ablated(None)


def _drop_rule(e: Entry) -> None:
    def cached(key: str, paths: list[Path], parse: Callable[[], Any], **kw: Any) -> Any:
        data = _ORIGINAL_CACHED(key, paths, parse, **kw)
        if key == "yaml-cues-" + e.file.replace("/", "-"):
            i = int(e.key[len("rules["):-1])
            data = dict(data)  # the rule stays in its place (others are found by index), matching nothing
            data["rules"] = [dict(r, cues=["qqxneverxqq"]) if k == i else r for k, r in enumerate(data["rules"])]
        return data
    compiled.cached = cached  # type: ignore[assignment]
    _clear_caches()


if __name__ == "__main__":
    sys.exit(main())
