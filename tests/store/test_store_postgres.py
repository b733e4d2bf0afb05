"""The PostgreSQL spelling of the store's SQL (``store.postgres.translate``): each case is
a statement as the store writes it, its PostgreSQL text, and the parameters it is given
and then sends. No server is needed: the translation is plain text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from allegiance.store.postgres import translate


@dataclass(frozen=True)
class Case:
    sql: str
    text: str
    given: tuple[Any, ...] = ()
    sent: tuple[Any, ...] = ()


CASES = [
    # a list of parameters is one array parameter, wherever it stands
    Case("SELECT a FROM t WHERE b IN (?,?,?)", "SELECT a FROM t WHERE b = ANY(%b)",
         ("x", "y", "z"), (["x", "y", "z"],)),
    Case("SELECT a FROM t WHERE c = ? AND b IN ( ?, ? ) AND d > ?",
         "SELECT a FROM t WHERE c = %s AND b = ANY(%b) AND d > %s",
         (1, "x", "y", 2), (1, ["x", "y"], 2)),
    Case("SELECT a FROM t WHERE b NOT IN (?, ?) OR e in (?,?)",
         "SELECT a FROM t WHERE b <> ALL(%b) OR e = ANY(%b)",
         ("x", "y", 3, 4), (["x", "y"], [3, 4])),
    # not a list: one marker, a sub-select, a marker in a string, other brackets
    Case("SELECT a FROM t WHERE b IN (?)", "SELECT a FROM t WHERE b IN (%s)", ("x",), ("x",)),
    Case("SELECT a FROM t WHERE b IN (SELECT c FROM u WHERE d = ?)",
         "SELECT a FROM t WHERE b IN (SELECT c FROM u WHERE d = %s)", (1,), (1,)),
    Case("SELECT a FROM t WHERE b = 'IN (?,?)' AND c = ?",
         "SELECT a FROM t WHERE b = 'IN (?,?)' AND c = %s", (1,), (1,)),
    Case("SELECT min(?, ?) FROM t JOIN (SELECT 1) x ON 1 = 1",
         "SELECT min(%s, %s) FROM t JOIN (SELECT 1) x ON 1 = 1", (1, 2), (1, 2)),
    Case("INSERT OR IGNORE INTO t (a, b) VALUES (?, ?)",
         "INSERT INTO t (a, b) VALUES (%s, %s) ON CONFLICT DO NOTHING", (1, 2), (1, 2)),
    # a literal percent sign is doubled, and is no marker
    Case("SELECT a FROM t WHERE b LIKE '%s' AND c IN (?, ?)",
         "SELECT a FROM t WHERE b LIKE '%%s' AND c = ANY(%b)", (1, 2), ([1, 2],)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.sql for c in CASES])
def test_translation(case: Case) -> None:
    out = translate(case.sql)
    assert out.text == case.text
    assert out.parameters(case.given) == case.sent
