"""Subjectless clauses and the document subject; mergers; deeds in phrases of time; one
claim for an accusation and the deed it names.

Sentences in the form of the sanctions-list narratives (their wording, written for the test)
and plain sentences whose claims must not change.
"""

from __future__ import annotations

import pytest
from extraction_helpers import extract, name_of

from allegiance.model.types import Claim, Extraction
from allegiance.model.vocab import vocabulary
from allegiance.pipeline.claims.subject import split_name

Row = tuple[str | None, str, str | None]


def _extract(text: str, subject: str | None = None) -> Extraction:
    return extract(text, subject, published="2018-10-29")


_name = name_of


def _rows(ex: Extraction) -> set[Row]:
    return {(_name(ex, c.subject), c.predicate, _name(ex, c.object)) for c in ex.claims}


def _claim(ex: Extraction, row: Row) -> Claim:
    return next(c for c in ex.claims if (_name(ex, c.subject), c.predicate, _name(ex, c.object)) == row)


# ---------------------------------------------------------------- subjectless clauses


FRAGMENTS: list[tuple[str, str, set[Row], set[Row]]] = [
    (("Associated with the Organization of Al-Qaida in the Islamic Maghreb (QDe.014) and led by Mokhtar "
     "Belmokhtar (QDi.136)."), "AL MOURABITOUN",
     {("al-Mourabitoun", "affiliated_with", "al-Qaeda in the Islamic Maghreb"),
      ("Mokhtar Belmokhtar", "leader_of", "al-Mourabitoun")},
     {("Mokhtar Belmokhtar", "affiliated_with", "al-Qaeda in the Islamic Maghreb")}),
    (("Leader of Al-Qaida in the Arabian Peninsula (QDe.129) since Jun. 2015, pledged loyalty to Aiman "
     "al-Zawahiri (QDi.006)."), "QASIM MOHAMED MAHDI AL-RIMI",
     {("QASIM MOHAMED MAHDI AL-RIMI", "leader_of", "al-Qaeda in the Arabian Peninsula")},
     {("Aiman al-Zawahiri", "leader_of", "al-Qaeda in the Arabian Peninsula")}),
    ("Joined Al-Qaida in 1996 and was at that time an important liaison to the Taliban in Afghanistan.",
     "NASHWAN ABD AL-RAZZAQ ABD AL-BAQI",
     {("NASHWAN ABD AL-RAZZAQ ABD AL-BAQI", "member_of", "al-Qaeda")},
     {("Taliban", "member_of", "al-Qaeda")}),
    ("Senior member of Libyan Islamic Fighting Group (QDe.011) and member of Al-Qaida (QDe.004).",
     "SALEM NOR ELDIN AMOHAMED AL-DABSKI",
     {("SALEM NOR ELDIN AMOHAMED AL-DABSKI", "member_of", "Libyan Islamic Fighting Group"),
      ("SALEM NOR ELDIN AMOHAMED AL-DABSKI", "member_of", "al-Qaeda")},
     {("al-Qaeda", "member_of", "Libyan Islamic Fighting Group"),
      ("Libyan Islamic Fighting Group", "member_of", "al-Qaeda")}),
    ("Since 2011, established Muhammad Jamal Network (MJN) (QDe.136) and terrorist training camps in Egypt.",
     "MUHAMMAD JAMAL ABD-AL RAHIM AHMAD AL-KASHIF",
     {("MUHAMMAD JAMAL ABD-AL RAHIM AHMAD AL-KASHIF", "founded", "Muhammad Jamal Network")},
     {("Muhammad Jamal Network", "founded", None)}),
    ("Member of the Rajah Solaiman Movement (QDe.128) and linked to the Abu Sayyaf Group (QDe.001).",
     "REDENDO CAIN DELLOSA",
     {("REDENDO CAIN DELLOSA", "member_of", "Rajah Solaiman Movement"),
      ("REDENDO CAIN DELLOSA", "affiliated_with", "Abu Sayyaf Group")},
     {("Abu Sayyaf Group", "member_of", "Rajah Solaiman Movement")}),
    (("Associated with the Organization of Al-Qaida in the Islamic Maghreb (AQIM) (QDe.014), Boko Haram "
     "(QDe.138) and Abubakar Shekau (QDi.322)."), "ANSARUL MUSLIMINA FI BILADIS SUDAN",
     {("ANSARUL MUSLIMINA FI BILADIS SUDAN", "affiliated_with", "al-Qaeda in the Islamic Maghreb"),
      ("ANSARUL MUSLIMINA FI BILADIS SUDAN", "affiliated_with", "Boko Haram")}, set()),
    ("Killed in Pakistan on 28 Jul. 2015.", "MALIK MUHAMMAD ISHAQ",
     {(None, "killed", "MALIK MUHAMMAD ISHAQ")}, set()),
    ("Co-founded by Aiman Muhammed Rabi al-Zawahiri (QDi.006), who was also its military leader.",
     "EGYPTIAN ISLAMIC JIHAD", {("Aiman Muhammed Rabi al-Zawahiri", "founded", "Egyptian Islamic Jihad")}, set()),
]


