"""A rule is tried on a sentence only when one of its cues' first words is in it: the check
must never pass over a sentence where the rule's pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegiance.pipeline.claims.rules import Rule, cue_regex, cue_triggers, load_rules, pick, sentence_runs

FAMILIES = ("allegiance", "lifecycle", "membership", "relations", "territory", "violence")
RULES: list[Rule] = [r for f in FAMILIES for r in load_rules(f)]
CUES = sorted({c for r in RULES for c in r.cues})

#: (cue phrases, sentence, whether the sentence may hold one of them)
CASES: list[tuple[list[str], str, bool]] = [
    (["killed"], "Gunmen killed two soldiers.", True),
    (["killed"], "KILLED in action", True),
    (["killed"], "The killers fled.", False),
    (["attack*"], "the attackers fled", True),
    (["attack*"], "a counter-attack", True),
    (["attack*"], "they fled", False),
    (["bay'ah"], "gave bay’ah to him", True),
    (["bay'ah"], "the bay was calm", True),  # the first run only: the pattern decides
    (["shot dead"], "he was shot on Monday", True),
    (["pledged allegiance"], "a pledge of loyalty", False),
]


@pytest.mark.parametrize(("cues", "sentence", "may"), CASES)
def test_triggers(cues: list[str], sentence: str, may: bool) -> None:
    triggers = cue_triggers(cues)
    assert triggers is not None
    assert triggers.may_match(sentence_runs(sentence)) is may
    if cue_regex(cues).search(sentence):
        assert may


@pytest.mark.parametrize("cues", [["~ attack"], ["*ing"]])
def test_no_triggers_where_a_cue_opens_with_a_gap_or_a_wildcard(cues: list[str]) -> None:
    assert cue_triggers(cues) is None


def test_every_packaged_rule_has_triggers() -> None:
    assert all(r.triggers is not None for r in RULES)


FILLER = st.text(alphabet=st.sampled_from(list("abcXYZ -,.'’()\n0İ")), max_size=12)
CUE_TEXT = st.sampled_from(CUES).map(lambda c: c.replace("*", "ers").replace("~", "a big"))


def _case(s: str, upper: bool) -> str:
    return s.upper() if upper else s


#: sentences of filler and cue phrases (some in capitals)
SENTENCES = st.builds(lambda parts, tail: "".join(pre + _case(cue, up) for pre, cue, up in parts) + tail,
                      st.lists(st.tuples(FILLER, CUE_TEXT, st.booleans()), min_size=1, max_size=4), FILLER)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SENTENCES)
def test_a_sentence_a_pattern_matches_is_never_passed_over(sentence: str) -> None:
    runs = sentence_runs(sentence)
    for rule in RULES:
        if rule.pattern.search(sentence):
            assert rule.triggers is not None and rule.triggers.may_match(runs), (rule.predicate, sentence)


RULE_TUPLE = tuple(RULES)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(FILLER, CUE_TEXT, st.booleans()), max_size=4))
def test_the_index_picks_the_rules_that_may_match_in_order(parts: list[tuple[str, str, bool]]) -> None:
    runs = sentence_runs("".join(pre + _case(cue, up) for pre, cue, up in parts))
    expected = [r for r in RULE_TUPLE if r.triggers is None or r.triggers.may_match(runs)]
    assert pick(RULE_TUPLE, runs) == expected


def _without_opening(pattern: str) -> str:
    """A cue pattern with its look-ahead of first letters taken out."""
    head = r"(?<![\w-])"
    assert pattern.startswith(head)
    rest = pattern[len(head):]
    if rest.startswith("(?=["):
        rest = rest[rest.index("])") + 2:]
    return head + rest


def test_a_cue_pattern_opens_with_a_look_ahead_of_its_first_letters() -> None:
    assert cue_regex(["killed", "Attacked", "bombed"]).pattern.startswith(r"(?<![\w-])(?=[")
    assert "(?=[" not in cue_regex(["~ attack"]).pattern  # a gap first: any word may open it
    assert "(?=[" not in cue_regex(["'s men"]).pattern


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SENTENCES)
def test_the_look_ahead_never_changes_what_a_cue_pattern_matches(sentence: str) -> None:
    for rule in RULES:
        plain = re.compile(_without_opening(rule.pattern.pattern), rule.pattern.flags)
        assert [m.span() for m in rule.pattern.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)]
