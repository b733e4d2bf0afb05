"""The entity page's counts and ties read through indexes, and the review queue's newest
proposed claims, checked against the query layer on the sample store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from allegiance.query.facts import iter_facts
from allegiance.resolve.claim_review import review
from allegiance.resolve.lookup import find
from allegiance.store import Store
from allegiance.web import entity as entity_data
from allegiance.web import review as review_data
from tests.export.export_helpers import fill

NAMES = ["Islamic State", "Jaysh al-Haqq", "Abu Obeida", "Mosul"]


@pytest.fixture
def samples(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "samples.db") as store:
        yield fill(store)


def tie_pairs(page: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(str(t["predicate"]), str(e["id"]), str(e["fact"]))
            for t in page["ties"] for e in t["entities"]}


def expected_ties(store: Store, cid: str) -> set[tuple[str, str, str]]:
    """Each tie the page should list, from the query layer's reader."""
    out: set[tuple[str, str, str]] = set()
    for heading, predicate, side, _other in entity_data.TIES:
        for f in iter_facts(store, entity_ids=[cid], predicate=predicate,
                            include_rejected=True):
            for own, other in (("subject", f.object_id), ("object", f.subject_id)):
                on_side = (f.subject_id if own == "subject" else f.object_id) == cid
                if on_side and side in (own, "either") and other and other != cid:
                    out.add((predicate, other, f.id))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_counts_and_ties_agree_with_the_query_layer(samples: Store, name: str) -> None:
    cid = find(samples.conn, name)
    page = entity_data.entity_page(samples, cid)
    facts = list(iter_facts(samples, entity_ids=[cid], include_rejected=True))
    assert page["entity"]["facts"] == len(facts)
    assert page["entity"]["ties_complete"] is True
    assert tie_pairs(page) == expected_ties(samples, cid)


def test_ties_read_from_the_first_facts_say_so(samples: Store,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cid = find(samples.conn, "Islamic State")
    monkeypatch.setattr(entity_data, "TIE_SCAN", 1)
    page = entity_data.entity_page(samples, cid)
    assert page["entity"]["ties_complete"] is False
    assert tie_pairs(page) < expected_ties(samples, cid)


def test_review_queue_lists_the_newest_unreviewed_claims(samples: Store) -> None:
    newest = [str(r[0]) for r in samples.all("SELECT id FROM claims ORDER BY rowid DESC")]
    assert len(newest) > 3
    review(samples, "claim", newest[0], "confirmed")
    got = [c["id"] for c in review_data.queue(samples, None, True, limit=3)["claims"]]
    assert got == newest[1:4]


@pytest.mark.parametrize("drawn", [1, 2, 250])
def test_network_draws_at_most_its_limit_and_counts_the_rest(
    samples: Store, drawn: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from allegiance.web import graph

    cid = find(samples.conn, "Islamic State")
    everything = graph.network(samples, graph.Filters(entity=cid))
    monkeypatch.setattr(graph, "DRAWN", drawn)
    trimmed = graph.network(samples, graph.Filters(entity=cid))
    total = len(everything["edges"])
    assert total > 2
    assert len(trimmed["edges"]) == min(drawn, total)
    assert trimmed["left_out"] == total - len(trimmed["edges"])
    assert trimmed["edges"] == everything["edges"][: len(trimmed["edges"])]
    ends = {e for x in trimmed["edges"] for e in (x["source"], x["target"])}
    assert {n["id"] for n in trimmed["nodes"]} == ends


@pytest.mark.parametrize("at", ["2014", "2014-06", "2015-03", "2016"])
@pytest.mark.parametrize("name", ["Islamic State", "Abu Obeida"])
def test_facts_at_a_date_are_those_the_query_layer_finds(
    samples: Store, at: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from allegiance.web import fact_rows as rows_module

    cid = find(samples.conn, name)
    want = [f.id for f in iter_facts(samples, entity_ids=[cid], at=at,
                                     include_rejected=True)]
    got = [r.id for r in rows_module.fact_rows(samples, entity=cid, at=at)]
    assert sorted(got) == sorted(want)
    monkeypatch.setattr(rows_module, "OPEN_START_SCAN", 0)
    kept = [r.id for r in rows_module.fact_rows(samples, entity=cid, at=at)]
    assert set(kept) <= set(want)
    if want:
        nearest = rows_module.fact_rows(samples, entity=cid, at=at, limit=1)
        assert len(nearest) == 1
