"""Claims of responsibility, weapons fired at a target, and stance and source per clause.

Each case is a sentence written for the test.
"""

from __future__ import annotations

import pytest
from extraction_helpers import attacks, extract, name_of

from allegiance.model.types import Claim, Extraction

_extract = extract
_name = name_of
_attacks = attacks


def _by(ex: Extraction, group: str) -> list[Claim]:
    return [c for c in _attacks(ex) if _name(ex, c.subject) == group]


# ---------------------------------------------------------------- claims of responsibility


@pytest.mark.parametrize("text, group", [
    ("The attack was claimed by the Islamic State.", "Islamic State"),
    ("Responsibility for the bombing was claimed by al-Shabaab.", "al-Shabaab"),
    ("Responsibility was claimed by Boko Haram.", "Boko Haram"),
    ("The Islamic State's claim of responsibility came hours later.", "Islamic State"),
    ("Al-Shabaab's claim of responsibility for the attack was posted online.", "al-Shabaab"),
    ("In a claim of responsibility, the Islamic State said its fighters carried out the attack.", "Islamic State"),
    ("The Islamic State claimed responsibility for the attack.", "Islamic State"),
])
def test_a_claim_of_responsibility_is_claimed_by_the_claimant(text: str, group: str) -> None:
    ex = _extract(text)
    attacks = _attacks(ex)
    assert attacks, [(c.predicate, c.subject) for c in ex.claims]
    assert [(_name(ex, c.subject), c.stance) for c in attacks] == [(group, "claimed")] * len(attacks)


def test_what_a_claimed_attack_did_is_claimed_too() -> None:
    ex = _extract("The Islamic State claimed responsibility for the bombing, which killed Abu Karim al-Halabi.")
    killed = [c for c in ex.claims if c.predicate == "killed"]
    assert [(_name(ex, c.object), c.stance) for c in killed] == [("Abu Karim al-Halabi", "claimed")]
    # the victim of the bombing is no target of the claim of responsibility
    assert all(c.object is None for c in _attacks(ex))


@pytest.mark.parametrize("text", [
    "Al-Shabaab attacked the hotel.",
    "The Taliban attacked Kabul.",
    "Hezbollah attacked Haifa.",
])
def test_a_plain_attack_stays_asserted(text: str) -> None:
    attacks = _attacks(_extract(text))
    assert attacks
    assert [(c.stance, c.source) for c in attacks] == [("asserted", None)] * len(attacks)


# ---------------------------------------------------------------- weapons fired at a target


@pytest.mark.parametrize("text, group, target", [
    ("Hamas fired rockets at Tel Aviv.", "Hamas", "Tel Aviv"),
    ("Boko Haram fighters fired rockets into Maiduguri.", "Boko Haram", "Maiduguri"),
    ("Hamas launched missiles at Tel Aviv.", "Hamas", "Tel Aviv"),
    ("The Houthis shelled Aden.", "Houthis", "Aden"),
    ("Hezbollah launched a rocket attack on Haifa.", "Hezbollah", "Haifa"),
    ("Al-Shabaab militants fired mortar shells at the base.", "al-Shabaab", None),
])
def test_weapons_fired_at_a_target_are_an_attack(text: str, group: str, target: str | None) -> None:
    ex = _extract(text)
    attacks = _attacks(ex)
    assert [(_name(ex, c.subject), _name(ex, c.object), c.stance) for c in attacks] == [(group, target, "asserted")]


def test_launching_an_attack_founds_nothing() -> None:
    ex = _extract("Hezbollah launched a rocket attack on Haifa.")
    assert not [c for c in ex.claims if c.predicate == "founded"]


def test_fired_without_a_weapon_is_no_attack() -> None:
    ex = _extract("Abu Karim al-Halabi was fired from his post at the ministry in Kabul.")
    assert not _attacks(ex)


# ---------------------------------------------------------------- one claim per clause


def test_each_clause_of_a_contested_claim_has_its_own_claim() -> None:
    ex = _extract("Hezbollah claimed responsibility for the attack, but officials believe the Taliban carried it out.")
    got = sorted((_name(ex, c.subject), _name(ex, c.object), c.stance, c.source) for c in _attacks(ex))
    assert got == [("Hezbollah", None, "claimed", None), ("Taliban", None, "alleged", None)]


