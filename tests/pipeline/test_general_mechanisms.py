"""General mechanisms for texts not seen before, each as a table of invented sentences:
former names, acronyms in brackets after a name the gazetteer does not hold, spelling
variants within one document, field lines with dash separators, spans of activity, states
as agents of violence, and times in relative clauses. Positive and negative cases."""

from __future__ import annotations

import pytest
from claim_cases import Case, check

from allegiance.model.types import Extraction


def _names(ex: Extraction) -> dict[str, set[str]]:
    return {e.name: {n.lower() for n in e.names()} for e in ex.entities}


def _one_entity_has(ex: Extraction, a: str, b: str) -> bool:
    return any(a.lower() in ns and b.lower() in ns for ns in _names(ex).values())


# 1. former names -----------------------------------------------------------------------
FORMER = [
    ("Kataib al-Furqan, formerly known as Liwa al-Tawhid al-Sharqi, operates in Deir ez-Zor.",
     "Kataib al-Furqan", "Liwa al-Tawhid al-Sharqi"),
    ("Kataib al-Furqan (formerly Liwa al-Tawhid al-Sharqi) operates in Deir ez-Zor.",
     "Kataib al-Furqan", "Liwa al-Tawhid al-Sharqi"),
    ("Kataib al-Furqan, formerly Liwa al-Tawhid al-Sharqi, operates in Deir ez-Zor.",
     "Kataib al-Furqan", "Liwa al-Tawhid al-Sharqi"),
    ("In 2015 Kataib al-Furqan, previously the Liwa al-Tawhid al-Sharqi, shelled Mayadin.",
     "Kataib al-Furqan", "Liwa al-Tawhid al-Sharqi"),
    ("Kataib al-Furqan, previously called Liwa al-Tawhid al-Sharqi, operates in Deir ez-Zor.",
     "Kataib al-Furqan", "Liwa al-Tawhid al-Sharqi"),
]


@pytest.mark.parametrize("text, name, alias", FORMER)
def test_a_former_name_is_an_alias(text: str, name: str, alias: str) -> None:
    assert _one_entity_has(check(Case(text)), name, alias)


@pytest.mark.parametrize("text, a, b", [
    # 'formerly' of a person's past job names no group alias
    ("Abu Hafs al-Masri, formerly a teacher in Hama, joined Kataib al-Furqan in 2013.", "Abu Hafs al-Masri", "teacher"),
    # a former ally, a former leader: the word is not followed by the other name at once
    ("Kataib al-Furqan, formerly an ally of Liwa al-Tawhid al-Sharqi, operates in Deir ez-Zor.", "Kataib al-Furqan",
     "Liwa al-Tawhid al-Sharqi"),
    ("Kataib al-Furqan, once Liwa al-Tawhid al-Sharqi's rival, operates in Deir ez-Zor.", "Kataib al-Furqan",
     "Liwa al-Tawhid al-Sharqi"),
    ("Abu Hafs al-Masri, formerly of Liwa al-Tawhid al-Sharqi, leads Kataib al-Furqan.", "Abu Hafs al-Masri",
     "Liwa al-Tawhid al-Sharqi"),
    # two groups side by side, neither said to be the other
    ("Kataib al-Furqan fought beside Liwa al-Tawhid al-Sharqi in Deir ez-Zor.", "Kataib al-Furqan",
     "Liwa al-Tawhid al-Sharqi"),
])
def test_no_former_name_without_the_cue(text: str, a: str, b: str) -> None:
    assert not _one_entity_has(check(Case(text)), a, b)


# 2. acronyms in brackets after a group name ---------------------------------------------
ACRONYMS = [
    ("Jund al-Khilafa in Algeria (JAK-A) pledged allegiance to the Islamic State in 2014.",
     "Jund al-Khilafa", "JAK-A"),
    ("The Harakat Ansar al-Thuwar (HAT) operates in Daraa.", "Harakat Ansar al-Thuwar", "HAT"),
    ("Saraya al-Mukhtar al-Jadida (SMJ) claimed the bombing of a police station in 2015.",
     "Saraya al-Mukhtar al-Jadida", "SMJ"),
]


@pytest.mark.parametrize("text, name, alias", ACRONYMS)
def test_a_bracketed_acronym_is_an_alias(text: str, name: str, alias: str) -> None:
    assert _one_entity_has(check(Case(text)), name, alias), _names(check(Case(text)))


