"""Static files under versioned URLs, cached by the browser for a year.

Pages name a static file through ``asset(path)``, which adds ``?v=`` and the first hex
digits of the file's SHA-256: a changed file gets a new URL, so the old one may be cached
for good (``Cache-Control: public, max-age=31536000, immutable``). A repeat visit then
neither downloads nor revalidates the scripts, and Chromium reuses the code it compiled
for them. A request without the current version (an old or hand-typed URL) is answered
with ``no-cache``: the browser asks again each time.

Files are not compressed: the workbench is served over loopback by default, where the
bytes cost less than compressing them would.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

#: how long a versioned file may be kept, in seconds (a year)
MAX_AGE = 365 * 24 * 3600
LONG = f"public, max-age={MAX_AGE}, immutable"
SHORT = "no-cache"


@cache
def _version(folder: Path, path: str) -> str:
    """The version of one static file: the start of its SHA-256 (files do not change while
    the server runs: they ship in the package)."""
    target = (folder / path).resolve()
    if folder.resolve() not in target.parents or not target.is_file():
        raise ValueError(f"no static file {path!r}")
    return hashlib.sha256(target.read_bytes()).hexdigest()[:12]


class Assets:
    """The static folder: versioned URLs for templates, and the app that serves them."""

    def __init__(self, folder: Path, prefix: str = "/static") -> None:
        self.folder = folder
        self.prefix = prefix

    def url(self, path: str) -> str:
        """The URL of the static file ``path`` (relative to the folder), with its version."""
        return f"{self.prefix}/{path}?v={_version(self.folder, path)}"

    def app(self) -> StaticFiles:
        return _Cached(directory=str(self.folder), assets=self)


class _Cached(StaticFiles):
    """StaticFiles with a Cache-Control header: a year for the current version's URL."""

    def __init__(self, *, directory: str, assets: Assets) -> None:
        super().__init__(directory=directory)
        self.assets = assets

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result,
                      scope: Scope, status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        query = scope.get("query_string", b"").decode("latin-1")
        relative = Path(full_path).resolve().relative_to(self.assets.folder.resolve())
        current = f"v={_version(self.assets.folder, relative.as_posix())}"
        response.headers["cache-control"] = LONG if current in query.split("&") else SHORT
        return response
