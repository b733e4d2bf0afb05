"""The packaged gazetteer loads, validates and answers lookups."""

from __future__ import annotations

import pytest

from allegiance.reference.gazetteer import Gazetteer, load_gazetteer

IRAQ_GOVERNORATES = [
    "iq-baghdad-governorate", "iq-basra-governorate", "iq-ninawa", "iq-erbil-governorate",
    "iq-duhok-governorate", "iq-sulaymaniyah-governorate", "iq-kirkuk-governorate", "iq-diyala",
    "iq-anbar", "iq-salah-ad-din", "iq-babil", "iq-karbala-governorate", "iq-najaf-governorate",
    "iq-wasit", "iq-qadisiyyah", "iq-muthanna", "iq-dhi-qar", "iq-maysan",
]
SYRIA_GOVERNORATES = [
    "sy-damascus-governorate", "sy-rif-dimashq", "sy-aleppo-governorate", "sy-homs-governorate",
    "sy-hama-governorate", "sy-latakia-governorate", "sy-tartus-governorate",
    "sy-idlib-governorate", "sy-raqqa-governorate", "sy-deir-ez-zor-governorate",
    "sy-hasakah-governorate", "sy-daraa-governorate", "sy-suwayda-governorate",
    "sy-quneitra-governorate",
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_loader_is_cached(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz


@pytest.mark.parametrize("rid", IRAQ_GOVERNORATES + SYRIA_GOVERNORATES)
def test_every_governorate_is_present(gaz: Gazetteer, rid: str) -> None:
    rec = gaz.get(rid)
    assert rec is not None and rec.subtype == "governorate"
    assert rec.lat is not None and rec.lon is not None


def test_governorates_of_kurdistan_sit_in_the_region(gaz: Gazetteer) -> None:
    assert gaz.get("iq-kurdistan-region") is not None
    chain = [r.id for r in gaz.parents("iq-erbil-district")]
    assert chain == ["iq-erbil-governorate", "iq-kurdistan-region", "iraq"]


@pytest.mark.parametrize(("country", "minimum"), [("IQ", 100), ("SY", 60)])
def test_district_counts(gaz: Gazetteer, country: str, minimum: int) -> None:
    districts = [r for r in gaz.of_type("Place", "district") if r.country == country]
    assert len(districts) >= minimum
    for d in districts:
        assert d.lat is not None and d.parent is not None
        assert gaz.parents(d.id)[0].subtype == "governorate"


def test_at_least_200_groups(gaz: Gazetteer) -> None:
    assert len(gaz.of_type("Organization")) >= 200


def test_every_place_in_iraq_and_syria_sits_in_a_governorate_or_the_country(
        gaz: Gazetteer) -> None:
    for rec in gaz.of_type("Place"):
        if rec.country in ("IQ", "SY") and rec.subtype != "country":
            chain = [p.id for p in gaz.parents(rec.id)]
            assert chain and chain[-1] in ("iraq", "syria"), rec.id


# name looked up -> ids expected first (in order); an empty tuple means "no match"
LOOKUPS: list[tuple[str, tuple[str, ...]]] = [
    ("ISIS", ("islamic-state",)),
    ("Islamic State of Iraq and the Levant", ("islamic-state",)),
    ("Da3esh", ("islamic-state",)),
    ("IS", ("islamic-state",)),
    ("is", ()),
    ("Islamic State of Iraq", ("islamic-state-of-iraq",)),
    ("Islamic Army of Iraq", ("islamic-army-of-iraq",)),
    ("Ansar al-Islam", ("ansar-al-islam",)),
    ("Jamaat Ansar al-Islam", ("ansar-al-islam",)),
    ("Ansar al-Sunna", ("ansar-al-sunna",)),
    ("Naqshbandi Army", ("jrtn",)),
    ("AQ", ("al-qaida",)),
    ("aq", ()),
    ("al-Qa'ida", ("al-qaida",)),
    ("Jabhat al-Nusra", ("al-nusra-front",)),
    ("Jaysh al-Mujahideen", ("jaysh-al-mujahideen", "jaysh-al-mujahideen-syria")),
    ("Ninawa", ("iq-ninawa",)),
    ("Nineveh", ("iq-ninawa",)),
    ("Mosul", ("iq-mosul",)),
    ("Raqqa", ("sy-raqqa", "sy-raqqa-governorate")),
    ("ar-Raqqah", ("sy-raqqa", "sy-raqqa-governorate")),
    ("al-Hasakah", ("sy-hasakah", "sy-hasakah-governorate")),
    ("Deir al-Zour", ("sy-deir-ez-zor", "sy-deir-ez-zor-governorate")),
    ("Hit", ("iq-hit",)),
    ("hit", ()),
]


@pytest.mark.parametrize(("name", "expected"), LOOKUPS)
def test_lookup(gaz: Gazetteer, name: str, expected: tuple[str, ...]) -> None:
    got = tuple(r.id for r in gaz.lookup(name))
    assert got[: len(expected)] == expected
    if not expected:
        assert got == ()


def test_pejoratives_are_flagged(gaz: Gazetteer) -> None:
    forms = {(s, r.id): pej for s, r, pej in gaz.surface_forms()}
    assert forms[("Da3esh", "islamic-state")] is True
    assert forms[("khawarij", "islamic-state")] is True
    assert forms[("ISIS", "islamic-state")] is False


@pytest.mark.parametrize(("rid", "predecessor"), [
    ("al-qaida-in-iraq", "jamaat-al-tawhid-wal-jihad"),
    ("islamic-state-of-iraq", "al-qaida-in-iraq"),
    ("islamic-state", "islamic-state-of-iraq"),
    ("hayat-tahrir-al-sham", "jabhat-fatah-al-sham"),
    ("ansar-al-sunna", "ansar-al-islam"),
])
def test_lineage_links_run_both_ways(gaz: Gazetteer, rid: str, predecessor: str) -> None:
    rec, pred = gaz.get(rid), gaz.get(predecessor)
    assert rec is not None and pred is not None
    assert predecessor in rec.predecessors and rid in pred.successors


def test_branch_parents(gaz: Gazetteer) -> None:
    assert [r.id for r in gaz.parents("is-wilayat-barqa")] == ["is-libya", "islamic-state"]
    assert {r.id for r in gaz.children("al-qaida")} >= {"aqap", "aqim", "al-shabaab", "aqis"}


def test_case_sensitive_acronyms_are_declared(gaz: Gazetteer) -> None:
    for rid, acronym in [("islamic-state", "IS"), ("al-qaida", "AQ")]:
        rec = gaz.get(rid)
        assert rec is not None and rec.is_case_sensitive(acronym)
