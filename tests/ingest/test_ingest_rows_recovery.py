"""Row files go on past bad rows: each bad row reported with file, line and reason, every
good row read; CSV quoting errors detected, never merged into one document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegiance.errors import InputError
from allegiance.ingest import iter_rows

GOOD_A = json.dumps({"id": "a", "text": "Liwa al-Haqq left Idlib."})
GOOD_B = json.dumps({"id": "b", "text": "Jaysh al-Fursan stayed."})

#: (case, JSONL lines, ids read, {line: words of its error})
JSONL_CASES: list[tuple[str, list[str], list[str], dict[int, str]]] = [
    ("malformed first line", ['{"id": "x", "text": ', GOOD_A, GOOD_B], ["a", "b"],
     {1: "malformed JSON"}),
    ("array in the middle", [GOOD_A, '["a", "list"]', GOOD_B], ["a", "b"], {2: "JSON object"}),
    ("row without text", [GOOD_A, '{"id": "x"}', GOOD_B], ["a", "b"], {2: "without text"}),
    ("text that is a number", [GOOD_A, '{"id": "x", "text": 12}', GOOD_B], ["a", "b"],
     {2: "field 'text' must be text"}),
    ("id that is a list", ['{"id": ["a", "b"], "text": "Nusra."}', GOOD_B], ["b"],
     {1: "field 'id' must be text or a whole number, not a list"}),
    ("id that is true", ['{"id": true, "text": "Nusra."}', GOOD_B], ["b"], {1: "field 'id'"}),
    ("title that is an object", ['{"id": "x", "text": "Nusra.", "title": {"a": 1}}', GOOD_A],
     ["a"], {1: "field 'title' must be text, not an object"}),
    ("impossible date", ['{"id": "x", "text": "Nusra.", "date": "2017-02-30"}', GOOD_A],
     ["a"], {1: "no such day"}),
    ("date out of range", ['{"id": "x", "text": "Nusra.", "date": "99999-01-01"}', GOOD_A],
     ["a"], {1: "outside"}),
    ("numeric id is kept", ['{"id": 7, "text": "Nusra."}'], ["7"], {}),
    ("date in words is kept", ['{"id": "w", "text": "Nusra.", "date": "early spring"}'],
     ["w"], {}),
]


def read_all(path: Path, **kw: str) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    ids = [d.id for d in iter_rows(path, on_error=lambda e: errors.append(str(e)), **kw)]
    return ids, errors


@pytest.mark.parametrize(("case", "lines", "ids", "bad"), JSONL_CASES,
                         ids=[c[0] for c in JSONL_CASES])
def test_jsonl_goes_on_past_bad_rows(tmp_path: Path, case: str, lines: list[str],
                                     ids: list[str], bad: dict[int, str]) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got, errors = read_all(path)
    assert got == ids
    assert len(errors) == len(bad)
    for (line, words), msg in zip(sorted(bad.items()), errors):
        assert msg.startswith(f"{path}:{line}: ") and words in msg and "\n" not in msg


def test_without_a_hook_the_first_bad_row_raises(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(GOOD_A + "\n[1]\n" + GOOD_B + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=":2: "):
        list(iter_rows(path))


def test_600_rows_with_a_bad_first_keep_599(tmp_path: Path) -> None:
    path = tmp_path / "rows600-badfirst.jsonl"
    lines = ["{broken"] + [json.dumps({"id": f"r{i}", "text": f"Row {i}."}) for i in range(599)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ids, errors = read_all(path)
    assert len(ids) == 599 and ids[0] == "r0" and ids[-1] == "r598"
    assert len(errors) == 1 and errors[0].startswith(f"{path}:1: ")


#: (case, CSV text, (id, text) read, {line: words of its error})
CSV_CASES: list[tuple[str, str, list[tuple[str, str]], dict[int, str]]] = [
    ("unclosed quote swallowing the rest",
     'id,text\n1,"Liwa al-Haqq left\n2,Jaysh al-Fursan stayed.\n3,Nusra came.\n',
     [("2", "Jaysh al-Fursan stayed."), ("3", "Nusra came.")], {2: "never closed"}),
    ("quote closed inside a later row",
     'id,text\n1,"Liwa al-Haqq left\n2,"Jaysh stayed."\n3,Nusra came.\n',
     [("2", "Jaysh stayed."), ("3", "Nusra came.")], {2: "quote closes"}),
    ("too many fields", "id,text\n1,fine\n2,too,many\n3,also fine\n",
     [("1", "fine"), ("3", "also fine")], {3: "3 fields where the header has 2"}),
    ("too few fields", "id,text,title\n1,fine,T\n2,short\n",
     [("1", "fine")], {3: "2 fields where the header has 3"}),
    ("a quoted field over lines is one row",
     'id,text\n1,"Line one,\nline two."\n2,next\n',
     [("1", "Line one,\nline two."), ("2", "next")], {}),
    ("an empty text", 'id,text\n1,""\n2,ok\n', [("2", "ok")], {2: "without text"}),
]


@pytest.mark.parametrize(("case", "content", "rows", "bad"), CSV_CASES,
                         ids=[c[0] for c in CSV_CASES])
def test_csv_quoting_and_field_counts(tmp_path: Path, case: str, content: str,
                                      rows: list[tuple[str, str]], bad: dict[int, str]) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(content, encoding="utf-8")
    errors: list[str] = []
    docs = list(iter_rows(path, on_error=lambda e: errors.append(str(e))))
    assert [(d.id, d.text) for d in docs] == rows
    assert len(errors) == len(bad), errors
    for (line, words), msg in zip(sorted(bad.items()), errors):
        assert msg.startswith(f"{path}:{line}: ") and words in msg


@pytest.mark.parametrize(("encoding", "text"), [
    ("cp1256", "\u0623\u0639\u0644\u0646\u062a \u062c\u0628\u0647\u0629 \u0627\u0644\u0646\u0635\u0631\u0629 "
               "\u0627\u0646\u0641\u0635\u0627\u0644\u0647\u0627 \u0639\u0646 \u062a\u0646\u0638\u064a\u0645 "
               "\u0627\u0644\u0642\u0627\u0639\u062f\u0629."),
    ("latin-1", "Le groupe arm\u00e9 a quitt\u00e9 la ville apr\u00e8s des combats."),
])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_legacy_encoded_row_files(tmp_path: Path, encoding: str, text: str,
                                  suffix: str) -> None:
    path = tmp_path / f"rows{suffix}"
    if suffix == ".csv":
        content = f'id,text\nr1,"{text}"\n'
    else:
        content = json.dumps({"id": "r1", "text": text}, ensure_ascii=False) + "\n"
    path.write_bytes(content.encode(encoding))
    docs = list(iter_rows(path))
    assert [(d.id, d.text) for d in docs] == [("r1", text)]
