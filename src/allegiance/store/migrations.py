"""The store schema as named migrations, applied in order and recorded in ``migrations``."""

from __future__ import annotations

from dataclasses import dataclass

from allegiance.resolve.keys import now
from allegiance.store.connection import Connection


@dataclass(frozen=True)
class Migration:
    """One named schema change. Names are stable: never edit an applied migration.

    ``sql`` is written once for both backends; ``postgres`` replaces it only where the two
    engines have no common form (full-text search)."""

    name: str
    sql: str
    postgres: str | None = None


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
        "0006_facts_reviews",
        """
        CREATE TABLE facts (
            id TEXT PRIMARY KEY,
            fact_key TEXT NOT NULL,
            subject_id TEXT,
            predicate TEXT NOT NULL,
            object_id TEXT,
            time_start TEXT,
            time_end TEXT,
            sort_time TEXT NOT NULL,
            first_known TEXT,
            sources INTEGER NOT NULL DEFAULT 0,
            stances TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX facts_key ON facts(fact_key);
        CREATE INDEX facts_predicate ON facts(predicate, sort_time);
        CREATE INDEX facts_subject ON facts(subject_id, sort_time);
        CREATE INDEX facts_object ON facts(object_id, sort_time);
        CREATE INDEX facts_time ON facts(sort_time, id);
        CREATE TABLE fact_claims (
            claim_id TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
            fact_id TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
            ord TEXT NOT NULL
        );
        CREATE INDEX fact_claims_fact ON fact_claims(fact_id, ord);
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            target TEXT NOT NULL CHECK (target IN ('claim', 'fact')),
            target_id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('confirmed', 'rejected', 'edited')),
            changes TEXT NOT NULL DEFAULT '{}',
            note TEXT NOT NULL DEFAULT '',
            by TEXT NOT NULL,
            at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX reviews_target ON reviews(target, target_id, active);
        CREATE INDEX documents_published ON documents(published);
        """,
    ),
    Migration(
        "0007_search",
        """
        CREATE VIRTUAL TABLE search_index USING fts5(
            kind UNINDEXED, ref UNINDEXED, document_id UNINDEXED, title UNINDEXED, body,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
        postgres="""
        CREATE TABLE search_index (
            kind TEXT NOT NULL,
            ref TEXT NOT NULL,
            document_id TEXT,
            title TEXT,
            body TEXT NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
        );
        CREATE INDEX search_index_tsv ON search_index USING gin(tsv);
        CREATE INDEX search_index_ref ON search_index(kind, ref);
        """,
    ),
    Migration(
        "0008_entity_distinct_index",
        """
        CREATE INDEX entities_key_canonical ON entities(name_key, type, canonical_id, name);
        CREATE INDEX entities_reference_canonical ON entities(reference_id, type, canonical_id);
        """,
    ),
    Migration(
        "0009_drop_prefix_indexes",
        """
        DROP INDEX entities_key;
        DROP INDEX entities_reference;
        """,
    ),
    Migration(
        "0010_document_versions",
        """
        ALTER TABLE documents ADD COLUMN superseded_by TEXT;
        CREATE INDEX documents_superseded ON documents(superseded_by);
        """,
    ),
    Migration(
        "0011_fact_order_indexes",
        """
        CREATE INDEX facts_subject_order ON facts(subject_id, sort_time, id);
        CREATE INDEX facts_object_order ON facts(object_id, sort_time, id);
        DROP INDEX facts_subject;
        DROP INDEX facts_object;
        """,
    ),
    Migration(
        "0012_covering_fact_indexes",
        # the 0011 orders widened by what the time questions filter on and the other end,
        # so an entity's facts are sifted in the index alone; a fact's claims likewise
        """
        CREATE INDEX facts_subject_cover
            ON facts(subject_id, sort_time, id, predicate, time_start, time_end, object_id);
        CREATE INDEX facts_object_cover
            ON facts(object_id, sort_time, id, predicate, time_start, time_end, subject_id);
        CREATE INDEX fact_claims_cover ON fact_claims(fact_id, ord, claim_id);
        DROP INDEX facts_subject_order;
        DROP INDEX facts_object_order;
        DROP INDEX fact_claims_fact;
        """,
    ),
    Migration(
        "0013_partial_reference_index",
        # only parts with a reference id are ever looked up by it (``reference_id = ?``):
        # the many without one no longer take an index entry each at ingest
        """
        DROP INDEX entities_reference_canonical;
        CREATE INDEX entities_reference_canonical ON entities(reference_id, type, canonical_id)
            WHERE reference_id IS NOT NULL;
        """,
    ),
    Migration(
        "0014_canonical_reference_index",
        # a canonical entity's reference id is its earliest part's that has one (``rename``):
        # read from the few parts with one, not from all the parts of a busy group
        """
        CREATE INDEX entities_canonical_reference ON entities(canonical_id, seq)
            WHERE reference_id IS NOT NULL;
        """,
    ),
    Migration(
        "0015_search_order",
        # SQLite's FTS5 rows keep their insertion order as rowid already; on PostgreSQL a
        # number in insertion order, indexed, lets the latest matches of a frequent word
        # be read newest first instead of gathering every match to sort them
        "",
        postgres="""
        ALTER TABLE search_index ADD COLUMN seq BIGSERIAL;
        CREATE INDEX search_index_seq ON search_index(seq);
        ANALYZE search_index;
        """,
    ),
]


def applied(conn: Connection) -> list[str]:
    """Names of the migrations already applied to ``conn``."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [str(r[0]) for r in conn.execute("SELECT name FROM migrations ORDER BY name")]


def migrate(conn: Connection, dialect: str = "sqlite") -> list[str]:
    """Apply every pending migration, each in its own transaction; return their names.
    ``dialect`` picks a migration's ``postgres`` form where it has one."""
    done = set(applied(conn))
    known = {m.name for m in MIGRATIONS}
    unknown = sorted(done - known)
    if unknown:
        raise ValueError(f"store has migrations this version does not know: {', '.join(unknown)}")
    new: list[str] = []
    for m in MIGRATIONS:
        if m.name in done:
            continue
        sql = m.postgres if dialect == "postgresql" and m.postgres else m.sql
        # the write lock first (SQLite), then a second look: another process opening the
        # same new store at the same moment may have applied it meanwhile
        conn.execute("BEGIN IMMEDIATE" if dialect == "sqlite" else "BEGIN")
        try:
            again = conn.execute("SELECT 1 FROM migrations WHERE name = ?", (m.name,)).fetchone()
            if again is None:  # another writer may have applied it meanwhile
                for statement in sql.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (m.name, now())
                )
                new.append(m.name)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return new
