"""Belief and suspicion verbs hedge what they govern; plural and demonym group names attack.

Each case is a sentence written for the test.
"""

from __future__ import annotations

import pytest
from extraction_helpers import attacks, extract, name_of

from allegiance.pipeline.stance import stance_cues

_extract = extract
_name = name_of
_attacks = attacks


# ---------------------------------------------------------------- belief verbs


BELIEVED = [
    # (text, who is said to have attacked)
    ("The police believe the Continuity IRA was responsible for the explosion.", "Continuity Irish Republican Army"),
    ("Investigators suspect that Boko Haram bombed the market.", "Boko Haram"),
    ("Local officials think the Taliban stormed the compound.", "Taliban"),
    ("The ministry considers al-Shabaab responsible for the bombing.", "al-Shabaab"),
    ("Witnesses accused Boko Haram of attacking the village.", "Boko Haram"),
    ("The governor blamed al-Shabaab for the ambush.", "al-Shabaab"),
    ("Prosecutors attributed the shooting to Hezbollah.", "Hezbollah"),
    ("Police held al-Shabaab responsible for the attack.", "al-Shabaab"),
    ("Boko Haram fighters are thought to have raided the town.", "Boko Haram"),
    ("Al-Shabaab is believed to have carried out the ambush.", "al-Shabaab"),
    ("The Taliban is suspected of carrying out the bombing.", "Taliban"),
    ("Accusations that al-Shabaab attacked the hotel spread quickly.", "al-Shabaab"),
]


@pytest.mark.parametrize("text, group", BELIEVED)
def test_a_belief_of_someone_else_hedges_the_claim(text: str, group: str) -> None:
    ex = _extract(text)
    attacks = _attacks(ex)
    assert [_name(ex, c.subject) for c in attacks] == [group], [(c.subject, c.stance) for c in attacks]
    assert attacks[0].stance == "alleged"


@pytest.mark.parametrize("text", [
    "Al-Shabaab attacked the hotel.",
    "Houthis attacked Aden.",
    "Jabhat al-Nusra attacked Hezbollah.",
])
def test_a_plain_attack_stays_asserted(text: str) -> None:
    ex = _extract(text)
    attacks = _attacks(ex)
    assert attacks
    assert {c.stance for c in attacks} == {"asserted"}
    assert all(c.source is None for c in attacks)


def test_the_believer_named_as_a_group_is_the_source() -> None:
    ex = _extract("Hezbollah accused Jabhat al-Nusra of attacking the convoy.")
    c = next(iter(_attacks(ex)))
    assert _name(ex, c.subject) == "Jabhat al-Nusra"
    assert c.stance == "alleged"
    assert _name(ex, c.source) == "Hezbollah"


def test_the_believer_named_as_a_person_is_the_source() -> None:
    ex = _extract("Abu Karim al-Halabi believes that Abu Layth al-Shami joined Jabhat al-Wadi.")
    c = next(c for c in ex.claims if c.predicate == "member_of")
    assert c.stance == "alleged"
    assert _name(ex, c.source) == "Abu Karim al-Halabi"


def test_an_unnamed_believer_is_no_source() -> None:
    ex = _extract("The police believe the Continuity IRA was responsible for the explosion.")
    assert [c.source for c in _attacks(ex)] == [None]


@pytest.mark.parametrize("text", [
    "We believe the Taliban attacked the convoy.",
    "I suspect that al-Shabaab attacked the hotel.",
])
def test_the_authors_own_belief_is_not_hedged_by_the_verb(text: str) -> None:
    assert {c.stance for c in _attacks(_extract(text))} == {"asserted"}


def test_a_claim_outside_the_belief_clause_keeps_its_stance() -> None:
    ex = _extract("The Taliban attacked the convoy, and officials believe al-Shabaab is weak.")
    attacks = _attacks(ex)
    assert [(_name(ex, c.subject), c.stance) for c in attacks] == [("Taliban", "asserted")]


