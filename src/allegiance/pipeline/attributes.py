"""The model's attribute rules and lemmas, set the way spaCy's own components set them, faster.

spaCy's ``attribute_ruler`` runs its nearly two hundred rules (a tag gives a coarse part
of speech and a morphology; ``not`` is a particle; ``'s`` after ``let`` is ``us``) through the
general token matcher, which tries every rule at every token; its ``lemmatizer`` calls the
rule lemmatizer token by token. Together they cost about an eighth of the parse of a short
text. Here the same rules are indexed by the tag or the lower-case form their first token
asks for, so a token meets only the rules that can match it, and each token's lemma is
looked up by the key spaCy caches it under: (form, part of speech, morphology).

The result is the same token by token (a test compares both on real texts). A rule the
index cannot read (an operator, an attribute or a value type it does not know) leaves the
model's own components in place: :func:`install` then changes nothing.
"""


import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
NAME = "allegiance_attributes"

#: the token attributes a rule may test; a row holds them as the matcher reads them (the
#: hash of the string, 1 or 0 for a flag)
_IDS: list[int | str] = ["TAG", "LOWER", "ORTH", "DEP", "IS_SPACE"]
_COLUMN = {attr: k for k, attr in enumerate(_IDS)}

#: one test of one token: (column of the attribute, operator, value)
Test = tuple[int, str, Any]


#: the distinct token rows whose matching rules are kept (a bound on the memory they take)
_SEEN_MAX = 200_000


@dataclass(frozen=True)
class Rule:
    """One matcher pattern of one attribute rule: the tests of each of its tokens, its order."""

    order: int
    tokens: tuple[tuple[Test, ...], ...]


def _passes(row: list[int], tests: tuple[Test, ...], strings: Any) -> bool:
    for column, op, value in tests:
        got = row[column]
        if op == "=":
            if got != value:
                return False
        elif op == "in":
            if got not in value:
                return False
        elif op == "not in":
            if got in value:
                return False
        elif value.search(strings[got]) is None:  # a regular expression, over the string
            return False
    return True


@dataclass
class AttributeRules:
    """The attribute rules, indexed by what their first token must be.

    A rule whose first token needs a tag and a lower form is filed under the pair; one that
    needs only one of the indexed attributes, under that attribute's value; the rest are
    tried at every token."""

    attrs: Sequence[dict[Any, Any]]
    indices: Sequence[int]
    by_both: dict[tuple[int, int], list[Rule]] = field(default_factory=dict)
    by_one: dict[tuple[int, int], list[Rule]] = field(default_factory=dict)
    anywhere: list[Rule] = field(default_factory=list)
    _seen: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[Rule, ...]]] = field(default_factory=dict)
    _columns: tuple[int, ...] | None = None

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule order, start, end) of every match, in the order spaCy applies them."""
        n = len(doc)
        if not n:
            return []
        rows: list[list[int]] = doc.to_array(_IDS).tolist()
        strings = doc.vocab.strings
        found: set[tuple[int, int, int]] = set()
        for start, row in enumerate(rows):
            singles, longer = self._at(row, strings)
            for order in singles:
                found.add((order, start, start + 1))
            for rule in longer:
                end = start + len(rule.tokens)
                if end <= n and all(_passes(rows[start + k], tests, strings)
                                    for k, tests in enumerate(rule.tokens[1:], 1)):
                    found.add((rule.order, start, end))
        return sorted(found)

    def _at(self, row: list[int], strings: Any) -> tuple[tuple[int, ...], tuple[Rule, ...]]:
        """For a token's row: the orders of the one-token rules it matches, and the longer
        rules whose first token it matches. Every test reads the row alone, so the answer
        is kept per distinct row (most tokens are common words met again and again)."""
        key = tuple(row)
        known = self._seen.get(key)
        if known is not None:
            return known
        tag_at, lower_at = _COLUMN["TAG"], _COLUMN["LOWER"]
        groups = [self.by_both.get((row[tag_at], row[lower_at])) or [],
                  *(self.by_one.get((column, row[column])) or [] for column in self._one_columns()),
                  self.anywhere]
        first = [rule for group in groups for rule in group if _passes(row, rule.tokens[0], strings)]
        known = (tuple(r.order for r in first if len(r.tokens) == 1), tuple(r for r in first if len(r.tokens) > 1))
        if len(self._seen) < _SEEN_MAX:
            self._seen[key] = known
        return known

    def _one_columns(self) -> tuple[int, ...]:
        """The columns some rule is filed under alone (most rules ask for a tag or a form),
        worked out once the rules are filed."""
        if self._columns is None:
            self._columns = tuple(sorted({column for column, _ in self.by_one}))
        return self._columns

    def apply(self, doc: Doc) -> None:
        """Set every matched rule's attributes, later rules over earlier ones, as the ruler does."""
        for order, start, end in self.matches(doc):
            index = self.indices[order]
            at = (start + index) if index >= 0 else (end + index)
            if not start <= at < end:
                raise ValueError(f"attribute rule {order} points outside its match")
            set_token_attrs(doc[at], self.attrs[order])


def _value(spec: object) -> int:
    return int(spec) if isinstance(spec, bool) else int(get_string_id(str(spec)))


