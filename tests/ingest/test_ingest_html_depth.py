"""HTML of any nesting depth keeps its text (libxml2 drops what lies past its limit)."""

from __future__ import annotations

import pytest

from allegiance.ingest import read_text
from allegiance.ingest.deep_html import too_deep


def page(depth: int) -> str:
    return ("<html><head><title>T</title></head><body><p>Top text of the page.</p>"
            + "<div>" * depth + "<p>Jabhat al-Nusra left Idlib in 2016.</p>" + "</div>" * depth
            + "<script>var hidden = 1;</script><p>End text of the page.</p></body></html>")


@pytest.mark.parametrize("depth", [1, 254, 300, 2100, 5000, 50_000])
def test_deep_html_keeps_all_text(depth: int) -> None:
    doc = read_text(page(depth), doc_id="deep", fmt="html")
    assert "Jabhat al-Nusra left Idlib in 2016." in doc.text
    assert "Top text" in doc.text and "End text" in doc.text
    assert "hidden" not in doc.text


@pytest.mark.parametrize(("html", "deep"), [
    ("<div>" * 10 + "</div>" * 10, False),
    ("<div>" * 2000, True),
    ("<br>" * 5000 + "<img src=x>" * 5000, False),
    ("<div></div>" * 5000, False),
])
def test_depth_count(html: str, deep: bool) -> None:
    assert too_deep(html) is deep
