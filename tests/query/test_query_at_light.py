"""``at`` sifts facts by their keys first and reads the kept ones whole afterwards: the
answer is the one reading every fact whole gives, with analysts' decisions (rejected,
confirmed, edited times and predicates) and ``confirmed_only``."""

from __future__ import annotations

import pytest

from allegiance.query import at as at_module
from allegiance.query.at import snapshot
from allegiance.resolve.claim_review import review
from allegiance.store import Store

from tests.query.graph_helpers import S, document

G, H, K = "Organization:Jaysh al-Haqq", "Organization:Liwa al-Nasr", "Organization:Ansar al-Din"
MOSUL, TAL = "Place:Mosul", "Place:Tal Afar"
STATEMENTS = [
    S(None, "founded", G, "2010-01-01", "2010-12-31"),
    S("Person:Abu Bakr", "founded", H, "2012-03-01", "2012-03-31"),
    S(None, "founded", K, "2009-05-01", "2009-05-31"),
    S(K, "dissolved", None, "2013-01-01", "2013-01-31"),
    S(G, "captured", MOSUL, "2014-06-01", "2014-06-10"),
    S(H, "captured", MOSUL, "2015-02-01", "2015-02-28"),
    S(G, "lost_control_of", TAL, "2014-01-01", "2014-01-31"),
    S(H, "captured", TAL, "2013-07-01", "2013-07-31", stance="reported"),
    S(G, "hostile_to", H, "2014-01-01", "2016-12-31"),
    S("Person:Abu Bakr", "member_of", G, "2013-01-01", None),
    S(H, "allied_with", K, "2011-01-01", "2011-12-31"),
    S("Person:Abu Omar", "leader_of", H, None, "2015-12-31"),
    S("Person:Abu Omar", "member_of", K, "2012-01-01", "2012-12-31"),
    S(H, "dissolved", None, "2016-05-01", "2016-05-31"),
]
#: (date, around, depth)
QUESTIONS = [("2016-01", None, 1), ("2014-03", None, 1), ("2015-06-01", "Jaysh al-Haqq", 1),
             ("2015-06", "Jaysh al-Haqq", 2), ("2011", None, 1), ("2013-08", "Mosul", 2),
             ("2012-06", "Liwa al-Nasr", 2), ("2016-06", None, 1), ("2010", "Abu Omar", 3)]
#: (stored predicate, change): decisions the sifting must apply as the whole reading does
EDITS = [
    ("allied_with", {"predicate": "hostile_to"}),  # another heading
    ("leader_of", {"time_start": "2016-01-01", "time_end": "2016-12-31"}),  # later
    ("dissolved", {"time_start": "2012-01-01", "time_end": "2012-01-31"}),  # earlier end
]


@pytest.fixture
def graph(store: Store) -> Store:
    store.ingest(document("a", "2016-02-01", STATEMENTS[:6]))
    store.ingest(document("b", "2016-03-01", STATEMENTS[4:]))
    store.ingest(document("c", "2017-01-01", STATEMENTS[::2]))
    rejected = store.one("SELECT id FROM facts WHERE predicate = 'lost_control_of'")
    review(store, "fact", str(rejected[0]), "rejected", by="t")
    edited = store.one("SELECT id FROM facts WHERE predicate = 'captured' ORDER BY sort_time")
    review(store, "fact", str(edited[0]), "edited", by="t",
           changes={"time_start": "2013-07-01", "time_end": "2013-07-02"})
    for predicate, changes in EDITS:
        fact = store.one("SELECT id FROM facts WHERE predicate = ?", (predicate,))
        review(store, "fact", str(fact[0]), "edited", by="t", changes=changes)
    member = store.one("SELECT id FROM facts WHERE predicate = 'member_of' ORDER BY sort_time")
    review(store, "fact", str(member[0]), "confirmed", by="t")
    return store


@pytest.mark.parametrize("confirmed_only", [False, True])
@pytest.mark.parametrize(("date", "around", "depth"), QUESTIONS)
def test_light_reading_gives_the_same_answer(
    graph: Store, monkeypatch: pytest.MonkeyPatch, date: str, around: str | None, depth: int,
    confirmed_only: bool,
) -> None:
    ask = {"around": around, "depth": depth, "confirmed_only": confirmed_only}
    light = snapshot(graph, date, **ask).to_dict()
    monkeypatch.setattr(at_module, "_light", lambda common: False)
    whole = snapshot(graph, date, **ask).to_dict()
    assert light == whole


def test_the_decisions_change_the_answer(graph: Store) -> None:
    """The edits above do reach the answer (so the comparison covers them)."""
    hostile = snapshot(graph, "2011-06").relations["hostilities"]
    assert [(f.subject, f.object) for f in hostile] == [("Liwa al-Nasr", "Ansar al-Din")]
    assert not snapshot(graph, "2015-06").relations["leadership"]
    assert [f.review.state for f in snapshot(graph, "2012", confirmed_only=True).relations[
        "membership"]] == ["confirmed"]


def test_the_graph_has_groups_and_holdings(graph: Store) -> None:
    answer = snapshot(graph, "2016-01")
    assert answer.groups and answer.holdings
    assert all(g.founded.sources for g in answer.groups)
    assert all(h.fact.sources for h in answer.holdings)
