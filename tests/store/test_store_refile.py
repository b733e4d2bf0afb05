"""Claims filed again into facts after a decision: a claim that founded a fact which lives
on without it gets a fact of its own (it once collided with the fact's id)."""

from __future__ import annotations

import pytest

from allegiance.model.types import Claim, Entity, Extraction, Span
from allegiance.resolve.claim_review import review
from allegiance.store import Store
from allegiance.store.check import check


def said_twice(i: int) -> Extraction:
    text = f"Liwa al-Haqq fought Jaysh al-Izza near Hama, report {i} says."
    ents = [Entity("e1", "Organization", "Liwa al-Haqq"),
            Entity("e2", "Organization", "Jaysh al-Izza")]
    claim = Claim("c1", "e1", "hostile_to", "e2", Span(0, len(text), text), "asserted")
    return Extraction(document={"id": f"r{i}"}, entities=ents, claims=[claim], text=text)


#: (case, changes to the founding claim, facts afterwards)
CASES = [
    ("predicate edited", {"predicate": "allied_with"}, 2),
    ("stance edited", {"stance": "denied"}, 1),
    ("time edited apart", {"time_start": "1990-01-01", "time_end": "1990-12-31"}, 1),
]


@pytest.mark.parametrize(("case", "changes", "n_facts"), CASES, ids=[c[0] for c in CASES])
def test_founding_claim_leaving_its_fact(store: Store, case: str, changes: dict[str, str],
                                         n_facts: int) -> None:
    for i in range(3):
        store.ingest(said_twice(i))
    assert store.one("SELECT count(*) FROM facts")[0] == 1
    founder = store.one("SELECT id FROM claims WHERE document_id = 'r0'")[0]
    review(store, "claim", founder, "edited", changes=changes)
    assert store.one("SELECT count(*) FROM facts")[0] == n_facts
    assert store.one("SELECT sum(sources) FROM facts")[0] == 3
    assert [p.line() for p in check(store.conn, store.dialect)] == []
    review(store, "claim", founder, "confirmed")  # and back into the first fact
    assert store.one("SELECT count(*) FROM facts")[0] == 1
