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


ROLES = [
    # a leader's title over a part of the group is a post inside it
    Case("Abu Khalid al-Tunisi is the head of the media office of Jabhat al-Nusra.",
         must=(("Abu Khalid al-Tunisi", "member_of", "Jabhat al-Nusra"),),
         must_not=(("Abu Khalid al-Tunisi", "leader_of", "Jabhat al-Nusra"),)),
    Case("Abu Khalid al-Tunisi, the commander of the northern sector of Liwa al-Haqq, was killed.",
         must=(("Abu Khalid al-Tunisi", "member_of", "Liwa al-Haqq"),),
         must_not=(("Abu Khalid al-Tunisi", "leader_of", "Liwa al-Haqq"),)),
    Case("Abu Khalid al-Tunisi, the leader of the so-called Liwa al-Haqq, was killed.",
         must=(("Abu Khalid al-Tunisi", "leader_of", "Liwa al-Haqq"),)),
    # the role in an 'as' phrase is the verb's subject's
    Case("Abu Khalid al-Tunisi replaced Abu Hafs al-Masri as leader of Liwa al-Haqq.",
         must=(("Abu Khalid al-Tunisi", "leader_of", "Liwa al-Haqq"),),
         must_not=(("Abu Hafs al-Masri", "leader_of", "Liwa al-Haqq"),)),
    Case("In 2014 Abu Hafs al-Masri succeeded Abu Khalid al-Tunisi as the emir of Liwa al-Haqq.",
         must=(("Abu Hafs al-Masri", "leader_of", "Liwa al-Haqq"),),
         must_not=(("Abu Khalid al-Tunisi", "leader_of", "Liwa al-Haqq"),)),
    # posts named by other nouns
    Case("AQAP deputy Abu Hafs al-Masri was killed in 2013.",
         must=(("Abu Hafs al-Masri", "member_of", "AQAP"),), must_not=(("Abu Hafs al-Masri", "leader_of", "AQAP"),)),
    Case("Abu Omar al-Masri, the most prominent Syrian within Jabhat al-Nusra, was arrested.",
         must=(("Abu Omar al-Masri", "member_of", "Jabhat al-Nusra"),)),
    Case("Abu Omar al-Masri, a leading personality within Jabhat al-Nusra, was arrested.",
         must=(("Abu Omar al-Masri", "member_of", "Jabhat al-Nusra"),)),
    Case("Abu Omar al-Masri was appointed governor of Raqqa by Liwa al-Haqq.",
         must_not=(("Abu Omar al-Masri", "member_of", "Raqqa"),)),
]


@pytest.mark.parametrize("case", ROLES, ids=str)
def test_roles_in_other_wordings(case: Case) -> None:
    check(case)


SUCCESSION_AND_PLACES = [
    Case("Jaysh al-Wadi succeeded Liwa al-Haqq in 2014.", must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),),
         must_not=(("Jaysh al-Wadi", "predecessor_of", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi replaced Liwa al-Haqq as the main group in Hama.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),)),
    # people succeeding people make no group a predecessor
    Case("Abu Khalid al-Tunisi succeeded Abu Hafs al-Masri in 2014.", must_not=((None, "predecessor_of", None),)),
    Case("Jaysh al-Wadi operates mainly in northern Hama.", must=(("Jaysh al-Wadi", "active_in", "Hama"),)),
    Case("Jaysh al-Wadi is headquartered in Saraqib.", must=(("Jaysh al-Wadi", "active_in", "Saraqib"),)),
    Case("Jaysh al-Wadi is based primarily in Idlib.", must=(("Jaysh al-Wadi", "active_in", "Idlib"),)),
    Case("Jaysh al-Wadi was mostly ignored in Idlib.", must_not=(("Jaysh al-Wadi", "active_in", "Idlib"),)),
]


@pytest.mark.parametrize("case", SUCCESSION_AND_PLACES, ids=str)
def test_succession_and_places_in_other_wordings(case: Case) -> None:
    check(case)


MERGERS = [
    Case("Liwa al-Haqq and Saraya al-Qasas merged in 2015 to form Jaysh al-Wadi.",
         must=(("Liwa al-Haqq", "merged_into", "Jaysh al-Wadi"), ("Saraya al-Qasas", "merged_into", "Jaysh al-Wadi"))),
    Case("Liwa al-Haqq merged with Saraya al-Qasas in May 2015 to create Jaysh al-Wadi.",
         must=(("Liwa al-Haqq", "merged_into", "Jaysh al-Wadi"), ("Saraya al-Qasas", "merged_into", "Jaysh al-Wadi")),
         must_not=(("Liwa al-Haqq", "merged_into", "Saraya al-Qasas"),)),
    Case("Liwa al-Haqq and Saraya al-Qasas united in Idlib to form Jaysh al-Wadi.",
         must=(("Saraya al-Qasas", "merged_into", "Jaysh al-Wadi"),)),
    # no result named: the one merged into the other
    Case("Liwa al-Haqq merged with Saraya al-Qasas in 2015.", must=(("Liwa al-Haqq", "merged_into", "Saraya al-Qasas"),)),
]


