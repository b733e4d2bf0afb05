"""Link each note to the marker in the body that points at it.

Body markers: runs of asterisks or daggers right after a word or punctuation
(``Mosul,*``, ``al-Muhajir**``, ``him.***``) for notes marked ``*-``, ``**-``...; for
numbered notes ``[3]``, a superscript ``³``, ``^3`` or a digit right after punctuation or a
word (``text.3``, ``text3``).
"""

from __future__ import annotations

import re

from allegiance.ingest.blocks import Block

_SUPER_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: body markers of numbered notes, best first; group 1 is the number
_NUMBER_RES = (
    re.compile(r"\[(\d{1,3})\]"),
    re.compile(r"\^(\d{1,3})(?!\d)"),
    re.compile(rf"(?<![{_SUPER_DIGITS}])([{_SUPER_DIGITS}]{{1,3}})(?![{_SUPER_DIGITS}])"),
    re.compile(r"(?<=[.,;:!?”\"’)\]])(\d{1,3})(?=[\s,;:)]|$)"),
    re.compile(r"(?<=[a-z])(\d{1,3})(?=[\s,;:)]|\.(?:\s|$)|$)"),
)
#: body markers of symbol notes: a run of one symbol right after a word or punctuation
_SYMBOL_RE = re.compile(r"(?<=[^\s*†‡])(\*+|†+|‡+)(?![*†‡])")
_FROM_SUPER = str.maketrans(_SUPER_DIGITS, "0123456789")


class _Hits:
    """Positions of one marker in the body, handed out earliest first."""

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.next = 0

    def take(self, used: set[int]) -> int | None:
        while self.next < len(self.positions) and self.positions[self.next] in used:
            self.next += 1
        if self.next >= len(self.positions):
            return None
        self.next += 1
        return self.positions[self.next - 1]


def _index(text: str, body: list[tuple[int, int]]) -> list[dict[str, _Hits]]:
    """Marker -> positions, one mapping per pattern level (symbols first)."""
    levels: list[dict[str, _Hits]] = []
    for rx in (_SYMBOL_RE, *_NUMBER_RES):
        found: dict[str, _Hits] = {}
        for a, b in body:
            for m in rx.finditer(text, a, b):
                key = m.group(1).translate(_FROM_SUPER)
                found.setdefault(key, _Hits()).positions.append(m.start(1))
        levels.append(found)
    return levels


def link_notes(text: str, blocks: list[Block]) -> dict[int, int]:
    """Map the index of each note block to the offset of its marker in the body.

    The body is every block that is not a note. A marker is used once; a note takes the
    earliest unused occurrence (so the first unused one before it when there is one).
    """
    notes = [(i, b) for i, b in enumerate(blocks) if b.kind == "note" and b.marker]
    if not notes:
        return {}
    body = [(b.start, b.end) for b in blocks if b.kind not in ("note", "header")]
    levels = _index(text, body)
    used: set[int] = set()
    out: dict[int, int] = {}
    for idx, block in notes:
        marker = block.marker or ""
        for found in (levels[1:] if marker.isdigit() else levels[:1]):
            hits = found.get(marker)
            pick = hits.take(used) if hits is not None else None
            if pick is not None:
                used.add(pick)
                out[idx] = pick
                break
    return out