@pytest.mark.parametrize("text, subject, wanted, unwanted", FRAGMENTS)
def test_a_subjectless_clause_is_about_the_document_subject(text: str, subject: str, wanted: set[Row],
                                                             unwanted: set[Row]) -> None:
    rows = _rows(_extract(text, subject))
    assert wanted <= rows, rows
    assert not unwanted & rows, rows


@pytest.mark.parametrize("text, subject, wanted, unwanted", FRAGMENTS)
def test_without_a_document_subject_no_name_of_the_sentence_stands_in(text: str, subject: str,
                                                                     wanted: set[Row], unwanted: set[Row]) -> None:
    about = _extract(text, subject)
    implicit = {(c.predicate, c.qualifiers["document_subject"], c.object if c.qualifiers["document_subject"] ==
                 "subject" else c.subject) for c in about.claims if "document_subject" in c.qualifiers}
    assert implicit, _rows(about)
    ex = _extract(text)
    rows = _rows(ex)
    assert not unwanted & rows, rows
    for c in ex.claims:
        for pred, side, other in implicit:
            named_other = _name(about, other)
            if side == "subject" and (c.predicate, _name(ex, c.object)) == (pred, named_other):
                assert c.subject is None, rows  # no name of the sentence stands in for the subject
            if side == "object" and (c.predicate, _name(ex, c.subject)) == (pred, named_other):
                assert c.object is None, rows


def test_the_leader_of_a_fragment_takes_its_time() -> None:
    ex = _extract("Leader of Al-Qaida in the Arabian Peninsula (QDe.129) since Jun. 2015, pledged loyalty to "
                  "Aiman al-Zawahiri (QDi.006).", "QASIM MOHAMED MAHDI AL-RIMI")
    claim = _claim(ex, ("QASIM MOHAMED MAHDI AL-RIMI", "leader_of", "al-Qaeda in the Arabian Peninsula"))
    assert claim.time is not None and claim.time.start == "2015-06-01"
    assert claim.qualifiers["document_subject"] == "subject"


def test_groups_a_subject_coordinates_are_theirs_not_a_place() -> None:
    text = ("Coordinator of groups associated with The Organisation of Al-Qaida in the Islamic Maghreb (QDe.014) "
            "in northern Mali.")
    for ex in (_extract(text), _extract(text, "ABDELMALEK DROUKDEL")):
        assert not [c for c in ex.claims if c.predicate == "affiliated_with"], _rows(ex)


def test_a_place_is_never_affiliated() -> None:
    pred = vocabulary().predicates["affiliated_with"]
    assert "Place" not in pred.subject_types
    for p in vocabulary().predicates.values():
        if p.symmetric:
            assert set(p.subject_types) == set(p.object_types), p.name


def test_a_name_a_role_noun_is_in_apposition_to_is_its_subject() -> None:
    rows = _rows(_extract("*****- Abu Abdullah al-Shafi'i, the former leader of Jamaat Ansar al-Islam.",
                          "SOMEONE ELSE"))
    assert ("Abu Abdullah al-Shafi'i", "leader_of", "Ansar al-Islam") in rows, rows


def test_a_role_noun_that_is_an_object_is_someone_else() -> None:
    ex = _extract("Arrest warrant issued by the investigating judge of the German Federal Court of Justice.",
                  "YASSIN CHOUKA")
    assert not [c for c in ex.claims if c.predicate in ("member_of", "arrested")], _rows(ex)


