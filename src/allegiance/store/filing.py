"""Filing many new claims into facts at once, as ``facts.place`` files them one by one.

A ``Filer`` lives for one write transaction. The facts of a key are read once, when a claim
with that key first arrives; joins and new facts are kept in memory and written at the end
(``flush``) in a few bulk statements. Claims are filed in the order given, with the same
rule as ``facts._file`` (the fact with most sources, then the smallest id, among those whose
time the claim's time overlaps), so the facts are the same as when each claim is placed in
turn. Nothing else may write facts while a ``Filer`` is open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from allegiance.store.connection import Connection, insert_rows
from allegiance.store.facts import Filed, fact_id, fact_key, intersect, overlaps, sort_time


@dataclass
class _Fact:
    id: str
    start: str | None
    end: str | None
    sources: int
    stances: dict[str, int]
    first_known: str | None
    new: bool
    changed: bool = False
    key: tuple[str, str, str] = ("", "", "")
    #: the interval as stored when read (an update that keeps it leaves the time indexes be)
    stored: tuple[str | None, str | None] = (None, None)


@dataclass
class Filer:
    """Files claims into facts in memory; ``flush`` writes what changed."""

    conn: Connection
    _facts: dict[str, list[_Fact]] = field(default_factory=dict)
    _created: list[_Fact] = field(default_factory=list)
    _links: list[tuple[str, str, str]] = field(default_factory=list)

    def _candidates(self, joined: str) -> list[_Fact]:
        found = self._facts.get(joined)
        if found is None:
            found = [
                _Fact(str(r[0]), r[1], r[2], int(r[3]), json.loads(r[4]), r[5], False,
                      stored=(r[1], r[2]))
                for r in self.conn.execute(
                    "SELECT id, time_start, time_end, sources, stances, first_known FROM facts "
                    "WHERE fact_key = ?",
                    (joined,),
                ).fetchall()
            ]
            self._facts[joined] = found
        return found

    def prefetch(self, items: list[Filed]) -> None:
        """Read the facts of the keys of ``items`` not read yet, 400 keys a statement."""
        cached = self._facts  # (a set of its keys per document cost a batch's square)
        keys = sorted({
            k for k in ("\x1f".join(fact_key(f.subject, f.predicate, f.object)) for f in items)
            if k not in cached
        })
        for i in range(0, len(keys), 400):
            chunk = keys[i : i + 400]
            got: dict[str, list[_Fact]] = {k: [] for k in chunk}
            marks = ",".join("?" for _ in chunk)
            for r in self.conn.execute(
                "SELECT id, time_start, time_end, sources, stances, first_known, fact_key "
                f"FROM facts WHERE fact_key IN ({marks})",
                tuple(chunk),
            ).fetchall():
                got[str(r[6])].append(
                    _Fact(str(r[0]), r[1], r[2], int(r[3]), json.loads(r[4]), r[5], False,
                          stored=(r[1], r[2]))
                )
            self._facts.update(got)

    def file(self, f: Filed) -> str:
        """File one claim; return the id of its fact."""
        key = fact_key(f.subject, f.predicate, f.object)
        joined = "\x1f".join(key)
        facts = self._candidates(joined)
        dated = bool(f.start or f.end)
        chosen: _Fact | None = None
        for fact in facts:
            if dated and not overlaps(fact.start, fact.end, f.start, f.end):
                continue
            if chosen is None or (fact.sources, chosen.id) > (chosen.sources, fact.id):
                chosen = fact
        if chosen is None:
            chosen = _Fact(fact_id(f.claim_id), f.start, f.end, 0, {}, f.published, True, key=key)
            facts.append(chosen)
            self._created.append(chosen)
        elif dated and overlaps(chosen.start, chosen.end, f.start, f.end):
            chosen.start, chosen.end = intersect(chosen.start, chosen.end, f.start, f.end)
        known = [x for x in (chosen.first_known, f.published) if x]
        chosen.first_known = min(known) if known else None
        chosen.stances[f.stance] = chosen.stances.get(f.stance, 0) + 1
        chosen.sources += 1
        chosen.changed = True
        self._links.append((f.claim_id, chosen.id, f.ord))
        return chosen.id

    def flush(self) -> None:
        """Write the new facts, the changed ones and the claims' links; start afresh."""
        def values(x: _Fact) -> tuple[str | None, str | None, str, str | None, int, str]:
            stances = json.dumps(dict(sorted(x.stances.items())))
            return (x.start, x.end, sort_time(x.start, x.end), x.first_known, x.sources, stances)

        insert_rows(
            self.conn, "facts",
            ("id", "fact_key", "subject_id", "predicate", "object_id", "time_start", "time_end",
             "sort_time", "first_known", "sources", "stances"),
            [
                (x.id, "\x1f".join(x.key), x.key[0] or None, x.key[1], x.key[2] or None,
                 *values(x))
                for x in self._created
            ],
        )
        changed = [x for facts in self._facts.values() for x in facts if x.changed and not x.new]
        # a fact whose interval stayed as it was keeps its entries in the time indexes:
        # only its counts are written (most joins of a common fact)
        self.conn.executemany(
            "UPDATE facts SET time_start = ?, time_end = ?, sort_time = ?, first_known = ?, "
            "sources = ?, stances = ? WHERE id = ?",
            [(*values(x), x.id) for x in changed if (x.start, x.end) != x.stored],
        )
        self.conn.executemany(
            "UPDATE facts SET first_known = ?, sources = ?, stances = ? WHERE id = ?",
            [(*values(x)[3:], x.id) for x in changed if (x.start, x.end) == x.stored],
        )
        insert_rows(self.conn, "fact_claims", ("claim_id", "fact_id", "ord"), self._links)
        self._facts.clear()
        self._created.clear()
        self._links.clear()
