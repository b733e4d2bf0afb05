"""The full-text index over documents, names and quotes: SQLite FTS5 in the embedded store,
PostgreSQL full-text search (``tsvector``, GIN index) on a server. Rows are written the same
way on both; only the query differs (``search``).

Each row is a ``document`` (its title and text), a ``name`` (a document entity's name and
aliases; read back as its canonical entity) or a ``quote`` (a claim's evidence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from allegiance.store.connection import Connection

_WORD = re.compile(r"\w+", re.UNICODE)


def add(conn: Connection, rows: Iterable[tuple[str, str, str | None, str | None, str]]) -> None:
    """Index rows of (kind, ref, document id, title, body)."""
    conn.executemany(
        "INSERT INTO search_index (kind, ref, document_id, title, body) VALUES (?,?,?,?,?)",
        list(rows),
    )


def index_document(conn: Connection, document_id: str) -> None:
    """Index one stored document with its entities' names and its claims' quotes."""
    doc = conn.execute(
        "SELECT title, text FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if doc is None:
        return
    title = doc[0]
    rows: list[tuple[str, str, str | None, str | None, str]] = [
        ("document", document_id, document_id, title, " ".join(x for x in (title, doc[1]) if x))
    ]
    names: dict[str, list[str]] = {}
    for r in conn.execute(
        "SELECT e.id, e.name FROM entities e WHERE e.document_id = ? ORDER BY e.seq",
        (document_id,),
    ).fetchall():
        names[str(r[0])] = [str(r[1])]
    for r in conn.execute(
        "SELECT a.entity_id, a.name FROM aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE e.document_id = ?",
        (document_id,),
    ).fetchall():
        names.setdefault(str(r[0]), []).append(str(r[1]))
    rows += [("name", eid, document_id, title, " ".join(ns)) for eid, ns in names.items()]
    rows += [
        ("quote", str(r[0]), document_id, title, str(r[1]))
        for r in conn.execute(
            "SELECT id, evidence_text FROM claims WHERE document_id = ?", (document_id,)
        ).fetchall()
    ]
    add(conn, rows)


def unindex_document(conn: Connection, document_id: str) -> None:
    """Remove a document's rows from the index."""
    conn.execute("DELETE FROM search_index WHERE document_id = ?", (document_id,))


def reindex(conn: Connection) -> None:
    """Index every stored document again (a store written before the index existed)."""
    conn.execute("DELETE FROM search_index")
    for r in conn.execute("SELECT id FROM documents ORDER BY ingested_at, id").fetchall():
        index_document(conn, str(r[0]))


def words(text: str) -> list[str]:
    """The words of a query, as the index tokenises them."""
    return _WORD.findall(text)


def search(
    conn: Connection, dialect: str, text: str, limit: int, known_by: str | None
) -> list[Any]:
    """Rows (kind, ref, document_id, title, snippet, score) best first; every word of
    ``text`` must occur. ``known_by`` keeps rows of documents published by that date."""
    terms = words(text)
    if not terms:
        return []
    known = ""
    params: list[Any] = []
    if known_by is not None:
        known = (
            " AND EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id "
            "AND d.published IS NOT NULL AND d.published <= ?)"
        )
    if dialect == "postgresql":
        query = " & ".join(t.replace("'", "") + ":*" if i == len(terms) - 1 else t
                           for i, t in enumerate(terms))
        params = [query]
        if known_by is not None:
            params.append(known_by)
        sql = (
            "SELECT s.kind, s.ref, s.document_id, s.title, "
            "ts_headline('simple', s.body, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8') "
            "AS snippet, ts_rank(s.tsv, q) AS score "
            "FROM search_index s, to_tsquery('simple', ?) q WHERE s.tsv @@ q"
            f"{known} ORDER BY score DESC, s.kind, s.ref LIMIT {int(limit)}"
        )
        return conn.execute(sql, tuple(params)).fetchall()
    match = " ".join('"' + t.replace('"', "") + '"' for t in terms[:-1])
    match = (match + " " if match else "") + '"' + terms[-1].replace('"', "") + '"*'
    params = [match]
    if known_by is not None:
        params.append(known_by)
    sql = (
        "SELECT s.kind, s.ref, s.document_id, s.title, "
        "snippet(search_index, 4, '[', ']', '…', 16) AS snippet, -s.rank AS score "
        "FROM search_index s WHERE search_index MATCH ?"
        f"{known} ORDER BY s.rank LIMIT {int(limit)}"
    )
    return conn.execute(sql, tuple(params)).fetchall()