def test_the_believer_of_the_second_clause_is_its_source() -> None:
    ex = _extract("Hezbollah claimed responsibility for the attack, but Hamas officials believe the Taliban carried it out.")
    assert [(c.stance, _name(ex, c.source)) for c in _by(ex, "Hezbollah")] == [("claimed", None)]
    assert [(c.stance, _name(ex, c.source)) for c in _by(ex, "Taliban")] == [("alleged", "Hamas")]


def test_someone_elses_deed_in_a_coordinated_clause_is_not_claimed() -> None:
    ex = _extract("Hezbollah claimed responsibility for the attack, but the Taliban carried it out.")
    assert [(c.stance, c.object) for c in _by(ex, "Taliban")] == [("asserted", None)]


def test_the_subject_of_the_next_clause_is_no_target() -> None:
    ex = _extract("Hezbollah denied the attack and said the Taliban carried it out.")
    assert all(_name(ex, c.object) != "Taliban" for c in _attacks(ex))


# ---------------------------------------------------------------- source per claim


def test_an_accusation_in_a_second_clause_leaves_the_first_to_the_author() -> None:
    ex = _extract("The Taliban attacked Kabul, and Hezbollah accused al-Shabaab of bombing Mogadishu.")
    assert [(_name(ex, c.object), c.stance, c.source) for c in _by(ex, "Taliban")] == [("Kabul", "asserted", None)]
    accused = _by(ex, "al-Shabaab")
    assert accused and {(c.stance, _name(ex, c.source)) for c in accused} == {("alleged", "Hezbollah")}
    # the accuser did not bomb anything
    assert not _by(ex, "Hezbollah")


def test_a_report_in_a_second_clause_leaves_the_first_to_the_author() -> None:
    ex = _extract("The Taliban attacked Kabul, and Hezbollah said al-Shabaab bombed Mogadishu.")
    assert [(c.stance, c.source) for c in _by(ex, "Taliban")] == [("asserted", None)]
    assert [(c.stance, _name(ex, c.source)) for c in _by(ex, "al-Shabaab")] == [("reported", "Hezbollah")]


def test_according_to_inside_the_sentence_covers_its_own_clause() -> None:
    ex = _extract("The Taliban attacked Kabul, and according to Abu Karim al-Halabi, al-Shabaab bombed Mogadishu.")
    assert [(c.stance, c.source) for c in _by(ex, "Taliban")] == [("asserted", None)]
    assert [(c.stance, _name(ex, c.source)) for c in _by(ex, "al-Shabaab")] == [("reported", "Abu Karim al-Halabi")]


@pytest.mark.parametrize("text", [
    "According to Abu Karim al-Halabi, the Taliban attacked Kabul and al-Shabaab bombed Mogadishu.",
    "The Taliban attacked Kabul and al-Shabaab bombed Mogadishu, according to Abu Karim al-Halabi.",
])
def test_according_to_opening_or_closing_the_sentence_covers_all_of_it(text: str) -> None:
    ex = _extract(text)
    got = {(_name(ex, c.subject), c.stance, _name(ex, c.source)) for c in _attacks(ex)}
    assert got == {("Taliban", "reported", "Abu Karim al-Halabi"), ("al-Shabaab", "reported", "Abu Karim al-Halabi")}


@pytest.mark.parametrize("text", [
    "The Taliban attacked Kabul, police said.",
    "The Taliban attacked Hezbollah, police said.",
    "According to the police, the Taliban attacked Kabul.",
])
def test_an_unnamed_reporter_is_no_source(text: str) -> None:
    ex = _extract(text)
    assert [(c.stance, c.source) for c in _by(ex, "Taliban")] == [("reported", None)]


def test_the_reporter_is_the_subject_of_the_reporting_verb() -> None:
    ex = _extract("A spokesman for Hezbollah said the Taliban attacked Kabul.")
    assert [(c.stance, _name(ex, c.source)) for c in _by(ex, "Taliban")] == [("reported", "Hezbollah")]
