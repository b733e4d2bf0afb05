"""The glossary of group-name words: loading, validation and translation."""

from __future__ import annotations

import pytest

from allegiance.errors import DataFileError
from allegiance.names import cluster_names
from allegiance.names.glossary import glossary, parse_glossary


def test_packaged_glossary_loads() -> None:
    g = glossary()
    assert g.phrases[("soldiers",)] == ("jund",)
    assert g.phrases[("two", "rivers")] == ("rafidayn",)
    assert g.longest >= 2


def test_translation_prefers_the_longest_phrase() -> None:
    g = parse_glossary({"terms": {"sharia": ["islamic law"], "islami": ["islamic"]}})
    assert g.translate(["supporters", "islamic", "law"]) == ["supporters", "sharia"]
    assert g.translate(["islamic", "army"]) == ["islami", "army"]


@pytest.mark.parametrize("bad", [
    [], {"terms": []}, {"terms": {"jund": "soldiers"}}, {"terms": {"jund": [""]}},
    {"terms": {"jund": ["soldiers"], "ansar": ["soldiers"]}},
])
def test_malformed_glossary_is_rejected(bad: object) -> None:
    with pytest.raises(DataFileError):
        parse_glossary(bad)


def test_a_nickname_in_lower_case_is_no_acronym() -> None:
    labels = cluster_names(["Al-Qaida in Iraq", "AQI", "Aqi"], reference=None)
    assert labels[0] == labels[1] != labels[2]
