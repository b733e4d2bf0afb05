"""SIGKILL while judgements (merge, reject, undo) and claim decisions (confirm, edit, undo)
are being recorded: the store opens, passes its integrity check and ``check``, holds every
decision that was reported committed, and nothing is half-written (the canonical entities
are those the recorded judgements give, the facts agree with the claims and decisions)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from allegiance.model.types import Claim, Entity, Extraction, Span
from allegiance.resolve import replay
from allegiance.store import Store
from allegiance.store.check import check

N_DOCS = 60
#: words of distinct names (names that differ by a number alone are one name to the store)
FIRST = ["Haqq", "Nasr", "Fath", "Tawhid", "Furqan", "Ansar", "Shuhada", "Ahrar", "Quds", "Umma"]
SECOND = ["Sham", "Iraq", "Furat", "Jazira", "Badiya", "Sahil"]
OTHERS = ["Izza", "Mujahidin", "Islam", "Sunna", "Tahrir"]
TOWNS = ["Hama", "Idlib", "Raqqa"]


def brigade(i: int) -> str:
    return f"Liwa {FIRST[i % 10]} al-{SECOND[i // 10]}"

#: records decisions in a loop, printing each one after it is committed
DECIDER = textwrap.dedent("""
    import sys
    from allegiance.resolve.claim_review import review, undo_review
    from allegiance.store import Store
    from test_resolve_crash import OTHERS, brigade

    with Store.open(sys.argv[1]) as s:
        claims = [r[0] for r in s.all("SELECT id FROM claims ORDER BY document_id")]
        for i in range(int(sys.argv[2]) // 2):
            a, b = brigade(2 * i), brigade(2 * i + 1)
            j = s.merge(a, b, reason="one brigade", by="ana", force=True)
            print("merge", j.id, flush=True)
            r = review(s, "claim", claims[2 * i], "confirmed", by="ana")
            print("review", r.id, flush=True)
            j = s.reject(a, f"Jaysh al-{OTHERS[i % 5]}", reason="two groups", by="ana")
            print("reject", j.id, flush=True)
            j = s.undo()
            print("undo", j.id, flush=True)
            r = review(s, "claim", claims[2 * i + 1], "edited", by="ana",
                       changes={"stance": "alleged", "predicate": "allied_with"})
            print("edit", r.id, flush=True)
            r = undo_review(s) if i % 2 else review(s, "claim", claims[2 * i + 1], "rejected")
            print("unreview" if i % 2 else "reject-claim", r.id, flush=True)
""")


def extraction(i: int) -> Extraction:
    subject, obj = brigade(i), f"Jaysh al-{OTHERS[i % 5]}"
    text = f"{subject} fought {obj} in {TOWNS[i % 3]}."
    ents = [Entity("e1", "Organization", subject, mentions=[Span(0, len(subject), subject)]),
            Entity("e2", "Organization", obj),
            Entity("e3", "Place", TOWNS[i % 3])]
    claim = Claim("c1", "e1", "hostile_to", "e2", Span(0, len(text), text), "asserted",
                  place="e3")
    return Extraction(document={"id": f"d{i}"}, entities=ents, claims=[claim], text=text)


def prepared(path: Path) -> Path:
    with Store.open(path) as s:
        for i in range(N_DOCS):
            s.ingest(extraction(i))
    return path


def assignment(store: Store) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in store.all("SELECT id, canonical_id FROM entities")}


#: (seed, decisions read before the kill); the kill then comes after a random pause
KILLS = [(1, 0), (2, 1), (3, 5), (4, 12), (5, 29), (6, 47)]


@pytest.mark.parametrize(("seed", "after"), KILLS, ids=[f"after-{k[1]}" for k in KILLS])
def test_sigkill_while_decisions_are_recorded(tmp_path: Path, seed: int, after: int) -> None:
    db = prepared(tmp_path / "s.db")
    script = tmp_path / "decider.py"
    script.write_text(DECIDER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(N_DOCS)], text=True,
                            stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    said: list[tuple[str, int]] = []
    for _ in range(after):
        line = proc.stdout.readline()
        if not line:
            break
        kind, ident = line.split()
        said.append((kind, int(ident)))
    time.sleep(random.Random(seed).uniform(0, 0.05))  # somewhere inside the next decision
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL  # killed while deciding, not stopped by an error
    with Store.open(db) as s:
        assert s.one("PRAGMA integrity_check")[0] == "ok"
        assert [p.line() for p in check(s.conn)] == []
        assert replay(s) == assignment(s)  # entities as the recorded judgements make them
        judged = {int(r["id"]): (str(r["kind"]), int(r["active"]))
                  for r in s.all("SELECT id, kind, active FROM judgements")}
        reviewed = {int(r["id"]): (str(r["state"]), int(r["active"]))
                    for r in s.all("SELECT id, state, active FROM reviews")}
        for n, (kind, ident) in enumerate(said):
            later = [k for k, i in said[n + 1:] if i == ident]
            # the decision after the last one read may have been committed unread
            settled = n < len(said) - 1
            if kind in ("merge", "reject"):
                assert judged[ident][0] == kind
                if kind == "merge" or settled:
                    assert judged[ident][1] == (0 if "undo" in later else 1)
            elif kind == "undo":
                assert judged[ident][1] == 0
            elif kind in ("review", "edit", "reject-claim"):
                want = {"review": "confirmed", "edit": "edited", "reject-claim": "rejected"}
                assert reviewed[ident][0] == want[kind]
                if settled:
                    assert reviewed[ident][1] == (0 if "unreview" in later else 1)
            else:
                assert reviewed[ident][1] == 0
        # the store goes on: one more decision and its undo
        j = s.merge("Hama", "Idlib", reason="after the crash", by="ana", force=True)
        assert s.undo().id == j.id
        assert [p.line() for p in check(s.conn)] == []
