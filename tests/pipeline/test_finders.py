"""The claim finders of this version (fields, roles, lists, deeds, places), each from a table
of sentences written for the test: the claims each must give and those it must not."""

from __future__ import annotations

import pytest
from claim_cases import Case, check

FIELDS = [
    Case("Jaysh al-Wadi\nLeaders | Abu Khalid al-Tunisi (2009–2012) Abu Hafs al-Masri (2012–2016) |\n"
         "Part of | Islamic Front |\nAllies | Ahrar al-Sham |\nOpponents | Islamic State |\n",
         must=(("Abu Khalid al-Tunisi", "leader_of", "Jaysh al-Wadi"), ("Abu Hafs al-Masri", "leader_of", "Jaysh al-Wadi"),
               ("Jaysh al-Wadi", "member_of", "Islamic Front"), ("Jaysh al-Wadi", "allied_with", "Ahrar al-Sham"),
               ("Jaysh al-Wadi", "hostile_to", "Islamic State")),
         must_not=(("Abu Khalid al-Tunisi", "leader_of", "Islamic Front"),)),
    # mirror text: the value glued to its label, continued on the next lines
    Case("Liwa al-Haqq\nLeadersAbu Umar al-Kurdi (2013-2015)\nAbu Bakr al-Kurdi (2015-2017)\nIdeologySalafism\n",
         must=(("Abu Umar al-Kurdi", "leader_of", "Liwa al-Haqq"), ("Abu Bakr al-Kurdi", "leader_of", "Liwa al-Haqq"))),
    Case("Saraya al-Qasas\nHeadquarters | Tal Afar, Nineveh, Iraq |\nOriginated as | Jaysh al-Mahdi |\n",
         must=(("Saraya al-Qasas", "active_in", "Tal Afar"), ("Tal Afar", "located_in", "Nineveh"),
               ("Saraya al-Qasas", "split_from", "Jaysh al-Mahdi"))),
    # a prose line that starts with a label's word is no field
    Case("Liwa al-Haqq was formed in 2013.\nAllies of the group in Idlib included many small brigades that fought for years.",
         must_not=(("Liwa al-Haqq", "allied_with", None),)),
]


@pytest.mark.parametrize("case", FIELDS, ids=str)
def test_field_lines(case: Case) -> None:
    check(case)


def test_field_dates_give_formation_and_end() -> None:
    ex = check(Case("Jaysh al-Wadi\nDates of operation | 3 March 2011 – 9 May 2014 |\n"))
    founded = next(c for c in ex.claims if c.predicate == "founded")
    dissolved = next(c for c in ex.claims if c.predicate == "dissolved")
    assert founded.time is not None and (founded.time.start, founded.time.end) == ("2011-03-03", "2011-03-03")
    assert dissolved.time is not None and (dissolved.time.start, dissolved.time.end) == ("2014-05-09", "2014-05-09")


def test_a_range_to_the_present_is_no_dissolution() -> None:
    ex = check(Case("Jaysh al-Wadi\nActive | July 2006 – present |\n"))
    assert not [c for c in ex.claims if c.predicate == "dissolved"]
    founded = next(c for c in ex.claims if c.predicate == "founded")
    assert founded.time is not None and (founded.time.start, founded.time.end) == ("2006-07-01", "2006-07-31")


def test_a_hedged_field_is_alleged() -> None:
    ex = check(Case("Jaysh al-Wadi\nDisbanded: Probably inactive.\n"))
    assert [c.stance for c in ex.claims if c.predicate == "dissolved"] == ["alleged"]


@pytest.mark.parametrize("value", ["Group is active.", "Still active", "Operational"])
def test_a_dissolution_field_that_says_active_dissolves_nothing(value: str) -> None:
    ex = check(Case(f"Jaysh al-Wadi\nFormed: 2012\nDisbanded: {value}\n"))
    assert not [c for c in ex.claims if c.predicate == "dissolved"]


