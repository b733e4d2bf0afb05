"""Turn bytes into text, refusing what is not a readable document.

Accepted encodings: UTF-8, UTF-8 with a byte-order mark, UTF-16 with a byte-order mark.
Anything else is an error rather than a guess. Newlines are normalised (``\\r\\n`` and a
lone ``\\r`` become ``\\n``); nothing else is changed, so offsets stay meaningful.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from allegiance import settings
from allegiance.errors import InputError

#: share of control characters (other than tab, newline, carriage return, form feed) above
#: which a text is treated as binary
CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


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
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8):], "utf-8", name)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", name)
    else:
        if b"\x00" in data:
            raise InputError(
                f"{name}: binary file (contains NUL bytes; UTF-16 text needs a byte-order mark)")
        text = _strict(data, "utf-8", name)
    text = normalise_newlines(text)
    check_text(text, name)
    return text


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
