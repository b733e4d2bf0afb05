"""The document subject from the input: a header line, front matter, a row's field."""

from __future__ import annotations

import json
from pathlib import Path

from allegiance.batch.items import ReadOptions, iter_items
from allegiance.ingest import iter_rows, read_text
from allegiance.ingest.rows import subject_from_field

PROFILE = "Associated with Al-Qaida (QDe.004)."


def test_a_subject_header_line_names_the_document_subject() -> None:
    doc = read_text(f"Title: Profile\nSubject: Mokhtar Belmokhtar\n\n{PROFILE}\n", doc_id="p")
    assert doc.metadata["subject"] == "Mokhtar Belmokhtar"
    assert doc.title == "Profile"
    assert doc.text.strip().endswith(PROFILE)


def test_a_subject_header_is_still_the_title_where_there_is_none() -> None:
    doc = read_text(f"Subject: Mokhtar Belmokhtar\n\n{PROFILE}\n", doc_id="p")
    assert (doc.title, doc.metadata["subject"]) == ("Mokhtar Belmokhtar", "Mokhtar Belmokhtar")


def test_front_matter_names_the_document_subject() -> None:
    doc = read_text(f"---\ntitle: Profile\nsubject: AL MOURABITOUN\n---\n\n{PROFILE}\n", doc_id="p", fmt="markdown")
    assert doc.metadata["subject"] == "AL MOURABITOUN"


def test_a_text_without_one_has_no_document_subject() -> None:
    assert "subject" not in read_text(f"Title: Profile\n\n{PROFILE}\n", doc_id="p").metadata


def _rows(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "list.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_row_field_names_the_document_subject(tmp_path: Path) -> None:
    path = _rows(tmp_path, [{"ref": "QDi.1", "name": "MOKHTAR  BELMOKHTAR", "comments": PROFILE},
                            {"ref": "QDi.2", "name": "", "comments": PROFILE},
                            {"ref": "QDi.3", "comments": PROFILE}])
    docs = [subject_from_field(d, "name") for d in iter_rows(path, text_field="comments", id_field="ref")]
    assert [d.metadata.get("subject") for d in docs] == ["MOKHTAR BELMOKHTAR", None, None]
    assert docs[0].metadata["name"] == "MOKHTAR  BELMOKHTAR"  # the field itself stays


def test_a_row_field_the_reader_made_the_title_can_name_the_subject(tmp_path: Path) -> None:
    path = _rows(tmp_path, [{"id": "a", "title": "AL MOURABITOUN", "text": PROFILE}])
    doc = subject_from_field(next(iter(iter_rows(path))), "title")
    assert doc.metadata["subject"] == "AL MOURABITOUN"


def test_read_options_carry_the_subject_field(tmp_path: Path) -> None:
    path = _rows(tmp_path, [{"ref": "QDi.1", "name": "MOKHTAR BELMOKHTAR", "comments": PROFILE}])
    given = ReadOptions(text_field="comments", id_field="ref", subject_field="name")
    [item] = list(iter_items(path, given))
    assert item.document is not None and item.document.metadata["subject"] == "MOKHTAR BELMOKHTAR"
    [plain] = list(iter_items(path, ReadOptions(text_field="comments", id_field="ref")))
    assert plain.document is not None and "subject" not in plain.document.metadata
