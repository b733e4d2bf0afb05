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

from allegiance.store.connection import Connection, insert_rows

_WORD = re.compile(r"\w+", re.UNICODE)
#: rows ranked at most: when more rows match, the latest this many are ranked (ranking every
#: row that holds a common word is what makes such a search slow on a large store)
RANK_LIMIT = 2000


def add(conn: Connection, rows: Iterable[tuple[str, str, str | None, str | None, str]]) -> None:
    """Index rows of (kind, ref, document id, title, body)."""
    insert_rows(conn, "search_index", ("kind", "ref", "document_id", "title", "body"),
                list(rows))


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
        "WHERE e.document_id = ? ORDER BY a.entity_id, a.name",
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


def _latest_rowid(conn: Connection) -> int:
    row = conn.execute("SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT 1").fetchone()
    return int(row[0]) if row else 0


def common(conn: Connection, term: str, cache: dict[str, tuple[int, bool]]) -> bool:
    """Whether ``term`` occurs in more than half the index rows, where FTS5's BM25 gives it
    no weight (its inverse document frequency is floored at 1e-6). Ranking leaves such a
    term out (it is still required), which spares reading its whole row list on every
    search. Remembered in ``cache`` until the index has grown by a tenth."""
    latest = _latest_rowid(conn)
    known = cache.get(term)
    if known is not None and latest <= known[0] * 1.1:
        return known[1]
    half = latest // 2
    row = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? "
        "LIMIT ?)",
        ('"' + term.replace('"', "") + '"', half + 1),
    ).fetchone()
    found = bool(row and int(row[0]) > half)
    cache[term] = (latest, found)
    return found


def _phrases(terms: list[str]) -> str:
    """An FTS5 query: every term, the last as a prefix."""
    match = " ".join('"' + t.replace('"', "") + '"' for t in terms[:-1])
    return (match + " " if match else "") + '"' + terms[-1].replace('"', "") + '"*'


def search(
    conn: Connection,
    dialect: str,
    text: str,
    limit: int,
    known_by: str | None,
    cache: dict[str, tuple[int, bool]] | None = None,
) -> list[Any]:
    """Rows (kind, ref, document_id, title, snippet, score) best first; every word of
    ``text`` must occur. ``known_by`` keeps rows of documents published by that date.
    When more than ``RANK_LIMIT`` rows match, the latest ``RANK_LIMIT`` are ranked."""
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
            "FROM (SELECT s.*, q FROM search_index s, to_tsquery('simple', ?) q "
            f"WHERE s.tsv @@ q{known} ORDER BY s.seq DESC LIMIT {RANK_LIMIT}) s "
            f"ORDER BY score DESC, s.kind, s.ref LIMIT {int(limit)}"
        )
        return conn.execute(sql, tuple(params)).fetchall()
    return _search_fts5(conn, terms, limit, known, known_by, {} if cache is None else cache)


def _search_fts5(
    conn: Connection,
    terms: list[str],
    limit: int,
    known: str,
    known_by: str | None,
    cache: dict[str, tuple[int, bool]],
) -> list[Any]:
    full = _phrases(terms)
    extra: list[Any] = [] if known_by is None else [known_by]
    # the latest RANK_LIMIT rows holding every word, read in rowid order (cheap); when that
    # many match, the oldest of them bounds the rows ranked
    holding = [
        int(r[0])
        for r in conn.execute(
            f"SELECT s.rowid FROM search_index s WHERE search_index MATCH ?{known} "
            f"ORDER BY s.rowid DESC LIMIT {RANK_LIMIT}",
            (full, *extra),
        ).fetchall()
    ]
    since = holding[-1] if len(holding) >= RANK_LIMIT else 0
    ranked = terms[:-1]
    ranked = [t for t in ranked if not common(conn, t, cache)] + terms[-1:]
    if len(ranked) == len(terms):
        return list(conn.execute(
            "SELECT s.kind, s.ref, s.document_id, s.title, "
            "snippet(search_index, 4, '[', ']', '…', 16) AS snippet, -s.rank AS score "
            f"FROM search_index s WHERE search_index MATCH ?{known} AND s.rowid >= ? "
            f"ORDER BY s.rank LIMIT {int(limit)}",
            (full, *extra, since),
        ).fetchall())
    # rank by the words that weigh, among the rows holding every word
    held = set(holding)
    best: list[tuple[int, float]] = []
    for r in conn.execute(
        "SELECT s.rowid, -s.rank AS score FROM search_index s WHERE search_index MATCH ? "
        "AND s.rowid >= ? ORDER BY s.rank",
        (_phrases(ranked), since),
    ):
        if int(r[0]) in held:
            best.append((int(r[0]), float(r[1])))
            if len(best) >= limit:
                break
    if not best:
        return []
    # the chosen rows' columns and snippets, read in one pass over the matches (a look-up
    # per row reads the row lists of common words again each time); the other rows' stored
    # columns are never read
    ids = ",".join(str(rowid) for rowid, _ in best)
    chosen = f"CASE WHEN s.rowid IN ({ids}) THEN "
    rows = {
        int(r[0]): r
        for r in conn.execute(
            f"SELECT s.rowid, {chosen}s.kind END, {chosen}s.ref END, {chosen}s.document_id "
            f"END, {chosen}s.title END, {chosen}snippet(search_index, 4, '[', ']', '…', 16) "
            "END FROM search_index s WHERE search_index MATCH ? AND s.rowid >= ?",
            (full, min(rowid for rowid, _ in best)),
        )
        if r[5] is not None
    }
    return [(*tuple(rows[rowid])[1:], score) for rowid, score in best]
