"""``Store.ingest_many`` stores exactly what ingesting each extraction in turn stores: the
same documents, entities, claims, facts and search rows, on both backends."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from allegiance.errors import StoreError
from allegiance.model.types import Claim, Entity, Extraction, Span, TimeInterval
from allegiance.query.search import search
from allegiance.resolve.claim_review import review
from allegiance.store import Store
from allegiance.store.samples import sample_extractions

from tests.conftest import postgres_store

CLOCK = "2026-01-01T00:00:00+00:00"
#: every table of the store, each read sorted so that both backends compare alike
TABLES = ("documents", "canonical_entities", "entities", "aliases", "mentions", "claims",
          "facts", "fact_claims", "reviews", "search_index")
#: words searched in both stores
WORDS = ("Ansar", "Mosul", "Obeida", "killed", "Islamic State", "khawarij", "Kirkuk", "Abu")


def _variant(x: Extraction, n: int, published: str) -> Extraction:
    """Another report of the same statements: a new id, text and publication date."""
    text = (x.text or "") + f" Report {n}."
    meta = dict(x.document, id=f"{x.document['id']}-r{n}", published=published)
    return dataclasses.replace(x, document=meta, text=text)


def _new_version(x: Extraction) -> Extraction:
    """The same document id with a changed text."""
    return dataclasses.replace(x, text=(x.text or "") + " Corrected.")


def _draw() -> list[Extraction]:
    base = sample_extractions()
    out = list(base)
    for n, published in enumerate(("2016-05-01", "2014-02-02", "2018-11-30", None), 1):
        out += [_variant(x, n, published or "") for x in base]
    out.append(base[0])  # the same text again: skipped
    out.append(_new_version(base[1]))  # a new version of a stored id
    out.append(_variant(base[2], 9, "2019-01-01"))
    return out


#: the pool random documents draw from: few names, so that they meet often
NAMES = [("Person", "Abu Bakr"), ("Person", "Abu Bakr al-Iraqi"), ("Person", "Umar Hadid"),
         ("Organization", "Jaysh al-Islam"), ("Organization", "Liwa al-Haqq"),
         ("Organization", "Ansar al-Sunna"), ("Place", "Mosul"), ("Place", "Tal Afar")]
PREDICATES = [("member_of", "Person", "Organization"), ("hostile_to", "Organization",
              "Organization"), ("allied_with", "Organization", "Organization"),
              ("active_in", "Organization", "Place"), ("killed", "Organization", "Person")]
TIMES = [None, ("2014-01-01", "2014-12-31"), ("2014-06-01", "2014-06-30"),
         ("2015-01-01", "2015-12-31"), ("2014-03-02", "2014-03-02"), (None, "2014-12-31"),
         ("2015-06-01", None)]


def _random_draw(seed: int, n: int) -> list[Extraction]:
    """Documents drawn from a small pool of names, predicates and times: the same name twice
    in one document (two people, never one canonical entity), facts with many sources and
    several facts under one key."""
    rng = random.Random(seed)
    out: list[Extraction] = []
    for i in range(n):
        picked = rng.sample(NAMES, 5)
        if i in (7, 30):  # a second person of the same name
            picked.append(("Person", "Abu Bakr"))
        entities = [Entity(f"e{j}", t, name) for j, (t, name) in enumerate(picked)]
        if rng.random() < 0.5:  # an alias that is another entity's name
            entities[0].aliases.append(rng.choice(NAMES)[1])
        parts: list[str] = []
        claims: list[Claim] = []
        pos = 0
        for j in range(6):
            pred, st, ot = rng.choice(PREDICATES)
            subj = [e for e in entities if e.type == st]
            obj = [e for e in entities if e.type == ot]
            if not subj or not obj:
                continue
            t = rng.choice(TIMES)
            sentence = f"Sentence {j} of {i}."
            claims.append(Claim(
                f"c{j}", rng.choice(subj).id, pred, rng.choice(obj).id,
                Span(pos, pos + len(sentence), sentence),
                rng.choice(["asserted", "reported", "denied"]),
                time=TimeInterval(t[0], t[1], "then", "day") if t else None,
            ))
            parts.append(sentence)
            pos += len(sentence) + 1
        meta = {"id": f"r{i}", "published": f"201{rng.randint(4, 9)}-0{rng.randint(1, 9)}-01"}
        out.append(Extraction(meta, entities, claims, text=" ".join(parts)))
    return out


def _rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {}
    for t in TABLES:
        rows = [tuple("" if v is None else str(v) for v in r) for r in store.all(f"SELECT * FROM {t}")]
        out[t] = sorted(rows)
    return out


def _hits(store: Store) -> list[list[str]]:
    return [[repr(h) for h in search(store, w)] for w in WORDS]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of ingesting read the same clock, so timestamps compare equal."""
    import allegiance.resolve.attach as attach
    import allegiance.resolve.claim_review as claim_review
    import allegiance.store.bulk as bulk
    import allegiance.store.ingest as ingest

    for module in (attach, bulk, ingest, claim_review):
        monkeypatch.setattr(module, "now", lambda: CLOCK)


