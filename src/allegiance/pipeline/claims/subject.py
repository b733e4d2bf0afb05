"""The document subject: the entity a profile, a biography or a list entry is about.

Such texts are written in fragments with no grammatical subject (``Associated with X``,
``Leader of Y since 2015``, ``Founded in 2013``); the entity they are about is their
subject. It is named by the document's metadata (``subject``), not by the text, so it may
have no mention there. :func:`document_subject` makes it an entity of the extraction: the
text's own entity when one is the same (the same reference record, the same name, its
acronym, or for a person the opening words of the full name: ``Mati ur-Rehman`` of ``MATI
UR-REHMAN ALI MUHAMMAD``), else a new entity without mentions, typed by the gazetteer when
the whole name is a record's, else by the name model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from allegiance.model.types import Entity
from allegiance.names.compare import acronym_letters, common_tokens, prepare
from allegiance.names.keys import name_key
from allegiance.names.parts import guess_kind
from allegiance.pipeline.mentions import Mention, gazetteer_mentions

#: 'AFGHAN SUPPORT COMMITTEE (ASC)': a trailing bracket, an acronym when its letters fit
_BRACKET_RE = re.compile(r"^(?P<name>.*?\S)\s*\((?P<inner>[^()]+)\)\s*$")
_TRIM = " \t\n,;:.\"'“”‘’"


@dataclass(frozen=True)
class SubjectName:
    """A subject name as given, split into the name and the acronym it brings."""

    name: str
    aliases: tuple[str, ...] = ()


def subject_of(metadata: dict[str, Any]) -> str | None:
    """The document subject named by the metadata (``subject``), or None."""
    value = metadata.get("subject")
    if not isinstance(value, str):
        return None
    value = " ".join(value.split()).strip(_TRIM)
    return value or None


def split_name(given: str) -> SubjectName:
    """``AFGHAN SUPPORT COMMITTEE (ASC)`` -> the name and its acronym (or another known name
    of a group); a bracket that is neither (``AL-HARAMAIN FOUNDATION (INDONESIA)``) stays
    part of the name."""
    m = _BRACKET_RE.match(given)
    if m:
        name, inner = m.group("name").strip(_TRIM), m.group("inner").strip()
        letters = acronym_letters(inner)
        if letters and " " not in inner and letters in prepare(name, "Organization").acronyms:
            return SubjectName(name, (inner,))
        known = _reference(inner)
        if known is not None and known[1] == "Organization":
            return SubjectName(name, (inner,))  # 'Mouvement pour ... (MUJAO)': a group's known name
    return SubjectName(given)


def _reference(name: str) -> tuple[str, str] | None:
    """The gazetteer record (id, type) whose name is the whole of ``name``."""
    found = gazetteer_mentions(name)
    if len(found) != 1:
        return None
    m = found[0]
    rest = (name[:m.start] + name[m.end:]).strip(_TRIM).lower()
    if m.ref is None or rest not in ("", "the"):
        return None
    return m.ref, m.type


def _person_tokens(name: str) -> tuple[str, ...]:
    return prepare(name, "Person").toks


def _same_person(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """``short`` names the person whose full name is ``full``: its opening words (at least
    two), or its last word alone when that word is no common one (``al-Shawakh``). A name
    sharing only the closing words (a father's or a cousin's) is someone else."""
    if not short or len(short) > len(full):
        return False
    if len(short) >= 2:
        return full[:len(short)] == short
    return len(full) >= 2 and short[0] == full[-1] and short[0] not in common_tokens()


def _matches(entity: Entity, subject: SubjectName, kind: str) -> bool:
    forms = [subject.name, *subject.aliases]
    if entity.type == "Person" and kind == "Person":
        full = _person_tokens(subject.name)
        return any(_same_person(full, _person_tokens(n)) for n in entity.names())
    if entity.type == "Place":
        return False
    keys = {name_key(f, entity.type) for f in forms}
    letters = {acronym_letters(a) for a in subject.aliases}
    for n in entity.names():
        if name_key(n, entity.type) in keys:
            return True
        if letters and " " not in n.strip() and acronym_letters(n) in letters:
            return True
    return False


def _known(subject: SubjectName) -> tuple[str, str] | None:
    return _reference(subject.name) or next(filter(None, (_reference(a) for a in subject.aliases)), None)


@lru_cache(maxsize=10_000)
def _resolved(given: str) -> tuple[SubjectName, tuple[str, str] | None, str]:
    """The subject name split, its gazetteer record (id, type) if any, and its type: worked out
    once for the mentions and once more for the entity would be twice."""
    subject = split_name(given)
    ref = _known(subject)
    return subject, ref, ref[1] if ref is not None else guess_kind(subject.name)


def subject_mentions(text: str, given: str) -> list[Mention]:
    """Where the text writes the subject's name (or its acronym) in full, whatever the case
    ('Al-Haramain & Al Masjed Al-Aqsa Charity Foundation ceased its work' in the entry for
    AL-HARAMAIN & AL MASJED AL-AQSA CHARITY FOUNDATION): mentions of it, as a pattern's. A
    short acronym counts only as written ('ASC')."""
    subject, ref, kind = _resolved(given)
    out: list[Mention] = []
    for form in (subject.name, *subject.aliases):
        if len(form) < 2:
            continue
        words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", form.strip()) if w)
        flags = 0 if len(form) <= 5 and " " not in form else re.IGNORECASE
        for m in re.finditer(rf"(?<![\w-]){words}(?![\w-])", text, flags):
            out.append(Mention(m.start(), m.end(), m.group(0), kind, "pattern", ref=ref[0] if ref else None))
    return out


def document_subject(given: str, entities: list[Entity]) -> int:
    """The index in ``entities`` of the entity named ``given``; a new entity (no mentions) is
    appended when the text has none that is the same."""
    subject, ref, kind = _resolved(given)
    if ref is not None:
        for n, e in enumerate(entities):
            if e.reference_id == ref[0]:
                _add_alias(e, subject)
                return n
    for n, e in enumerate(entities):
        # a record's group is none of the text's others; a name alone may be any of them
        if (e.reference_id is None or ref is None) and _matches(e, subject, kind) and (ref is None or e.type == kind):
            _add_alias(e, subject)
            return n
    entity = Entity(id=f"e{len(entities) + 1}", type=kind, name=subject.name, aliases=list(subject.aliases),
                    reference_id=ref[0] if ref is not None else None)
    if ref is not None:
        from allegiance.reference.gazetteer import load_gazetteer

        record = load_gazetteer().get(ref[0])
        if record is not None:
            entity.name = record.name
            entity.aliases = [x for x in dict.fromkeys([subject.name, *subject.aliases, *record.aliases])
                              if x != record.name]
    entities.append(entity)
    return len(entities) - 1


def _add_alias(entity: Entity, subject: SubjectName) -> None:
    for form in (subject.name, *subject.aliases):
        if form not in entity.names():
            entity.aliases.append(form)


__all__ = ["SubjectName", "document_subject", "split_name", "subject_mentions", "subject_of"]
