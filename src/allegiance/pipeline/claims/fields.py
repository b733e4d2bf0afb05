"""Claims from the field lines of profiles and flattened infoboxes.

``Leaders | A (2007–2010) B (2010–)``, ``Part of Rouse the Believers Operations Room
(2018-2020)``, ``Formed: 2007``: a field line starts with a label of
``resources/cues/claims/fields.yml``; the short lines after it that are no field of their
own continue its value. Every listed name of a fitting type makes one claim about the page
(the entity the profile is about), dated by the bracket that follows the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.model.types import TimeInterval
from allegiance.model.vocab import vocabulary
from allegiance.resources import load_mapping

FINDER = "fields.v2"
_WHERE = "cues/claims/fields.yml"


@dataclass(frozen=True)
class FieldClaim:
    predicate: str
    value: str  # subject | object: what the listed name is in the claim
    first_only: bool = False


@dataclass(frozen=True)
class Field:
    labels: tuple[str, ...]
    claims: tuple[FieldClaim, ...] = ()
    dates: tuple[str, ...] = ()
    chain: bool = False


@dataclass(frozen=True)
class FieldCues:
    fields: tuple[Field, ...]
    label_re: re.Pattern[str]
    by_label: dict[str, Field | None]  # None: an ignored field
    hedges: frozenset[str]
    open_ends: frozenset[str]
    still_active: frozenset[str]
    #: a label inside a line, after a space, a '|' or a bracket, before its value
    inner_re: re.Pattern[str] | None = None


def _words(data: dict[str, Any], key: str) -> list[str]:
    v = data.get(key)
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise DataFileError(f"{_WHERE}: {key!r} must be a list of words")
    return [x.strip() for x in v]


@cache
def field_cues() -> FieldCues:
    data = load_mapping("cues", "claims", "fields.yml")
    vocab = vocabulary()
    specs = data.get("fields")
    if not isinstance(specs, list) or not specs:
        raise DataFileError(f"{_WHERE}: expected a 'fields' list")
    fields: list[Field] = []
    by_label: dict[str, Field | None] = {}
    for spec in specs:
        if not isinstance(spec, dict):
            raise DataFileError(f"{_WHERE}: each field must be a mapping")
        labels = tuple(_words(spec, "labels"))
        claims = []
        for c in spec.get("claims") or []:
            if not isinstance(c, dict) or c.get("predicate") not in vocab.predicates:
                raise DataFileError(f"{_WHERE}: {labels[0]}: unknown predicate {c!r}")
            if c.get("value") not in ("subject", "object"):
                raise DataFileError(f"{_WHERE}: {labels[0]}: value must be subject or object")
            claims.append(FieldClaim(c["predicate"], c["value"], bool(c.get("first_only", False))))
        dates = tuple(spec.get("dates") or ())
        if any(d not in ("founded", "dissolved") for d in dates):
            raise DataFileError(f"{_WHERE}: {labels[0]}: dates may be founded and dissolved")
        if not claims and not dates:
            raise DataFileError(f"{_WHERE}: {labels[0]}: a field needs claims or dates")
        f = Field(labels, tuple(claims), dates, bool(spec.get("chain", False)))
        fields.append(f)
        for label in labels:
            if label in by_label:
                raise DataFileError(f"{_WHERE}: label {label!r} listed twice")
            by_label[label] = f
    for label in _words(data, "ignored"):
        if label in by_label:
            raise DataFileError(f"{_WHERE}: label {label!r} listed twice")
        by_label[label] = None
    alts = "|".join(re.escape(x) for x in sorted(by_label, key=len, reverse=True))
    # the label, then a separator, the end of the line, or the value glued to it
    # a label may carry its plural in brackets ('Leader(s)', 'Opponent(s)')
    label_re = re.compile(rf"^[\s|]*(?P<label>{alts})(?P<plural>\(e?s\))?(?:(?P<sep>[ ]*[|:\t]\s*)|(?=[A-Z\d(]|\s*$)|(?P<space>\s+))")
    inner_re = re.compile(rf"(?<=[\s|)\]])(?P<label>{alts})(?:\((?:e?s)\))?(?=\s*[|:]|\s+[A-Z\d(])")
    return FieldCues(tuple(fields), label_re, by_label, frozenset(w.lower() for w in _words(data, "hedges")),
                     frozenset(w.lower() for w in _words(data, "open_ends")),
                     frozenset(w.lower() for w in _words(data, "still_active")), inner_re)




#: how many labels a line must hold to be fields run together on one line
_RUN_TOGETHER = 3


def _lines(text: str) -> list[tuple[int, int]]:
    """The lines of ``text``; a line that is fields run together (as mirror and PDF text
    leave an infobox: 'X Leaders A (2007–2010) B Allies C Opponents D') is cut before each
    of its labels."""
    out = []
    pos = 0
    inner = field_cues().inner_re
    for line in text.split("\n"):
        cuts = [m.start() for m in inner.finditer(line)] if inner is not None and line.count(" ") >= 3 else []
        if len(cuts) >= _RUN_TOGETHER and not _PROSE_RE.search(line.rstrip(" |")):
            for a, b in zip([0, *cuts], [*cuts, len(line)]):
                if line[a:b].strip():
                    out.append((pos + a, pos + a + len(line[a:b].rstrip())))
        else:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def label_spans(text: str) -> list[tuple[int, int]]:
    """Where the field labels of ``text`` stand: no name runs into one ('LeadersAbu ...')."""
    cues = field_cues()
    out = []
    for a, b in _lines(text):
        m = cues.label_re.match(text[a:b])
        if m is not None and (m.group("sep") or not _prose(text[a:b])):
            out.append((a + m.start("label"), a + m.end("plural" if m.group("plural") else "label")))
    return out
_PROSE_RE = re.compile(r"[a-z][.!?](?:\s|$)")
_MAX_LINE = 140


def _prose(line: str) -> bool:
    """A sentence, not a field value: it ends in a full stop after a word, or is long."""
    return len(line) > _MAX_LINE or bool(_PROSE_RE.search(line.rstrip(" |")))


@dataclass(frozen=True)
class Block:
    """One field: its label, and the spans of text that hold its value."""

    field: Field
    label: str
    start: int  # the label line's start
    end: int
    values: tuple[tuple[int, int], ...]


def field_blocks(text: str) -> list[Block]:
    """The field lines of ``text`` with the lines that continue them."""
    cues = field_cues()
    lines = _lines(text)
    out: list[Block] = []
    current: tuple[Field | None, str, int, int, list[tuple[int, int]]] | None = None

    def close() -> None:
        if current is not None:
            f, label, s, e, values = current
            if f is not None:
                out.append(Block(f, label, s, e, tuple(values)))

    for a, b in lines:
        line = text[a:b]
        m = cues.label_re.match(line)
        if m is not None and (m.group("sep") or not _prose(line)):
            close()
            label = m.group("label")
            current = (cues.by_label[label], label, a, b, [(a + m.end(), b)] if m.end() < len(line) else [])
            continue
        if current is not None and line.strip(" |\t-") and not _prose(line) and len(current[4]) < 24:
            current[4].append((a, b))
            current = (current[0], current[1], current[2], b, current[4])
            continue
        if current is not None and not line.strip(" |\t-") and current[4]:
            close()
            current = None
            continue
        if current is not None and line.strip(" |\t-"):
            close()
            current = None
    close()
    return out


_DASH_RE = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|(?<=\d)-(?=\s*\d)|(?<=\d)‑(?=\d)")
_BRACKET_RE = re.compile(r"\(([^()]{1,60})\)")


def _range(expr: str, parse: Any) -> tuple[TimeInterval | None, TimeInterval | None, bool]:
    """The start and end of a range ('5 January 2006 – 16 April 2006', '2007-2010', 'July
    2006 – present'), and whether it is open at its end ('present')."""
    cues = field_cues()
    parts = _DASH_RE.split(expr, maxsplit=1)
    left = parse(parts[0]) if parts[0].strip() else None
    if len(parts) == 1:
        return left, left, False
    right_text = parts[1].strip(" |")
    if not right_text or right_text.split()[0].lower().strip(".") in cues.open_ends:
        return left, None, True
    return left, parse(right_text), False


def span_time(expr: str, parse: Any) -> TimeInterval | None:
    """The interval a bracketed date allows: one date, or a range from its start to its end."""
    start, end, is_open = _range(expr, parse)
    if start is None and end is None:
        return None
    if is_open:
        return TimeInterval(start.start if start else None, None, expr.strip(), "open")
    if start is end:
        return start
    return TimeInterval(start.start if start else None, end.end if end else None, expr.strip(), "range")


def bracket_after(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The first bracket between ``a`` and ``b`` holding a date ('(2007-2010)', not '[1]')."""
    for m in _BRACKET_RE.finditer(text, a, b):
        if re.search(r"\d{4}", m.group(1)):
            return m.start(1), m.end(1)
    return None


@dataclass(frozen=True)
class FoundClaim:
    """A claim read off a field, before it is made a Claim: entity indices and spans."""

    predicate: str
    subject: int | None
    object: int | None
    time: TimeInterval | None
    evidence: tuple[int, int]
    cue: str
    stance: str = "asserted"


def find(text: str, mentions: Sequence[Any], types: Sequence[str], page: int | None, parse: Any) -> list[FoundClaim]:
    """Claims of the field lines of ``text`` about entity ``page``.

    ``mentions`` carry ``start``, ``end`` and ``entity`` (an index into ``types``); ``parse``
    turns a date expression into a TimeInterval.
    """
    if page is None:
        return []
    vocab = vocabulary()
    cues = field_cues()
    out: list[FoundClaim] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for block in field_blocks(text):
        evidence = (block.start, block.end)
        listed = [m for m in ordered if any(a <= m.start and m.end <= b for a, b in block.values)]
        for fc in block.field.claims:
            pred = vocab.predicates[fc.predicate]
            fitting = pred.subject_types if fc.value == "subject" else pred.object_types
            other = pred.object_types if fc.value == "subject" else pred.subject_types
            if types[page] not in other:
                continue
            seen: set[int] = set()
            chosen = [m for m in listed if types[m.entity] in fitting and m.entity != page]
            for k, m in enumerate(chosen):
                if m.entity in seen:
                    continue
                seen.add(m.entity)
                nxt = chosen[k + 1].start if k + 1 < len(chosen) else block.end
                br = bracket_after(text, m.end, nxt)
                time = span_time(text[br[0]:br[1]], parse) if br else None
                subj, obj = (m.entity, page) if fc.value == "subject" else (page, m.entity)
                out.append(FoundClaim(fc.predicate, subj, obj, time, evidence, block.label))
                if fc.first_only:
                    break
        if block.field.chain:
            places = [m for m in listed if types[m.entity] == "Place"]
            for inner, outer in zip(places, places[1:]):
                if inner.entity != outer.entity:
                    out.append(FoundClaim("located_in", inner.entity, outer.entity, None, evidence, block.label))
        if block.field.dates:
            value = " ".join(text[a:b] for a, b in block.values).strip(" |")
            value = re.sub(r"\[\d+\]", "", value)
            hedged = any(w.lower().strip(".,") in cues.hedges for w in value.split())
            start, end, is_open = _range(value, parse)
            stance = "alleged" if hedged else "asserted"
            # a field of one date ('Formed: 2007') is that date; a range gives both ends
            single = span_time(value, parse) if len(block.field.dates) == 1 else None
            if "founded" in block.field.dates and (single or start) is not None or block.field.dates == ("founded",):
                out.append(FoundClaim("founded", None, page, single or start, evidence, block.label, stance))
            active = any(w.lower().strip(".,;") in cues.still_active for w in value.split())
            dissolvable = types[page] in vocab.predicates["dissolved"].subject_types and value and not active
            if "dissolved" in block.field.dates and not is_open and dissolvable and (
                    end is not None or block.field.dates == ("dissolved",)):
                out.append(FoundClaim("dissolved", page, None, single or end, evidence, block.label, stance))
    return out


__all__ = ["FINDER", "Block", "FoundClaim", "field_blocks", "field_cues", "find", "span_time"]
