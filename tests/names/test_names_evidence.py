"""Weighted evidence between person names of one list."""

from __future__ import annotations

import dataclasses

import pytest

from allegiance.errors import DataFileError
from allegiance.names import cluster_names
from allegiance.names.compare import prepare
from allegiance.names.data import name_data
from allegiance.names.evidence import (
    ListFrequencies,
    evidence,
    evidence_settings,
    same_person,
    unit_similarity,
    units,
)


def u(name: str) -> tuple[str, ...]:
    return units(prepare(name, "Person"))


def test_compound_names_are_one_word_and_nasab_is_dropped() -> None:
    assert u("Abd al-Rahman bin Umayr") == ("abd_rahman", "umar")
    assert u("Abu Hamza al-Masri") == ("abu_hamza", "masri")
    assert u("Muhammad Jamal Abdu")[-1] == "abdu"  # a trailing Abdu is a name, not a head


def test_rare_words_weigh_more_than_common_ones() -> None:
    freq = ListFrequencies([u("Dawood Ibrahim Kaskar"), u("Muhammad Ali"), u("Ali Hassan")])
    assert freq.weight("kaskar") > freq.weight("ibrahim") > freq.weight("abu")
    # a word carried by many names of the list weighs less than one carried by a single name
    crowded = ListFrequencies([u(f"Zubayr Name{i}") for i in range(400)] + [u("Tamimi Someone")])
    assert crowded.weight("zubair") < crowded.weight("tamimi")


def test_common_names_agree_only_with_their_own_spellings() -> None:
    assert unit_similarity("ibrahim", "abrahim") > 0  # Ibrahim / Ebrahim
    assert unit_similarity("mahmud", "muhamad") == 0  # same consonants, another name
    assert unit_similarity("abu_hamza", "hamza") == 0  # a kunya is not the given name
    assert unit_similarity("abu_hamza", "abd_hamza") == 0


def test_shared_rare_words_make_one_person_and_a_different_nisba_counts_against() -> None:
    freq = ListFrequencies([])
    assert same_person(u("Dawood Ibrahim Kaskar"), u("Daud Ibrahim Memon Kaskar"), freq)
    assert not same_person(u("Abu Bakr al-Baghdadi"), u("Abu Bakr al-Iraqi"), freq)
    assert evidence(u("Abu Bakr al-Baghdadi"), u("Abu Bakr al-Baghdadi"), freq) > \
        evidence(u("Abu Bakr al-Baghdadi"), u("Abu Bakr al-Iraqi"), freq)


def test_a_word_common_in_the_list_no_longer_ties_names_together() -> None:
    # 'Santos' alone is strong evidence between two names, but not in a list where many
    # different people carry it
    pair = ["Ahmad Santos", "Faisal Santos"]
    crowd = pair + [f"{first} Santos" for first in ("Ramon", "Jose", "Maria", "Pedro", "Carlos", "Luis", "Ana",
                                                     "Rosa", "Juan", "Miguel")] * 30
    assert evidence(u(pair[0]), u(pair[1]), ListFrequencies([u(x) for x in pair])) > \
        evidence(u(pair[0]), u(pair[1]), ListFrequencies([u(x) for x in crowd]))
    labels = cluster_names(crowd, kind="Person", reference=None)
    assert labels[0] != labels[1]


def test_settings_are_validated() -> None:
    s = evidence_settings()
    assert s.threshold > 0 and 0 < s.common_floor < 1
    raw = dict(name_data().list_evidence)
    del raw["threshold"]
    bad = dataclasses.replace(name_data(), list_evidence=raw)
    evidence_settings.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("allegiance.names.evidence.name_data", lambda: bad)
            with pytest.raises(DataFileError):
                evidence_settings()
    finally:
        evidence_settings.cache_clear()
