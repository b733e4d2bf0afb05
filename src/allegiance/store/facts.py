"""Facts derived from claims: claims that say the same thing about the same canonical entities
with compatible times are one fact with all their sources.

Derived, never typed in: ``place`` files claims into facts as they are ingested, ``refresh``
re-files the claims of facts about entities a judgement touched, ``rebuild`` starts again
from every claim. A claim's reviewed values (an edited predicate, time or stance) are the
ones filed; a rejected claim is filed nowhere. A fact keeps its id while sources join it, so
a decision recorded on a fact survives new sources.
"""

from __future__ import annotations

import hashlib
from functools import cache
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from allegiance.model.vocab import vocabulary
from allegiance.store.connection import Connection


@dataclass(frozen=True)
class Filed:
    """A claim as filed into a fact: its effective key, time and stance."""

    claim_id: str
    subject: str | None
    predicate: str
    object: str | None
    start: str | None
    end: str | None
    stance: str
    published: str | None
    ord: str


@cache
def symmetric_predicates() -> frozenset[str]:
    """Predicates whose subject and object may be swapped (``allied_with``, ...)."""
    return frozenset(p.name for p in vocabulary().predicates.values() if p.symmetric)


def fact_key(subject: str | None, predicate: str, obj: str | None) -> tuple[str, str, str]:
    """The key facts are grouped by; the ends of a symmetric predicate in a fixed order."""
    s, o = subject or "", obj or ""
    if predicate in symmetric_predicates() and o and s > o:
        s, o = o, s
    return (s, predicate, o)


def overlaps(a0: str | None, a1: str | None, b0: str | None, b1: str | None) -> bool:
    """Whether two intervals (open bounds unbounded) can share a moment."""
    if a0 and b1 and a0 > b1:
        return False
    return not (b0 and a1 and b0 > a1)


def intersect(
    a0: str | None, a1: str | None, b0: str | None, b1: str | None
) -> tuple[str | None, str | None]:
    """The interval both allow (assumes they overlap)."""
    start = max(x for x in (a0, b0) if x) if (a0 or b0) else None
    end = min(x for x in (a1, b1) if x) if (a1 or b1) else None
    return start, end


def sort_time(start: str | None, end: str | None) -> str:
    """The key facts are ordered by in time: start, else end; undated facts last."""
    return start or end or "9999"


def fact_id(claim_id: str) -> str:
    """A fact's id, from the claim that founded it."""
    return "f" + hashlib.sha256(("fact\x1f" + claim_id).encode("utf-8")).hexdigest()[:19]


_FILED_SELECT = """
SELECT c.id, se.canonical_id AS s, c.predicate, oe.canonical_id AS o, c.time_start,
       c.time_end, c.stance, d.published, d.ingested_at, d.id AS doc, c.evidence_start,
       (SELECT r.state FROM reviews r WHERE r.target = 'claim' AND r.target_id = c.id
        AND r.active = 1 ORDER BY r.id DESC LIMIT 1) AS review_state,
       (SELECT r.changes FROM reviews r WHERE r.target = 'claim' AND r.target_id = c.id
        AND r.active = 1 ORDER BY r.id DESC LIMIT 1) AS review_changes
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN entities se ON se.id = c.subject_id
LEFT JOIN entities oe ON oe.id = c.object_id
"""


def filed(
    claim_id: str,
    subject: str | None,
    predicate: str,
    obj: str | None,
    start: str | None,
    end: str | None,
    stance: str,
    published: str | None,
    order: tuple[str, str, int],
    review: tuple[str, str] | None,
) -> Filed | None:
    """A claim as filed: its values with its latest active review's (``review``: state and
    changes) applied; None for a rejected claim. ``order`` is (ingested at, document id,
    evidence start): claims are filed in that order."""
    if review is not None and review[0] == "rejected":
        return None
    changes: dict[str, Any] = json.loads(review[1]) if review and review[1] else {}
    return Filed(
        claim_id=claim_id,
        subject=subject,
        predicate=str(changes.get("predicate") or predicate),
        object=obj,
        start=changes["time_start"] if "time_start" in changes else start,
        end=changes["time_end"] if "time_end" in changes else end,
        stance=str(changes.get("stance") or stance),
        published=published,
        ord=f"{order[0]}\x1f{order[1]}\x1f{int(order[2]):09d}\x1f{claim_id}",
    )


