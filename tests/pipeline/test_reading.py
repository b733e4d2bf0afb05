"""A long document read window by window gives the extraction of the whole document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegiance.ingest import read_path
from allegiance.model.types import Document
from allegiance.pipeline import run
from allegiance.pipeline.run import extract_document, extract_long

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "allegiance" / "resources" / "examples" / "zenki-testimony.txt"

# (text, window in characters): windows of one segment up to windows of several
CASES = [
    (EXAMPLE, 1),
    (EXAMPLE, 600),
    (DEV / "tamimi-2015-ansar-al-islam.txt", 1),
    (DEV / "tamimi-2015-ansar-al-islam.txt", 2_000),
    (DEV / "010_wikipedia-mujahideen-shura-council-iraq.txt", 1_500),
    (DEV / "014_bbc-obituary-abu-risha-2007.txt", 1),
]


def _json(doc: Document, long: bool, window: int) -> str:
    ex = extract_long(doc, window_chars=window) if long else extract_document(doc)
    return json.dumps(ex.to_dict(), sort_keys=True)


@pytest.mark.parametrize(("path", "window"), CASES, ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_windows_give_the_whole_documents_extraction(path: Path, window: int) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not here")
    doc = read_path(path)
    assert _json(doc, True, window) == _json(doc, False, window)


def test_a_document_over_the_bound_goes_window_by_window(monkeypatch: pytest.MonkeyPatch) -> None:
    text = EXAMPLE.read_text("utf-8")
    seen: list[str] = []
    real = run.extract_long

    def spy(doc: Document, **kw: object) -> object:
        seen.append(doc.id)
        return real(doc, window_chars=500)

    monkeypatch.setattr(run, "LONG_CHARS", len(text) - 1)
    monkeypatch.setattr(run, "extract_long", spy)
    short = Document("short", "Ansar al-Islam pledged allegiance to the Islamic State in June 2014.")
    long_result, short_result = run.extract_batch([Document("long", text), short])
    assert seen == ["long"]
    assert not isinstance(long_result, Exception) and not isinstance(short_result, Exception)
    assert json.dumps(long_result.to_dict(), sort_keys=True) == \
        json.dumps(extract_document(Document("long", text)).to_dict(), sort_keys=True)
    assert short_result.claims
