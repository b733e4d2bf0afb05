"""The store schema as named migrations, applied in order and recorded in ``migrations``."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from allegiance.resolve.keys import now


@dataclass(frozen=True)
class Migration:
    """One named schema change. Names are stable: never edit an applied migration."""

    name: str
    sql: str


MIGRATIONS: list[Migration] = [
    Migration(
        "0001_documents",
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT,
            author TEXT,
            published TEXT,
            path TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',
            text TEXT,
            ingested_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        "0002_entities",
        """
        CREATE TABLE canonical_entities (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            reference_id TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            local_id TEXT NOT NULL,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            reference_id TEXT,
            auto_canonical_id TEXT NOT NULL REFERENCES canonical_entities(id),
            canonical_id TEXT NOT NULL REFERENCES canonical_entities(id),
            resolved_by TEXT NOT NULL,
            seq INTEGER NOT NULL,
            UNIQUE (document_id, local_id)
        );
        CREATE INDEX entities_canonical ON entities(canonical_id);
        CREATE INDEX entities_reference ON entities(reference_id);
        CREATE TABLE aliases (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            pejorative INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_id, name)
        );
        CREATE INDEX aliases_key ON aliases(name_key);
        CREATE TABLE mentions (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (entity_id, start, "end")
        );
        """,
    ),
    Migration(
        "0003_claims",
        """
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            local_id TEXT NOT NULL,
            subject_id TEXT REFERENCES entities(id),
            predicate TEXT NOT NULL,
            object_id TEXT REFERENCES entities(id),
            time_start TEXT,
            time_end TEXT,
            time_text TEXT,
            time_precision TEXT,
            place_id TEXT REFERENCES entities(id),
            role TEXT,
            stance TEXT NOT NULL,
            source_id TEXT REFERENCES entities(id),
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            evidence_text TEXT NOT NULL,
            cue TEXT,
            qualifiers TEXT NOT NULL DEFAULT '{}',
            extractor TEXT NOT NULL
        );
        CREATE INDEX claims_subject ON claims(subject_id);
        CREATE INDEX claims_object ON claims(object_id);
        CREATE INDEX claims_document ON claims(document_id);
        """,
    ),
    Migration(
        "0004_judgements",
        """
        CREATE TABLE judgements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'reject')),
            left_id TEXT NOT NULL,
            right_id TEXT,
            members TEXT NOT NULL DEFAULT '[]',
            reason TEXT NOT NULL,
            by TEXT NOT NULL,
            at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
        """,
    ),
    Migration(
        "0005_entity_key_index",
        """
        CREATE INDEX entities_key ON entities(name_key, type);
        CREATE INDEX entities_document ON entities(document_id, canonical_id);
        CREATE INDEX entities_seq ON entities(seq);
        """,
    ),
    Migration(
        "0006_document_versions",
        """
        ALTER TABLE documents ADD COLUMN superseded_by TEXT;
        CREATE INDEX documents_superseded ON documents(superseded_by);
        """,
    ),
]


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied to ``conn``."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [str(r[0]) for r in conn.execute("SELECT name FROM migrations ORDER BY name")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration, each in its own transaction; return their names.
    Safe when several processes open the same new store at once."""
    done = set(applied(conn))
    known = {m.name for m in MIGRATIONS}
    unknown = sorted(done - known)
    if unknown:
        raise ValueError(f"store has migrations this version does not know: {', '.join(unknown)}")
    new: list[str] = []
    for m in MIGRATIONS:
        if m.name in done:
            continue
        # the write lock first, then a second look: another process opening the same new
        # store at the same moment may have applied it meanwhile
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (m.name,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in m.sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (m.name, now()))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        new.append(m.name)
    return new