@pytest.mark.parametrize("text, predicate, expected", [
    ("The police believe the Continuity IRA did not attack the checkpoint.", "attacked", "negated"),
    ("Hezbollah denied that it attacked the convoy.", "attacked", "denied"),
    # the report itself denied: what it says is denied with it
    ("Jaysh al-Wadi denied reports that it had joined Liwa al-Haqq.", "member_of", "denied"),
    ("Jaysh al-Wadi denied claims that it attacked the checkpoint.", "attacked", "denied"),
    # a belief verb whose object is part of the cue holds no belief
    ("Abu Omar al-Kurdi assumed command of Jaysh al-Wadi in 2015.", "leader_of", "asserted"),
    # hearsay is reported
    ("Later I heard that Abu Omar al-Kurdi was killed by Jaysh al-Wadi in Idlib.", "killed", "reported"),
    # doubt stated in the sentence disputes what it doubts
    ("Analysts doubt that Jaysh al-Wadi ever controlled Saraqib.", "controls", "disputed"),
    ("Observers question whether Jaysh al-Wadi attacked the convoy.", "attacked", "disputed"),
    # a denial pointing back at the clause it hangs from
    ("Jaysh al-Wadi pledged allegiance to Liwa al-Haqq in 2017, although this was denied by Liwa al-Haqq.",
     "pledged_allegiance", "denied"),
    ("Officials believe the supposed alliance between Liwa al-Haqq and Jaysh al-Sunna is a common trope.",
     "allied_with", "disputed"),
])
def test_stronger_stances_outrank_the_belief(text: str, predicate: str, expected: str) -> None:
    stances = [c.stance for c in _extract(text).claims if c.predicate == predicate]
    assert expected in stances, stances


def test_belief_cues_load() -> None:
    cues = stance_cues()
    lemmas = {b.lemma for b in cues.belief_verbs}
    assert {"believe", "suspect", "think", "consider", "accuse", "blame", "attribute"} <= lemmas
    assert "i" in cues.author_subjects and "nsubj" in cues.belief_out_of_scope


# ---------------------------------------------------------------- group names as attackers


@pytest.mark.parametrize("text, group", [
    ("Houthis attacked a checkpoint in Aden.", "Houthis"),
    ("The Houthis shelled a market in Taiz.", "Houthis"),
    ("Houthi fighters attacked a checkpoint in Aden.", "Houthis"),
    ("Taliban fighters attacked a checkpoint in Kabul.", "Taliban"),
    ("Al-Shabaab militants attacked a hotel in Mogadishu.", "al-Shabaab"),
    ("Boko Haram insurgents attacked a village in Borno.", "Boko Haram"),
    ("Kurdistan Workers' Party militants attacked a police station in Hakkari.", "Kurdistan Workers' Party"),
])
def test_a_group_attacks_a_target_that_names_no_entity(text: str, group: str) -> None:
    ex = _extract(text)
    attacks = _attacks(ex)
    assert [(_name(ex, c.subject), c.stance) for c in attacks] == [(group, "asserted")]
    # the place hangs from the target ('a checkpoint in Aden'): it is not what was attacked
    assert attacks[0].object is None


def test_a_named_target_is_still_the_object() -> None:
    ex = _extract("Houthis attacked Aden.")
    assert [(_name(ex, c.subject), _name(ex, c.object)) for c in _attacks(ex)] == [("Houthis", "Aden")]


def test_a_name_hanging_from_what_was_founded_is_still_no_object() -> None:
    ex = _extract("Jabhat al-Nusra formed an alliance with Ahrar al-Sham.")
    assert not [c for c in ex.claims if c.predicate == "founded"]


@pytest.mark.parametrize("text", [
    "The bombing was blamed on al-Shabaab.",
    "Prosecutors attributed the shooting to Hezbollah.",
])
def test_who_is_blamed_is_not_also_the_target(text: str) -> None:
    ex = _extract(text)
    attacks = _attacks(ex)
    assert len(attacks) == 1 and attacks[0].subject is not None and attacks[0].object is None


@pytest.mark.parametrize("text, stance", [
    # the accused denies the accusation in the next sentence: denied; another denies it: disputed
    ("Liwa al-Haqq is believed to have attacked Saraqib in 2015. Liwa al-Haqq has denied the accusations.", "denied"),
    ("Witnesses accused Liwa al-Haqq of attacking Saraqib. The group denied the allegations.", "denied"),
    ("Witnesses accused Liwa al-Haqq of attacking Saraqib. The government denied the reports.", "disputed"),
    # a denial of something else leaves the accusation alleged
    ("Witnesses accused Liwa al-Haqq of attacking Saraqib. The group denied having a base in Hama.", "alleged"),
])
def test_an_accusation_answered_by_a_denial(text: str, stance: str) -> None:
    ex = _extract(text)
    assert [c.stance for c in _attacks(ex)] == [stance], [(c.subject, c.stance) for c in _attacks(ex)]


def test_a_rumour_is_reported() -> None:
    ex = _extract("Rumours that Liwa al-Haqq had joined the Islamic State spread in 2015.")
    assert [c.stance for c in ex.claims if c.predicate == "member_of"] == ["reported"]
