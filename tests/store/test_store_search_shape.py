"""The search query's shape (common words required but left out of the ranking, the latest
``RANK_LIMIT`` matching rows ranked) gives the rows the plain FTS5 query gives."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from allegiance.store import Store, search_index
from allegiance.store.samples import sample_extractions

#: (query, whether a word of it before the last is in more than half the rows below)
CASES = [("al-Islam", True), ("al Report", True), ("Abu Obeida", False), ("Mosul", False),
         ("al Sunna", True), ("khawarij", False), ("Islamic State", False)]


def _plain(store: Store, text: str, limit: int) -> list[tuple[Any, ...]]:
    """The search as one FTS5 query ranking every matching row."""
    terms = search_index.words(text)
    rows = store.all(
        "SELECT s.kind, s.ref, s.document_id, s.title, "
        "snippet(search_index, 4, '[', ']', '…', 16), -s.rank FROM search_index s "
        f"WHERE search_index MATCH ? ORDER BY s.rank LIMIT {limit}",
        (search_index._phrases(terms),),
    )
    return [tuple(r) for r in rows]


@pytest.fixture
def big(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "s.db")
    for n in range(12):
        for x in sample_extractions():
            text = (x.text or "") + f" Report {n} on al-Islam."
            store.ingest(dataclasses.replace(
                x, document=dict(x.document, id=f"{x.document['id']}-{n}"), text=text))
    return store


@pytest.mark.parametrize(("text", "has_common"), CASES)
def test_same_rows_as_the_plain_query(big: Store, text: str, has_common: bool) -> None:
    cache: dict[str, tuple[int, bool]] = {}
    got = [tuple(r) for r in search_index.search(big.conn, "sqlite", text, 500, None, cache)]
    want = _plain(big, text, 500)
    assert got
    assert any(v[1] for v in cache.values()) == has_common
    # rows of equal weight may come in another order (a common word's weight is 1e-6)
    if max(float(r[5]) for r in want) > 1e-3:  # words that weigh: the same order
        assert [_weight(r) for r in got] == [_weight(r) for r in want]
        assert _by_weight(got) == _by_weight(want)
    else:  # every word in more than half the rows: no order to keep, the same rows
        assert sorted(repr(r[:5]) for r in got) == sorted(repr(r[:5]) for r in want)


def _weight(row: tuple[Any, ...]) -> str:
    return f"{float(row[5]):.5g}"


def _by_weight(rows: list[tuple[Any, ...]]) -> list[tuple[str, ...]]:
    return sorted((_weight(r), *map(str, r[:5])) for r in rows)


def test_only_the_latest_rows_are_ranked(big: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "RANK_LIMIT", 5)
    got = search_index.search(big.conn, "sqlite", "Report", 100, None, {})
    latest = big.all("SELECT rowid FROM search_index WHERE search_index MATCH 'Report' "
                     "ORDER BY rowid DESC LIMIT 5")
    assert len(got) == 5
    assert {r[1] for r in got} == {
        str(big.one("SELECT ref FROM search_index WHERE rowid = ?", (r[0],))[0]) for r in latest
    }
