"""``path`` finds the shortest chain whichever side it widens first (the side touching fewer
facts), on both backends."""

from __future__ import annotations

import pytest

from allegiance.query.paths import path
from allegiance.store import Store

from tests.query.graph_helpers import S, document

HUB = "Organization:Jaysh al-Haqq"
#: a hub in many facts, and a chain from a man to a small group through it
STATEMENTS = [S(f"Person:Abu Umar {n}", "member_of", HUB) for n in range(30)] + [
    S("Person:Abu Bakr", "member_of", "Organization:Liwa al-Nasr"),
    S("Organization:Liwa al-Nasr", "allied_with", HUB),
    S(HUB, "hostile_to", "Organization:Ansar al-Din"),
    S("Person:Umar Hadid", "leader_of", "Organization:Ansar al-Din"),
]
#: (from, to, facts in the shortest chain)
CASES = [("Abu Bakr", "Umar Hadid", 4), ("Umar Hadid", "Abu Bakr", 4),
         ("Jaysh al-Haqq", "Abu Bakr", 2), ("Abu Umar 3", "Abu Umar 7", 2),
         ("Abu Bakr", "Liwa al-Nasr", 1)]


@pytest.mark.parametrize(("a", "b", "length"), CASES)
def test_shortest_chain(store: Store, a: str, b: str, length: int) -> None:
    store.ingest(document("d", "2016-01-01", STATEMENTS))
    found = path(store, a, b)
    assert len(found.steps) == length
    assert found.steps[0].from_id == found.from_id and found.steps[-1].to_id == found.to_id
    for one, two in zip(found.steps, found.steps[1:]):
        assert one.to_id == two.from_id
