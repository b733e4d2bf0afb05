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
    ("unknown.txt", b"\x81\x8d\x8f\x90\x9d" * 20, "no known encoding"),
    ("bad16.txt", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "UTF-16"),
]


#: texts in the single-byte code pages analysts collect: (text, encoding written, read as)
LEGACY: list[tuple[str, str, str]] = [
    ("Caf\u00e9 in Mosul", "latin-1", "cp1252"),
    ("\u201cquoted\u201d said the commander of Liwa al-Haqq.", "cp1252", "cp1252"),
    ("Le groupe arm\u00e9 a quitt\u00e9 la ville apr\u00e8s des combats.", "latin-1", "cp1252"),
    ("\u0623\u0639\u0644\u0646\u062a \u062c\u0628\u0647\u0629 \u0627\u0644\u0646\u0635\u0631\u0629 "
     "\u0627\u0646\u0641\u0635\u0627\u0644\u0647\u0627 \u0639\u0646 \u062a\u0646\u0638\u064a\u0645 "
     "\u0627\u0644\u0642\u0627\u0639\u062f\u0629 \u0641\u064a \u062a\u0645\u0648\u0632 2016.", "cp1256", "cp1256"),
]


@pytest.mark.parametrize(("text", "written", "read_as"), LEGACY)
def test_legacy_encodings_are_detected_and_recorded(
    tmp_path: Path, text: str, written: str, read_as: str
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(written))
    doc = read_path(path)
    assert doc.text == text
    assert doc.metadata["encoding"] == read_as


def test_utf8_records_no_encoding(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert "encoding" not in read_path(path).metadata


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
