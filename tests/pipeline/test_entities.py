"""In-document entity grouping: what must join and what must stay apart, with reasons."""

from __future__ import annotations

import pytest

from allegiance.model.types import Document
from allegiance.pipeline import extract_document

SAME = [
    # (text, a, b, why)
    ("Abu Salim al-Tunisi arrived in 2014. Later Salim left.", "Abu Salim al-Tunisi", "Salim",
     "a short reference to one person's ism"),
    ("Abu Salim al-Tunisi arrived. Sheikh Abu Salim spoke.", "Abu Salim al-Tunisi", "Sheikh Abu Salim",
     "a title and the bare kunya of the one person named in full"),
    ("Jaysh Rijal al-Tariqa al-Naqshbandia [JRTN] was formed.", "Jaysh Rijal al-Tariqa al-Naqshbandia", "JRTN",
     "a bracketed acronym"),
    ("Abu Dujana al-Masri or Abd al-Rahman spoke.", "Abu Dujana al-Masri", "Abd al-Rahman",
     "two person names joined by 'or'"),
    ("Daesh attacked the town; the Islamic State later withdrew.", "Daesh", "Islamic State",
     "a pejorative of a gazetteer group"),
]
APART = [
    ("Ansar al-Islam and Ansar al-Sunna clashed in 2004.", "Ansar al-Islam", "Ansar al-Sunna",
     "different groups that share a generic head"),
    ("The Islamic Army of Iraq rejected the Islamic State of Iraq.", "Islamic Army of Iraq",
     "Islamic State of Iraq", "similar names, different groups"),
    ("Abu Bakr al-Iraqi met Abu Bakr al-Baghdadi.", "Abu Bakr al-Iraqi", "Abu Bakr al-Baghdadi",
     "one kunya, two nisbas"),
]


def _owner(ex, name: str):
    for e in ex.entities:
        if name == e.name or name in e.aliases:
            return e.id
    raise AssertionError(f"{name!r} not found in {[(e.name, e.aliases) for e in ex.entities]}")


@pytest.mark.parametrize("text, a, b, why", SAME)
def test_must_join(text: str, a: str, b: str, why: str) -> None:
    ex = extract_document(Document(id="t", text=text))
    assert _owner(ex, a) == _owner(ex, b), why


@pytest.mark.parametrize("text, a, b, why", APART)
def test_must_stay_apart(text: str, a: str, b: str, why: str) -> None:
    ex = extract_document(Document(id="t", text=text))
    assert _owner(ex, a) != _owner(ex, b), why


def test_pejorative_is_kept_and_flagged() -> None:
    ex = extract_document(Document(id="t", text="The khawarij [IS] took the town."))
    e = next(e for e in ex.entities if "khawarij" in e.aliases or e.name == "khawarij")
    assert "khawarij" in e.pejoratives
    assert e.reference_id


def test_a_title_is_dropped_for_an_alias() -> None:
    ex = extract_document(Document(id="t", text="Sheikh Abu Salim spoke in Idlib."))
    e = next(e for e in ex.entities if e.name == "Sheikh Abu Salim")
    assert "Abu Salim" in e.aliases


def test_a_prefixed_acronym_is_still_a_mention() -> None:
    ex = extract_document(Document(id="t", text="It is a common line of pro-AQ writers."))
    assert any("AQ" in e.aliases or e.name == "AQ" for e in ex.entities)


def test_kunya_of_a_place_and_a_camp_name_stand_alone_too() -> None:
    ex = extract_document(Document(id="t", text="Abu Hafs of Raqqa set up the al-Faruq training camp in 2014."))
    person = next(e for e in ex.entities if e.name == "Abu Hafs of Raqqa")
    assert "Abu Hafs" in person.aliases
    camp = next(e for e in ex.entities if "training camp" in e.name)
    assert "al-Faruq" in camp.aliases
