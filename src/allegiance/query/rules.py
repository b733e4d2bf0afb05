"""The analyst-editable rules of the time questions and contradictions, read from
``resources/questions/`` (``conflicts.yml``, ``snapshot.yml``) through typed loaders."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from allegiance.errors import DataFileError
from allegiance.model.vocab import vocabulary


@dataclass(frozen=True)
class ConflictRules:
    """Which stances support or contest a fact, and which facts cannot stand together."""

    supporting: frozenset[str]
    contesting: frozenset[str]
    membership: frozenset[str]
    hostility: frozenset[str]
    death: str
    after_death: frozenset[str]
    dissolution: str
    after_dissolution: frozenset[str]


@dataclass(frozen=True)
class SnapshotRules:
    """What the state of the graph at a date shows."""

    relations: dict[str, tuple[str, ...]]
    founding: str
    ending: frozenset[str]
    taking: frozenset[str]
    losing: frozenset[str]
    holding: frozenset[str]


def _read(name: str) -> dict[str, Any]:
    text = resources.files("allegiance.resources").joinpath("questions", name).read_text("utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise DataFileError(f"questions/{name}: not a mapping")
    return raw


def _names(raw: dict[str, Any], field: str, file: str, kind: str) -> frozenset[str]:
    value = raw.get(field)
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise DataFileError(f"questions/{file}: {field} must name at least one {kind}")
    vocab = vocabulary()
    known = vocab.predicates if kind == "predicate" else vocab.stances
    for item in items:
        if item not in known:
            raise DataFileError(f"questions/{file}: {field}: unknown {kind} {item!r}")
    return frozenset(str(i) for i in items)


def _one(raw: dict[str, Any], field: str, file: str) -> str:
    names = _names(raw, field, file, "predicate")
    if len(names) != 1:
        raise DataFileError(f"questions/{file}: {field} must be one predicate")
    return next(iter(names))


def parse_conflicts(raw: dict[str, Any]) -> ConflictRules:
    """``ConflictRules`` from the parsed ``conflicts.yml``; ``DataFileError`` when wrong."""
    f = "conflicts.yml"
    rules = ConflictRules(
        supporting=_names(raw, "supporting", f, "stance"),
        contesting=_names(raw, "contesting", f, "stance"),
        membership=_names(raw, "membership", f, "predicate"),
        hostility=_names(raw, "hostility", f, "predicate"),
        death=_one(raw, "death", f),
        after_death=_names(raw, "after_death", f, "predicate"),
        dissolution=_one(raw, "dissolution", f),
        after_dissolution=_names(raw, "after_dissolution", f, "predicate"),
    )
    if rules.supporting & rules.contesting:
        raise DataFileError(f"questions/{f}: a stance cannot both support and contest")
    return rules


def parse_snapshot(raw: dict[str, Any]) -> SnapshotRules:
    """``SnapshotRules`` from the parsed ``snapshot.yml``; ``DataFileError`` when wrong."""
    f = "snapshot.yml"
    groups = raw.get("relations")
    if not isinstance(groups, dict) or not groups:
        raise DataFileError(f"questions/{f}: relations must map headings to predicates")
    relations = {
        str(h): tuple(sorted(_names(groups, h, f, "predicate"))) for h in groups
    }
    return SnapshotRules(
        relations=relations,
        founding=_one(raw, "founding", f),
        ending=_names(raw, "ending", f, "predicate"),
        taking=_names(raw, "taking", f, "predicate"),
        losing=_names(raw, "losing", f, "predicate"),
        holding=_names(raw, "holding", f, "predicate"),
    )


@cache
def conflict_rules() -> ConflictRules:
    """The packaged conflict rules, parsed once."""
    return parse_conflicts(_read("conflicts.yml"))


@cache
def snapshot_rules() -> SnapshotRules:
    """The packaged snapshot rules, parsed once."""
    return parse_snapshot(_read("snapshot.yml"))
