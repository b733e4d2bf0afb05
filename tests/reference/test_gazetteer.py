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
