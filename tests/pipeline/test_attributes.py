"""The indexed attribute rules and lemmas give what the model's own components give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from allegiance import settings
from allegiance.pipeline import attributes

SHARED = Path(__file__).resolve().parents[3] / "shared"

#: sentences that meet the rules with more than one token, a regular expression, a dependency
#: test or a space, and plain ones
SENTENCES = [
    "There is a man at the gate, and there were two more.",
    "I'm gonna go; let's see what they've got.",
    "He ain't nothin' to us, y'all know that.",
    "It doesn't matter whether they gave it to you or to me.",
    "The group, which had been banned, did not respond.",
    "That is what those fighters said, but this one denied it.",
    "Ansar al-Islam pledged allegiance to the Islamic State in 2014.",
    "Abu Khalid al-Tunisi  was killed\n\nin Mosul.",
    "",
]


def _signature(doc: Doc) -> list[tuple[Any, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def pair() -> tuple[Language, Language]:
    plain = spacy.load(settings.SPACY_MODEL, disable=["ner"])
    fast = spacy.load(settings.SPACY_MODEL, disable=["ner"])
    assert attributes.install(fast)
    return plain, fast


def _real_texts() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted((SHARED / "eval" / "dev").glob("*.txt"))]
    rows = SHARED / "data" / "wiki-incidents" / "incidents-dev.jsonl"
    texts += [json.loads(line)["text"] for line in rows.read_text("utf-8").splitlines()[:60] if line.strip()]
    return texts


def test_the_component_replaces_the_ruler_and_the_lemmatizer(pair: tuple[Language, Language]) -> None:
    plain, fast = pair
    assert attributes.NAME in fast.pipe_names
    assert attributes.RULER not in fast.pipe_names and attributes.LEMMATIZER not in fast.pipe_names
    assert attributes.RULER in plain.pipe_names


@pytest.mark.parametrize("text", SENTENCES)
def test_sentences_get_the_same_attributes(pair: tuple[Language, Language], text: str) -> None:
    plain, fast = pair
    assert _signature(fast(text)) == _signature(plain(text))


def test_real_texts_get_the_same_attributes(pair: tuple[Language, Language]) -> None:
    plain, fast = pair
    texts = _real_texts()
    assert len(texts) > 50
    for a, b in zip(plain.pipe(texts), fast.pipe(texts)):
        assert _signature(b) == _signature(a)


#: patterns the index cannot read: the model's components must then stay as they are
UNREADABLE: list[list[dict[str, Any]]] = [
    [{"TAG": "NN", "OP": "+"}],
    [{"LEMMA": "be"}],
    [{"LOWER": {"FUZZY": "gonna"}}],
    [{"TAG": {"IN": [1, 2]}}],
    [],
]


@pytest.mark.parametrize("pattern", UNREADABLE)
def test_an_unreadable_rule_leaves_the_pipeline_as_it_was(pattern: list[dict[str, Any]]) -> None:
    assert attributes.compile_rules([{"patterns": [pattern], "attrs": {}, "index": 0}], [{}], [0]) is None


def test_a_readable_rule_is_filed_by_its_first_token() -> None:
    rules = attributes.compile_rules([
        {"patterns": [[{"TAG": "DT", "LOWER": "the"}]], "attrs": {}, "index": 0},
        {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], "attrs": {}, "index": 1},
        {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {}, "index": 0},
    ], [{}, {}, {}], [0, 1, 0])
    assert rules is not None
    assert len(rules.by_both) == 1 and len(rules.by_one) == 1 and len(rules.anywhere) == 1


def test_a_pipeline_without_the_components_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not attributes.install(nlp)
    assert nlp.pipe_names == []


def test_a_model_with_unreadable_rules_keeps_its_own_components(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = spacy.load(settings.SPACY_MODEL, disable=["ner"])
    before = nlp.pipe_names
    monkeypatch.setattr(attributes, "compile_rules", lambda *args: None)
    assert not attributes.install(nlp)
    assert nlp.pipe_names == before


def test_the_rules_a_token_meets_are_kept_by_its_row_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Matched a second time, and with no row kept at all, a text gets the same matches."""
    nlp = spacy.load(settings.SPACY_MODEL, disable=["ner"])
    ruler: Any = nlp.get_pipe(attributes.RULER)
    rules = attributes.compile_rules(ruler.patterns, ruler.attrs, ruler.indices)
    assert rules is not None
    doc = nlp.make_doc("There is a man at the gate; let's see what they've got, y'all.")
    for name, proc in nlp.pipeline:
        if name in ("tok2vec", "tagger", "parser"):
            doc = proc(doc)
    first = rules.matches(doc)
    assert first and rules._seen
    assert rules.matches(doc) == first
    monkeypatch.setattr(attributes, "_SEEN_MAX", 0)
    fresh = attributes.compile_rules(ruler.patterns, ruler.attrs, ruler.indices)
    assert fresh is not None
    assert fresh.matches(doc) == first and not fresh._seen
