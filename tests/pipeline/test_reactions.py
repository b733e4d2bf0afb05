"""Reactions to a deed, denial scoped by the parse, a party's word on its own deed, -ing cues.

Each case is a sentence written for the test.
"""

from __future__ import annotations

import pytest
from extraction_helpers import extract, name_of

from allegiance.model.types import Claim, Extraction
from allegiance.pipeline.claims.engine import reactions

_extract = extract
_name = name_of


def _violence(ex: Extraction) -> list[Claim]:
    return [c for c in ex.claims if c.predicate in ("attacked", "killed", "arrested")]


def _by(ex: Extraction, who: str) -> list[Claim]:
    return [c for c in _violence(ex) if _name(ex, c.subject) == who]


def _rows(ex: Extraction) -> set[tuple[str | None, str, str | None, str, str | None]]:
    return {(_name(ex, c.subject), c.predicate, _name(ex, c.object), c.stance, _name(ex, c.source))
            for c in _violence(ex)}


# ---------------------------------------------------------------- reactions to a deed


@pytest.mark.parametrize("text", [
    "Hezbollah condemned the attack on Kabul.",
    "Hezbollah denounced the attack on Kabul.",
    "Hezbollah deplored the bombing of Kabul.",
    "Hezbollah welcomed the attack on Kabul.",
    "Hezbollah praised the attack on Kabul.",
    "Hezbollah celebrated the bombing of Kabul.",
    "Hezbollah investigated the attack on Kabul.",
    "Hezbollah responded to the attack on Kabul.",
    "The attack on Kabul was condemned by Hezbollah.",
    "Hezbollah's condemnation of the attack on Kabul was swift.",
    "The attack on Kabul drew condemnation from Hezbollah.",
])
def test_who_reacts_to_an_attack_did_not_make_it(text: str) -> None:
    ex = _extract(text)
    assert not _by(ex, "Hezbollah"), _rows(ex)
    # the attack still happened; the text names no one who made it
    assert _rows(ex) == {(None, "attacked", "Kabul", "asserted", None)}


@pytest.mark.parametrize("text", [
    "Hezbollah praised the fighters who attacked Kabul.",
    "Hezbollah condemned the attack, which killed Abu Karim al-Halabi.",
    "Hezbollah mourned the killing of Abu Karim al-Halabi.",
    "Hezbollah reported the arrest of Abu Karim al-Halabi.",
])
def test_praise_mourning_and_reports_make_no_perpetrator(text: str) -> None:
    ex = _extract(text)
    assert not _by(ex, "Hezbollah"), _rows(ex)


@pytest.mark.parametrize("text, group, target", [
    ("Hezbollah condemned the Taliban for attacking Kabul.", "Taliban", "Kabul"),
    ("Hezbollah welcomed the Taliban's attack on Kabul.", "Taliban", "Kabul"),
    ("Hezbollah praised the Taliban fighters who attacked Kabul.", "Taliban", "Kabul"),
    ("The Taliban responded with an attack on Kabul.", "Taliban", "Kabul"),
    ("Hezbollah condemned the arrest and then attacked Kabul.", "Hezbollah", "Kabul"),
])
def test_a_deed_named_beside_a_reaction_keeps_its_doer(text: str, group: str, target: str) -> None:
    ex = _extract(text)
    assert (group, target) in {(_name(ex, c.subject), _name(ex, c.object)) for c in _violence(ex)}, _rows(ex)


def test_a_reactor_s_own_earlier_deed_is_still_its_own() -> None:
    ex = _extract("Hezbollah, which attacked Kabul in 2010, condemned the attack on Kandahar.")
    assert {_name(ex, c.object) for c in _by(ex, "Hezbollah")} == {"Kabul"}


def test_a_denial_is_no_reaction() -> None:
    ex = _extract("Hezbollah denied the attack on Kabul.")
    assert {(c.stance, _name(ex, c.object)) for c in _by(ex, "Hezbollah")} == {("denied", "Kabul")}


def test_the_reaction_words_load() -> None:
    r = reactions()
    assert "condemn" in r.verbs and "to" in r.verbs["respond"] and "condemnation" in r.nouns


# ---------------------------------------------------------------- denial, scoped by the parse


