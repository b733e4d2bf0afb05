"""Claim rules as data: one YAML file per predicate family under resources/cues/claims/."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from allegiance.errors import DataFileError
from allegiance.model.vocab import vocabulary
from allegiance.resources import load_mapping
from allegiance.wordrx import opening

FAMILIES = ("membership", "allegiance", "violence", "territory", "lifecycle", "relations")
SUBJECT_MODES = {"syntax", "before", "after", "none"}
OBJECT_MODES = {"after", "modifier", "none", "between", "elided"}


@dataclass(frozen=True)
class Rule:
    family: str
    predicate: str
    cues: tuple[str, ...]
    pattern: re.Pattern[str]
    subject: str
    object: str
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    object_optional: bool
    passive: bool
    role: bool
    time: str  # event | state
    context: re.Pattern[str] | None = None  # must occur in this or the previous sentence
    inverse: bool = False  # the cue names the relation backwards: swap subject and object
    object_window: int = 6  # words between the cue and its object
    not_after: re.Pattern[str] | None = None  # words just before the cue that cancel it
    #: words just after the cue that cancel it, in cue syntax ('~ attack*': 'launched a rocket attack')
    not_before: re.Pattern[str] | None = None
    #: words one of which a sentence must hold for a cue to match in it (see
    #: :func:`cue_triggers`); ``None``: no such word is known, the pattern is always tried
    triggers: Triggers | None = None
    #: the cue verb's direct object may name nothing ('attacked a checkpoint in Aden'): the
    #: claim then stands with no object, rather than taking a name that only hangs from it
    unnamed_object: bool = False
    #: the cue is a noun that says what the subject is ('X is a rebel group in Idlib', 'X, a
    #: militia in Hama'): it counts only as the complement of 'be' or beside the subject, not
    #: as what a verb acts on ('attacked the only group in Saraqib')
    describes_subject: bool = False


_RUN_RE = re.compile(r"\w+")


def fold(word: str) -> str:
    """A word as cue matching compares it: lower case character by character (as the
    regular expressions' ignore-case does), curly apostrophes straight."""
    low = word.lower()
    if len(low) != len(word):  # a character whose lower case is longer ('İ'): its first
        low = "".join(c.lower()[0] for c in word)
    return low.replace("’", "'")


@dataclass(frozen=True)
class Triggers:
    """The first word of every cue of a rule: a sentence holding none of them (as a whole
    run of word characters, or a run starting with a stem ending in ``*``) cannot match."""

    words: frozenset[str]
    stems: tuple[str, ...]

    def may_match(self, runs: frozenset[str]) -> bool:
        """Whether a sentence whose folded word runs are ``runs`` may hold a cue."""
        if not self.words.isdisjoint(runs):
            return True
        return bool(self.stems) and any(r.startswith(self.stems) for r in runs)


class _Triggered(Protocol):
    @property
    def triggers(self) -> Triggers | None: ...


Item = TypeVar("Item", bound=_Triggered)


class TriggerIndex(Generic[Item]):
    """Items (rules, cues) by the first words of their cues, to pick the few a sentence's
    words may set off, in their order, without trying every pattern."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = items
        self.by_word: dict[str, list[int]] = {}
        self.stems: list[tuple[str, int]] = []
        self.always: list[int] = []
        for i, item in enumerate(items):
            triggers = item.triggers
            if triggers is None:
                self.always.append(i)
                continue
            for w in triggers.words:
                self.by_word.setdefault(w, []).append(i)
            self.stems.extend((st, i) for st in triggers.stems)
        self.stem_tuple = tuple(st for st, _ in self.stems)
        self.words = frozenset(self.by_word)

    def select(self, runs: frozenset[str]) -> list[Item]:
        picked = set(self.always)
        for r in runs & self.words:  # the few words that set something off, found by the set
            picked.update(self.by_word[r])
        if self.stems:
            for r in runs:
                if r.startswith(self.stem_tuple):  # rarely: then which stems it starts with
                    picked.update(i for stem, i in self.stems if r.startswith(stem))
        return [self.items[i] for i in sorted(picked)]


_INDEXES: dict[int, TriggerIndex[Any]] = {}


def pick(items: Sequence[Item], runs: frozenset[str]) -> list[Item]:
    """The items of ``items`` (a tuple loaded once: its index is built once) whose cues may
    match in a sentence of word runs ``runs``, in order; the others cannot match."""
    index = _INDEXES.get(id(items))
    if index is None or index.items is not items:
        index = _INDEXES[id(items)] = TriggerIndex(items)
    return index.select(runs)


def sentence_runs(text: str) -> frozenset[str]:
    """The folded runs of word characters of ``text``, to test :class:`Triggers` against."""
    return frozenset(fold(r) for r in _RUN_RE.findall(text))


def cue_triggers(phrases: list[str]) -> Triggers | None:
    """The words one of which must stand in a sentence for any of ``phrases`` to match.

    A cue matches only where its first word stands after no word character, so the first run
    of word characters in that word is a whole run of the text (or, where a ``*`` ends the
    run, its start). ``None`` where a cue opens with a gap or a wildcard."""
    words: set[str] = set()
    stems: list[str] = []
    for p in phrases:
        head = p.split()[0] if p.split() else ""
        for first in head.split("|"):  # 'pledg*|swor*': either word opens the cue
            literal, star, _ = fold(first).partition("*")
            run = _RUN_RE.search(literal)
            if first == "~" or run is None:
                return None
            if star and run.end() == len(literal):
                stems.append(run.group(0))
            else:
                words.add(run.group(0))
    return Triggers(frozenset(words), tuple(sorted(set(stems))))


def _cue_word(word: str) -> str:
    esc = re.escape(word).replace(r"\*", r"\w*")
    return re.sub("['’]", "['’]", esc)


def cue_regex(phrases: list[str]) -> re.Pattern[str]:
    """Compile cue phrases: words case-insensitive, ``*`` any ending, ``~`` a short gap,
    ``a|b`` either word in that place ('pledg*|swor* ~ allegiance|loyalty to')."""
    alts = []
    for p in sorted(phrases, key=len, reverse=True):
        parts = []
        for w in p.split():
            if w == "~":
                parts.append(r"(?:\S+\s+){0,4}?")
                continue
            words = [x for x in w.split("|") if x]
            esc = _cue_word(words[0]) if len(words) == 1 else "(?:" + "|".join(map(_cue_word, words)) + ")"
            parts.append(esc + r"\s+")
        rx = "".join(parts)
        rx = rx.removesuffix(r"\s+")
        alts.append(rx)
    # the words a cue may open with ('pledg*|swor* ~ ...': either): none where one opens with
    # a gap, a wildcard or another sign
    firsts = [w for p in phrases for w in (p.split() or [""])[0].split("|")]
    return re.compile(r"(?<![\w-])" + opening(firsts) + r"(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


def _rule(family: str, spec: dict[str, Any]) -> Rule:
    vocab = vocabulary()
    name = spec.get("predicate")
    if name not in vocab.predicates:
        raise DataFileError(f"cues/claims/{family}.yml: unknown predicate {name!r}")
    pred = vocab.predicates[name]
    cues = spec.get("cues")
    if not isinstance(cues, list) or not cues or not all(isinstance(c, str) for c in cues):
        raise DataFileError(f"cues/claims/{family}.yml: {name}: 'cues' must be a non-empty list of strings")
    subject = spec.get("subject", "syntax")
    obj = spec.get("object", "after" if pred.object_types else "none")
    if subject not in SUBJECT_MODES or obj not in OBJECT_MODES:
        raise DataFileError(f"cues/claims/{family}.yml: {name}: bad subject/object mode")
    # an inverse rule finds the predicate's object where it looks for a subject ('X, led by Y':
    # X is led, Y leads), so its types are the predicate's the other way round
    inverse = bool(spec.get("inverse", False))
    subject_of, object_of = (pred.object_types, pred.subject_types) if inverse else (pred.subject_types,
                                                                                      pred.object_types)
    stypes = tuple(spec.get("subject_types", subject_of))
    for t in stypes:
        if t not in subject_of:
            raise DataFileError(f"cues/claims/{family}.yml: {name}: {t} is not a subject type")
    otypes = tuple(spec.get("object_types", object_of))
    for t in otypes:
        if t not in object_of:
            raise DataFileError(f"cues/claims/{family}.yml: {name}: {t} is not an object type")
    time = spec.get("time", "event")
    if time not in ("event", "state"):
        raise DataFileError(f"cues/claims/{family}.yml: {name}: time must be event or state")
    return Rule(
        family=family, predicate=name, cues=tuple(cues), pattern=cue_regex(cues),
        triggers=cue_triggers(cues),
        subject=subject, object=obj, subject_types=stypes, object_types=otypes,
        object_optional=bool(spec.get("object_optional", pred.object_optional)),
        passive=bool(spec.get("passive", False)), role=bool(spec.get("role", False)), time=time,
        context=cue_regex(spec["context"]) if spec.get("context") else None,
        inverse=inverse,
        object_window=int(spec.get("object_window", 6)),
        unnamed_object=bool(spec.get("unnamed_object", False)),
        describes_subject=bool(spec.get("describes_subject", False)),
        not_after=(re.compile(r"\b(?:" + "|".join(re.escape(w) for w in spec["not_after"]) + r")\b(?:\s+\S+){0,2}\s*$",
                              re.IGNORECASE) if spec.get("not_after") else None),
        not_before=(re.compile(r"^\s*" + cue_regex(list(spec["not_before"])).pattern, re.IGNORECASE)
                    if spec.get("not_before") else None),
    )


@cache
def load_rules(family: str) -> tuple[Rule, ...]:
    data = load_mapping("cues", "claims", f"{family}.yml")
    if not isinstance(data.get("rules"), list):
        raise DataFileError(f"cues/claims/{family}.yml: expected a 'rules' list")
    return tuple(_rule(family, spec) for spec in data["rules"])


@cache
def state_rule(predicate: str, family: str, cue: str) -> Rule:
    """The first family rule of ``predicate``, as a structural finder ``family`` uses it: its
    parties' types, a state's time, named the way round, its cue ``cue`` (what the claims of
    such a finder show as their cue)."""
    base = next(r for f in FAMILIES for r in load_rules(f) if r.predicate == predicate)
    return replace(base, family=family, cues=(cue,), time="state", inverse=False)

