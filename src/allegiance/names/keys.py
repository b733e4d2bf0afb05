"""Name keys: a folded form under which spelling variants of one name coincide."""

from __future__ import annotations

from allegiance.names.compare import prepare


def name_key(name: str, kind: str | None = None) -> str:
    """A comparison key for ``name``: transliteration-folded, articles and titles dropped;
    a person's tokens in sorted order (word order varies between sources), a group's kept."""
    form = prepare(name, kind)
    toks = sorted(form.toks) if form.kind == "Person" else list(form.toks)
    key = " ".join(toks)
    if not key:
        return name.strip().lower()
    return "@" + key if name.strip().startswith("@") else key