@pytest.mark.parametrize("case", MERGERS, ids=str)
def test_mergers_with_a_setting_before_their_result(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("text, start, end", [
    ("Abu Khalid al-Tunisi was the leader of Jaysh al-Wadi (2012–2016).", "2012-01-01", "2016-12-31"),
    ("Abu Khalid al-Tunisi was the emir of Jaysh al-Wadi (5 January 2006 – 16 April 2006) and then left.",
     "2006-01-05", "2006-04-16"),
    ("Abu Khalid al-Tunisi was the emir of Jaysh al-Wadi (2014–present).", "2014-01-01", None),
])
def test_a_bracket_of_time_after_the_group_dates_the_claim(text: str, start: str, end: str | None) -> None:
    ex = check(Case(text))
    claim = next(c for c in ex.claims if c.predicate == "leader_of")
    assert claim.time is not None and (claim.time.start, claim.time.end) == (start, end)


def test_a_bracket_after_a_person_is_a_life_not_the_claims_time() -> None:
    ex = check(Case("Abu Hafs al-Masri killed Abu Khalid al-Tunisi (1975–2016) in Hama."))
    claim = next(c for c in ex.claims if c.predicate == "killed")
    assert claim.time is None or claim.time.start != "1975-01-01"


def test_a_bracket_with_more_than_a_time_is_no_claims_time() -> None:
    ex = check(Case("Abu Khalid al-Tunisi was the leader of Jaysh al-Wadi (a group formed in 2012)."))
    claim = next(c for c in ex.claims if c.predicate == "leader_of")
    assert claim.time is None


AGENTS_AND_DESCRIPTIONS = [
    # the agent of a passive past a phrase of time or place
    Case("Jaysh al-Wadi was founded in March 2012 by Abu Khalid al-Tunisi.",
         must=(("Abu Khalid al-Tunisi", "founded", "Jaysh al-Wadi"),)),
    Case("Jaysh al-Wadi was formed in 2011 by Liwa al-Haqq and fought in Hama.",
         must=(("Liwa al-Haqq", "founded", "Jaysh al-Wadi"),)),
    Case("Abu Khalid al-Tunisi was killed in Hama by Jaysh al-Wadi fighters.",
         must=(("Jaysh al-Wadi", "killed", "Abu Khalid al-Tunisi"),)),
    # the agent of the event a deed happened in, with or without a verb of doing
    Case("Abu Khalid al-Tunisi was killed in an attack by Jaysh al-Wadi.",
         must=(("Jaysh al-Wadi", "killed", "Abu Khalid al-Tunisi"),)),
    # 'an attack by' inside a clause of its own names no agent of the killing
    Case("Abu Khalid al-Tunisi was killed in Hama, and an attack by Jaysh al-Wadi followed.",
         must_not=(("Jaysh al-Wadi", "killed", "Abu Khalid al-Tunisi"),)),
    # a noun a participle hangs from describes the copula's subject
    Case("Jaysh al-Wadi is a regional affiliate of Liwa al-Haqq and an armed group operating primarily in Hama.",
         must=(("Jaysh al-Wadi", "active_in", "Hama"), ("Jaysh al-Wadi", "branch_of", "Liwa al-Haqq")),
         must_not=(("Liwa al-Haqq", "active_in", "Hama"),)),
    Case("Jaysh al-Wadi (no relation to the Wadi Brigade) was a small group that fought in Hama.",
         must=(("Jaysh al-Wadi", "active_in", "Hama"),), must_not=(("Wadi Brigade", "active_in", "Hama"),)),
    Case("As at Aug. 2015, Abu Khalid al-Tunisi was emir of Russian-speaking militants of Jaysh al-Wadi.",
         must=(("Abu Khalid al-Tunisi", "member_of", "Jaysh al-Wadi"),),
         must_not=(("Abu Khalid al-Tunisi", "leader_of", "Jaysh al-Wadi"),)),
]


@pytest.mark.parametrize("case", AGENTS_AND_DESCRIPTIONS, ids=str)
def test_agents_and_descriptions(case: Case) -> None:
    check(case)


def test_as_at_bounds_a_state() -> None:
    ex = check(Case("As at Aug. 2015, Abu Khalid al-Tunisi was the emir of Jaysh al-Wadi."))
    claim = next(c for c in ex.claims if c.predicate == "leader_of")
    assert claim.time is not None and claim.time.end == "2015-08-31"


@pytest.mark.parametrize("text, predicate, stance", [
    # evidence the author calls weak: the claim is disputed
    ("The story that Liwa al-Haqq attacked Hama in 2014 is far less convincing.", "attacked", "disputed"),
    ("That Jaysh al-Wadi was based in Idlib is not credible.", "active_in", "disputed"),
    ("Jaysh al-Wadi was based in Idlib, a solid finding.", "active_in", "asserted"),
    # the author's informants: reported
    ("Abu Omar explained to me that Jaysh al-Wadi was based in Idlib.", "active_in", "reported"),
    ("A fighter informed us that Jaysh al-Wadi attacked Hama in 2014.", "attacked", "reported"),
])
def test_stance_words_by_their_family(text: str, predicate: str, stance: str) -> None:
    ex = check(Case(text))
    assert [c.stance for c in ex.claims if c.predicate == predicate] == [stance]


COORDINATION = [
    Case("Liwa al-Haqq, Saraya al-Qasas and Kataib al-Furqan formed Jaysh al-Wadi in 2015.",
         must=(("Liwa al-Haqq", "founded", "Jaysh al-Wadi"), ("Saraya al-Qasas", "founded", "Jaysh al-Wadi"),
               ("Kataib al-Furqan", "founded", "Jaysh al-Wadi"))),
    Case("Jaysh al-Wadi was formed by Liwa al-Haqq, Saraya al-Qasas and Kataib al-Furqan in 2015.",
         must=(("Liwa al-Haqq", "founded", "Jaysh al-Wadi"), ("Kataib al-Furqan", "founded", "Jaysh al-Wadi"))),
    Case("Liwa al-Haqq and Saraya al-Qasas attacked Hama in 2015.",
         must=(("Liwa al-Haqq", "attacked", "Hama"), ("Saraya al-Qasas", "attacked", "Hama"))),
    # an apposition is no coordination; a place before the subject is no party
    Case("Abu Khalid al-Tunisi, the leader of Liwa al-Haqq, attacked Hama in 2015.",
         must=(("Abu Khalid al-Tunisi", "attacked", "Hama"),), must_not=(("Liwa al-Haqq", "attacked", "Hama"),)),
    Case("In Hama, Liwa al-Haqq attacked Saraya al-Qasas.",
         must=(("Liwa al-Haqq", "attacked", "Saraya al-Qasas"),), must_not=(("Hama", "attacked", None),)),
]


@pytest.mark.parametrize("case", COORDINATION, ids=str)
def test_coordinated_subjects_and_agents(case: Case) -> None:
    check(case)


SOURCES = [
    # the entries of a list of sources are titles of other texts
    Case("Jaysh al-Wadi fought in Hama.\n\nReferences\n1. \"Liwa al-Haqq attacked Idlib\". Reuters. 12 May 2015.\n",
         must=(("Jaysh al-Wadi", "active_in", "Hama"),), must_not=(("Liwa al-Haqq", "attacked", None),)),
    Case("Jaysh al-Wadi fought in Hama.\nExternal links:\nLiwa al-Haqq attacked Idlib, a video.\n",
         must_not=(("Liwa al-Haqq", "attacked", None),)),
    Case("Jaysh al-Wadi fought in Hama.\n^ \"Liwa al-Haqq attacked Idlib\". BBC News. 2015.\n",
         must_not=(("Liwa al-Haqq", "attacked", None),)),
    # the word inside prose, or an author's notes, is no list of sources
    Case("Jaysh al-Wadi fought in Hama. Sources said Liwa al-Haqq attacked Idlib in 2015.",
         must=(("Liwa al-Haqq", "attacked", "Idlib"),)),
    Case("Jaysh al-Wadi fought in Hama.\n\nNotes\n\nLiwa al-Haqq attacked Idlib in 2015.\n",
         must=(("Liwa al-Haqq", "attacked", "Idlib"),)),
]


@pytest.mark.parametrize("case", SOURCES, ids=str)
def test_no_claim_from_a_list_of_sources(case: Case) -> None:
    check(case)


RUN_TOGETHER_FIELDS = [
    # an infobox flattened onto one line, its title first
    Case("Jaysh al-Wadi | Leaders | Abu Khalid al-Tunisi (2012–2014) Abu Hafs al-Masri (2014–2016) | Allies | "
         "Liwa al-Haqq | Opponents | Islamic State |\n",
         must=(("Abu Khalid al-Tunisi", "leader_of", "Jaysh al-Wadi"), ("Abu Hafs al-Masri", "leader_of", "Jaysh al-Wadi"),
               ("Jaysh al-Wadi", "allied_with", "Liwa al-Haqq"), ("Jaysh al-Wadi", "hostile_to", "Islamic State")),
         must_not=(("Abu Khalid al-Tunisi", "leader_of", "Liwa al-Haqq"), ("Jaysh al-Wadi", "allied_with", "Islamic State"))),
    Case("Jaysh al-Wadi\nFounder: Abu Khalid al-Tunisi Formed: March 2012 Allies: Liwa al-Haqq Opponents: Islamic State\n",
         must=(("Abu Khalid al-Tunisi", "founded", "Jaysh al-Wadi"), ("Jaysh al-Wadi", "allied_with", "Liwa al-Haqq"),
               ("Jaysh al-Wadi", "hostile_to", "Islamic State"))),
    # prose that holds label words is no run of fields
    Case("Jaysh al-Wadi fought in Hama. Its leaders Abu Khalid and Abu Hafs met allies in Idlib. Opponents said so.\n",
         must_not=(("Jaysh al-Wadi", "hostile_to", None), ("Jaysh al-Wadi", "allied_with", None))),
]


@pytest.mark.parametrize("case", RUN_TOGETHER_FIELDS, ids=str)
def test_fields_run_together_on_one_line(case: Case) -> None:
    check(case)


VIOLENCE_AND_PLACES = [
    # the possessor of a deed noun did it
    Case("Jaysh al-Wadi's assassination of Abu Khalid al-Tunisi in 2015 ended the truce.",
         must=(("Jaysh al-Wadi", "killed", "Abu Khalid al-Tunisi"),)),
    # members that a verb acts on are its victims, not its subject's fellows
    Case("Liwa al-Haqq fighters murdered several members of Saraya al-Qasas in Hama.",
         must=(("Liwa al-Haqq", "killed", None),), must_not=(("Liwa al-Haqq", "member_of", "Saraya al-Qasas"),)),
    Case("Abu Khalid al-Tunisi was shot by members of Saraya al-Qasas in Hama.",
         must_not=(("Abu Khalid al-Tunisi", "member_of", "Saraya al-Qasas"),)),
    Case("Abu Khalid al-Tunisi became one of the members of Saraya al-Qasas in 2014.",
         must=(("Abu Khalid al-Tunisi", "member_of", "Saraya al-Qasas"),)),
    Case("I recall Abu Khalid al-Tunisi, the judge of Saraya al-Qasas in Hama.",
         must=(("Abu Khalid al-Tunisi", "member_of", "Saraya al-Qasas"),)),
    # hostility with an adverb between
    Case("Jaysh al-Wadi has clashed repeatedly with Liwa al-Haqq since 2014.",
         must=(("Jaysh al-Wadi", "hostile_to", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi fought fiercely against Liwa al-Haqq in Idlib.",
         must=(("Jaysh al-Wadi", "hostile_to", "Liwa al-Haqq"),)),
    # control by the subject; a place named by its kind
    Case("Jaysh al-Wadi controls much of rural Hama.", must=(("Jaysh al-Wadi", "controls", "Hama"),)),
    Case("Jaysh al-Wadi seized the town of Saraqib from Liwa al-Haqq in 2015.",
         must=(("Jaysh al-Wadi", "captured", "Saraqib"),)),
    Case("Jaysh al-Wadi seized the weapons of Liwa al-Haqq in Saraqib.",
         must_not=(("Jaysh al-Wadi", "captured", "Saraqib"),)),
    Case("Saraqib is a town in Idlib province.", must=(("Saraqib", "located_in", "Idlib"),)),
    Case("Jaysh al-Wadi attacked a village in Idlib province.", must_not=(("Jaysh al-Wadi", "located_in", None),)),
]


@pytest.mark.parametrize("case", VIOLENCE_AND_PLACES, ids=str)
def test_violence_and_places_in_other_wordings(case: Case) -> None:
    check(case)


def test_taking_credit_is_a_claim_of_responsibility() -> None:
    ex = check(Case("Jaysh al-Wadi took credit for the attack on a military convoy near Hama."))
    assert [c.stance for c in ex.claims if c.predicate == "attacked"] == ["claimed"]


@pytest.mark.parametrize("text, target", [
    # a place after 'in' is where the attacks were, not what was attacked
    ("Jaysh al-Wadi carried out attacks in Hama in 2014.", None),
    ("Jaysh al-Wadi launched attacks across Idlib.", None),
    # the verb's own object is
    ("Jaysh al-Wadi attacked Hama in 2014.", "Hama"),
])
def test_the_setting_of_an_attack_is_no_target(text: str, target: str | None) -> None:
    ex = check(Case(text))
    names = {e.id: e.name for e in ex.entities}
    assert [names.get(c.object) for c in ex.claims if c.predicate == "attacked"] == [target]
