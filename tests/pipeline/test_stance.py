"""Stance and source, each case a sentence written for the test."""

from __future__ import annotations

import pytest

from allegiance.model.types import Document
from allegiance.pipeline import extract_document

CASES = [
    # (text, predicate, expected stance)
    ("Abu Layth al-Shami refused to pledge allegiance to Jabhat al-Wadi.", "pledged_allegiance", "negated"),
    ("Abu Layth al-Shami did not pledge allegiance to Jabhat al-Wadi.", "pledged_allegiance", "negated"),
    ("Abu Layth al-Shami was killed before he could pledge allegiance to Jabhat al-Wadi.",
     "pledged_allegiance", "negated"),
    ("It did not take long for Abu Layth al-Shami to pledge allegiance to Jabhat al-Wadi.",
     "pledged_allegiance", "asserted"),
    ("Abu Layth al-Shami reportedly pledged allegiance to Jabhat al-Wadi.", "pledged_allegiance", "alleged"),
    ("Abu Layth al-Shami pledged allegiance to Jabhat al-Wadi, according to Abu Karim al-Halabi.",
     "pledged_allegiance", "reported"),
    ("The supposed alliance between Liwa al-Haqq and Jaysh al-Sunna is a common trope.", "allied_with", "disputed"),
    ("Jaysh al-Sunna claimed responsibility for the bombing.", "attacked", "claimed"),
    ("The brothers in Liwa al-Haqq did not trust Jaysh al-Sunna.", "hostile_to", "asserted"),
]


@pytest.mark.parametrize("text, predicate, expected", CASES)
def test_stance(text: str, predicate: str, expected: str) -> None:
    ex = extract_document(Document(id="s", text=text, published="2017-01-01"))
    stances = [c.stance for c in ex.claims if c.predicate == predicate]
    assert stances, [(c.predicate, c.stance) for c in ex.claims]
    assert expected in stances


def test_declared_dissolution_disputed_by_the_next_sentence() -> None:
    text = ("In May 2016 defectors declared the dissolution of Liwa al-Haqq. "
            "Yet the case was much less solid, and the group survives to this day.")
    ex = extract_document(Document(id="d", text=text, published="2017-01-01"))
    c = next(c for c in ex.claims if c.predicate == "dissolved")
    assert c.stance == "disputed"
    assert c.time is not None and c.time.start == "2016-05-01"


def test_according_to_names_the_source() -> None:
    text = "According to Abu Karim al-Halabi, Abu Layth al-Shami joined Jabhat al-Wadi."
    ex = extract_document(Document(id="a", text=text))
    c = next(c for c in ex.claims if c.predicate == "member_of")
    source = next(e for e in ex.entities if e.id == c.source)
    assert source.name == "Abu Karim al-Halabi"
    assert c.stance == "reported"


def test_a_purpose_or_plot_makes_no_claim_of_the_deed() -> None:
    from extraction_helpers import attacks, extract

    assert attacks(extract("He received money from Ansar al-Islam in order to conduct attacks in Kirkuk.")) == []
    assert attacks(extract("The cell was plotting to attack the embassy in Baghdad.")) == []
    done = attacks(extract("The Islamic State attacked Kirkuk so as to divert the army."))
    assert [c.stance for c in done] == ["asserted"]  # the deed done for a purpose stands
