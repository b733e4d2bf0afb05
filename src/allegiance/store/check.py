"""``check``: whether a store is whole and its derived tables agree with what they derive from.

Looked at, in order (each problem is one ``Problem``, shown on one line):

- ``integrity``: SQLite's ``PRAGMA integrity_check`` (pages, indexes, the file itself);
- ``foreign-key``: ``PRAGMA foreign_key_check`` (a row pointing at a row that is gone; on
  PostgreSQL the server enforces these itself);
- ``orphan``: rows the foreign keys do not cover: a fact without a claim, a search row of a
  document that is gone, a document missing from the search index, a version superseded by
  a document that is gone, a mention stored under another document than its entity's;
- ``fact``: facts consistent with claims: every claim of a current document that is not
  rejected belongs to a fact, and a rejected claim or one of a superseded version to none;
  each claim says what its fact says (same canonical subject and object, same predicate
  once reviewed edits are applied); each fact's source count and stance summary are those
  of its claims.

Decisions on claims or facts that are gone are not problems: a deleted document's decisions
stay on record, to be found again if the same text comes back.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from allegiance.store.connection import Connection
from allegiance.store.facts import fact_key


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a store."""

    kind: str
    detail: str

    def line(self) -> str:
        return f"{self.kind}: {self.detail}"


def _integrity(conn: Connection) -> Iterator[Problem]:
    for r in conn.execute("PRAGMA integrity_check").fetchall():
        if str(r[0]) != "ok":
            yield Problem("integrity", str(r[0]))


def _foreign_keys(conn: Connection) -> Iterator[Problem]:
    for r in conn.execute("PRAGMA foreign_key_check").fetchall():
        yield Problem("foreign-key", f"{r[0]} row {r[1]} points at a {r[2]} row that is gone")


#: (query giving the rows at fault, how one row is described)
ORPHANS: list[tuple[str, str]] = [
    ("SELECT f.id FROM facts f WHERE NOT EXISTS "
     "(SELECT 1 FROM fact_claims fc WHERE fc.fact_id = f.id)",
     "fact {0} has no claim"),
    ("SELECT DISTINCT s.document_id FROM search_index s WHERE s.document_id IS NOT NULL "
     "AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)",
     "search index rows of document {0}, which is not stored"),
    ("SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM search_index s "
     "WHERE s.kind = 'document' AND s.ref = d.id)",
     "document {0} is missing from the search index"),
    ("SELECT d.id, d.superseded_by FROM documents d WHERE d.superseded_by IS NOT NULL "
     "AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.id = d.superseded_by)",
     "document {0} is superseded by {1}, which is not stored"),
    ("SELECT m.entity_id, m.document_id FROM mentions m JOIN entities e ON e.id = m.entity_id "
     "WHERE e.document_id <> m.document_id",
     "a mention of entity {0} is stored under document {1}, not its entity's"),
]


def _orphans(conn: Connection) -> Iterator[Problem]:
    for sql, say in ORPHANS:
        for r in conn.execute(sql).fetchall():
            yield Problem("orphan", say.format(*(str(x) for x in r)))


#: each claim with its canonical ends, its document's state and its standing decision
_CLAIMS = """
SELECT c.id, c.document_id, c.predicate, c.stance, se.canonical_id AS s, oe.canonical_id AS o,
       d.superseded_by, fc.fact_id,
       (SELECT r.state FROM reviews r WHERE r.target = 'claim' AND r.target_id = c.id
        AND r.active = 1 ORDER BY r.id DESC LIMIT 1) AS review_state,
       (SELECT r.changes FROM reviews r WHERE r.target = 'claim' AND r.target_id = c.id
        AND r.active = 1 ORDER BY r.id DESC LIMIT 1) AS review_changes
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN entities se ON se.id = c.subject_id
LEFT JOIN entities oe ON oe.id = c.object_id
LEFT JOIN fact_claims fc ON fc.claim_id = c.id
"""


def _fact_problems(fid: str, fact: Any, members: list[Any]) -> Iterator[Problem]:
    if fact is None:
        return  # a fact_claims row of a fact that is gone: the foreign-key check says so
    stances: Counter[str] = Counter()
    for r in members:
        changes: dict[str, Any] = json.loads(r["review_changes"]) if r["review_changes"] else {}
        predicate = str(changes.get("predicate") or r["predicate"])
        stances[str(changes.get("stance") or r["stance"])] += 1
        said = "\x1f".join(fact_key(r["s"], predicate, r["o"]))
        if said != str(fact["fact_key"]):
            yield Problem("fact", f"claim {r['id']} says {predicate} of "
                          f"{r['s'] or '-'} and {r['o'] or '-'}, its fact {fid} another thing")
    if int(fact["sources"]) != len(members):
        yield Problem("fact", f"fact {fid} counts {fact['sources']} sources, "
                      f"its claims are {len(members)}")
    stored = json.loads(fact["stances"]) if fact["stances"] else {}
    expected = dict(sorted(stances.items()))
    if {k: int(v) for k, v in stored.items() if int(v)} != expected:
        yield Problem("fact", f"fact {fid} summarises stances as {json.dumps(stored)}, "
                      f"its claims as {json.dumps(expected)}")


def _facts(conn: Connection) -> Iterator[Problem]:
    for r in conn.execute(_CLAIMS + " WHERE fc.fact_id IS NULL ORDER BY c.id").fetchall():
        if r["superseded_by"] is None and r["review_state"] != "rejected":
            yield Problem("fact", f"claim {r['id']} of document {r['document_id']} is in no fact")
    fid: str | None = None
    members: list[Any] = []
    rows = conn.execute(_CLAIMS + " WHERE fc.fact_id IS NOT NULL ORDER BY fc.fact_id, c.id")
    for r in itertools.chain(rows, [None]):  # streamed, fact by fact
        if r is not None and r["superseded_by"] is not None:
            yield Problem("fact", f"claim {r['id']} of superseded document {r['document_id']} "
                          f"is in fact {r['fact_id']}")
        elif r is not None and r["review_state"] == "rejected":
            yield Problem("fact", f"rejected claim {r['id']} is in fact {r['fact_id']}")
        if r is not None and r["fact_id"] == fid:
            members.append(r)
            continue
        if fid is not None:
            fact = conn.execute("SELECT fact_key, sources, stances FROM facts WHERE id = ?",
                                (fid,)).fetchone()
            yield from _fact_problems(fid, fact, members)
        if r is not None:
            fid, members = str(r["fact_id"]), [r]


def check(conn: Connection, dialect: str = "sqlite") -> Iterator[Problem]:
    """Every problem found in the store behind ``conn`` (see the module docstring)."""
    try:
        if dialect == "sqlite" and isinstance(conn, sqlite3.Connection):
            found = list(_integrity(conn))
            yield from found
            if found:
                return  # a damaged file: what follows would read broken pages
            yield from _foreign_keys(conn)
        yield from _orphans(conn)
        yield from _facts(conn)
    except sqlite3.DatabaseError as e:  # pages too broken to be read at all
        yield Problem("integrity", f"the store cannot be read through: {e}")
