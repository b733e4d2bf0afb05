"""Facts with all their sources: grouping across documents, time together, stance summary,
known-by, review states."""

from __future__ import annotations

import pytest

from allegiance.errors import InputError, NotFoundError
from allegiance.query.facts import check_date, fact_of_claim, facts, get_fact, iter_facts
from allegiance.resolve.claim_review import review, undo_review
from allegiance.store import Store
from allegiance.store.facts import rebuild
from tests.query.graph_helpers import S, document

IS, JN, AQ = "Organization:Islamic State", "Organization:Jabhat al-Nusra", "Organization:al-Qaeda"
BAKR = "Person:Abu Bakr"


def _ingest(store: Store, *docs: tuple[str, str | None, list[S]]) -> None:
    for doc_id, published, statements in docs:
        store.ingest(document(doc_id, published, statements))


# (statements per document, expected number of facts, expected sources of the first fact)
GROUPING = [
    # the same pledge read in three documents is one fact with three sources
    ([[S(BAKR, "member_of", IS, "2014-01-01", "2014-12-31")]] * 3, 1, 3),
    # same pair, times that cannot overlap: two facts
    (
        [
            [S(BAKR, "member_of", IS, "2010-01-01", "2010-12-31")],
            [S(BAKR, "member_of", IS, "2014-01-01", "2014-12-31")],
        ],
        2,
        1,
    ),
    # an undated claim joins the dated fact of the same key
    ([[S(BAKR, "member_of", IS, "2014-06-01", "2014-06-30")], [S(BAKR, "member_of", IS)]], 1, 2),
    # a symmetric predicate read either way round is one fact
    ([[S(IS, "hostile_to", JN, "2014", None)], [S(JN, "hostile_to", IS, "2014", None)]], 1, 2),
    # a non-symmetric one is not
    ([[S(IS, "branch_of", AQ)], [S(AQ, "branch_of", IS)]], 2, 1),
    # asserted and denied: one fact, both sources kept
    ([[S(BAKR, "leader_of", IS)], [S(BAKR, "leader_of", IS, stance="denied")]], 1, 2),
]


@pytest.mark.parametrize(("docs", "n_facts", "n_sources"), GROUPING)
def test_claims_group_into_facts(
    store: Store, docs: list[list[S]], n_facts: int, n_sources: int
) -> None:
    _ingest(store, *[(f"d{i}", f"2015-0{i + 1}-01", st) for i, st in enumerate(docs)])
    found = facts(store, order="id")
    assert len(found) == n_facts
    assert max(len(f.sources) for f in found) == n_sources
    before = sorted((f.id, len(f.sources)) for f in found)
    with store.transaction() as conn:
        rebuild(conn)
    assert sorted((f.id, len(f.sources)) for f in facts(store, order="id")) == before


def test_fact_time_is_what_sources_allow_together(store: Store) -> None:
    _ingest(
        store,
        ("a", "2015-01-01", [S(BAKR, "pledged_allegiance", IS, "2014-08-01", "2014-08-31")]),
        ("b", "2015-02-01", [S(BAKR, "pledged_allegiance", IS, "2014-08-20", None)]),
    )
    (fact,) = facts(store)
    assert (fact.time.start, fact.time.end) == ("2014-08-20", "2014-08-31")
    assert fact.time.label == "2014-08 (end)"
    assert fact.time.precision == "part-month"
    src = fact.sources[0]
    assert src.document_id == "a" and src.published == "2015-01-01"
    assert src.quote.startswith("Abu Bakr pledged allegiance")
    assert src.span_end > src.span_start


def test_stance_summary_counts_agreement_and_disagreement(store: Store) -> None:
    statements = [S(BAKR, "leader_of", IS)]
    _ingest(
        store,
        *[(f"a{i}", "2015-01-01", statements) for i in range(3)],
        ("d", "2015-02-01", [S(BAKR, "leader_of", IS, stance="denied")]),
    )
    (fact,) = facts(store)
    assert fact.stance.label == "asserted by 3, denied by 1"
    assert fact.stance.contested
    assert (fact.stance.supporting, fact.stance.contesting) == (3, 1)


def test_known_by_answers_from_sources_published_by_then(store: Store) -> None:
    _ingest(
        store,
        ("early", "2014-09-01", [S(BAKR, "member_of", IS, "2014-01-01", "2014-12-31")]),
        ("late", "2016-01-01", [S(BAKR, "member_of", IS, "2014-06-01", "2014-06-30")]),
        ("undated", None, [S(BAKR, "member_of", IS, "2014-06-10", "2014-06-20")]),
        ("later", "2016-05-01", [S(BAKR, "leader_of", IS)]),
    )
    (then,) = facts(store, known_by="2015-01-01")
    assert [s.document_id for s in then.sources] == ["early"]
    assert then.time.label == "2014"
    now = facts(store, predicate="member_of")[0]
    assert len(now.sources) == 3 and now.time.label == "2014-06 (middle)"
    assert now.first_known == "2014-09-01"
    assert facts(store, known_by="2014-01-01") == []


# (filters, expected predicates)
FILTERS = [
    ({"predicate": "member_of"}, ["member_of"]),
    ({"at": "2014-06"}, ["member_of", "hostile_to"]),
    ({"at": "2012"}, ["hostile_to"]),
    ({"from_": "2016", "to": "2017"}, ["killed", "hostile_to"]),  # open end can reach 2016
    ({"stance": "alleged"}, ["killed"]),
    ({"entity": "Jabhat al-Nusra"}, ["hostile_to"]),
    ({"subject": "Abu Bakr"}, ["member_of"]),
    ({"object": "Abu Bakr"}, ["killed"]),
]


