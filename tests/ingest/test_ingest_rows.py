"""Row files: JSON lines and CSV, one Document per row, errors naming file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegiance.errors import InputError
from allegiance.ingest import iter_rows

ROWS = [
    {"id": "r1", "text": "Jaysh al-Fursan left the valley.", "title": "First", "date": "March 2015",
     "source": "wire"},
    {"id": "r2", "text": "Liwa al-Haqq stayed.", "author": "Omar Haddad",
     "published": "2016-01-02"},
]


def jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_rows(tmp_path: Path) -> None:
    path = jsonl(tmp_path, [json.dumps(r) for r in ROWS])
    docs = list(iter_rows(path))
    assert [d.id for d in docs] == ["r1", "r2"]
    first = docs[0]
    assert (first.title, first.published, first.metadata["source"]) == ("First", "2015-03", "wire")
    assert (docs[1].author, docs[1].published) == ("Omar Haddad", "2016-01-02")
    assert docs[0].text == ROWS[0]["text"]
    assert docs[0].format == "jsonl" and docs[0].segments


def test_csv_rows_with_other_field_names(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('key,body,author\nk1,"Line one,\nline two.",Nadia Karim\nk2,Second row.,\n',
                    encoding="utf-8")
    docs = list(iter_rows(path, text_field="body", id_field="key"))
    assert [(d.id, d.text, d.author) for d in docs] == [
        ("k1", "Line one,\nline two.", "Nadia Karim"), ("k2", "Second row.", None)]
    assert docs[1].metadata["line"] == 4


@pytest.mark.parametrize(("lines", "line", "reason"), [
    (['{"id": "a", "text": "ok"}', '{"id": "b", "text": '], 2, "malformed JSON"),
    (['{"id": "a", "text": "ok"}', "", '["a", "list"]'], 3, "JSON object"),
    (['{"id": "a"}'], 1, "without text"),
    (['{"id": "a", "text": "   "}'], 1, "without text"),
])
def test_bad_jsonl_rows(tmp_path: Path, lines: list[str], line: int, reason: str) -> None:
    path = jsonl(tmp_path, lines)
    with pytest.raises(InputError) as info:
        list(iter_rows(path))
    msg = str(info.value)
    assert "\n" not in msg
    assert msg.startswith(f"{path}:{line}: ") and reason in msg


def test_bad_csv_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,text\n1,fine\n2,too,many\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(iter_rows(path))
    assert str(info.value).startswith(f"{path}:3: ")


def test_rows_stream_lazily(tmp_path: Path) -> None:
    path = jsonl(tmp_path, ['{"id": "a", "text": "first"}', "{broken"])
    rows = iter_rows(path)
    assert next(rows).id == "a"
    with pytest.raises(InputError):
        next(rows)


def test_missing_row_id_gets_file_and_line(tmp_path: Path) -> None:
    path = jsonl(tmp_path, ['{"text": "no id here"}'])
    assert next(iter_rows(path)).id == "rows-1"


def test_missing_row_file(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(iter_rows(tmp_path / "none.jsonl"))


def test_event_fields_become_the_incidents_date_place_and_country(tmp_path: Path) -> None:
    from allegiance.ingest import iter_rows
    from allegiance.ingest.rows import event_from_fields

    rows = tmp_path / "r.jsonl"
    rows.write_text('{"id": "a", "text": "Gunmen attacked a bus.", "year": 2016, "town": " Aleppo ", "land": "Syria"}\n'
                    '{"id": "b", "text": "Gunmen attacked a bus.", "year": "unknown", "town": ""}\n', "utf-8")
    a, b = [event_from_fields(d, "year", "town", "land") for d in iter_rows(rows)]
    assert (a.metadata["event_date"], a.metadata["event_place"], a.metadata["event_country"]) == ("2016", "Aleppo",
                                                                                                  "Syria")
    assert "event_date" not in b.metadata and "event_place" not in b.metadata  # unreadable or empty: left out
