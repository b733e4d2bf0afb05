"""A new version of a document (its id stored again with another text): the analyst's
decisions on the old version's claims go over to the new version's claims where the claim
survives, and the old version's claims leave the facts.

A claim survives when the new version has a claim with the same predicate, the same
canonical subject and object (or none), whose evidence quotes the same sentence again
(compared with whitespace folded). Where several do, the one nearest in the text to the old
claim's place takes the decisions. Every active decision on the old claim is recorded again
on the new one, with its author, time and note (and a word saying where it came from); the
old rows stay as they were, so ``review history`` shows both. A claim the new text no longer
makes keeps its decisions with the old version, which stays on record, out of the facts.

The order matters for decisions on facts: the new claims are filed first (a surviving claim
joins the fact its predecessor supports), then the old claims are taken out, so a fact that
lives on keeps its id and its decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from allegiance.store.connection import Connection
from allegiance.store.facts import unplace

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Carried:
    """Decisions carried from one claim of the old version to one of the new."""

    old_claim: str
    new_claim: str
    reviews: int


def _quote(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


_CLAIMS = """
SELECT c.id, c.predicate, se.canonical_id AS s, oe.canonical_id AS o, c.evidence_text,
       c.evidence_start
FROM claims c
LEFT JOIN entities se ON se.id = c.subject_id
LEFT JOIN entities oe ON oe.id = c.object_id
WHERE c.document_id = ?
ORDER BY c.evidence_start, c.id
"""


def _signature(r: Any) -> tuple[str, str, str, str]:
    return (str(r["predicate"]), r["s"] or "", r["o"] or "", _quote(str(r["evidence_text"])))


def survivors(conn: Connection, old_doc: str, new_doc: str) -> dict[str, str]:
    """For each claim of ``old_doc`` that survives in ``new_doc``: its successor's id."""
    new: dict[tuple[str, str, str, str], list[tuple[int, str]]] = {}
    for r in conn.execute(_CLAIMS, (new_doc,)).fetchall():
        new.setdefault(_signature(r), []).append((int(r["evidence_start"]), str(r["id"])))
    out: dict[str, str] = {}
    taken: set[str] = set()
    for r in conn.execute(_CLAIMS, (old_doc,)).fetchall():
        options = [o for o in new.get(_signature(r), []) if o[1] not in taken]
        if not options:
            continue
        at = int(r["evidence_start"])
        best = min(options, key=lambda o: (abs(o[0] - at), o[1]))
        taken.add(best[1])
        out[str(r["id"])] = best[1]
    return out


def carry_reviews(conn: Connection, old_doc: str, new_doc: str) -> list[Carried]:
    """Record the active decisions on ``old_doc``'s claims again on their successors in
    ``new_doc`` (call before the new claims are filed into facts)."""
    carried: list[Carried] = []
    for old, new in sorted(survivors(conn, old_doc, new_doc).items()):
        rows = conn.execute(
            "SELECT state, changes, note, by, at FROM reviews WHERE target = 'claim' "
            "AND target_id = ? AND active = 1 ORDER BY id",
            (old,),
        ).fetchall()
        for r in rows:
            note = str(r["note"])
            where = f"carried from claim {old[:12]} of {old_doc}"
            conn.execute(
                "INSERT INTO reviews (target, target_id, state, changes, note, by, at, active) "
                "VALUES ('claim', ?, ?, ?, ?, ?, ?, 1)",
                (new, r["state"], r["changes"], f"{note} ({where})" if note else where,
                 r["by"], r["at"]),
            )
        if rows:
            carried.append(Carried(old, new, len(rows)))
    return carried


def retire(conn: Connection, old_doc: str) -> set[str]:
    """Take the claims of a superseded version out of their facts (call after the new
    version's claims are filed); return the facts touched."""
    ids = [str(r[0]) for r in conn.execute(
        "SELECT claim_id FROM fact_claims fc JOIN claims c ON c.id = fc.claim_id "
        "WHERE c.document_id = ?", (old_doc,)).fetchall()]
    return unplace(conn, ids)
