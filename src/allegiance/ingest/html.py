"""HTML to text: the main content with the page's boilerplate (menus, footers) removed.

The extraction keeps one paragraph per block, separated by blank lines, so the structure
finder sees paragraphs, items and notes. Title, author, date and URL come from the page's
metadata. When the content extractor finds nothing, the visible text of the page is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegiance.errors import InputError
from allegiance.ingest.deep_html import flat_text, too_deep

_BLOCK_TAGS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
               "pre", "section", "article", "header", "footer", "dd", "dt", "table", "ul", "ol")


@dataclass
class Page:
    """Text and metadata extracted from an HTML page."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None
    description: str | None = None


def _paragraphs(text: str) -> str:
    """One block per line: join lines with blank lines, dropping empty ones."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    lines = [re.sub(r"^[-*•]\s+(?=\d{1,3}[.)]\s)", "", ln) for ln in lines]
    return "\n\n".join(ln for ln in lines if ln)


@cache
def _parser() -> Any:
    """An HTML parser without libxml2's depth limit (255 levels), beyond which it drops
    the text silently; the input's size is bounded by the reader's byte limit."""
    import lxml.html

    return lxml.html.HTMLParser(huge_tree=True)


def _parse(html: str) -> Any:
    """The page as an lxml tree with ordered-list items numbered (``1. ...``), or None."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html, parser=_parser())
    except (lxml.etree.ParserError, ValueError):
        return None
    for ol in root.iter("ol"):
        try:
            n = int(ol.get("start") or 1)
        except ValueError:
            n = 1
        for li in ol.iterchildren("li"):
            li.text = f"{n}. " + (li.text or "").lstrip()
            n += 1
    return root


#: control characters, which carry no text and which lxml refuses in a text it is given
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def extract(html: str, name: str) -> Page:
    """The main text and metadata of ``html``; InputError when no text at all is found."""
    import trafilatura

    html = _CONTROL.sub("", html)

    if too_deep(html):
        text = _paragraphs(flat_text(html, _BLOCK_TAGS))
        if not text.strip():
            raise InputError(f"{name}: no text found in the HTML")
        return Page(text=text)
    result: Any = None
    tree = _parse(html)
    try:
        result = trafilatura.bare_extraction(
            tree if tree is not None else html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a page the extractor chokes on falls back to lxml
        result = None
    data: dict[str, Any] = {}
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = _paragraphs(str(data.get("text") or ""))
    if not text.strip():
        text = fallback_text(html)
    if not text.strip():
        raise InputError(f"{name}: no text found in the HTML")
    return Page(
        text=text,
        title=_clean(data.get("title")),
        author=_clean(data.get("author")),
        date=_clean(data.get("date")),
        url=_clean(data.get("url")),
        sitename=_clean(data.get("sitename")),
        description=_clean(data.get("description")),
    )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    s = re.sub(r"\s+", " ", str(value)).strip()
    return s or None


def fallback_text(html: str) -> str:
    """Visible text of the page with lxml, one block per element of the block kind."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html, parser=_parser())
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    return _paragraphs(root.text_content())


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML document."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(?:html|body|head|p|div)[\s>]", head))
