"""Name keys and the context check used by resolution, with defensive fallbacks."""

from __future__ import annotations

import hashlib
import importlib
from functools import lru_cache
from collections.abc import Callable
from datetime import datetime, timezone

from allegiance.names import name_key as _name_key

_Compatible = Callable[[str, str, str | None], bool]

# the names package may offer a context check for generic heads; without it, every key
# match counts as compatible
_compatible: _Compatible | None = getattr(
    importlib.import_module("allegiance.names"), "compatible", None
)


@lru_cache(maxsize=1 << 16)
def key(name: str, kind: str | None = None) -> str:
    """The comparison key of ``name`` for an entity of type ``kind``."""
    try:
        return _name_key(name, kind)
    except (TypeError, ValueError, KeyError):  # a kind the names package does not know
        return _name_key(name)


def compatible(a: str, b: str, kind: str | None) -> bool:
    """Whether names ``a`` and ``b`` may denote one entity of type ``kind``."""
    if _compatible is None:
        return True
    return bool(_compatible(a, b, kind))


def make_id(*parts: str) -> str:
    """A short stable id for a canonical entity, hashed from ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"ent-{digest[:12]}"


def now() -> str:
    """The current UTC time as an ISO string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