def _filed(r: Any) -> Filed | None:
    review = None if r["review_state"] is None else (r["review_state"], r["review_changes"])
    return filed(
        str(r["id"]), r["s"], str(r["predicate"]), r["o"], r["time_start"], r["time_end"],
        str(r["stance"]), r["published"], (r["ingested_at"], r["doc"], r["evidence_start"]),
        review,
    )


def _load(conn: Connection, where: str, params: Sequence[Any]) -> list[Filed]:
    # a superseded version's claims are filed nowhere (its successor's claims are)
    rows = conn.execute(
        _FILED_SELECT + " WHERE (" + where + ") AND d.superseded_by IS NULL", tuple(params)
    ).fetchall()
    found = [f for f in (_filed(r) for r in rows) if f is not None]
    return sorted(found, key=lambda f: f.ord)


def _chunks(items: Sequence[str], size: int = 400) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def recompute(conn: Connection, fid: str) -> bool:
    """Recompute a fact's time, first publication and stance counts from its claims; a fact
    left with no claim is removed (and False returned)."""
    rows = conn.execute(
        "SELECT c.time_start, c.time_end, c.stance, d.published, c.id FROM fact_claims fc "
        "JOIN claims c ON c.id = fc.claim_id JOIN documents d ON d.id = c.document_id "
        "WHERE fc.fact_id = ? ORDER BY fc.ord",
        (fid,),
    ).fetchall()
    if not rows:
        conn.execute("DELETE FROM facts WHERE id = ?", (fid,))
        return False
    edits = _claim_edits(conn, [str(r[4]) for r in rows])
    start: str | None = None
    end: str | None = None
    stances: Counter[str] = Counter()
    known: list[str] = []
    for r in rows:
        ch = edits.get(str(r[4]), {})
        s0 = ch["time_start"] if "time_start" in ch else r[0]
        s1 = ch["time_end"] if "time_end" in ch else r[1]
        if s0 or s1:
            if overlaps(start, end, s0, s1):
                start, end = intersect(start, end, s0, s1)
        stances[str(ch.get("stance") or r[2])] += 1
        if r[3]:
            known.append(str(r[3]))
    conn.execute(
        "UPDATE facts SET time_start = ?, time_end = ?, sort_time = ?, first_known = ?, "
        "sources = ?, stances = ? WHERE id = ?",
        (
            start,
            end,
            sort_time(start, end),
            min(known) if known else None,
            len(rows),
            json.dumps(dict(sorted(stances.items()))),
            fid,
        ),
    )
    return True


