"""The structure of a text: paragraphs, headings, numbered items, notes, quotes, testimony.

``segment(text)`` returns segments ordered by start. Paragraph, heading, item, note, title
and header segments never overlap; quote segments lie inside them. Item and note segments
start at their marker (``1.``, ``*-``) and end at the end of their last line. A note's
``refers_to`` is the offset of the marker in the body that points at it.
"""

from __future__ import annotations

import re
from functools import cache

from allegiance.ingest.blocks import Block, cut
from allegiance.ingest.cues import word_list
from allegiance.ingest.meta import find_meta
from allegiance.ingest.notes import link_notes
from allegiance.ingest.testimony import find_testimonies
from allegiance.model.types import Segment, SegmentKind

#: longest quote kept, in characters
MAX_QUOTE = 2000
_QUOTE_RES = (
    re.compile(r"“([^“”]{1,%d}?)”" % MAX_QUOTE),
    re.compile(r"„([^„“”]{1,%d}?)[“”]" % MAX_QUOTE),
    re.compile(r"«\s?([^«»]{1,%d}?)\s?»" % MAX_QUOTE),
)
_STRAIGHT_RE = re.compile(r'(?<![^\s(\[:—–-])"([^"\n]{1,%d}?)"(?!\w)' % MAX_QUOTE)


@cache
def _notes_headings() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("notes", "section_headings"))


def _is_notes_heading(line: str) -> bool:
    return line.strip().lower() in _notes_headings()


def segment(text: str, title: str | None = None) -> list[Segment]:
    """Segments of ``text``. ``title`` (when known) helps name a testimony's witness."""
    found = find_meta(text)
    regions: list[tuple[int, int, str]] = []
    if found.header:
        regions.append((found.header[0], found.header[1], "header"))
    if found.title_line:
        regions.append((found.title_line[0], found.title_line[1], "title"))
    blocks = cut(text, regions, _is_notes_heading)
    links = link_notes(text, blocks)
    speakers: dict[int, tuple[str, str | None]] = {}
    for t in find_testimonies(text, blocks, title or found.title):
        for i in t.blocks:
            speakers[i] = ("witness", t.source_name)
    out: list[Segment] = []
    for i, b in enumerate(blocks):
        speaker, name = speakers.get(i, ("author", None))
        kind: SegmentKind = b.kind if b.kind in ("paragraph", "item", "note", "heading", "title",  # type: ignore[assignment]
                                                 "header") else "paragraph"
        out.append(Segment(kind, b.start, b.end, marker=b.marker, refers_to=links.get(i),
                           speaker=speaker, source_name=name))
    for b in blocks:
        if b.kind != "header":
            out.extend(quotes(text, b))
    out.sort(key=lambda s: (s.start, s.kind == "quote"))
    return out


def quotes(text: str, block: Block) -> list[Segment]:
    """Quote segments inside ``block``, each covering the quoted words."""
    found: list[tuple[int, int]] = []
    for rx in (*_QUOTE_RES, _STRAIGHT_RE):
        for m in rx.finditer(text, block.start, block.end):
            a, b = m.start(1), m.end(1)
            if text[a:b].strip() and not any(x < b and a < y for x, y in found):
                found.append((a, b))
    return [Segment("quote", a, b) for a, b in sorted(found)]


def block_spans(text: str) -> list[Block]:
    """The raw blocks of ``text`` (for inspection and tests)."""
    found = find_meta(text)
    regions = [(s[0], s[1], k) for s, k in ((found.header, "header"),
                                             (found.title_line, "title")) if s]
    return cut(text, regions, _is_notes_heading)
