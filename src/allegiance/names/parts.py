"""Parts of a name: a person's title, kunya, ism, nasab, nisbas and handle; a group's
generic head and distinctive rest; and which of the two a bare name most likely is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from allegiance.names.data import name_data
from allegiance.names.fold import fold_token, tokens
from allegiance.names.glossary import glossary


@dataclass(frozen=True)
class PersonName:
    title: str | None = None
    kunya: str | None = None  # 'Abu Muhammad'
    ism: str | None = None  # given name
    nasab: tuple[str, ...] = ()  # 'bin Laden' -> ('Laden',)
    nisbas: tuple[str, ...] = ()  # 'al-Iraqi'
    other: tuple[str, ...] = ()
    handle: str | None = None


@dataclass(frozen=True)
class GroupName:
    heads: tuple[str, ...] = ()  # head classes: jaysh, jabha, ansar ...
    rest: tuple[str, ...] = field(default_factory=tuple)  # distinctive folded tokens


_WORD_RE = re.compile(r"@?[^\W_][\w'’-]*")


def parse_person(name: str) -> PersonName:
    """Split a person's name into its conventional Arabic parts."""
    data = name_data()
    if name.strip().startswith("@"):
        return PersonName(handle=name.strip())
    words = _WORD_RE.findall(name)
    title = None
    if words and words[0].lower().rstrip(".") in data.titles:
        title = words.pop(0)
    kunya = None
    if len(words) >= 2 and words[0].lower() in data.kunya_words:
        kunya = f"{words[0]} {words[1]}"
        words = words[2:]
        if words and words[0].lower() in data.articles and len(words) > 1 and kunya.split()[1].lower() in data.articles:
            kunya = f"{kunya} {words[0]}"
            words = words[1:]
    ism = None
    nasab: list[str] = []
    nisbas: list[str] = []
    other: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        low = w.lower()
        if low in data.nasab_words and i + 1 < len(words):
            nasab.append(words[i + 1])
            i += 2
            continue
        if re.match(r"(?i)(al|el|ad|as|ash|at|an|ar|az)-", w) or (low in data.articles and i + 1 < len(words)):
            nisbas.append(w if "-" in w else f"{w} {words[i + 1]}")
            i += 1 if "-" in w else 2
            continue
        if ism is None and kunya is None or ism is None and not nisbas:
            ism = w
        else:
            other.append(w)
        i += 1
    return PersonName(title, kunya, ism, tuple(nasab), tuple(nisbas), tuple(other))


def parse_group(name: str) -> GroupName:
    """A group's generic head classes and its distinctive folded tokens."""
    data = name_data()
    heads: list[str] = []
    rest: list[str] = []
    for t in tokens(name):
        if t in data.articles or t in ("the", "of", "and", "in", "for", "fi", "wa", "li", "&"):
            continue
        cls = data.group_heads.get(t)
        if cls is not None:
            if cls not in heads:
                heads.append(cls)
            continue
        rest.append(fold_token(t))
    return GroupName(tuple(heads), tuple(rest))


def guess_kind(name: str) -> str:
    """'Organization' when the name carries a group or institution word, else 'Person'."""
    return guess_kind_or_none(name) or "Person"


def guess_kind_or_none(name: str) -> str | None:
    """'Organization', 'Person', or None when nothing in the name tells."""
    data = name_data()
    toks = tokens(name)
    if any(t in data.organization_words for t in [*toks, *glossary().translate(toks)]):
        return "Organization"
    if len(toks) == 1 and re.fullmatch(r"[A-Z]{2,8}", name.strip().strip("()")):
        return "Organization"  # an acronym
    if any(t in data.kunya_words or t in data.nasab_words or t in data.titles for t in toks) or name.startswith("@"):
        return "Person"
    return None