def test_a_purpose_clause_makes_no_claim_and_lends_no_subject() -> None:
    # attacks one received money 'in order to conduct' are a purpose, not a deed done
    rows = _rows(_extract("Received money from Ansar al-Islam (QDe.098) in order to conduct attacks in Kirkuk.",
                          "NASHWAN ABD AL-RAZZAQ ABD AL-BAQI"))
    assert not [r for r in rows if r[1] == "attacked"], rows


# ---------------------------------------------------------------- the document subject


def test_a_document_subject_without_a_mention_is_an_entity_typed_by_its_name() -> None:
    ex = _extract("Associated with Al-Qaida (QDe.004).", "MOKHTAR BELMOKHTAR")
    subject = next(e for e in ex.entities if e.name == "MOKHTAR BELMOKHTAR")
    assert subject.type == "Person" and subject.mentions == []
    claim = _claim(ex, ("MOKHTAR BELMOKHTAR", "affiliated_with", "al-Qaeda"))
    assert ex.text is not None and ex.text[claim.evidence.start:claim.evidence.end] == ex.text.strip()


def test_a_document_subject_the_gazetteer_knows_takes_its_record() -> None:
    ex = _extract("Active in the Sahel region.", "AL MOURABITOUN")
    subject = next(e for e in ex.entities if "AL MOURABITOUN" in e.names())
    assert subject.type == "Organization" and subject.reference_id is not None


def test_a_document_subject_the_text_names_is_the_texts_entity() -> None:
    ex = _extract("Abdul Rahman Yasin is in Iraq. Associated with Al-Qaida (QDe.004).", "ABDUL RAHMAN YASIN")
    people = [e for e in ex.entities if e.type == "Person"]
    assert len(people) == 1 and people[0].mentions
    assert ("Abdul Rahman Yasin", "affiliated_with", "al-Qaeda") in _rows(ex)


def test_a_relatives_name_is_not_the_document_subject() -> None:
    ex = _extract("Father's name is Ali Muhammad. Associated with Al-Qaida (QDe.004).", "MATI UR-REHMAN ALI MUHAMMAD")
    subject = next(e for e in ex.entities if "MATI UR-REHMAN ALI MUHAMMAD" in e.names())
    assert not subject.mentions


@pytest.mark.parametrize("given, name, aliases", [
    ("AFGHAN SUPPORT COMMITTEE (ASC)", "AFGHAN SUPPORT COMMITTEE", ("ASC",)),
    ("ANSAR AL-SHARI’A IN TUNISIA (AAS-T)", "ANSAR AL-SHARI’A IN TUNISIA", ("AAS-T",)),
    ("AL-HARAMAIN FOUNDATION (INDONESIA)", "AL-HARAMAIN FOUNDATION (INDONESIA)", ()),
    ("MOKHTAR BELMOKHTAR", "MOKHTAR BELMOKHTAR", ()),
])
def test_a_subject_name_brings_its_acronym(given: str, name: str, aliases: tuple[str, ...]) -> None:
    got = split_name(given)
    assert (got.name, got.aliases) == (name, aliases)


# ---------------------------------------------------------------- mergers


