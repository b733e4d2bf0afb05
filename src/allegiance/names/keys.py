"""Name keys: a folded form under which spelling variants of one name coincide."""

from __future__ import annotations

import re

from normality import ascii_text


def name_key(name: str, kind: str | None = None) -> str:
    """A comparison key for ``name`` (lower-case ASCII, punctuation and articles folded)."""
    s = (ascii_text(name) or "").lower()
    s = re.sub(r"['`]", "", s)
    s = re.sub(r"[^a-z0-9@]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s