@pytest.mark.parametrize("text", [
    "Hezbollah denied the attack and said the Taliban carried it out.",
    "Hezbollah denied the attack, saying the Taliban carried it out.",
])
def test_denial_covers_the_deniers_clause_only(text: str) -> None:
    ex = _extract(text)
    assert [c.stance for c in _by(ex, "Hezbollah")] == ["denied"]
    assert [(c.stance, _name(ex, c.source)) for c in _by(ex, "Taliban")] == [("reported", "Hezbollah")]


@pytest.mark.parametrize("text, group", [
    ("Hezbollah denied that the Taliban attacked Kabul.", "Taliban"),
    ("Hezbollah denied any involvement in the attack on Kabul.", "Hezbollah"),
    ("Reports that the Taliban attacked Kabul were rejected by the government.", "Taliban"),
    ("The claim that the Taliban attacked Kabul was denied by Hezbollah.", "Taliban"),
])
def test_what_a_denial_governs_is_denied(text: str, group: str) -> None:
    ex = _extract(text)
    assert [c.stance for c in _by(ex, group)] == ["denied"], _rows(ex)


def test_a_denial_in_a_second_clause_leaves_the_first_to_the_author() -> None:
    ex = _extract("The Taliban attacked Kabul, and Hezbollah denied attacking Haifa.")
    assert [(c.stance, _name(ex, c.object)) for c in _by(ex, "Taliban")] == [("asserted", "Kabul")]
    assert [(c.stance, _name(ex, c.object)) for c in _by(ex, "Hezbollah")] == [("denied", "Haifa")]


# ---------------------------------------------------------------- a party's word on its own deed


@pytest.mark.parametrize("text, predicate", [
    ("The Islamic State said it attacked the base.", "attacked"),
    ("The Islamic State said its fighters killed Abu Karim al-Halabi.", "killed"),
    ("According to the Islamic State, its fighters attacked the base.", "attacked"),
])
def test_a_group_saying_it_did_the_deed_claims_it(text: str, predicate: str) -> None:
    ex = _extract(text)
    got = [(c.predicate, c.stance, _name(ex, c.source)) for c in _by(ex, "Islamic State")]
    assert got == [(predicate, "claimed", "Islamic State")]


def test_a_group_saying_another_did_it_reports_it() -> None:
    ex = _extract("The Islamic State said the Taliban attacked the base.")
    assert [(c.stance, _name(ex, c.source)) for c in _by(ex, "Taliban")] == [("reported", "Islamic State")]


def test_a_negated_claim_of_responsibility_claims_nothing() -> None:
    ex = _extract("The bombing killed Abu Karim al-Halabi, no group has claimed responsibility yet.")
    killed = [c for c in ex.claims if c.predicate == "killed"]
    assert killed and all(c.stance == "asserted" for c in killed)


@pytest.mark.parametrize("text", ["The Taliban attacked Kabul.", "Hezbollah attacked Haifa."])
def test_a_plain_attack_stays_asserted_with_no_source(text: str) -> None:
    ex = _extract(text)
    assert _violence(ex) and {(c.stance, c.source) for c in _violence(ex)} == {("asserted", None)}


# ---------------------------------------------------------------- -ing forms


def test_accused_of_attacking_names_the_accused_and_the_target() -> None:
    ex = _extract("Hezbollah accused the Taliban of attacking Kabul.")
    assert ("Kabul", "alleged", "Hezbollah") in {(_name(ex, c.object), c.stance, _name(ex, c.source))
                                                 for c in _by(ex, "Taliban")}
    assert not _by(ex, "Hezbollah")


@pytest.mark.parametrize("text, group, target", [
    ("The Taliban were accused of raiding Kabul.", "Taliban", "Kabul"),
    ("Hezbollah was blamed for storming Haifa.", "Hezbollah", "Haifa"),
])
def test_an_ing_form_heads_the_attack(text: str, group: str, target: str) -> None:
    ex = _extract(text)
    assert target in {_name(ex, c.object) for c in _by(ex, group)}, _rows(ex)


def test_an_ing_form_that_modifies_a_noun_is_no_attack() -> None:
    ex = _extract("The attacking force of the Taliban withdrew from Kabul.")
    assert not [c for c in ex.claims if c.predicate == "attacked"]
