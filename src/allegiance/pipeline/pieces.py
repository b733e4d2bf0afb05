"""Long segments cut into pieces the parser takes one at a time.

A paragraph of hundreds of thousands of characters (a text without paragraph breaks, a
document longer than spaCy's ``max_length``) is parsed as consecutive pieces of at most
:data:`PIECE_CHARS` characters. Each cut falls at the last paragraph break, else line
break, else sentence end, else space in the second half of the piece, never inside a name
found before parsing. A piece is a :class:`Segment` of the same kind with offsets into the
whole text, so every offset after it stays exact.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from allegiance.model.types import Segment

#: the longest piece handed to the parser
PIECE_CHARS = 10_000

#: where a cut may fall, best first: after a blank line, a line break, a sentence, a space
_BOUNDS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def cut_segments(
    segs: list[Segment], text: str, keep: list[tuple[int, int]], limit: int = PIECE_CHARS
) -> list[Segment]:
    """``segs`` (in text order) with each one longer than ``limit`` cut into pieces.

    ``keep`` holds the sorted, non-overlapping character spans no cut may split.
    """
    if all(s.end - s.start <= limit for s in segs):
        return segs
    starts = [a for a, _ in keep]
    out: list[Segment] = []
    for seg in segs:
        a = seg.start
        while seg.end - a > limit:
            b, nxt = _cut(text, a, a + limit, keep, starts)
            end = len(text[a:b].rstrip()) + a
            if end > a:
                out.append(replace(seg, start=a, end=end))
            a = nxt
        if seg.end > a:
            out.append(replace(seg, start=a, end=seg.end))
    return out


def _cut(
    text: str, lo: int, hi: int, keep: list[tuple[int, int]], starts: list[int]
) -> tuple[int, int]:
    """The end of the piece starting at ``lo`` and the start of the next one."""

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos - 1) - 1
        return i >= 0 and keep[i][0] < pos < keep[i][1]

    floor = lo + (hi - lo) // 2
    for bound in _BOUNDS:
        best: tuple[int, int] | None = None
        for m in bound.finditer(text, floor, hi):
            if not inside(m.start()):
                best = (m.start(), m.end())
        if best is not None:
            return best
    # no bound outside a name in the second half: cut before the name that spans it (or
    # after it, when it starts the piece)
    pos = hi
    if inside(pos):
        i = bisect_right(starts, pos - 1) - 1
        pos = keep[i][0] if keep[i][0] > lo else keep[i][1]
    return pos, pos
