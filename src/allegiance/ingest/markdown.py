"""Markdown to plain text. The plain text becomes the document's text, so every offset
later found is an offset into it.

Headings, emphasis, links, images, inline code, block quotes, bullets, rules and HTML
tags lose their markup; numbered lists keep their numbers (they become items);
footnote references ``[^1]`` and definitions ``[^1]: ...`` become ``[1]`` markers and notes.
YAML front matter is removed and returned as metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from allegiance import yamlio

_FRONT_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE_RE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_HEADING_RE = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE_RE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE_RE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_BULLET_RE = re.compile(r"^([ \t]*)[-+*][ \t]+(?=\S)")
_LINKDEF_RE = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]]+\]:[ \t]+\S+.*$")
_FOOTDEF_RE = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]+)\]:[ \t]*")

_INLINE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[\^([^\]\s]+)\]"), r"[\1]"),  # footnote reference
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # inline link
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # html tag
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
    (re.compile(r"(?<![*\w\\])\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*(?![*\w])"), r"\1"),
    (re.compile(r"(?<![_\w\\])__(?=\S)([^_\n]+?)(?<=\S)__(?![_\w])"), r"\1"),
    (re.compile(r"(?<![*\w\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])"), r"\1"),
    (re.compile(r"(?<![_\w\\])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![_\w])"), r"\1"),
    (re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # escapes
]


@dataclass
class Plain:
    """Plain text made from Markdown, with the front matter and the first top heading."""

    text: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    first_heading: str | None = None


def front_matter(source: str) -> tuple[dict[str, Any], str]:
    """YAML front matter of ``source`` (empty when absent or not a mapping), and the rest."""
    m = _FRONT_RE.match(source)
    if not m:
        return {}, source
    try:
        data = yamlio.safe_load(m.group(1) or "")
    except yaml.YAMLError:
        return {}, source
    if not isinstance(data, dict):
        return {}, source
    return data, source[m.end():]


def inline(line: str) -> str:
    """A line without inline markup."""
    for rx, repl in _INLINE:
        line = rx.sub(repl, line)
    return line


def to_plain(source: str) -> Plain:
    """Strip Markdown ``source`` to plain text."""
    meta, body = front_matter(source)
    out: list[str] = []
    first_heading: str | None = None
    in_fence = False
    for line in body.split("\n"):
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _SETEXT_RE.match(line) and out and out[-1].strip() and not _RULE_RE.match(line):
            if line.strip().startswith("=") and first_heading is None:
                first_heading = out[-1].strip()
            out.append("")
            continue
        if _RULE_RE.match(line) or _LINKDEF_RE.match(line):
            out.append("")
            continue
        h = _HEADING_RE.match(line)
        if h:
            text = inline(h.group(2)).strip()
            if len(h.group(1)) == 1 and first_heading is None:
                first_heading = text
            if out and out[-1].strip():
                out.append("")
            out.extend([text, ""])
            continue
        line = _QUOTE_RE.sub("", line)
        line = _FOOTDEF_RE.sub(lambda m: f"[{m.group(1)}] ", line)
        line = _BULLET_RE.sub(r"\1", line)
        out.append(inline(line).rstrip())
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return Plain(text, meta, first_heading)