def _claim_edits(conn: Connection, claim_ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(claim_ids):
        marks = ",".join("?" for _ in chunk)
        for r in conn.execute(
            "SELECT target_id, changes FROM reviews WHERE target = 'claim' AND active = 1 "
            f"AND state = 'edited' AND target_id IN ({marks}) ORDER BY id",
            tuple(chunk),
        ).fetchall():
            out[str(r[0])] = json.loads(r[1])
    return out


def _candidates(conn: Connection, key: tuple[str, str, str]) -> list[Any]:
    return list(
        conn.execute(
            "SELECT id, time_start, time_end, sources FROM facts WHERE fact_key = ? "
            "ORDER BY sources DESC, id",
            ("\x1f".join(key),),
        ).fetchall()
    )


def _file(conn: Connection, f: Filed, touched: set[str]) -> None:
    key = fact_key(f.subject, f.predicate, f.object)
    chosen: str | None = None
    for row in _candidates(conn, key):
        if not (f.start or f.end) or overlaps(row[1], row[2], f.start, f.end):
            chosen = str(row[0])
            break
    if chosen is None:
        chosen = fact_id(f.claim_id)
        n = 0
        # the claim may have founded a fact that lives on without it (it was edited or its
        # entities merged away): the new fact takes the next id of the claim's
        while conn.execute("SELECT 1 FROM facts WHERE id = ?", (chosen,)).fetchone():
            n += 1
            chosen = fact_id(f"{f.claim_id}\x1f{n}")
        conn.execute(
            "INSERT INTO facts (id, fact_key, subject_id, predicate, object_id, time_start, "
            "time_end, sort_time, first_known, sources, stances) "
            "VALUES (?,?,?,?,?,?,?,?,?,0,'{}')",
            (
                chosen,
                "\x1f".join(key),
                key[0] or None,
                key[1],
                key[2] or None,
                f.start,
                f.end,
                sort_time(f.start, f.end),
                f.published,
            ),
        )
        start, end, stances, known, n = f.start, f.end, {}, f.published, 0
    else:
        row = conn.execute(
            "SELECT time_start, time_end, stances, first_known, sources FROM facts WHERE id = ?",
            (chosen,),
        ).fetchone()
        start, end = row[0], row[1]
        if (f.start or f.end) and overlaps(start, end, f.start, f.end):
            start, end = intersect(start, end, f.start, f.end)
        stances = json.loads(row[2])
        known = min(x for x in (row[3], f.published) if x) if (row[3] or f.published) else None
        n = int(row[4])
    stances[f.stance] = int(stances.get(f.stance, 0)) + 1
    conn.execute(
        "INSERT INTO fact_claims (claim_id, fact_id, ord) VALUES (?,?,?)",
        (f.claim_id, chosen, f.ord),
    )
    conn.execute(
        "UPDATE facts SET time_start = ?, time_end = ?, sort_time = ?, first_known = ?, "
        "sources = ?, stances = ? WHERE id = ?",
        (
            start,
            end,
            sort_time(start, end),
            known,
            n + 1,
            json.dumps(dict(sorted(stances.items()))),
            chosen,
        ),
    )
    touched.add(chosen)


def place(conn: Connection, claim_ids: Sequence[str]) -> set[str]:
    """File claims (not yet in a fact) into facts; return the ids of the facts touched."""
    touched: set[str] = set()
    for chunk in _chunks(list(claim_ids)):
        marks = ",".join("?" for _ in chunk)
        for f in _load(conn, f"c.id IN ({marks})", chunk):
            _file(conn, f, touched)
    return touched


def unplace(conn: Connection, claim_ids: Sequence[str]) -> set[str]:
    """Take claims out of their facts; facts left empty are removed."""
    facts: set[str] = set()
    for chunk in _chunks(list(claim_ids)):
        marks = ",".join("?" for _ in chunk)
        facts |= {
            str(r[0])
            for r in conn.execute(
                f"SELECT fact_id FROM fact_claims WHERE claim_id IN ({marks})", tuple(chunk)
            ).fetchall()
        }
        conn.execute(f"DELETE FROM fact_claims WHERE claim_id IN ({marks})", tuple(chunk))
    for fid in sorted(facts):
        recompute(conn, fid)
    return facts


def refile(conn: Connection, claim_ids: Sequence[str]) -> set[str]:
    """Take claims out of their facts and file them again (after a review changed them)."""
    return unplace(conn, claim_ids) | place(conn, claim_ids)


def refresh(conn: Connection, canonical_ids: Iterable[str]) -> int:
    """Re-file every claim about these canonical entities (after a merge, split or undo)."""
    ids = sorted(set(canonical_ids))
    claims: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" for _ in chunk)
        params = tuple(chunk) + tuple(chunk)
        claims |= {
            str(r[0])
            for r in conn.execute(
                "SELECT fc.claim_id FROM fact_claims fc JOIN facts f ON f.id = fc.fact_id "
                f"WHERE f.subject_id IN ({marks}) OR f.object_id IN ({marks})",
                params,
            ).fetchall()
        }
        claims |= {
            str(r[0])
            for r in conn.execute(
                "SELECT c.id FROM claims c LEFT JOIN entities s ON s.id = c.subject_id "
                "LEFT JOIN entities o ON o.id = c.object_id "
                f"WHERE s.canonical_id IN ({marks}) OR o.canonical_id IN ({marks})",
                params,
            ).fetchall()
        }
    ordered = sorted(claims)
    unplace(conn, ordered)
    place(conn, ordered)
    return len(ordered)


def rebuild(conn: Connection) -> int:
    """Drop every fact and file all claims again, in ingest order; return the fact count."""
    conn.execute("DELETE FROM fact_claims")
    conn.execute("DELETE FROM facts")
    touched: set[str] = set()
    for f in _load(conn, "1 = 1", ()):
        _file(conn, f, touched)
    row = conn.execute("SELECT count(*) FROM facts").fetchone()
    return int(row[0]) if row else 0