ROLES = [
    Case("Abu Hamza al-Shami, a Jaysh al-Islam spokesman, denied the report.",
         must=(("Abu Hamza al-Shami", "member_of", "Jaysh al-Islam"),)),
    Case("The Jaysh al-Islam leader, Zahran Alloush, was killed in 2015.",
         must=(("Zahran Alloush", "leader_of", "Jaysh al-Islam"),)),
    Case("Nusra Front commander Abu Omar al-Saudi crossed into Turkey.",
         must=(("Abu Omar al-Saudi", "leader_of", "Nusra Front"),)),
    Case("The leader of Jaysh al-Wadi, a small group from Idlib, is Abu Khalid al-Tunisi.",
         must=(("Abu Khalid al-Tunisi", "leader_of", "Jaysh al-Wadi"),)),
    Case("Fighters loyal to Muqtada al-Sadr's Mahdi Army held the district.",
         must=(("Muqtada al-Sadr", "leader_of", "Mahdi Army"),)),
    # a military commander is a post inside the group, not its head
    Case("Abu Hafs al-Masri, a senior Jaysh al-Wadi military commander, left in 2016.",
         must=(("Abu Hafs al-Masri", "member_of", "Jaysh al-Wadi"),),
         must_not=(("Abu Hafs al-Masri", "leader_of", "Jaysh al-Wadi"),)),
    Case("Jaysh al-Islam and its Damascus branch Liwa al-Haqq fought on.",
         must_not=(("Jaysh al-Islam", "leader_of", None),)),
    Case("Mishal al-Karbuli, the owner of Liwa al-Haqq, fled.",
         must=(("Mishal al-Karbuli", "leader_of", "Liwa al-Haqq"),)),
    Case("The Islamic State and its puppet Jaysh al-Wadi took the town.",
         must=(("Jaysh al-Wadi", "branch_of", "Islamic State"),)),
]


@pytest.mark.parametrize("case", ROLES, ids=str)
def test_roles(case: Case) -> None:
    check(case)


LISTS = [
    Case("In 2012, Jaysh al-Wadi split into Liwa al-Haqq and Saraya al-Qasas.",
         must=(("Liwa al-Haqq", "split_from", "Jaysh al-Wadi"), ("Saraya al-Qasas", "split_from", "Jaysh al-Wadi"))),
    Case("Remnants formed Jaysh al-Wadi, which split two ways in 2012: Liwa al-Haqq and Saraya al-Qasas, the "
         "latter of which is still active.",
         must=(("Liwa al-Haqq", "split_from", "Jaysh al-Wadi"), ("Saraya al-Qasas", "split_from", "Jaysh al-Wadi"))),
    Case("Jaysh al-Wadi, which split two ways in 2012: Liwa al-Haqq and Saraya al-Qasas, never recovered.",
         must=(("Liwa al-Haqq", "split_from", "Jaysh al-Wadi"), ("Saraya al-Qasas", "split_from", "Jaysh al-Wadi"))),
    Case("The groups included in the Mujahideen Shura Council were: Jaysh al-Wadi, Liwa al-Haqq and Saraya al-Qasas.",
         must=(("Jaysh al-Wadi", "member_of", "Mujahideen Shura Council"),
               ("Saraya al-Qasas", "member_of", "Mujahideen Shura Council"))),
    Case("In May 2013, Liwa al-Haqq joined with several other brigades to form Jaysh al-Wadi.",
         must=(("Liwa al-Haqq", "member_of", "Jaysh al-Wadi"),)),
    # 'composed of fighters': a list of groups, not of people; names further on are no members
    Case("Jaysh al-Wadi was an umbrella organization of small Sunni groups fighting against the Islamic State and "
         "Hezbollah.",
         must_not=(("Islamic State", "member_of", "Jaysh al-Wadi"), ("Hezbollah", "member_of", "Jaysh al-Wadi"))),
]


@pytest.mark.parametrize("case", LISTS, ids=str)
def test_lists(case: Case) -> None:
    check(case)


DEEDS = [
    Case("He was angered by the killings of his two brothers by the Islamic State.",
         must=(("Islamic State", "killed", None),)),
    Case("The execution of Abu Hafs al-Masri shocked the town.",
         must=((None, "killed", "Abu Hafs al-Masri"),)),
    Case("Abu Hafs al-Masri was killed in an ambush carried out by Jaysh al-Wadi fighters.",
         must=(("Jaysh al-Wadi", "killed", "Abu Hafs al-Masri"),),
         must_not=((None, "killed", "Abu Hafs al-Masri"),)),
    # the one killed in an attack did not make it
    Case("Abu Hafs al-Masri was killed in a bomb attack near his home.",
         must_not=(("Abu Hafs al-Masri", "attacked", None),)),
    Case("The attack left five dead (unknown killed, unknown wounded).",
         must_not=((None, "killed", None),)),
    Case("Liwa al-Haqq has grown much since its formation in May 2013.",
         must=((None, "founded", "Liwa al-Haqq"),)),
    Case("They rejected its establishment of an Islamic emirate in Idlib.",
         must_not=((None, "founded", None),)),
]


@pytest.mark.parametrize("case", DEEDS, ids=str)
def test_deeds(case: Case) -> None:
    check(case)


