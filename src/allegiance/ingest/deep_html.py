"""Text of HTML nested deeper than libxml2 will build a tree for.

libxml2 (under lxml and trafilatura) stops building the tree past a fixed depth (2048
levels even with ``huge_tree``) and the text below is lost without an error. A page that
deep is read here instead with the standard library's event parser, which keeps no tree:
visible text in order, one block per block element, scripts and styles left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: nesting depth from which a page is read by :func:`flat_text` rather than by lxml
MAX_TREE_DEPTH = 1500
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
_HIDDEN = {"script", "style", "noscript", "template", "head"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")


def too_deep(html: str, limit: int = MAX_TREE_DEPTH) -> bool:
    """Whether elements nest ``limit`` levels deep or more (a quick count of open tags)."""
    depth = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth >= limit:
                return True
    return False


class _Text(HTMLParser):
    def __init__(self, blocks: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks = blocks
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in self.blocks:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.blocks:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def flat_text(html: str, blocks: tuple[str, ...]) -> str:
    """The visible text of ``html``, a line break at each of the ``blocks`` tags."""
    parser = _Text(frozenset(blocks))
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
