"""A sentence as the claim rules see it: its text, parse and entity references."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any, TypeVar

from allegiance.pipeline.claims.rules import sentence_runs
from allegiance.pipeline.coref import Ref

T = TypeVar("T")

_WORD_RE = re.compile(r"[\w’'@-]+")


@dataclass
class SentenceView:
    start: int
    end: int
    text: str  # the whole document text
    doc: Any  # spaCy Doc of the segment
    doc_offset: int  # where the segment's Doc starts in the text
    refs: list[Ref]
    speaker: str = "author"
    source: int | None = None  # entity index of the witness, for testimony
    index: int = 0
    times: list[Any] = field(default_factory=list)  # TimeMention, offsets in the text
    context: str = ""  # the previous sentence and this one, for rules that need a setting
    kind: str = "paragraph"  # the kind of segment the sentence is in
    #: the entity the document is about (its metadata ``subject``), the subject of clauses
    #: that have none ('Associated with X', 'Leader of Y'); it need not be named here
    document_subject: Ref | None = None
    #: entities that are countries: the only places that may be a party to a relation or a
    #: deed (``state_actors`` in the schema)
    countries: frozenset[int] = frozenset()
    #: the sentence after this one in the same segment, where a list this one opens with a
    #: colon goes on ('X split two ways in 2007: A and B', read as two sentences)
    following: SentenceView | None = None
    _runs: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)
    _tokens: list[Any] | None = field(default=None, init=False, repr=False, compare=False)
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    _matches: dict[re.Pattern[str], list[tuple[int, int]]] = field(default_factory=dict, init=False, repr=False,
                                                      compare=False)

    @property
    def sent_text(self) -> str:
        return self.text[self.start:self.end]

    @property
    def runs(self) -> frozenset[str]:
        """The sentence's folded word runs (see ``rules.Triggers``), found once."""
        if self._runs is None:
            self._runs = sentence_runs(self.sent_text)
        return self._runs

    @property
    def tokens(self) -> list[Any]:
        """The sentence's tokens, made once (each pass over a spaCy span makes them anew)."""
        if self._tokens is None:
            self._tokens = list(self.tokens_in(self.start, self.end))
        return self._tokens

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """What ``make`` finds about this sentence, found once: for readings of the whole
        sentence that several claims of it ask for (its reporting cues)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]  # type: ignore[no-any-return]

    def matches(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """Where ``pattern`` matches in the sentence (offsets in the text), found once per
        pattern."""
        found = self._matches.get(pattern)
        if found is None:
            base = self.start
            found = [(base + m.start(), base + m.end()) for m in pattern.finditer(self.sent_text)]
            self._matches[pattern] = found
        return found

    def words_between(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        return len(_WORD_RE.findall(self.text[a:b]))

    def token_at(self, pos: int) -> Any | None:
        """The spaCy token covering text offset ``pos``."""
        rel = pos - self.doc_offset
        if rel < 0 or not len(self.doc) or rel >= self.doc[-1].idx + len(self.doc[-1].text_with_ws):
            return None
        span = self.doc.char_span(rel, rel + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def tokens_in(self, a: int, b: int) -> Any:
        span = self.doc.char_span(a - self.doc_offset, b - self.doc_offset, alignment_mode="expand")
        return span if span is not None else []

    def ref_for_token(self, tok: Any, types: tuple[str, ...]) -> Ref | None:
        pos = tok.idx + self.doc_offset
        for r in self.refs:
            if r.start <= pos < r.end and r.type in types:
                return r
        return None

    def refs_in(self, a: int, b: int, types: tuple[str, ...]) -> list[Ref]:
        return [r for r in self.refs if a <= r.start and r.end <= b and r.type in types]
