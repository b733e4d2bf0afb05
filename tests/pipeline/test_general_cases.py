"""Construction families in wordings of their own: other verbs, other orders, other
transliterations, names the gazetteer does not hold. Each table holds the claims a sentence
must give and those it must not; the sentences are written for the test."""

from __future__ import annotations

import pytest
from claim_cases import Case, check

ALLEGIANCE = [
    Case("In June 2014, Abu Muhammad al-Shishani swore an oath of allegiance to the Islamic State.",
         must=(("Abu Muhammad al-Shishani", "pledged_allegiance", "Islamic State"),)),
    Case("Harakat Nour al-Din al-Zenki announced its allegiance to Hayat Tahrir al-Sham in January 2017.",
         must=(("Nour al-Din al-Zenki Movement", "pledged_allegiance", "Hay'at Tahrir al-Sham"),)),
    Case("Liwa al-Haqq renewed its bay'ah to the Islamic State in 2016.",
         must=(("Liwa al-Haqq", "pledged_allegiance", "Islamic State"),)),
    Case("Kataib al-Furqan offered their full allegiance to Jabhat al-Nusra.",
         must=(("Kataib al-Furqan", "pledged_allegiance", "Jabhat al-Nusra"),)),
    # breaking or renouncing a pledge is no pledge
    Case("Liwa al-Haqq renounced its allegiance to the Islamic State in 2016.",
         must=(("Liwa al-Haqq", "defected_from", "Islamic State"),),
         must_not=(("Liwa al-Haqq", "pledged_allegiance", "Islamic State"),)),
    # staying under a pledge, or the pledge word alone, is no act of pledging
    Case("Liwa al-Haqq remained under allegiance to the Islamic State for a while.",
         must_not=(("Liwa al-Haqq", "pledged_allegiance", "Islamic State"),)),
]


@pytest.mark.parametrize("case", ALLEGIANCE, ids=str)
def test_allegiance_in_other_wordings(case: Case) -> None:
    check(case)


UNREALISED = [
    # feared, conditional, possible, future: no deed
    Case("The government fears an attack by Jaysh al-Wadi.", must_not=(("Jaysh al-Wadi", "attacked", None),)),
    Case("If Jaysh al-Wadi attacks Hama, the army will respond.",
         must_not=(("Jaysh al-Wadi", "attacked", None), (None, "attacked", "Hama"))),
    Case("Unless Liwa al-Haqq gunmen attack the checkpoint, the road stays open.",
         must_not=(("Liwa al-Haqq", "attacked", None),)),
    Case("Jaysh al-Wadi could attack Hama again, officials warned.",
         must_not=(("Jaysh al-Wadi", "attacked", "Hama"),)),
    Case("Officials warned of new attacks by Jaysh al-Wadi in Hama.",
         must_not=(("Jaysh al-Wadi", "attacked", None),)),
    Case("Jaysh al-Wadi will be based in Hama.", must_not=(("Jaysh al-Wadi", "active_in", "Hama"),)),
    # done, hedged or generic deeds stay
    Case("Jaysh al-Wadi may have attacked Hama in 2015.", must=(("Jaysh al-Wadi", "attacked", "Hama"),)),
    Case("Jaysh al-Wadi attacked Hama in 2015, which the government had feared.",
         must=(("Jaysh al-Wadi", "attacked", "Hama"),)),
    Case("Jaysh al-Wadi primarily targeted Syrian army checkpoints.",
         must=(("Jaysh al-Wadi", "attacked", "Syrian Arab Army"),)),
    # a clause of its own after a future one keeps its claim
    Case("I will now speak of Liwa al-Haqq, and it was in Hama in 2014.",
         must=(("Liwa al-Haqq", "active_in", "Hama"),)),
]


@pytest.mark.parametrize("case", UNREALISED, ids=str)
def test_what_did_not_happen_is_no_claim(case: Case) -> None:
    check(case)


def test_killed_before_he_could_pledge_is_a_negated_pledge() -> None:
    ex = check(Case("Abu Khalid al-Tunisi was killed before he could pledge allegiance to the Islamic State."))
    assert [c.stance for c in ex.claims if c.predicate == "pledged_allegiance"] == ["negated"]
