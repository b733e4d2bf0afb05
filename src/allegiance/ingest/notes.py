"""Link each note to the marker in the body that points at it.

Body markers: runs of asterisks or daggers right after a word or punctuation
(``Mosul,*``, ``al-Muhajir**``, ``him.***``) for notes marked ``*-``, ``**-``...; for
numbered notes ``[3]``, a superscript ``³``, ``^3`` or a digit right after punctuation or a
word (``text.3``, ``text3``).
"""

from __future__ import annotations

import re

from allegiance.ingest.blocks import Block

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _patterns(marker: str) -> list[re.Pattern[str]]:
    """Body patterns for ``marker``, best first; group 1 is the marker itself."""
    if marker.isdigit():
        n = re.escape(marker)
        return [
            re.compile(rf"\[({n})\]"),
            re.compile(rf"\^({n})(?!\d)"),
            re.compile(rf"(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])({re.escape(marker.translate(_SUPERSCRIPT))})"
                       r"(?![⁰¹²³⁴⁵⁶⁷⁸⁹])"),
            re.compile(rf"(?<=[.,;:!?”\"’)\]])({n})(?=[\s,;:)]|$)"),
            re.compile(rf"(?<=[a-z])({n})(?=[\s,;:)]|\.(?:\s|$)|$)"),
        ]
    ch = re.escape(marker[0])
    return [re.compile(rf"(?<=[^\s{ch}])({re.escape(marker)})(?!{ch})")]


def link_notes(text: str, blocks: list[Block]) -> dict[int, int]:
    """Map the index of each note block to the offset of its marker in the body.

    The body is every block that is not a note. A marker is used once; a note takes the
    first unused occurrence before it (or, failing that, anywhere in the body).
    """
    body = [(b.start, b.end) for b in blocks if b.kind not in ("note", "header")]
    used: set[int] = set()
    out: dict[int, int] = {}
    for idx, block in enumerate(blocks):
        if block.kind != "note" or block.marker is None:
            continue
        best: int | None = None
        for pat in _patterns(block.marker):
            hits = [m.start(1) for a, b in body for m in pat.finditer(text, a, b)
                    if m.start(1) not in used]
            before = [h for h in hits if h < block.start]
            pick = before[0] if before else (hits[0] if hits else None)
            if pick is not None:
                best = pick
                break
        if best is not None:
            used.add(best)
            out[idx] = best
    return out
