"""The name model's data file (resources/names/names.yml), loaded and validated once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from allegiance import yamlio

from allegiance.errors import DataFileError


@dataclass(frozen=True)
class NameData:
    articles: frozenset[str]
    variants: dict[str, str]  # variant token -> canonical token
    letter_rules: tuple[tuple[re.Pattern[str], str], ...]
    titles: frozenset[str]
    kunya_words: frozenset[str]
    nasab_words: frozenset[str]
    group_heads: dict[str, str]  # head word -> head class
    organization_words: frozenset[str]
    common_tokens: frozenset[str]
    generic_words: frozenset[str]
    weak_heads: frozenset[str]  # head classes that tell no two groups apart (Group, Organization)
    list_evidence: dict[str, Any]  # weights of names.evidence


def _strings(d: dict[str, Any], key: str) -> list[str]:
    v = d.get(key)
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise DataFileError(f"names/names.yml: {key!r} must be a list of strings")
    return [x.lower() for x in v]


def _mapping(d: dict[str, Any], key: str) -> dict[str, Any]:
    v = d.get(key)
    if not isinstance(v, dict) or not all(isinstance(x, (int, float)) for x in v.values()):
        raise DataFileError(f"names/names.yml: {key!r} must be a mapping of numbers")
    return {str(k): v[k] for k in v}


def parse(d: Any) -> NameData:
    if not isinstance(d, dict):
        raise DataFileError("names/names.yml: expected a mapping")
    variants: dict[str, str] = {}
    for canon, forms in (d.get("token_variants") or {}).items():
        if not isinstance(forms, list):
            raise DataFileError(f"names/names.yml: token_variants.{canon} must be a list")
        for f in [canon, *forms]:
            variants[str(f).lower().replace("'", "").replace("-", "")] = str(canon).lower()
    rules = []
    for n, rule in enumerate(d.get("letter_rules") or []):
        if not (isinstance(rule, list) and len(rule) == 2 and all(isinstance(x, str) for x in rule)):
            raise DataFileError(f"names/names.yml: letter_rules[{n}] must be [pattern, replacement]")
        try:
            rules.append((re.compile(rule[0]), rule[1]))
        except re.error as e:
            raise DataFileError(f"names/names.yml: letter_rules[{n}]: {e}") from None
    heads: dict[str, str] = {}
    for cls, words in (d.get("group_heads") or {}).items():
        if not isinstance(words, list):
            raise DataFileError(f"names/names.yml: group_heads.{cls} must be a list")
        for w in words:
            heads.setdefault(str(w).lower(), str(cls))
    return NameData(
        articles=frozenset(_strings(d, "articles")), variants=variants, letter_rules=tuple(rules),
        titles=frozenset(_strings(d, "titles")), kunya_words=frozenset(_strings(d, "kunya_words")),
        nasab_words=frozenset(_strings(d, "nasab_words")), group_heads=heads,
        organization_words=frozenset(_strings(d, "organization_words")),
        common_tokens=frozenset(_strings(d, "common_tokens")),
        generic_words=frozenset(_strings(d, "generic_words")),
        weak_heads=frozenset(_strings(d, "weak_heads")),
        list_evidence=_mapping(d, "list_evidence"),
    )


def capitalised(words: frozenset[str]) -> list[str]:
    """Words as they open a name in running text ('abu' → 'Abu'), longest first."""
    return sorted({w[:1].upper() + w[1:] for w in words}, key=len, reverse=True)


@cache
def name_data() -> NameData:
    path = resources.files("allegiance.resources").joinpath("names", "names.yml")
    try:
        return parse(yamlio.safe_load(path.read_text("utf-8")))
    except yaml.YAMLError as e:
        raise DataFileError(f"names/names.yml: {e}".splitlines()[0]) from None
