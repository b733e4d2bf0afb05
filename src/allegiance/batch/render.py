"""Ways to write one extraction: the extraction JSON, one JSON line, a readable summary."""

from __future__ import annotations

import json
from typing import Literal

from allegiance.model.types import Claim, Extraction

Format = Literal["json", "jsonl", "text"]
FORMATS: tuple[Format, ...] = ("json", "jsonl", "text")


def to_json(extraction: Extraction) -> str:
    """``Extraction.to_dict()`` as indented JSON (non-ASCII kept as is)."""
    return json.dumps(extraction.to_dict(), indent=2, ensure_ascii=False)


def to_jsonl(extraction: Extraction) -> str:
    """``Extraction.to_dict()`` on one line (no trailing newline)."""
    return json.dumps(extraction.to_dict(), ensure_ascii=False, separators=(",", ":"))


def render(extraction: Extraction, fmt: Format) -> str:
    """The extraction in ``fmt`` (no trailing newline)."""
    if fmt == "json":
        return to_json(extraction)
    if fmt == "jsonl":
        return to_jsonl(extraction)
    return to_text(extraction)


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
