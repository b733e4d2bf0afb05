"""Event reports: one incident is one deed claim with its place, time and victims."""

from __future__ import annotations

import pytest
from extraction_helpers import extract, name_of

from allegiance.model.types import Document
from allegiance.pipeline import extract_document
from allegiance.pipeline.timex import find_times


def _deeds(text: str, **meta: str) -> list[tuple[str | None, str, str | None, str | None, dict[str, object]]]:
    ex = extract_document(Document(id="t", text=text, published=None, metadata=dict(meta)))
    return [(name_of(ex, c.subject), c.predicate, name_of(ex, c.object), name_of(ex, c.place), c.qualifiers)
            for c in ex.claims if c.predicate in ("attacked", "killed", "arrested")]


def test_a_report_is_one_claim_with_its_victims_counted() -> None:
    deeds = _deeds("Gunmen attacked a checkpoint in Kirkuk. Seven soldiers were killed and two others were wounded. "
                   "The Islamic State claimed responsibility for the attack.")
    assert len(deeds) == 1, deeds
    subj, pred, _, place, qual = deeds[0]
    assert (subj, pred, place) == ("Islamic State", "attacked", "Kirkuk Governorate") or \
        (subj, pred) == ("Islamic State", "attacked") and place is not None
    assert qual.get("killed") == 7 and qual.get("injured") == 2


def test_the_place_comes_from_the_row_when_the_text_names_none() -> None:
    deeds = _deeds("A suicide bomber detonated explosives at a wedding. Boko Haram claimed the attack.",
                   event_place="Maiduguri")
    assert deeds and all(place == "Maiduguri" for *_, place, _ in deeds)


@pytest.mark.parametrize("text, place", [
    # a place that modifies a noun gives way to one named alone after it
    ("Abu Omar al-Kurdi was killed in a US drone strike in Idlib on 12 May 2018.", "Idlib"),
    ("Abu Omar al-Kurdi was killed in a Turkish airstrike near Afrin.", "Afrin"),
    # and stands when no other place is named
    ("Five people were killed in a Kabul market by a suicide bomber.", "Kabul"),
    ("Five people were killed in Kabul by a suicide bomber.", "Kabul"),
])
def test_the_deed_takes_the_place_named_as_where_it_happened(text: str, place: str) -> None:
    deeds = _deeds(text)
    assert deeds and {p for *_, p, _ in deeds} == {place}, deeds


def test_the_time_comes_from_the_row_when_the_text_gives_none() -> None:
    ex = extract_document(Document(id="t", text="Boko Haram attacked a market.", published=None,
                                   metadata={"event_date": "2014-05-05"}))
    c = next(c for c in ex.claims if c.predicate == "attacked")
    assert c.time is not None and (c.time.start, c.time.end) == ("2014-05-05", "2014-05-05")


def test_a_long_text_keeps_its_separate_deeds() -> None:
    text = ("Liwa al-Haqq attacked a checkpoint in Idlib in 2014. " * 20) + "A bus was attacked in Aleppo in 2016."
    ex = extract(text)
    agents = {name_of(ex, c.subject) for c in ex.claims if c.predicate == "attacked"}
    assert None in agents and "Liwa al-Haqq" in agents


@pytest.mark.parametrize("text, anchor, day", [
    ("The attack on 10 June killed five.", "2022", "2022-06-10"),
    ("On June 12 the town fell.", "2022-08-01", "2022-06-12"),
    ("The siege began on 28 December.", "2023-01-05", "2022-12-28"),  # the year before the document's date
])
def test_a_day_without_a_year_takes_the_documents_year(text: str, anchor: str, day: str) -> None:
    assert [(t.interval.start, t.interval.end) for t in find_times(text, anchor)] == [(day, day)]


def test_no_day_without_a_year_and_no_date() -> None:
    assert find_times("The attack on 10 June killed five.", None) == []
