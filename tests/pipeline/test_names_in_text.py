"""Names as this version reads them: line by line, with nisbas, lists of other names in
brackets, abbreviations, and no events. Each case is text written for the test."""

from __future__ import annotations

import pytest
from extraction_helpers import extract

from allegiance.model.types import Entity, Extraction


def _entity(ex: Extraction, name: str) -> Entity | None:
    return next((e for e in ex.entities if name in e.names()), None)


@pytest.mark.parametrize("text, name, etype", [
    ("Ibrahim al-Shammari spoke to reporters.", "Ibrahim al-Shammari", "Person"),
    ("They met Harith Dhar Khamis al-Dari in 2006.", "Harith Dhar Khamis al-Dari", "Person"),
    ("The 1920s Revolution Brigades broke up.", "1920s Revolution Brigades", "Organization"),
    ("Fighters of al-Ghuraba Brigades crossed the river.", "al-Ghuraba Brigades", "Organization"),
    ("The leader of the Al Bu Nimr tribe was there.", "Al Bu Nimr tribe", "Organization"),
    ("It joined the Syrian Ministry of Defense.", "Syrian Ministry of Defense", "Organization"),
    ("The group was based in Ras al-Ain.", "Ras al-Ain", "Place"),
    ("A bomb exploded in County Armagh on Palm Sunday.", "County Armagh", "Place"),
    ("Gunmen attacked the Sacred Heart Cathedral.", "Sacred Heart Cathedral", "Place"),
])
def test_names_found_with_their_type(text: str, name: str, etype: str) -> None:
    ent = _entity(extract(text), name)
    assert ent is not None and ent.type == etype, [(e.name, e.type) for e in extract(text).entities]


@pytest.mark.parametrize("text, not_a_name", [
    ("Jaysh al-Wadi\n\nBy Adam Smith", "Jaysh al-Wadi By Adam Smith"),  # a title and its byline
    ("Later al-Anbari said so.", "Later al-Anbari"),
    ("They fought in the Syrian Civil War for years.", "Syrian Civil War"),
    ("Operation Desert Hammer began in March.", "Operation Desert Hammer"),
    ("Liwa al-Haqq grew in March 2014.", "Liwa al-Haqq in March"),
    ("The aim was an independent Islamic state in the region.", "Islamic state"),
    ("A bomb exploded in County Armagh on Palm Sunday.", "Palm Sunday"),
    ("The attack came a week after Brexit.", "Brexit"),
    ("A bomb hit the Cafe near the market.", "Cafe"),
])
def test_no_such_name(text: str, not_a_name: str) -> None:
    assert _entity(extract(text), not_a_name) is None


def test_a_bracket_of_other_names_makes_aliases() -> None:
    ex = extract("Jaysh al-Wadi (also known as Army of the Valley, Valley Brigades, Kurdistan Valley Front) "
                 "fought in Idlib.")
    ent = _entity(ex, "Jaysh al-Wadi")
    assert ent is not None
    assert {"Army of the Valley", "Valley Brigades", "Kurdistan Valley Front"} <= set(ent.names())


def test_a_bracket_with_script_translation_and_acronym() -> None:
    ex = extract("Jaysh al-Wadi (Arabic: جيش الوادي; Army of the Valley; JAW) was a group in Idlib.")
    ent = _entity(ex, "Jaysh al-Wadi")
    assert ent is not None
    assert {"جيش الوادي", "Army of the Valley", "JAW"} <= set(ent.names())


def test_an_abbreviation_in_brackets_and_its_later_uses() -> None:
    ex = extract("The 1920s Revolution Brigades (1920s RB) split. Later the 1920s RB leader was killed in 2007.")
    ent = _entity(ex, "1920s Revolution Brigades")
    assert ent is not None and "1920s RB" in ent.names()
    assert len(ent.mentions) >= 3
    # '1920s' inside a name dates nothing
    assert all(c.time is None or not (c.time.start or "").startswith("192") for c in ex.claims)


def test_names_of_one_record_the_text_keeps_apart_are_two_entities() -> None:
    ex = extract("Jamaat Ansar al-Islam is the latest incarnation of the Ansar al-Islam that was destroyed in 2003.")
    new, old = _entity(ex, "Jamaat Ansar al-Islam"), _entity(ex, "Ansar al-Islam")
    assert new is not None and old is not None and new.id != old.id
    assert "Ansar al-Islam" not in new.names()
    assert any(c.predicate == "predecessor_of" and (c.subject, c.object) == (old.id, new.id) for c in ex.claims)


def test_names_of_one_record_stay_one_without_such_words() -> None:
    ex = extract("Jamaat Ansar al-Islam fought in Kirkuk. Ansar al-Islam lost many men there.")
    assert _entity(ex, "Jamaat Ansar al-Islam") is _entity(ex, "Ansar al-Islam")


def test_a_name_a_group_calls_itself_is_its_alias() -> None:
    ex = extract("Calling itself 'Liwa al-Haqq,' Jaysh al-Wadi then spread across Idlib.")
    ent = _entity(ex, "Jaysh al-Wadi")
    assert ent is not None and "Liwa al-Haqq" in ent.names()


def test_a_name_of_two_words_before_a_joined_participle_is_found() -> None:
    ex = extract("Islamic State-affiliated militants attacked the town.")
    assert _entity(ex, "Islamic State") is not None, [e.name for e in ex.entities]
