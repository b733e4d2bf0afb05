"""Find testimony blocks: numbered items, or paragraphs set out in quotation marks, that the
author introduces as a witness's words.

A paragraph with a testimony cue (``my translation of``, ``testimony``, ``tweets``...;
weaker cues like ``said`` only when the paragraph ends with a colon) introduces the run of
numbered items and labelled parts (``(Intro): ...``) that follows it. The witness's name
is the first kunya (``Abu X al-Y``) after the cue, else a capitalised name after ``of``,
``by`` or ``from``, else the name in a ``Testimony of NAME`` title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from allegiance.ingest.blocks import Block
from allegiance.ingest.cues import word_list
from allegiance.names.data import capitalised, name_data
from allegiance.wordrx import alternation

_CAP = r"[A-ZÀ-ÞĀ-Ž][\w’'`-]*"


@dataclass
class Testimony:
    """A run of block indexes spoken by a witness, and the witness's name when given."""

    blocks: list[int]
    source_name: str | None


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str],
                         re.Pattern[str]]:
    strong = re.compile(rf"\b(?:{alternation(word_list('testimony', 'strong_cues'))})\b", re.I)
    weak = re.compile(rf"\b(?:{alternation(word_list('testimony', 'weak_cues'))})\b", re.I)
    parts = alternation(word_list("testimony", "part_labels"))
    label = re.compile(rf"^(?:\(\s*(?:{parts})\s*\)\s*:?|(?:{parts})\s*:)", re.I)
    particle = alternation(word_list("testimony", "name_particles"))
    word = rf"(?:\s+(?:(?:{particle})[-\s])?{_CAP})"
    opening = alternation(capitalised(name_data().kunya_words))
    kunya = re.compile(rf"\b(?:{opening})\s+{_CAP}{word}{{0,4}}")
    name = re.compile(rf"\b(?:of|by|from)\s+(?:the\s+)?({_CAP}{word}{{1,3}})")
    return strong, weak, label, kunya, name


def is_part_label(text: str) -> bool:
    """Whether a paragraph opens with a testimony part label such as ``(Intro):``."""
    return _regexes()[2].match(text) is not None


def _clean(name: str) -> str:
    name = name.strip().rstrip("-’'`")
    # a trailing particle without its word ("Abu Obeida of") is not part of the name
    return re.sub(r"\s+\S+$", "", name) if name.split()[-1].islower() else name


def cue_at(text: str) -> int | None:
    """Offset (in ``text``) of the end of the testimony cue of an introducing paragraph."""
    strong, weak, _, _, _ = _regexes()
    m = strong.search(text)
    if m:
        return m.end()
    if text.rstrip().endswith(":"):
        m = weak.search(text)
        if m:
            return m.end()
    return None


def witness_name(text: str, after: int = 0) -> str | None:
    """The witness's name in an introducing paragraph, looked for from ``after`` on."""
    _, _, _, kunya, name = _regexes()
    m = kunya.search(text, after) or kunya.search(text)
    if m:
        return _clean(m.group(0))
    g = name.search(text, after)
    if g:
        return _clean(g.group(1))
    return None


def title_witness(title: str | None) -> str | None:
    """The name in a title like ``...: Testimony of NAME``."""
    if not title:
        return None
    m = re.search(r"\b(?:testimony|recollections|memoirs?|account|statement|interview)\s+"
                  r"(?:of|by|with)\s+(.+)$", title, re.I)
    return witness_name(m.group(1)) or _clean(m.group(1)) if m else None


def find_testimonies(text: str, blocks: list[Block], title: str | None = None) -> list[Testimony]:
    """Testimony runs among ``blocks``."""
    out: list[Testimony] = []
    i = 0
    while i < len(blocks):
        run = _run_from(text, blocks, i)
        if not run or not any(blocks[j].kind == "item" or _quoted(text, blocks[j]) for j in run):
            i += 1
            continue
        intro = _intro_before(blocks, i)
        if intro is None:
            i = run[-1] + 1
            continue
        para = text[blocks[intro].start:blocks[intro].end]
        at = cue_at(para)
        if at is None and intro > 0 and blocks[intro - 1].kind == "paragraph":
            intro -= 1
            para = text[blocks[intro].start:blocks[intro].end]
            at = cue_at(para)
        if at is not None:
            name = witness_name(para, at) or title_witness(title)
            out.append(Testimony(run, name))
        i = run[-1] + 1
    return out


def _run_from(text: str, blocks: list[Block], i: int) -> list[int]:
    run: list[int] = []
    j = i
    while j < len(blocks):
        b = blocks[j]
        if b.kind == "item" or (b.kind == "paragraph" and (is_part_label(text[b.start:b.end]) or _quoted(text, b))):
            run.append(j)
            j += 1
            continue
        break
    return run


#: marks that open a paragraph of quoted words
_OPENING_QUOTES = ('"', "“", "«", "„")


def _quoted(text: str, block: Block) -> bool:
    """Does the paragraph open with a quotation mark (a witness's words set out whole after
    the paragraph that introduces them)?"""
    return text[block.start:block.end].lstrip().startswith(_OPENING_QUOTES)


def _intro_before(blocks: list[Block], i: int) -> int | None:
    if i > 0 and blocks[i - 1].kind in ("paragraph", "heading"):
        return i - 1
    return None