@contextmanager
def _open(backend: str, path: Path) -> Iterator[Store]:
    if backend == "sqlite":
        with Store.open(path) as s:
            yield s
    else:
        with postgres_store() as s:
            yield s


BACKENDS = ["sqlite", "postgresql"]


def _compare(
    backend: str,
    tmp_path: Path,
    draw: list[Extraction],
    batch: int,
    before: Callable[[Store], None] | None = None,
) -> tuple[list[object], list[object]]:
    with _open(backend, tmp_path / "one.db") as one, _open(backend, tmp_path / "many.db") as many:
        if before is not None:
            before(one)
            before(many)
        singly: list[object] = []
        for x in draw:
            try:
                singly.append(one.ingest(x))
            except StoreError as e:
                singly.append(str(e))
        together = [r if not isinstance(r, StoreError) else str(r)
                    for r in many.ingest_many(draw, batch=batch)]
        assert _rows(one) == _rows(many)
        assert _hits(one) == _hits(many)
        # insertion order too (read back as ``rowid``; on PostgreSQL ``ctid``, the order
        # only of tables ingest never updates: the latest search rows are the ones ranked)
        appended = ("claims", "mentions", "fact_claims", "search_index")
        ordered = appended if backend != "sqlite" else (
            "documents", "entities", "aliases", "facts", *appended)
        for t in ordered:
            order = f"SELECT * FROM {t} ORDER BY rowid"
            assert [tuple(r) for r in one.all(order)] == [tuple(r) for r in many.all(order)], t
    return singly, together


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("batch", [1, 4, 100])
def test_many_stores_what_one_by_one_stores(backend: str, batch: int, tmp_path: Path) -> None:
    singly, together = _compare(backend, tmp_path, _draw(), batch)
    assert singly == together


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", [1, 2])
def test_many_random_documents(backend: str, seed: int, tmp_path: Path) -> None:
    draw = _random_draw(seed, 60)
    singly, together = _compare(backend, tmp_path, draw, 25)
    assert singly == together
    if backend != "sqlite":
        return
    with Store.open(tmp_path / "many.db") as s:  # the draw meets the cases it is for
        busiest = s.one("SELECT max(sources) FROM facts")[0]
        keys = s.one("SELECT max(n) FROM (SELECT count(*) AS n FROM facts GROUP BY fact_key)")
        assert busiest >= 5 and keys[0] >= 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_refused_document_alone_is_left_out(backend: str, tmp_path: Path) -> None:
    draw = _draw()
    bad = sample_extractions()[1]
    bad = dataclasses.replace(
        bad, document=dict(bad.document, id="bad"), text=(bad.text or "") + " Bad.",
        claims=[Claim("c9", "e404", "member_of", "e3", Span(0, 5, "Abu U"))],
    )
    draw.insert(3, bad)
    singly, together = _compare(backend, tmp_path, draw, 50)
    assert singly == together
    assert isinstance(together[3], str) and "e404" in together[3]


def _reviewed_then_deleted(store: Store) -> None:
    """Decisions on claims of a document that is then deleted: they hold when it returns."""
    ansar = sample_extractions()[0]
    store.ingest(ansar)
    claims = [str(r[0]) for r in store.all(
        "SELECT id FROM claims WHERE document_id = 'ansar-2015' ORDER BY evidence_start, id")]
    review(store, "claim", claims[0], "rejected", by="t")
    review(store, "claim", claims[1], "edited", by="t", changes={"stance": "denied"})
    store.delete("ansar-2015")


@pytest.mark.parametrize("backend", BACKENDS)
def test_decisions_on_returning_claims_are_kept(backend: str, tmp_path: Path) -> None:
    singly, together = _compare(backend, tmp_path, _draw(), 100, before=_reviewed_then_deleted)
    assert singly == together


def test_store_failure_mid_batch_falls_back_to_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import allegiance.store.bulk as bulk

    def broken(*args: object, **kwargs: object) -> None:
        raise __import__("sqlite3").OperationalError("disk I/O error")

    with Store.open(tmp_path / "s.db") as s:
        monkeypatch.setattr(bulk.Filer, "flush", broken)
        results = list(s.ingest_many(sample_extractions(), batch=10))
        assert [getattr(r, "new", None) for r in results] == [True, True, True]
        assert s.counts()["documents"] == 3
        facts = s.one("SELECT count(*) FROM facts")[0]
        assert facts == s.one("SELECT count(DISTINCT fact_id) FROM fact_claims")[0] > 0


def test_page_cache_is_restored_after_a_load(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as s:
        before = s.one("PRAGMA cache_size")[0]
        seen: list[int] = []
        for _ in s.ingest_many(sample_extractions(), batch=2):
            seen.append(s.one("PRAGMA cache_size")[0])
        assert seen and all(v < 0 and -v >= 256 * 1024 for v in seen)
        assert s.one("PRAGMA cache_size")[0] == before
