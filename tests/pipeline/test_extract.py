"""Behaviour of the whole pipeline on short texts written for the tests."""

from __future__ import annotations

import pytest

from allegiance.model.types import Document, Extraction
from allegiance.pipeline import extract_document


def run(text: str, published: str | None = "2016-05-01") -> Extraction:
    return extract_document(Document(id="t", text=text, published=published))


def triples(ex: Extraction) -> set[tuple[str | None, str, str | None, str]]:
    name = {e.id: e.name for e in ex.entities}
    return {(name.get(c.subject) if c.subject else None, c.predicate,
             name.get(c.object) if c.object else None, c.stance) for c in ex.claims}


def entity(ex: Extraction, name: str):
    for e in ex.entities:
        if name == e.name or name in e.aliases:
            return e
    raise AssertionError(f"{name} not among {[e.name for e in ex.entities]}")


def test_membership_and_pledge_with_month() -> None:
    ex = run("Abu Hamza al-Kurdi, a commander in Jaysh al-Fursan, pledged allegiance to "
             "Jabhat al-Wadi in June 2015.")
    t = triples(ex)
    assert ("Abu Hamza al-Kurdi", "member_of", "Jaysh al-Fursan", "asserted") in t
    assert ("Abu Hamza al-Kurdi", "pledged_allegiance", "Jabhat al-Wadi", "asserted") in t
    pledge = next(c for c in ex.claims if c.predicate == "pledged_allegiance")
    assert pledge.time is not None
    assert (pledge.time.start, pledge.time.end) == ("2015-06-01", "2015-06-30")


def test_refusal_is_negated_and_pronoun_resolved() -> None:
    ex = run("Abu Khalid al-Suri lived in the north. He refused to give allegiance to Jabhat al-Wadi.")
    assert ("Abu Khalid al-Suri", "pledged_allegiance", "Jabhat al-Wadi", "negated") in triples(ex)


def test_hedged_alliance_is_alleged() -> None:
    ex = run("The supposed alliance between Liwa al-Haqq and Jaysh al-Sunna worried the other factions.")
    t = triples(ex)
    assert any(p == "allied_with" and s == "alleged" for _, p, _, s in t)


def test_passive_killing_has_unknown_agent_and_year() -> None:
    ex = run("Abu Ali al-Anbari was killed in 2016.")
    c = next(c for c in ex.claims if c.predicate == "killed")
    assert c.subject is None
    assert entity(ex, "Abu Ali al-Anbari").id == c.object
    assert c.time is not None and (c.time.start, c.time.end) == ("2016-01-01", "2016-12-31")


def test_short_name_and_bracketed_acronym_join_the_full_name() -> None:
    ex = run("Abu Ali al-Anbari met the leaders of Jaysh Rijal al-Tariqa al-Naqshbandia [JRTN]. "
             "Later al-Anbari said JRTN would not fight.")
    anbari = entity(ex, "Abu Ali al-Anbari")
    assert "al-Anbari" in anbari.aliases
    assert "JRTN" in entity(ex, "Jaysh Rijal al-Tariqa al-Naqshbandia").aliases


def test_a_group_name_prefix_is_not_the_same_group() -> None:
    ex = run("Jaysh al-Islam fought Jaysh al-Islam fi Bilad al-Sham near Douma. Jaysh al-Islam won.")
    names = [e.name for e in ex.entities if e.type == "Organization"]
    assert len([n for n in names if n.startswith("Jaysh al-Islam")]) == 2


def test_witness_items_are_reported_with_their_source() -> None:
    from allegiance.model.types import Segment

    text = ("Below is my translation of the testimony of Abu Salim al-Tunisi.\n\n"
            "  1. Abu Dujana al-Masri was an official of Jaysh al-Fursan in Idlib.")
    item_start = text.index("  1.") + 2
    doc = Document(id="w", text=text, segments=[
        Segment("paragraph", 0, text.index("\n")),
        Segment("item", item_start, len(text), marker="1", speaker="witness", source_name="Abu Salim al-Tunisi"),
    ])
    ex = extract_document(doc)
    c = next(c for c in ex.claims if c.predicate == "member_of")
    assert c.stance == "reported"
    assert c.source == entity(ex, "Abu Salim al-Tunisi").id


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_gives_empty_extraction(text: str) -> None:
    ex = run(text)
    assert ex.entities == [] and ex.claims == []


def test_evidence_span_points_at_the_sentence() -> None:
    text = "Nothing here. Abu Hamza al-Kurdi joined Jabhat al-Wadi in 2013. Nothing there."
    ex = run(text)
    c = next(c for c in ex.claims if c.predicate == "member_of")
    assert text[c.evidence.start:c.evidence.end] == "Abu Hamza al-Kurdi joined Jabhat al-Wadi in 2013."


@pytest.mark.parametrize("text, expected", [
    ("Jaysh al-Fursan was formed in 2016. Its leader is Abu Hammam al-Saqqa.",
     ("Abu Hammam al-Saqqa", "leader_of", "Jaysh al-Fursan")),
    ("Abu Hammam al-Saqqa, a former military commander of Jabhat al-Wadi, spoke.",
     ("Abu Hammam al-Saqqa", "member_of", "Jabhat al-Wadi")),
    ("Abu Layth al-Shami broke his bay'ah to Jabhat al-Wadi in 2017.",
     ("Abu Layth al-Shami", "defected_from", "Jabhat al-Wadi")),
    ("Liwa al-Haqq is widely regarded as Jabhat al-Wadi's affiliate in Hama.",
     ("Liwa al-Haqq", "branch_of", "Jabhat al-Wadi")),
    ("Liwa al-Haqq, which was dissolved in early 2017, fought in Hama.", ("Liwa al-Haqq", "dissolved", None)),
])
def test_more_claim_shapes(text: str, expected: tuple[str, str, str | None]) -> None:
    t = {(s, p, o) for s, p, o, _ in triples(run(text))}
    subj, pred, obj = expected
    assert any(s == subj and p == pred and (obj is None or o == obj) for s, p, o in t), t


def test_forming_an_alliance_founds_nothing() -> None:
    t = triples(run("In April 2018, Liwa al-Haqq formed an alliance with Jaysh al-Sunna."))
    assert not any(p == "founded" for _, p, _, _ in t)
    assert any(p == "allied_with" for _, p, _, _ in t)


def test_breaking_a_pledge_is_no_pledge() -> None:
    t = triples(run("Abu Layth al-Shami broke his bay'ah to Jabhat al-Wadi."))
    assert not any(p == "pledged_allegiance" for _, p, _, _ in t)


def test_headline_states_no_claim() -> None:
    from allegiance.ingest import read_text

    doc = read_text("Liwa al-Haqq and the Remnants of Jabhat al-Wadi / by A. Writer\n\nNothing happened.",
                    doc_id="h")
    assert extract_document(doc).claims == []


def test_fighting_alongside_is_no_hostility() -> None:
    t = triples(run("Liwa al-Haqq fought alongside Jaysh al-Sunna near Morek."))
    assert any(p == "cooperated_with" for _, p, _, _ in t)
    assert not any(p == "hostile_to" for _, p, _, _ in t)


def test_formed_without_a_founder_keeps_the_group_and_year() -> None:
    ex = run("Liwa al-Haqq was formed in 2013 in Hama province.")
    c = next(c for c in ex.claims if c.predicate == "founded")
    assert c.subject is None and entity(ex, "Liwa al-Haqq").id == c.object
    assert c.time is not None and c.time.start == "2013-01-01"