# a group named with the place it is in is the subject of its clause, not a bare role noun
GROUP_IN_PLACE = [
    Case("Jund al-Khilafa in Algeria pledged allegiance to the Islamic State in 2014.",
         must=(("Jund al-Khilafa", "pledged_allegiance", "Islamic State"),),
         must_not=(("Algeria", "pledged_allegiance", "Islamic State"),)),
    Case("Jund al-Khilafa in Algeria (JAK-A) pledged allegiance to the Islamic State in 2014.",
         must=(("JAK-A", "pledged_allegiance", "Islamic State"),)),
    # a bare role noun opening the sentence still has no subject of its own
    Case("Leader of Jund al-Khilafa since 2013, pledged allegiance to the Islamic State in 2014.",
         must_not=(("Jund al-Khilafa", "pledged_allegiance", "Islamic State"),)),
]


@pytest.mark.parametrize("case", GROUP_IN_PLACE, ids=str)
def test_a_group_in_a_place_is_a_subject(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("text, bad", [
    # a bracketed year or a country code is no acronym of the group
    ("Harakat Ansar al-Thuwar (2012) operates in Daraa.", "2012"),
    ("Harakat Ansar al-Thuwar operates in Daraa (SY).", "sy"),
    # letters that are not the initials of the group and the place after it
    ("Harakat Ansar al-Thuwar in Daraa (UN) held a meeting.", "un"),
])
def test_no_acronym_from_other_brackets(text: str, bad: str) -> None:
    ex = check(Case(text))
    assert not _one_entity_has(ex, "Harakat Ansar al-Thuwar", bad), _names(ex)


# 3. spelling variants within one document -------------------------------------------------
VARIANTS = [
    ("Tanzim Qa'idat al-Ansar operates in Hama. In 2014 Tanzim Qaedat al-Ansar attacked Suran.",
     "Tanzim Qa'idat al-Ansar", "Tanzim Qaedat al-Ansar"),
    ("Abu Ubaida al-Tunisi leads Katibat al-Nasr. In 2016 Abu Obeida al-Tunisi was killed in Sirte.",
     "Abu Ubaida al-Tunisi", "Abu Obeida al-Tunisi"),
    ("Jaysh al-Nasr al-Jadid operates in Hama. In 2016 Jaish al-Nasr al-Jadid shelled Suran.",
     "Jaysh al-Nasr al-Jadid", "Jaish al-Nasr al-Jadid"),
]


@pytest.mark.parametrize("text, a, b", VARIANTS)
def test_spelling_variants_are_one_entity(text: str, a: str, b: str) -> None:
    ex = check(Case(text))
    assert _one_entity_has(ex, a, b), _names(ex)


@pytest.mark.parametrize("text, a, b", [
    ("Abu Ubaida al-Tunisi leads Katibat al-Nasr. Abu Hamza al-Tunisi was killed in Sirte.",
     "Abu Ubaida al-Tunisi", "Abu Hamza al-Tunisi"),
    ("Jaysh al-Nasr fought Jaysh al-Fath in Hama in 2015.", "Jaysh al-Nasr", "Jaysh al-Fath"),
])
def test_different_names_stay_apart(text: str, a: str, b: str) -> None:
    ex = check(Case(text))
    assert not _one_entity_has(ex, a, b), _names(ex)


# 4. field lines with dashes ------------------------------------------------------------------
FIELDS = [
    Case("Katibat al-Nasr\nLeader — Abu Ubaida al-Tunisi\nFounded – 2012\nActive regions — Hama\n",
         must=(("Abu Ubaida al-Tunisi", "leader_of", "Katibat al-Nasr"),), subject="Katibat al-Nasr"),
    Case("Katibat al-Nasr\nFounder – Abu Ubaida al-Tunisi\n",
         must=(("Abu Ubaida al-Tunisi", "founded", "Katibat al-Nasr"),), subject="Katibat al-Nasr"),
    Case("Katibat al-Nasr\nAllies — Liwa al-Haqq\n",
         must=(("Katibat al-Nasr", "allied_with", "Liwa al-Haqq"),), subject="Katibat al-Nasr"),
    # a dash inside a sentence is no field
    Case("Katibat al-Nasr — a small group — fought in Hama in 2014.",
         must_not=(("Katibat al-Nasr", "leader_of", None),), subject="Katibat al-Nasr"),
]


@pytest.mark.parametrize("case", FIELDS, ids=str)
def test_dash_field_lines(case: Case) -> None:
    check(case)


# 5. spans of activity -----------------------------------------------------------------------
@pytest.mark.parametrize("text, start, end", [
    ("Katibat al-Nasr was active between 2012 and 2016 in Hama.", "2012-01-01", "2016-12-31"),
    ("Katibat al-Nasr operated in Hama from 2012 until 2016.", "2012-01-01", "2016-12-31"),
    ("Katibat al-Nasr has been active in Hama since at least 2014.", None, "2020-01-01"),
    ("Katibat al-Nasr has been active since at least 2014 in Hama.", None, "2020-01-01"),
])
def test_spans_of_activity(text: str, start: str | None, end: str | None) -> None:
    ex = check(Case(text, must=(("Katibat al-Nasr", "active_in", "Hama"),)))
    times = [(c.time.start, c.time.end) if c.time else (None, None) for c in ex.claims if c.predicate == "active_in"]
    assert (start, end) in times, times


# 6. states as agents --------------------------------------------------------------------------
STATES = [
    Case("Abu Ubaida al-Tunisi was killed by US forces in 2015.",
         must=(("United States Armed Forces", "killed", "Abu Ubaida al-Tunisi"),)),
    # a country after the by-phrase is where it happened
    Case("Abu Ubaida al-Tunisi was killed by a roadside bomb in Syria in 2015.",
         must_not=(("Syria", "killed", "Abu Ubaida al-Tunisi"),)),
    # a town is never an agent
    Case("Abu Ubaida al-Tunisi was killed by a Hama sniper in 2015.",
         must_not=(("Hama", "killed", "Abu Ubaida al-Tunisi"),)),
    Case("Syrian government forces killed Abu Ubaida al-Tunisi in Hama in 2015.",
         must=(("Government of Syria", "killed", "Abu Ubaida al-Tunisi"),)),
    # a country named as place is no agent
    Case("Abu Ubaida al-Tunisi was killed in Syria in 2015.",
         must_not=(("Syria", "killed", "Abu Ubaida al-Tunisi"),)),
]


@pytest.mark.parametrize("case", STATES, ids=str)
def test_states_as_agents(case: Case) -> None:
    check(case)


# 7. relative-clause times; support --------------------------------------------------------------
def test_a_relative_clause_dates_its_own_claim() -> None:
    ex = check(Case("Abu Ubaida al-Tunisi, who joined Katibat al-Nasr in 2013, was killed in Hama in 2016.",
                    must=(("Abu Ubaida al-Tunisi", "member_of", "Katibat al-Nasr"),)))
    times = [c.time.start for c in ex.claims if c.predicate == "member_of" and c.time]
    assert times and all(t is not None and t.startswith("2013") for t in times), times


# the ontology has no 'supported_by': a backer funding or training a group cooperates with it
SUPPORT = [
    Case("Katibat al-Nasr was funded and trained by Iran.", must=(("Iran", "cooperated_with", "Katibat al-Nasr"),)),
    Case("Katibat al-Nasr is armed and financed by Qatar.", must=(("Qatar", "cooperated_with", "Katibat al-Nasr"),)),
    Case("Katibat al-Nasr was trained by Liwa al-Haqq in 2014.",
         must=(("Liwa al-Haqq", "cooperated_with", "Katibat al-Nasr"),)),
    # training in a place, or fighters trained for a group, name no backer
    Case("Katibat al-Nasr trained its fighters in Hama.", must_not=(("Katibat al-Nasr", "cooperated_with", "Hama"),)),
    Case("Katibat al-Nasr fought Liwa al-Haqq in Hama in 2014.",
         must_not=(("Katibat al-Nasr", "cooperated_with", "Liwa al-Haqq"),)),
]


def test_a_denied_backer_is_denied() -> None:
    ex = check(Case("Katibat al-Nasr denied that it was funded by Iran."))
    assert all(c.stance in ("denied", "negated") for c in ex.claims if c.predicate == "cooperated_with")


@pytest.mark.parametrize("case", SUPPORT, ids=str)
def test_support(case: Case) -> None:
    check(case)
