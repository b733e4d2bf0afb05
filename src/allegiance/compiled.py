"""Tables built from the packaged data, kept compiled between runs.

Some lookups (the gazetteer and its name tables) take most of a second to build from the
YAML files on every start. :func:`cached` builds such a value once and keeps it in a cache
folder, under a key made of the bytes of every file it is built from — the data files and
the code that builds it — so editing any of them builds it anew; nothing is trusted by date.

The folder is ``ALLEGIANCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/allegiance``, else
``~/.cache/allegiance``, created readable by its owner only. ``ALLEGIANCE_CACHE_DIR=off``
turns the cache off. A folder that cannot be written, or an entry that cannot be read, is
passed over: the value is then built as if there were no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from importlib import metadata
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: bumped when the format of the cache entries changes
FORMAT = 1


def cache_dir() -> Path | None:
    """Where compiled tables are kept, or None when the cache is off."""
    given = os.environ.get("ALLEGIANCE_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in ("", "off", "0", "none") else Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "allegiance"


def package_files(*patterns: str) -> list[Path]:
    """Files of the installed package matching ``patterns`` (globs relative to it), sorted."""
    root = Path(str(resources.files("allegiance")))
    found: set[Path] = set()
    for p in patterns:
        found.update(f for f in root.glob(p) if f.is_file())
    return sorted(found)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def key_of(name: str, files: Iterable[Path], libraries: Iterable[str] = ()) -> str:
    """The cache key of ``name`` built from ``files`` with ``libraries`` (distribution
    names): a digest of the files' names and bytes, the libraries' and Python's versions."""
    versions = " ".join(f"{d}={_version(d)}" for d in sorted(libraries))
    h = hashlib.sha256(f"{FORMAT}\0{name}\0{sys.version}\0{versions}\0".encode())
    for f in files:
        h.update(f.name.encode() + b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:32]


def cached(name: str, files: Iterable[Path], build: Callable[[], T], libraries: Iterable[str] = ()) -> T:
    """The value ``build()`` returns, read from the cache when ``files`` (and the versions
    of ``libraries``) are unchanged."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"{name}-{key_of(name, files, libraries)}.pickle"
    except OSError:
        return build()
    value = _read(path)
    if value is not None:
        return value  # type: ignore[no-any-return]
    built = build()
    _write(folder, path, name, built)
    return built


def _read(path: Path) -> Any | None:
    try:
        with path.open("rb") as fh:
            # the folder is the user's own (mode 0700) and written only by this module
            return pickle.load(fh)  # noqa: S301
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None


def _write(folder: Path, path: Path, name: str, value: Any) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{name}-*.pickle"):  # entries of earlier data
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
