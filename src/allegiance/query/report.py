"""A readable plain-text report of one document or the whole store: entities with their
aliases by type, then the claims as a dated timeline with stance, source and citation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from allegiance.errors import NotFoundError
from allegiance.query.profile import entities
from allegiance.query.records import ClaimView, EntitySummary
from allegiance.query.timeline import timeline

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: longest evidence quote shown in a report line
MAX_QUOTE = 220
UNKNOWN = "(unknown)"


def quote(text: str, limit: int = MAX_QUOTE) -> str:
    """Evidence on one line, cut at a word boundary with ``…`` when longer than ``limit``."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def claim_line(v: ClaimView, with_document: bool = True) -> str:
    """``2014-06 | A — predicate → B | stance, source: S | “evidence” [title, date]``."""
    head = f"{v.subject or UNKNOWN} — {v.predicate}"
    if v.object is not None:
        head += f" → {v.object}"
    extras = [f"{label}: {value}" for label, value in (("role", v.role), ("in", v.place)) if value]
    if extras:
        head += " (" + "; ".join(extras) + ")"
    how = v.stance + (f", source: {v.source}" if v.source else "")
    if v.qualifiers:
        how += "; " + "; ".join(f"{k}: {val}" for k, val in sorted(v.qualifiers.items()))
    parts = [v.time_label, head, how, f"“{quote(v.evidence)}”"]
    line = " | ".join(parts)
    if with_document:
        cite = v.document_title or v.document_id
        if v.document_published:
            cite += f", {v.document_published}"
        line += f" [{cite}]"
    return line


def entity_line(e: EntitySummary) -> str:
    """``Name — aka A, B; pejorative: C``."""
    plain = [a.name for a in e.aliases if not a.pejorative]
    rude = [a.name for a in e.aliases if a.pejorative]
    line = e.name
    bits = []
    if plain:
        bits.append("aka " + ", ".join(plain))
    if rude:
        bits.append("pejorative: " + ", ".join(rude))
    if bits:
        line += " — " + "; ".join(bits)
    return line


def _heading(store: Store, document_id: str | None) -> list[str]:
    if document_id is None:
        n = store.one("SELECT count(*) FROM documents")
        count = int(n[0]) if n else 0
        return [f"Report: the whole store ({count} document{'s' if count != 1 else ''})"]
    row = store.one("SELECT title, author, published FROM documents WHERE id = ?", (document_id,))
    if row is None:
        raise NotFoundError(f"no document {document_id!r} in the store")
    line = f"Report: {row['title'] or document_id}"
    meta = [str(v) for v in (row["author"], row["published"]) if v]
    if meta:
        line += " (" + ", ".join(meta) + ")"
    return [line]


def render_report(store: Store, document_id: str | None = None) -> str:
    """The report for ``document_id``, or for the whole store when it is None."""
    lines = _heading(store, document_id)
    found = entities(store, document_id=document_id)
    lines += ["", f"Entities ({len(found)})"]
    current = None
    for e in found:
        if e.type != current:
            current = e.type
            lines.append(f"  {current}")
        lines.append(f"    {entity_line(e)}")
    views = timeline(store, document_id=document_id)
    lines += ["", f"Timeline ({len(views)} claim{'s' if len(views) != 1 else ''})"]
    lines += [f"  {claim_line(v)}" for v in views]
    return "\n".join(lines) + "\n"
