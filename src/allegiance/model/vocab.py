"""The vocabulary (entity types, predicates, stances) loaded from ``schema.yml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from allegiance import yamlio
from allegiance.errors import DataFileError


PREDICATE_KINDS = ("deed", "event", "state", "relation")


@dataclass(frozen=True)
class Predicate:
    name: str
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    symmetric: bool = False
    subject_optional: bool = False
    object_optional: bool = False
    #: a Place may be a party only as a country, the state acting (the object of a deed may be
    #: any place: 'attacked Mosul')
    state_actors: bool = False
    kind: str = "relation"  # deed | event | state | relation

    def place_party(self, side: str) -> bool:
        """May a Place on ``side`` (subject or object) be any place, or only a country?"""
        if not self.state_actors:
            return True
        return side == "object" and not self.symmetric


@dataclass(frozen=True)
class Vocabulary:
    entity_types: dict[str, str]
    predicates: dict[str, Predicate]
    stances: dict[str, str]  # stance -> factuality class

    def predicate(self, name: str) -> Predicate:
        try:
            return self.predicates[name]
        except KeyError:
            raise DataFileError(f"unknown predicate {name!r}") from None


def _parse(raw: dict[str, Any]) -> Vocabulary:
    for key in ("entity_types", "predicates", "stances"):
        if not isinstance(raw.get(key), dict):
            raise DataFileError(f"schema.yml: missing mapping {key!r}")
    types = {str(k): str(v) for k, v in raw["entity_types"].items()}
    preds: dict[str, Predicate] = {}
    for name, spec in raw["predicates"].items():
        subj = tuple(spec.get("subject", []))
        obj = tuple(spec.get("object", []))
        for t in subj + obj:
            if t not in types:
                raise DataFileError(f"schema.yml: predicate {name}: unknown type {t!r}")
        preds[name] = Predicate(
            name=name,
            subject_types=subj,
            object_types=obj,
            symmetric=bool(spec.get("symmetric", False)),
            subject_optional=bool(spec.get("subject_optional", False)),
            object_optional=bool(spec.get("object_optional", False)),
            state_actors=bool(spec.get("state_actors", False)),
            kind=str(spec.get("kind", "relation")),
        )
        if preds[name].kind not in PREDICATE_KINDS:
            raise DataFileError(f"schema.yml: predicate {name}: kind must be one of {', '.join(PREDICATE_KINDS)}")
    stances: dict[str, str] = {}
    for name, spec in raw["stances"].items():
        fact = spec.get("factuality")
        if fact not in ("positive", "uncertain", "negative"):
            raise DataFileError(f"schema.yml: stance {name}: bad factuality {fact!r}")
        stances[name] = fact
    return Vocabulary(types, preds, stances)


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, parsed once."""
    text = resources.files("allegiance.model").joinpath("schema.yml").read_text("utf-8")
    return _parse(yamlio.safe_load(text))