PLACES = [
    Case("Jaysh al-Wadi played a key role in taking Mosul in June.",
         must=(("Jaysh al-Wadi", "captured", "Mosul"),)),
    Case("Jaysh al-Wadi took part in the battle for Mosul.",
         must_not=(("Jaysh al-Wadi", "captured", "Mosul"),)),
    Case("Abu Hafs al-Masri was in hiding during the US occupation of Iraq.",
         must_not=(("Abu Hafs al-Masri", "active_in", "United States"),)),
    Case("Liwa al-Haqq was based in the Kurdish Autonomous Zone (KAZ) in northern Iraq.",
         must=(("Kurdish Autonomous Zone", "located_in", "Iraq"),)),
    Case("The fighting spread to Syria's eastern Deir ez-Zor province.",
         must=(("Deir ez-Zor", "located_in", "Syria"),)),
    # a country acts as a state; a town does not
    Case("Liwa al-Haqq fought alongside the United States against the Islamic State.",
         must_not=(("Liwa al-Haqq", "hostile_to", "United States"),)),
    Case("Jaysh al-Wadi fought in Mosul for two years.",
         must_not=(("Jaysh al-Wadi", "hostile_to", "Mosul"),)),
    Case("Joint Patriotic Union of Kurdistan (PUK) and US military operations against Jaysh al-Wadi strongholds "
         "began in 2016.",
         must=(("PUK", "attacked", "Jaysh al-Wadi"), ("US military", "attacked", "Jaysh al-Wadi"))),
]


@pytest.mark.parametrize("case", PLACES, ids=str)
def test_places_and_state_actors(case: Case) -> None:
    check(case)


UNKNOWN_PEOPLE = [
    # people the gazetteer does not know make the same claims as those it knows
    Case("Abu Khalid al-Tunisi pledged allegiance to the Islamic State in June 2014.",
         must=(("Abu Khalid al-Tunisi", "pledged_allegiance", "Islamic State"),)),
    Case("Abu Bakr al-Baghdadi pledged allegiance to the Islamic State in June 2014.",
         must=(("Abu Bakr al-Baghdadi", "pledged_allegiance", "Islamic State"),)),
    Case("Abu Hamza al-Masri joined Jabhat al-Nusra in 2013.",
         must=(("Abu Hamza al-Masri", "member_of", "Jabhat al-Nusra"),)),
    Case("Umm Sayyaf al-Iraqi was arrested in 2015.",
         must=((None, "arrested", "Umm Sayyaf al-Iraqi"),)),
]


@pytest.mark.parametrize("case", UNKNOWN_PEOPLE, ids=str)
def test_people_the_gazetteer_does_not_know(case: Case) -> None:
    ex = check(case)
    claim = next(c for c in ex.claims if c.predicate in {p for _, p, _ in case.must})
    assert claim.time is not None and claim.time.start is not None and claim.time.start[:4] in ("2013", "2014", "2015")


MUTUAL = [
    Case("Jaysh al-Wadi and Liwa al-Haqq clashed repeatedly in 2016.",
         must=(("Jaysh al-Wadi", "hostile_to", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi and Liwa al-Haqq fought each other near Hama.",
         must=(("Jaysh al-Wadi", "hostile_to", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi and Liwa al-Haqq cooperated in the offensive.",
         must=(("Jaysh al-Wadi", "cooperated_with", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi and Liwa al-Haqq joined forces in 2015.",
         must=(("Jaysh al-Wadi", "cooperated_with", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi, Liwa al-Haqq and Kataib al-Ghadab formed an alliance in 2015.",
         must=(("Jaysh al-Wadi", "allied_with", "Liwa al-Haqq"), ("Jaysh al-Wadi", "allied_with", "Kataib al-Ghadab"),
               ("Liwa al-Haqq", "allied_with", "Kataib al-Ghadab"))),
    # another party named: the two are on one side, not against each other
    Case("Jaysh al-Wadi and Liwa al-Haqq clashed with the Islamic State in 2016.",
         must=(("Jaysh al-Wadi", "hostile_to", "Islamic State"),),
         must_not=(("Jaysh al-Wadi", "hostile_to", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi and Liwa al-Haqq fought in Aleppo in 2016.",
         must_not=(("Jaysh al-Wadi", "hostile_to", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi and Liwa al-Haqq attacked Saraqib in 2016.",
         must_not=(("Jaysh al-Wadi", "hostile_to", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi and Liwa al-Haqq coordinated attacks on Saraqib.",
         must_not=(("Jaysh al-Wadi", "cooperated_with", "Liwa al-Haqq"),)),
]


@pytest.mark.parametrize("case", MUTUAL, ids=str)
def test_mutual_finder(case: Case) -> None:
    check(case)


def test_a_denied_clash_between_joined_subjects_is_negated() -> None:
    ex = check(Case("Jaysh al-Wadi and Liwa al-Haqq did not clash in 2016."))
    assert [c.stance for c in ex.claims if c.predicate == "hostile_to"] == ["negated"]
