"""A document id stored again with a changed text: decisions on the old version's claims are
carried to the new version's claims where the claim survives (same predicate, subject and
object, the quote found again), and only there; the old version's claims leave the facts."""

from __future__ import annotations

import dataclasses

import pytest

from allegiance.model.types import Extraction, Span
from allegiance.resolve.claim_review import review
from allegiance.store import Store
from allegiance.store.ingest import IngestResult
from allegiance.store.samples import ansar_document, entity, news_document

MOSUL = "The khawarij [IS] had seized Mosul in June 2014."


def new_version(replace: dict[str, str], predicates: dict[str, str] | None = None,
                objects: dict[str, str] | None = None) -> Extraction:
    """The sample document with its text edited (each key replaced by its value), its
    spans found again, and some claims' predicate or object changed."""
    old = ansar_document()
    text = old.text or ""
    for a, b in replace.items():
        assert a in text
        text = text.replace(a, b)
    ents = [entity(text, e.id, e.type, e.name, e.aliases, e.pejoratives, e.reference_id)
            for e in old.entities]
    claims = []
    for c in old.claims:
        quote = c.evidence.text
        for a, b in replace.items():
            quote = quote.replace(a, b)
        start = text.index(quote)
        claims.append(dataclasses.replace(
            c, evidence=Span(start, start + len(quote), quote),
            predicate=(predicates or {}).get(c.id, c.predicate),
            object=(objects or {}).get(c.id, c.object)))
    return Extraction(document=dict(old.document), entities=ents, claims=claims, text=text)


def claim_of(store: Store, doc_id: str, local: str) -> str:
    return str(store.one("SELECT id FROM claims WHERE document_id = ? AND local_id = ?",
                         (doc_id, local))[0])


def standing(store: Store, claim: str) -> tuple[str, str] | None:
    row = store.one("SELECT state, changes FROM reviews WHERE target = 'claim' AND target_id = ? "
                    "AND active = 1 ORDER BY id DESC LIMIT 1", (claim,))
    return (str(row[0]), str(row[1])) if row else None


def fact_of(store: Store, claim: str) -> str | None:
    row = store.one("SELECT fact_id FROM fact_claims WHERE claim_id = ?", (claim,))
    return str(row[0]) if row else None


#: (case, how the text changes, predicate changes, object changes, the decided claim,
#:  the decision, its changes, carried?)
CASES = [
    ("text added elsewhere, confirmation", {"founded in 2001.": "founded in 2001. Corrected."},
     None, None, "c3", "confirmed", None, True),
    ("text added elsewhere, rejection", {"founded in 2001.": "founded in 2001. Corrected."},
     None, None, "c3", "rejected", None, True),
    ("text added elsewhere, edit", {"founded in 2001.": "founded in 2001. Corrected."},
     None, None, "c4", "edited", {"stance": "alleged"}, True),
    ("spacing of the quote changed", {"had seized Mosul": "had  seized\nMosul"},
     None, None, "c3", "confirmed", None, True),
    ("the quote itself changed", {"seized Mosul in June": "seized Mosul in mid-June"},
     None, None, "c3", "confirmed", None, False),
    ("the predicate changed", {"founded in 2001.": "founded in 2001. Corrected."},
     {"c3": "controls"}, None, "c3", "confirmed", None, False),
    ("the object changed", {"founded in 2001.": "founded in 2001. Corrected."},
     None, {"c3": "e7"}, "c3", "rejected", None, False),
]


def stored(store: Store, extraction: Extraction, bulk: bool) -> IngestResult:
    """``extraction`` stored alone, or through the bulk path with another document."""
    if not bulk:
        return store.ingest(extraction)
    results = list(store.ingest_many([extraction, news_document()]))
    assert isinstance(results[0], IngestResult)
    return results[0]


@pytest.mark.parametrize("bulk", [False, True], ids=["ingest", "ingest_many"])
@pytest.mark.parametrize(
    ("case", "replace", "predicates", "objects", "local", "state", "changes", "carried"),
    CASES, ids=[c[0] for c in CASES])
def test_decisions_follow_surviving_claims(
    store: Store, case: str, replace: dict[str, str], predicates: dict[str, str] | None,
    objects: dict[str, str] | None, local: str, state: str, changes: dict[str, str] | None,
    carried: bool, bulk: bool,
) -> None:
    store.ingest(news_document())
    first = store.ingest(ansar_document())
    old_claim = claim_of(store, first.document_id, local)
    review(store, "claim", old_claim, state, note="checked", by="ana", changes=changes)
    decided = standing(store, old_claim)
    second = stored(store, new_version(replace, predicates, objects), bulk)
    assert second.new and second.document_id != first.document_id
    new_claim = claim_of(store, second.document_id, local)
    assert new_claim != old_claim
    assert standing(store, old_claim) == decided  # the old decision stays on record
    if carried:
        assert standing(store, new_claim) == decided
        note = store.one("SELECT note, by FROM reviews WHERE target_id = ?", (new_claim,))
        assert note[1] == "ana" and note[0].startswith("checked (carried from claim")
    else:
        assert standing(store, new_claim) is None
    # the facts hold the current version only
    assert fact_of(store, old_claim) is None
    in_facts = {str(r[0]) for r in store.all(
        "SELECT c.document_id FROM fact_claims fc JOIN claims c ON c.id = fc.claim_id")}
    assert first.document_id not in in_facts and second.document_id in in_facts
    if carried and state == "rejected":
        assert fact_of(store, new_claim) is None
    else:
        assert fact_of(store, new_claim) is not None
    if carried and state == "edited":
        fid = fact_of(store, new_claim)
        assert store.one("SELECT stances FROM facts WHERE id = ?", (fid,))[0] == '{"alleged": 1}'


def test_a_decision_on_a_fact_survives_a_new_version(store: Store) -> None:
    first = store.ingest(ansar_document())
    fid = fact_of(store, claim_of(store, first.document_id, "c3"))
    assert fid is not None
    review(store, "fact", fid, "confirmed", by="ana")
    second = store.ingest(new_version({"founded in 2001.": "founded in 2001. Corrected."}))
    assert fact_of(store, claim_of(store, second.document_id, "c3")) == fid
    assert store.one("SELECT sources FROM facts WHERE id = ?", (fid,))[0] == 1
    assert store.one("SELECT count(*) FROM reviews WHERE target = 'fact' AND target_id = ? "
                     "AND active = 1", (fid,))[0] == 1


def test_facts_count_each_text_once_after_versions(store: Store) -> None:
    store.ingest(ansar_document())
    before = store.one("SELECT count(*), sum(sources) FROM facts")
    for tail in (" Corrected.", " Corrected twice."):
        store.ingest(new_version({"founded in 2001.": "founded in 2001." + tail}))
    assert tuple(store.one("SELECT count(*), sum(sources) FROM facts")) == tuple(before)
    from allegiance.store.facts import rebuild

    with store.transaction() as conn:
        rebuild(conn)  # a rebuild files the current version alone too
    assert tuple(store.one("SELECT count(*), sum(sources) FROM facts")) == tuple(before)
