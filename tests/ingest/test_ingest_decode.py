"""Bad input gets an InputError with a one-line "PATH: reason" message."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from allegiance import settings
from allegiance.errors import InputError
from allegiance.ingest import read_path, read_text

GOOD = "Abu Hamza al-Kurdi joined Jabhat al-Wadi in 2013.\n"

BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t \n", "whitespace"),
    ("nul.txt", b"abc\x00def\x00ghi", "binary"),
    ("controls.txt", bytes(range(1, 9)) * 20 + b"some text", "binary"),
    ("latin1.txt", "Caf\u00e9 in Mosul".encode("latin-1"), "UTF-8"),
    ("cp1252.md", "\u201cquoted\u201d".encode("cp1252"), "UTF-8"),
    ("bad16.txt", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "UTF-16"),
]


def one_line(err: InputError) -> str:
    msg = str(err)
    assert "\n" not in msg
    return msg


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_bad_file_is_refused(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_path(path)
    msg = one_line(info.value)
    assert msg.startswith(f"{path}: ")
    assert reason.lower() in msg.lower()


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError) as info:
        read_path(path)
    assert one_line(info.value) == f"{path}: no such file"


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_path(tmp_path)
    assert one_line(info.value).startswith(f"{tmp_path}: is a directory")


def test_too_large_is_refused_before_reading(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 10, encoding="utf-8")
    monkeypatch.setattr(settings, "MAX_INPUT_BYTES", 100)

    def no_read(self: Path) -> bytes:
        raise AssertionError("read before the size check")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert "too large" in one_line(info.value)


@pytest.mark.parametrize(("encoded", "label"), [
    (GOOD.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + GOOD.encode("utf-8"), "utf-8 with BOM"),
    (GOOD.encode("utf-16"), "utf-16 with BOM"),
    (codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), "utf-16-be with BOM"),
])
def test_accepted_encodings(tmp_path: Path, encoded: bytes, label: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(encoded)
    doc = read_path(path)
    assert doc.text == GOOD, label


def test_newlines_are_normalised_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First line.  \r\nSecond\rThird\n")
    assert read_path(path).text == "First line.  \nSecond\nThird\n"


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_read_text_refuses_empty(text: str) -> None:
    with pytest.raises(InputError) as info:
        read_text(text, doc_id="given")
    assert one_line(info.value).startswith("given: ")


def test_read_text_unknown_format() -> None:
    with pytest.raises(InputError):
        read_text(GOOD, doc_id="x", fmt="pdf")
