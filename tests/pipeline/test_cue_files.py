"""The analyst-editable cue files load and validate."""

from __future__ import annotations

import pytest

from allegiance.model.vocab import vocabulary
from allegiance.pipeline.claims.rules import FAMILIES, cue_regex, cue_triggers, load_rules
from allegiance.pipeline.resources import load_cues, word_list
from allegiance.pipeline.stance import stance_cues


@pytest.mark.parametrize("family", FAMILIES)
def test_claim_rules_load(family: str) -> None:
    rules = load_rules(family)
    assert rules
    for r in rules:
        assert r.predicate in vocabulary().predicates
        assert r.cues


def test_every_predicate_has_a_rule_or_a_structural_finder() -> None:
    covered = {r.predicate for f in FAMILIES for r in load_rules(f)} | {"located_in"}
    assert set(vocabulary().predicates) <= covered


def test_stance_and_mention_cues_load() -> None:
    cues = stance_cues()
    assert cues.negation and cues.hedge
    assert word_list("mentions", "person_titles")
    assert load_cues("coref")["person_pronouns"]


@pytest.mark.parametrize("phrase, text, hit", [
    ("pledg* allegiance to", "they pledged allegiance to", True),
    ("pledg* allegiance to", "pledging  allegiance to", True),
    ("gave bay'ah to", "gave bay’ah to", True),
    ("expand* ~ into", "helped expand the group into", True),
    ("killed", "unkilled", False),
    # a word place with alternatives: 'a|b'
    ("swor*|pledg* ~ allegiance|bay'ah to", "swore an oath of allegiance to", True),
    ("swor*|pledg* ~ allegiance|bay'ah to", "pledged their bay’ah to", True),
    ("swor*|pledg* ~ allegiance|bay'ah to", "swore loyalty to", False),
    ("swor*|pledg* ~ allegiance|bay'ah to", "answered allegiance to", False),
])
def test_cue_syntax(phrase: str, text: str, hit: bool) -> None:
    assert bool(cue_regex([phrase]).search(text)) is hit


def test_alternatives_trigger_on_each_first_word() -> None:
    triggers = cue_triggers(["gave|swor* ~ allegiance to"])
    assert triggers is not None
    assert triggers.may_match(frozenset({"gave"})) and triggers.may_match(frozenset({"sworn"}))
    assert not triggers.may_match(frozenset({"allegiance"}))


def test_finders_are_named_versioned_and_have_their_cue_file() -> None:
    import re
    from importlib import resources

    from allegiance.pipeline.claims.registry import FINDERS

    names = [f.name for f in FINDERS]
    assert len(set(names)) == len(names)
    cues = resources.files("allegiance.resources").joinpath("cues", "claims")
    for f in FINDERS:
        assert re.fullmatch(r"[a-z]+\.v\d+", f.name), f.name
        assert cues.joinpath(f.cue_file).is_file(), f.cue_file


def test_structural_cue_files_load() -> None:
    from allegiance.pipeline.claims.deeds import deed_cues
    from allegiance.pipeline.claims.fields import field_cues
    from allegiance.pipeline.claims.lists import list_cues
    from allegiance.pipeline.claims.roles import role_cues
    from allegiance.pipeline.incidents import count_cues

    assert field_cues().fields and deed_cues().nouns and role_cues().leader
    assert list_cues().splits.search("split into") and count_cues().numbers["two"] == 2


def test_compound_participles_load_and_are_name_suffixes() -> None:
    from allegiance.pipeline.claims.compounds import compounds
    from allegiance.pipeline.resources import word_list

    kinds = compounds()
    assert {k.predicate for k in kinds} >= {"cooperated_with", "active_in", "controls", "affiliated_with"}
    suffixes = {w.lower() for w in word_list("mentions", "name_suffixes")}
    for k in kinds:
        assert k.words <= suffixes, k.words - suffixes


@pytest.mark.parametrize("entry, message", [
    ({"predicate": "praised", "name_is": "subject", "words": ["backed"]}, "unknown predicate"),
    ({"predicate": "active_in", "name_is": "either", "words": ["based"]}, "name_is"),
    ({"predicate": "active_in", "name_is": "object", "words": []}, "words"),
])
def test_a_bad_compound_entry_is_a_data_error(monkeypatch: pytest.MonkeyPatch, entry: dict[str, object],
                                             message: str) -> None:
    from allegiance.errors import DataFileError
    from allegiance.pipeline.claims import compounds as mod

    monkeypatch.setattr(mod, "load_mapping", lambda *parts: {"compounds": [entry]})
    mod.compounds.cache_clear()
    try:
        with pytest.raises(DataFileError, match=message):
            mod.compounds()
    finally:
        mod.compounds.cache_clear()


def test_section_cues_load() -> None:
    from allegiance.pipeline.claims.registry import _section_cues

    headings, marks = _section_cues()
    assert headings.search("text\nReferences\n1. x") and not headings.search("the references to it")
    assert marks.match("^ a citation") and not marks.match("a line")


def test_kunya_words_are_one_list() -> None:
    """The kunya words live in names.yml only; the mention and testimony patterns read them there."""
    from allegiance.ingest.cues import section
    from allegiance.names.data import capitalised, name_data

    assert "Abu" in capitalised(name_data().kunya_words)
    assert "kunya_words" not in load_cues("mentions")
    assert "kunya_words" not in section("testimony")