@pytest.mark.parametrize("text, subject, rows, unwanted", [
    ("Founded on 20 Aug. 2013 as a result of a merger between Ansar Dine (QDe.135) and MUJAO (QDe.134).",
     "AL MOURABITOUN",
     {("Ansar Dine", "merged_into", "al-Mourabitoun"),
      ("Movement for Oneness and Jihad in West Africa", "merged_into", "al-Mourabitoun"),
      (None, "founded", "al-Mourabitoun")},
     {("al-Mourabitoun", "affiliated_with", "Movement for Oneness and Jihad in West Africa")}),
    ("Jabhat Fateh al-Sham was formed by the merger of Ahrar al-Sham and Jaysh al-Islam in 2017.", None,
     {("Ahrar al-Sham", "merged_into", "Jabhat Fatah al-Sham"), ("Jaysh al-Islam", "merged_into", "Jabhat Fatah al-Sham")},
     {("Ahrar al-Sham", "founded", "Jabhat Fatah al-Sham")}),
    ("Ansar Dine merged with al-Mourabitoun to form Jama'at Nusrat al-Islam wal-Muslimin in 2017.", None,
     {("Ansar Dine", "merged_into", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("al-Mourabitoun", "merged_into", "Jama'at Nusrat al-Islam wal-Muslimin")},
     {("Ansar Dine", "merged_into", "al-Mourabitoun")}),
    ("In 2017, Ansar Dine and al-Mourabitoun merged into Jama'at Nusrat al-Islam wal-Muslimin.", None,
     {("Ansar Dine", "merged_into", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("al-Mourabitoun", "merged_into", "Jama'at Nusrat al-Islam wal-Muslimin")}, set()),
])
def test_the_parties_of_a_merger_merge_into_what_it_made(text: str, subject: str | None, rows: set[Row],
                                                          unwanted: set[Row]) -> None:
    ex = _extract(text, subject)
    got = _rows(ex)
    assert rows <= got, got
    assert not unwanted & got, got
    for row in rows:
        claim = _claim(ex, row)
        assert claim.time is not None and claim.time.start is not None and claim.time.start[:4] in ("2013", "2017")


def test_a_merger_is_dated_as_the_founding_it_made() -> None:
    ex = _extract("Founded on 20 Aug. 2013 as a result of a merger between Ansar Dine (QDe.135) and MUJAO (QDe.134).",
                  "AL MOURABITOUN")
    claim = _claim(ex, ("Ansar Dine", "merged_into", "al-Mourabitoun"))
    assert claim.time is not None and (claim.time.start, claim.time.end) == ("2013-08-20", "2013-08-20")


def test_a_merger_with_no_result_is_unchanged() -> None:
    rows = _rows(_extract("The Islamic State merged with Jabhat al-Nusra in 2013."))
    assert ("Islamic State", "merged_into", "Jabhat al-Nusra") in rows


# ---------------------------------------------------------------- deeds in phrases of time


@pytest.mark.parametrize("text, who", [
    ("After the attack, Hezbollah withdrew.", "Hezbollah"),
    ("Following the bombing of Kabul, the Taliban withdrew from the city.", "Taliban"),
    ("In the wake of the attack, Hezbollah closed its offices.", "Hezbollah"),
    ("Hezbollah withdrew its fighters during the attack.", "Hezbollah"),
])
def test_a_deed_in_a_phrase_of_time_is_not_the_clauses_subjects(text: str, who: str) -> None:
    ex = _extract(text)
    assert not [c for c in ex.claims if c.predicate == "attacked" and _name(ex, c.subject) == who], _rows(ex)


def test_a_deed_in_a_phrase_of_time_keeps_its_own_possessor() -> None:
    ex = _extract("After the Taliban's attack on Kabul, Hezbollah withdrew.")
    assert ("Taliban", "attacked", "Kabul") in _rows(ex)
    assert not [c for c in ex.claims if _name(ex, c.subject) == "Hezbollah"]


# ---------------------------------------------------------------- one claim for one deed


@pytest.mark.parametrize("text, stance", [
    ("Hezbollah accused the Taliban of attacking Kabul.", "alleged"),
    ("The Taliban were accused of attacking Kabul.", "alleged"),
    ("Officials blamed the Taliban for the attack on Kabul.", "alleged"),
    ("The Taliban claimed responsibility for attacking Kabul.", "claimed"),
])
def test_an_accusation_and_the_deed_it_names_are_one_claim(text: str, stance: str) -> None:
    ex = _extract(text)
    attacks = [c for c in ex.claims if c.predicate == "attacked"]
    assert [(_name(ex, c.subject), _name(ex, c.object), c.stance) for c in attacks] == [("Taliban", "Kabul", stance)]


# ---------------------------------------------------------------- plain sentences are unchanged


@pytest.mark.parametrize("text, rows", [
    ("The Taliban attacked Kabul.", {("Taliban", "attacked", "Kabul")}),
    ("The Taliban attacked Kabul and bombed Kandahar.",
     {("Taliban", "attacked", "Kabul"), ("Taliban", "attacked", "Kandahar")}),
    ("Abu Bakr al-Baghdadi is a member of the Islamic State.", {("Abu Bakr al-Baghdadi", "member_of", "Islamic State")}),
    ("Mati ur-Rehman is the chief commander of Lashkar-e-Jhangvi.",
     {("Mati ur-Rehman", "leader_of", "Lashkar-e-Jhangvi")}),
    ("The Islamic State of Iraq and the Levant claims responsibility.", {("Islamic State", "attacked", None)}),
])
@pytest.mark.parametrize("subject", [None, "HEZBOLLAH"])
def test_a_sentence_with_a_subject_is_unchanged_by_a_document_subject(text: str, rows: set[Row],
                                                                     subject: str | None) -> None:
    assert _rows(_extract(text, subject)) == rows
