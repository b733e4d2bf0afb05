"""Ways to write one extraction: the extraction JSON, one JSON line, a readable summary."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any, Literal, TextIO

from allegiance.model.types import Claim, Entity, Extraction

Format = Literal["json", "jsonl", "text"]
FORMATS: tuple[Format, ...] = ("json", "jsonl", "text")


def to_json(extraction: Extraction) -> str:
    """``Extraction.to_dict()`` as indented JSON (non-ASCII kept as is)."""
    return render(extraction, "json")


def to_jsonl(extraction: Extraction) -> str:
    """``Extraction.to_dict()`` on one line (no trailing newline)."""
    return render(extraction, "jsonl")


def render(extraction: Extraction, fmt: Format) -> str:
    """The extraction in ``fmt`` (no trailing newline)."""
    buf = io.StringIO()
    write(extraction, fmt, buf)
    return buf.getvalue()


def write(extraction: Extraction, fmt: Format, out: TextIO) -> None:
    """Write the extraction in ``fmt`` to ``out`` (no trailing newline). JSON is written an
    entity and a claim at a time, never held whole, and reads as ``json.dumps`` of
    ``Extraction.to_dict()`` would (indented for ``json``, one line for ``jsonl``)."""
    if fmt == "text":
        out.write(to_text(extraction))
        return
    flat = fmt == "jsonl"
    # what opens the list's first item, what goes between two, what closes the list
    first, between, close = ("", ",", "]") if flat else ("\n    ", ",\n    ", "\n  ]")
    out.write('{"document":' if flat else '{\n  "document": ')
    out.write(_dumps(dict(extraction.document), flat, 1))
    lists: tuple[tuple[str, Sequence[Entity | Claim]], ...] = (
        ("entities", extraction.entities), ("claims", extraction.claims))
    for key, items in lists:
        out.write(f',"{key}":[' if flat else f',\n  "{key}": [')
        for n, item in enumerate(items):
            out.write((between if n else first) + _dumps(item.to_dict(), flat, 2))
        out.write(close if items else "]")
    out.write("}" if flat else "\n}")


def write_extraction(extraction: Extraction, fmt: Format, out: TextIO) -> None:
    """The extraction in ``fmt`` and a newline, written a piece at a time."""
    write(extraction, fmt, out)
    out.write("\n")


def _dumps(value: Any, flat: bool, level: int) -> str:
    """``value`` as JSON, indented as it is when nested ``level`` deep in an indented whole."""
    if flat:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def _name(extraction: Extraction, eid: str | None, empty: str = "(unknown)") -> str:
    if eid is None:
        return empty
    entity = extraction.entity(eid)
    return entity.name if entity else eid


def _claim_lines(extraction: Extraction, claim: Claim) -> list[str]:
    subject = _name(extraction, claim.subject)
    obj = _name(extraction, claim.object, empty="-")
    head = f"  {subject} --{claim.predicate}--> {obj}"
    facts = [f"stance: {claim.stance}"]
    if claim.time is not None:
        bounds = f"{claim.time.start or '…'}..{claim.time.end or '…'}"
        facts.insert(0, f"time: {claim.time.text} ({bounds})")
    facts.append(f"source: {_name(extraction, claim.source, empty='author')}")
    if claim.place:
        facts.append(f"place: {_name(extraction, claim.place)}")
    if claim.role:
        facts.append(f"role: {claim.role}")
    # qualifiers say how a claim was made (e.g. ``basis: attribution prior``): a guess must
    # not read like a finding
    facts += [f"{k}: {v}" for k, v in sorted(claim.qualifiers.items())]
    evidence = " ".join(claim.evidence.text.split())
    lines = [head, "      " + "; ".join(facts)]
    if evidence:
        lines.append(f'      "{evidence}"')
    return lines


def to_text(extraction: Extraction) -> str:
    """A readable summary: the document, its entities with aliases, its claims."""
    meta = extraction.document
    about = ", ".join(str(meta[k]) for k in ("author", "published") if meta.get(k))
    title = f" - {meta['title']}" if meta.get("title") else ""
    lines = [f"Document {meta.get('id')}{title}" + (f" ({about})" if about else "")]
    lines.append(f"Entities ({len(extraction.entities)}):")
    for e in extraction.entities:
        aliases = [a for a in e.aliases if a != e.name]
        line = f"  [{e.type}] {e.name}"
        if aliases:
            line += f"  aka {', '.join(aliases)}"
        if e.pejoratives:
            line += f"  (pejorative: {', '.join(e.pejoratives)})"
        lines.append(line)
    lines.append(f"Claims ({len(extraction.claims)}):")
    for c in extraction.claims:
        lines.extend(_claim_lines(extraction, c))
    return "\n".join(lines)