@pytest.mark.parametrize(("filters", "expected"), FILTERS)
def test_filters(store: Store, filters: dict[str, str], expected: list[str]) -> None:
    _ingest(
        store,
        (
            "a",
            "2017-01-01",
            [
                S(BAKR, "member_of", IS, "2014-01-01", "2014-12-31"),
                S(IS, "hostile_to", JN, "2011-01-01", None),
                S(None, "killed", BAKR, "2016-05-01", "2016-05-31", stance="alleged"),
                S(IS, "branch_of", AQ),
            ],
        ),
    )
    assert sorted(f.predicate for f in iter_facts(store, **filters)) == sorted(expected)  # type: ignore[arg-type]


def test_at_marks_intervals_that_only_may_include_the_date(store: Store) -> None:
    _ingest(
        store,
        (
            "a",
            "2017-01-01",
            [
                S(BAKR, "member_of", IS, "2014-01-01", "2014-12-31"),
                S(IS, "hostile_to", JN, "2011-01-01", None),
            ],
        ),
    )
    got = {f.predicate: f.certainty for f in iter_facts(store, at="2014-06-15")}
    assert got == {"member_of": "certain", "hostile_to": "uncertain"}
    assert {f.certainty for f in iter_facts(store, at="2014-06-15", predicate="member_of")} == {
        "certain"
    }
    part = {f.predicate: f.certainty for f in iter_facts(store, at="2014")}
    assert part["member_of"] == "certain"


@pytest.mark.parametrize("bad", ["2014-13", "14", "2014/06", "June 2014", "2014-6", ""])
def test_bad_dates_are_refused(bad: str) -> None:
    with pytest.raises(InputError):
        check_date(bad)


def test_review_states_and_undo(store: Store) -> None:
    _ingest(store, ("a", "2015-01-01", [S(BAKR, "member_of", IS, "2014-01-01", "2014-12-31")]))
    (fact,) = facts(store)
    assert fact.review.state == "proposed"
    review(store, "fact", fact.id, "confirmed", note="checked", by="ana")
    got = get_fact(store, fact.id)
    assert (got.review.state, got.review.by, got.review.note) == ("confirmed", "ana", "checked")
    assert [f.id for f in facts(store, confirmed_only=True)] == [fact.id]
    # a decision on a fact survives new sources
    _ingest(store, ("b", "2015-02-01", [S(BAKR, "member_of", IS, "2014-05-01", "2014-05-31")]))
    after = get_fact(store, fact.id)
    assert len(after.sources) == 2 and after.review.state == "confirmed"
    review(store, "fact", fact.id, "rejected", by="ana")
    assert facts(store) == []
    assert len(facts(store, include_rejected=True)) == 1
    undo_review(store)
    assert get_fact(store, fact.id).review.state == "confirmed"


def test_edited_claim_moves_to_its_new_fact(store: Store) -> None:
    _ingest(
        store,
        ("a", "2015-01-01", [S(BAKR, "member_of", IS)]),
        ("b", "2015-02-01", [S(BAKR, "member_of", IS)]),
    )
    (fact,) = facts(store)
    claim = fact.sources[1].claim_id
    review(store, "claim", claim, "edited", changes={"predicate": "leader_of"}, by="ana")
    assert sorted(f.predicate for f in facts(store)) == ["leader_of", "member_of"]
    moved = fact_of_claim(store, claim)
    assert moved.predicate == "leader_of" and moved.sources[0].review.state == "edited"
    review(store, "claim", claim, "rejected", by="ana")
    assert [f.predicate for f in facts(store)] == ["member_of"]
    with pytest.raises(NotFoundError):
        fact_of_claim(store, claim)
    undo_review(store)
    undo_review(store)
    assert [len(f.sources) for f in facts(store)] == [2]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"predicate": "likes"}, "unknown predicate"),
        ({"stance": "sure"}, "unknown stance"),
        ({"time_start": "2014-99"}, "not an ISO date"),
        ({"time_start": "2015", "time_end": "2014"}, "after"),
        ({"object": "x"}, "cannot edit"),
        ({}, "at least one change"),
    ],
)
def test_bad_edits_are_refused(store: Store, changes: dict[str, str], message: str) -> None:
    _ingest(store, ("a", "2015-01-01", [S(BAKR, "member_of", IS)]))
    claim = facts(store)[0].sources[0].claim_id
    with pytest.raises(InputError, match=message):
        review(store, "claim", claim, "edited", changes=changes)
    assert facts(store)[0].sources[0].review.state == "proposed"


def test_merge_refiles_facts(store: Store) -> None:
    _ingest(
        store,
        ("a", "2015-01-01", [S(BAKR, "member_of", IS)]),
        ("b", "2015-02-01", [S("Person:Abu Bakr al-Baghdadi", "member_of", IS)]),
    )
    assert len(facts(store)) == 2
    store.merge("Abu Bakr", "Abu Bakr al-Baghdadi", reason="one man")
    (fact,) = facts(store)
    assert len(fact.sources) == 2
    store.undo()
    assert len(facts(store)) == 2
