"""Turn bytes into text, refusing what is not a readable document.

Accepted encodings: UTF-8, UTF-8 with a byte-order mark, UTF-16 with a byte-order mark,
and the single-byte code pages analysts meet most (Windows-1252/Latin-1, Windows-1256 for
Arabic, Windows-1251), told apart by charset-normalizer. A text no candidate decodes
cleanly (mess ratio above :data:`MAX_CHAOS`) is an error rather than a guess. Newlines are normalised (``\\r\\n`` and a
lone ``\\r`` become ``\\n``); nothing else is changed, so offsets stay meaningful.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from dataclasses import dataclass
from typing import BinaryIO

from allegiance import settings
from allegiance.errors import InputError

#: share of control characters (other than tab, newline, carriage return, form feed) above
#: which a text is treated as binary
CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
#: code pages tried when a text is not UTF-8, in order of preference when equally likely
FALLBACK_ENCODINGS = ("cp1252", "cp1256", "cp1251", "latin_1")
#: largest mess ratio (charset-normalizer's ``chaos``, 0 to 1) of an accepted guess
MAX_CHAOS = 0.1


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding it was read in (``utf-8``, ``utf-16``, ``cp1256``...)."""

    text: str
    encoding: str


def max_bytes() -> int:
    """The largest input accepted (read from settings at call time)."""
    return settings.MAX_INPUT_BYTES


def check_file(path: Path) -> None:
    """Raise InputError unless ``path`` is an existing regular file of acceptable size."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > max_bytes():
        raise InputError(f"{path}: too large ({size} bytes; the limit is {max_bytes()})")


def read_file_bytes(path: Path) -> bytes:
    """The bytes of ``path``, after the checks of :func:`check_file`."""
    check_file(path)
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or e})") from None


def read_stream_bytes(stream: BinaryIO, name: str) -> bytes:
    """Read at most the size limit from ``stream``; raise InputError beyond it."""
    limit = max_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{name}: too large (more than {limit} bytes)")
    return data


def decode(data: bytes, name: str) -> str:
    """Decode ``data``; raise InputError when empty, binary or undecodable."""
    return decode_detected(data, name).text


def decode_detected(data: bytes, name: str) -> Decoded:
    """Decode ``data`` and say in which encoding (see the module docstring)."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[len(codecs.BOM_UTF8):], "utf-8", name), "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    else:
        if b"\x00" in data:
            raise InputError(
                f"{name}: binary file (contains NUL bytes; UTF-16 text needs a byte-order mark)")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            encoding = guess_encoding(data, name, e.start)
            text = data.decode(encoding)
    text = normalise_newlines(text)
    check_text(text, name)
    return Decoded(text, encoding)


def guess_encoding(data: bytes, name: str, bad_byte: int = 0) -> str:
    """The most likely of :data:`FALLBACK_ENCODINGS` for ``data`` (not UTF-8); InputError
    when none decodes it cleanly enough."""
    from charset_normalizer import from_bytes

    order = {enc: i for i, enc in enumerate(FALLBACK_ENCODINGS)}
    found: list[tuple[float, float, int, str]] = []
    for m in from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)):
        if m.chaos > MAX_CHAOS:
            continue
        # code pages that read the bytes the same way are reported once: take the favourite
        same = [e for e in {m.encoding, *m.could_be_from_charset} if e in order]
        if same:
            enc = min(same, key=order.__getitem__)
            found.append((m.chaos, -m.coherence, order[enc], enc))
    if not found:
        raise InputError(
            f"{name}: not valid UTF-8 (byte {bad_byte}) and no known encoding reads it "
            "cleanly; convert the file to UTF-8")
    return min(found)[3]


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        label = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise InputError(
            f"{name}: not valid {label} (byte {e.start}); convert the file to UTF-8"
        ) from None


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str, name: str) -> None:
    """Raise InputError when ``text`` is empty, whitespace only or looks binary."""
    if not text.strip():
        raise InputError(f"{name}: empty document" if not text else f"{name}: only whitespace")
    if "\x00" in text:
        raise InputError(f"{name}: binary file (contains NUL characters)")
    controls = sum(1 for c in text if ord(c) < 32 and c not in _ALLOWED_CONTROLS)
    if controls and controls / len(text) > CONTROL_SHARE:
        raise InputError(f"{name}: binary file ({controls} control characters)")


def read_path_text(path: Path) -> str:
    """Check, read and decode a file."""
    return decode(read_file_bytes(path), str(path))


def read_path_detected(path: Path) -> Decoded:
    """Check, read and decode a file, saying in which encoding."""
    return decode_detected(read_file_bytes(path), str(path))
