"""Build a realistic large store: by default 1,000,000 claims over 100,000 entities and
20,000 documents, ingested through the library (so facts are filed and the search index
written at ingest, exactly as for extracted texts).

The draw has the skew of real collections: entity popularity follows a Zipf law, so a few
groups appear in most claims; predicates, stances and date precisions are drawn with
weights close to what the extractor finds in news and reports; documents are published
after the events they report; names are made from syllables (several spellings apart from
their key, as transliterations are). Deterministic for a seed.

    python benchmarks/make_store.py --db big.db [--claims 1000000] [--entities 100000]
                                    [--documents 20000] [--seed 7]
    python benchmarks/make_store.py --db postgresql://...   (a PostgreSQL store)

Writes a JSON summary (counts, seconds, peak memory) to stdout and to --json if given.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allegiance.model.types import (  # noqa: E402
    Claim,
    Entity,
    Extraction,
    Span,
    TimeInterval,
)
from allegiance.store import Store  # noqa: E402

SYLLABLES = (
    "ab ad af ah ak al am an ar as at az ba da fa ga ha ja ka la ma na qa ra sa ta wa ya za "
    "bi di fi hi ki li mi ni ri si ti zi bu du fu hu ku lu mu nu ru su tu zu"
).split()
ORG_HEADS = ["Jabhat", "Jaysh", "Liwa", "Harakat", "Ansar", "Kata'ib", "Hay'at", "Jamaat",
             "Saraya", "Tanzim"]
ORG_TAILS = ["al-Islam", "al-Sham", "al-Haqq", "al-Tawhid", "al-Jihad", "al-Furqan",
             "al-Mujahidin", "al-Sunna", "al-Ummah", "al-Nasr", "al-Fath", "al-Iraq"]
PLACE_TAILS = ["", " District", " Camp", " Subdistrict"]

#: (predicate, subject type, object type, weight)
PREDICATES = [
    ("member_of", "Person", "Organization", 22),
    ("leader_of", "Person", "Organization", 6),
    ("pledged_allegiance", "Organization", "Organization", 6),
    ("pledged_allegiance", "Person", "Organization", 4),
    ("defected_from", "Person", "Organization", 3),
    ("allied_with", "Organization", "Organization", 5),
    ("hostile_to", "Organization", "Organization", 7),
    ("cooperated_with", "Organization", "Organization", 3),
    ("branch_of", "Organization", "Organization", 2),
    ("split_from", "Organization", "Organization", 1),
    ("active_in", "Organization", "Place", 10),
    ("controls", "Organization", "Place", 4),
    ("captured", "Organization", "Place", 4),
    ("lost_control_of", "Organization", "Place", 2),
    ("attacked", "Organization", "Place", 9),
    ("killed", "Organization", "Person", 5),
    ("arrested", "Organization", "Person", 3),
    ("founded", "Person", "Organization", 2),
    ("dissolved", "Organization", None, 1),
    ("located_in", "Place", "Place", 1),
]
PREDICATE_WEIGHTS: list[tuple[object, int]] = [(p[:3], p[3]) for p in PREDICATES]
STANCES = [("asserted", 60), ("reported", 22), ("alleged", 8), ("claimed", 4),
           ("disputed", 2), ("denied", 3), ("negated", 1)]
#: date precision of a claim's time, with weights; None is undated
PRECISIONS = [("day", 20), ("month", 25), ("year", 25), ("open-end", 5), ("open-start", 3),
              (None, 22)]
TYPE_SHARE = [("Organization", 0.15), ("Person", 0.6), ("Place", 0.25)]
VERBS = {
    "member_of": "was a member of", "leader_of": "led", "pledged_allegiance": "pledged allegiance to",
    "defected_from": "defected from", "allied_with": "allied with", "hostile_to": "fought",
    "cooperated_with": "cooperated with", "branch_of": "is a branch of",
    "split_from": "split from", "active_in": "was active in", "controls": "controls",
    "captured": "captured", "lost_control_of": "lost control of", "attacked": "attacked",
    "killed": "killed", "arrested": "arrested", "founded": "founded",
    "dissolved": "was dissolved", "located_in": "lies in",
}


@dataclass(frozen=True)
class Ent:
    type: str
    name: str


#: the summed weights of each table drawn from (the module's constant tables: summed once,
#: not at each of the draws made per claim)
_TOTALS: dict[int, int] = {}


def _weighted(rng: random.Random, table: list[tuple[object, int]]) -> object:
    total = _TOTALS.get(id(table))
    if total is None:
        total = _TOTALS[id(table)] = sum(w for _, w in table)
    pick = rng.uniform(0, total)
    for value, w in table:
        pick -= w
        if pick <= 0:
            return value
    return table[-1][0]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_entities(rng: random.Random, n: int) -> dict[str, list[Ent]]:
    """``n`` entities with distinct names, split by type."""
    seen: set[str] = set()
    out: dict[str, list[Ent]] = {t: [] for t, _ in TYPE_SHARE}
    for type_, share in TYPE_SHARE:
        target = int(n * share)
        while len(out[type_]) < target:
            if type_ == "Person":
                name = f"Abu {_word(rng, 2)} al-{_word(rng, 3)}"
            elif type_ == "Organization":
                name = f"{rng.choice(ORG_HEADS)} {_word(rng, 3)} {rng.choice(ORG_TAILS)}"
            else:
                name = _word(rng, 3) + rng.choice(PLACE_TAILS)
            if name.lower() not in seen:
                seen.add(name.lower())
                out[type_].append(Ent(type_, name))
    return out


class Zipf:
    """Draw indexes 0..n-1 with probability proportional to 1/(rank+1)^s."""

    def __init__(self, n: int, s: float) -> None:
        acc = 0.0
        self.cum: list[float] = []
        for k in range(n):
            acc += 1.0 / (k + 1) ** s
            self.cum.append(acc)

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect_left(self.cum, rng.uniform(0, self.cum[-1]))


def _day(rng: random.Random, lo: int, hi: int) -> tuple[int, int, int]:
    y = rng.randint(lo, hi)
    m = rng.randint(1, 12)
    return y, m, rng.randint(1, calendar.monthrange(y, m)[1])


def _time(rng: random.Random, published_year: int) -> TimeInterval | None:
    kind = _weighted(rng, PRECISIONS)  # type: ignore[arg-type]
    if kind is None:
        return None
    y, m, d = _day(rng, 1995, max(1995, published_year - 1))
    last = calendar.monthrange(y, m)[1]
    if kind == "day":
        day = f"{y}-{m:02d}-{d:02d}"
        return TimeInterval(day, day, f"on {day}", "day")
    if kind == "month":
        return TimeInterval(f"{y}-{m:02d}-01", f"{y}-{m:02d}-{last}", f"{m}/{y}", "month")
    if kind == "year":
        return TimeInterval(f"{y}-01-01", f"{y}-12-31", f"in {y}", "year")
    if kind == "open-end":
        return TimeInterval(f"{y}-{m:02d}-01", None, f"since {m}/{y}", "open")
    return TimeInterval(None, f"{y}-12-31", f"by {y}", "open")


def documents(
    n_docs: int, n_claims: int, n_entities: int, seed: int
) -> Iterator[Extraction]:
    """The extractions of the store, one per document."""
    rng = random.Random(seed)
    ents = make_entities(rng, n_entities)
    draws = {t: Zipf(len(v), 1.1 if t == "Organization" else 0.8) for t, v in ents.items()}
    per_doc = n_claims // n_docs
    extra = n_claims - per_doc * n_docs
    for i in range(n_docs):
        k = per_doc + (1 if i < extra else 0)
        py, pm, pd = _day(rng, 2000, 2025)
        published = f"{py}-{pm:02d}-{pd:02d}"
        local: dict[Ent, str] = {}
        entities: list[Entity] = []
        claims: list[Claim] = []
        parts: list[str] = [f"Report {i} of {published}."]
        pos = len(parts[0]) + 1

        def ref(e: Ent, at: int) -> str:
            if e not in local:
                local[e] = f"e{len(local) + 1}"
                entities.append(Entity(local[e], e.type, e.name))
            eid = local[e]
            entities[int(eid[1:]) - 1].mentions.append(Span(at, at + len(e.name), e.name))
            return eid

        for j in range(k):
            pred, st, ot = _weighted(rng, PREDICATE_WEIGHTS)  # type: ignore[misc]
            subj = ents[st][draws[st].draw(rng)]
            obj = ents[ot][draws[ot].draw(rng)] if ot else None
            if obj == subj:
                obj = ents[ot][(draws[ot].draw(rng) + 1) % len(ents[ot])] if ot else None
            t = _time(rng, py)
            stance = str(_weighted(rng, STANCES))  # type: ignore[arg-type]
            sentence_start = pos
            s_id = ref(subj, pos)
            text = f"{subj.name} {VERBS[pred]}"
            o_id = None
            if obj is not None:
                o_id = ref(obj, pos + len(text) + 1)
                text += f" {obj.name}"
            if t is not None:
                text += f" ({t.text})"
            text += "."
            claims.append(
                Claim(
                    f"c{j + 1}", s_id, pred, o_id,
                    Span(sentence_start, sentence_start + len(text), text), stance, time=t,
                )
            )
            parts.append(text)
            pos += len(text) + 1
        body = " ".join(parts)
        meta = {"id": f"doc{i:06d}", "title": f"Report {i}", "published": published}
        yield Extraction(meta, entities, claims, text=body)


def _cpu() -> float:
    """CPU seconds of this process (its wall time is inflated on a shared machine)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def build(db: str, n_docs: int, n_claims: int, n_entities: int, seed: int) -> dict[str, object]:
    """Ingest the generated documents into ``db``; return counts and timings."""
    t0 = time.perf_counter()
    with Store.open(db) as store:
        gen = documents(n_docs, n_claims, n_entities, seed)
        for n, result in enumerate(store.ingest_many(gen, batch=500), 1):
            if isinstance(result, Exception):
                raise result
            if n % 1000 == 0:
                rate = n / (time.perf_counter() - t0)
                print(f"{n} documents, {rate:.0f}/s", file=sys.stderr, flush=True)
        counts = store.counts()
        facts = store.one("SELECT count(*) FROM facts")
    return {
        "db": db,
        "seed": seed,
        "documents": counts["documents"],
        "claims": counts["claims"],
        "entities": counts["entities"],
        "facts": int(facts[0]) if facts else 0,
        "seconds": round(time.perf_counter() - t0, 1),
        "cpu_seconds": round(_cpu(), 1),
        "documents_per_second": round(counts["documents"] / (time.perf_counter() - t0), 1),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="SQLite file or postgresql:// URL")
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--documents", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", default=None, help="also write the summary here")
    args = ap.parse_args(argv)
    if not args.db.startswith("postgresql") and Path(args.db).exists():
        print(f"make_store: {args.db} exists; remove it first", file=sys.stderr)
        return 2
    summary = build(args.db, args.documents, args.claims, args.entities, args.seed)
    out = json.dumps(summary, indent=2)
    print(out)
    if args.json:
        Path(args.json).write_text(out + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())



