"""Cut a text into blocks: paragraphs, numbered items and notes, with their markers.

A block is a run of non-blank lines. A line that opens a numbered item (``1.``, ``2)``,
possibly indented) or a note (``*-``, ``**-``, ``*)``, ``[1]``; ``1.`` inside a notes
section) starts a new block even without a blank line before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

ITEM_RE = re.compile(r"[ \t]*(?P<marker>\d{1,3})[.)][ \t]+(?=\S)")
STAR_NOTE_RE = re.compile(r"[ \t]*(?P<marker>\*{1,12}|†{1,6}|‡{1,6})[ \t]*[-–—):][ \t]*(?=\S)")
BRACKET_NOTE_RE = re.compile(r"[ \t]*\[(?P<marker>\d{1,3})\][ \t]*(?=\S)")


@dataclass
class Block:
    """A block of text. ``start`` is where its content starts (after indentation),
    ``body`` where the text after its marker starts."""

    kind: str  # paragraph, item, note, heading, title, header
    start: int
    end: int
    marker: str | None = None
    body: int = 0


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``text`` (without their newline)."""
    out = []
    pos = 0
    while pos <= len(text):
        nl = text.find("\n", pos)
        if nl < 0:
            out.append((pos, len(text)))
            break
        out.append((pos, nl))
        pos = nl + 1
    return out


def opener(line: str, in_notes: bool) -> tuple[str, str, int] | None:
    """``(kind, marker, body offset)`` when ``line`` opens an item or a note."""
    m = STAR_NOTE_RE.match(line) or BRACKET_NOTE_RE.match(line)
    if m:
        return "note", m.group("marker"), m.end()
    m = ITEM_RE.match(line)
    if m:
        return ("note" if in_notes else "item"), m.group("marker"), m.end()
    return None


def cut(text: str, regions: list[tuple[int, int, str]],
        notes_heading: Callable[[str], bool]) -> list[Block]:
    """Blocks of ``text``. ``regions`` are fixed spans ``(start, end, kind)`` (title line,
    header lines) kept whole; ``notes_heading(line)`` tells whether a heading opens a notes
    section (numbered lines below it are notes until the next heading)."""
    blocks: list[Block] = []
    state = {"notes": False}
    current: Block | None = None
    n_lines = 0

    def close() -> None:
        if current is None or current.kind != "paragraph" or n_lines != 1:
            return
        line = text[current.start:current.end]
        if looks_heading(line):
            current.kind = "heading"
            state["notes"] = notes_heading(line.strip().rstrip(":").strip())

    for a, b in lines(text):
        fixed = next((r for r in regions if r[0] <= a < r[1]), None)
        if fixed is not None:
            close()
            current = None
            if not blocks or blocks[-1].start != fixed[0]:
                blocks.append(Block(fixed[2], fixed[0], fixed[1], body=fixed[0]))
            continue
        line = text[a:b]
        if not line.strip():
            close()
            current = None
            continue
        lead = len(line) - len(line.lstrip())
        stripped_end = a + len(line.rstrip())
        if current is not None and opener(line, state["notes"]) is None:
            current.end = stripped_end
            n_lines += 1
            continue
        close()
        op = opener(line, state["notes"])
        if op is not None:
            kind, marker, body = op
            current = Block(kind, a + lead, stripped_end, marker, a + body)
        else:
            current = Block("paragraph", a + lead, stripped_end, body=a + lead)
        blocks.append(current)
        n_lines = 1
    close()
    return blocks


_END_PUNCT = tuple(".,;!?…\"”’)]*")


def looks_heading(line: str) -> bool:
    """A short line without closing punctuation, starting with a capital or a digit."""
    s = line.strip()
    if not s or len(s) > 100 or len(s.split()) > 12:
        return False
    if s.endswith(_END_PUNCT):
        return False
    if s.endswith(":") and len(s.split()) > 3:
        return False
    return s[0].isupper() or s[0].isdigit()