def _test(attr: str, spec: object) -> Test | None:
    """A test of one attribute against one value or operator, or None if not understood."""
    column = _COLUMN.get(attr)
    if column is None:
        return None
    flag = attr.startswith("IS_")
    if isinstance(spec, bool) if flag else isinstance(spec, str):
        return (column, "=", _value(spec))
    if not flag and isinstance(spec, dict) and len(spec) == 1:
        ((op, arg),) = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            return (column, "in" if op == "IN" else "not in", frozenset(_value(v) for v in arg))
        if op == "REGEX" and isinstance(arg, str):
            return (column, "regex", re.compile(arg))
    return None


def _token_tests(token_spec: dict[str, object]) -> tuple[Test, ...] | None:
    tests: list[Test] = []
    for attr, spec in token_spec.items():
        test = _test(attr, spec)
        if test is None:
            return None
        tests.append(test)
    return tuple(tests)


def _keys(tests: tuple[Test, ...], column: int) -> list[int] | None:
    """The values one of a first token's attributes must have, None if it may have any."""
    for at, op, value in tests:
        if at == column and op == "=":
            return [value]
        if at == column and op == "in":
            return sorted(value)
    return None


def _file(rules: AttributeRules, rule: Rule) -> None:
    first = rule.tokens[0]
    tags, lowers = _keys(first, _COLUMN["TAG"]), _keys(first, _COLUMN["LOWER"])
    if tags and lowers:
        for tag in tags:
            for lower in lowers:
                rules.by_both.setdefault((tag, lower), []).append(rule)
        return
    for column in range(len(_IDS)):
        values = _keys(first, column)
        if values:
            for value in values:
                rules.by_one.setdefault((column, value), []).append(rule)
            return
    rules.anywhere.append(rule)


def compile_rules(patterns: Iterable[dict[str, Any]], attrs: Sequence[dict[Any, Any]],
                  indices: Sequence[int]) -> AttributeRules | None:
    """Index the ruler's patterns (``AttributeRuler.patterns``), or None if one is not understood."""
    rules = AttributeRules(attrs=attrs, indices=indices)
    for order, entry in enumerate(patterns):
        for pattern in entry["patterns"]:
            if not pattern:
                return None
            tokens: list[tuple[Test, ...]] = []
            for token_spec in pattern:
                got = _token_tests(token_spec)
                if got is None:
                    return None
                tokens.append(got)
            _file(rules, Rule(order, tuple(tokens)))
    return rules


class UnreadableRules(ValueError):
    """The model's attribute rules use a test the index does not read."""


class Lemmas:
    """The rule lemmatizer's lemma for every token that has none, by spaCy's own cache key."""

    def __init__(self, lemmatize: Callable[[Token], list[str]]) -> None:
        self._lemmatize = lemmatize
        self._known: dict[tuple[int, int, int], int] = {}

    def apply(self, doc: Doc) -> None:
        known = self._known
        for tok in doc:
            if tok.lemma != 0:
                continue
            morph: Any = tok.morph
            key = (tok.orth, tok.pos, morph.key)
            lemma = known.get(key)
            if lemma is None:
                tok.lemma_ = self._lemmatize(tok)[0]
                # the rule lemmatizer does not keep what it gives an unknown part of speech
                if tok.pos_ not in ("", "EOL", "SPACE"):
                    known[key] = tok.lemma
            else:
                tok.lemma = lemma


class Attributes:
    """A pipeline component doing the work of the model's attribute ruler and lemmatizer."""

    def __init__(self, rules: AttributeRules, lemmas: Lemmas) -> None:
        self.rules = rules
        self.lemmas = lemmas

    def __call__(self, doc: Doc) -> Doc:
        self.rules.apply(doc)
        self.lemmas.apply(doc)
        return doc


def install(nlp: Language) -> bool:
    """Put the indexed rules in place of the model's ruler and lemmatizer; False if left as is.

    Only a pipeline with both components enabled, the ruler right before the lemmatizer and
    the lemmatizer in its rule mode without overwriting, is changed."""
    names = nlp.pipe_names
    if RULER not in names or LEMMATIZER not in names or names.index(LEMMATIZER) != names.index(RULER) + 1:
        return False
    lemmatizer: Any = nlp.get_pipe(LEMMATIZER)
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return False
    after = names[names.index(LEMMATIZER) + 1:]
    try:  # the component compiles the ruler's patterns once, and refuses those it cannot read
        nlp.add_pipe(NAME, before=after[0]) if after else nlp.add_pipe(NAME)
    except UnreadableRules:
        return False
    nlp.disable_pipe(RULER)
    nlp.disable_pipe(LEMMATIZER)
    return True


@Language.factory(NAME)
def _make(nlp: Language, name: str) -> Attributes:
    """The component, built from the model's own ruler and lemmatizer (see :func:`install`)."""
    ruler: Any = nlp.get_pipe(RULER)
    lemmatizer: Any = nlp.get_pipe(LEMMATIZER)
    rules = compile_rules(ruler.patterns, ruler.attrs, ruler.indices)
    if rules is None:
        raise UnreadableRules("the model's attribute rules use a test this component does not read")
    lemmatizer._validate_tables()
    return Attributes(rules, Lemmas(lemmatizer.lemmatize))
