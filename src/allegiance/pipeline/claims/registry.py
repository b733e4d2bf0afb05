"""The claim finders, named and versioned, in the order they run on each sentence.

Each finder reads one sentence (a ``SentenceView``) and the claims the finders before it
found there, and returns its own. A rule family is driven by its cue file under
``resources/cues/claims/`` (the file's name is the family's); a structural finder by its own
cue file. A change of behaviour gets a new version name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from allegiance.errors import DataFileError

from allegiance.pipeline.claims import allegiance as fam_allegiance
from allegiance.pipeline.claims import deeds, lifecycle, lists, membership, relations, roles, territory, violence
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.view import SentenceView
from allegiance.resources import load_mapping


@dataclass(frozen=True)
class Finder:
    name: str  # 'roles.v1'
    cue_file: str  # under resources/cues/claims/
    find: Callable[[SentenceView, list[RawClaim]], list[RawClaim]]


FINDERS: tuple[Finder, ...] = (
    Finder("membership.v3", "membership.yml", membership.find),
    Finder(roles.FINDER, "roles.yml", roles.find),
    Finder(lists.FINDER, "lists.yml", lists.find),
    Finder("allegiance.v3", "allegiance.yml", fam_allegiance.find),
    Finder("violence.v3", "violence.yml", violence.find),
    Finder(deeds.FINDER, "deeds.yml", deeds.find),
    Finder("territory.v3", "territory.yml", territory.find),
    Finder("lifecycle.v3", "lifecycle.yml", lifecycle.find),
    Finder("relations.v3", "relations.yml", relations.find),
)


@cache
def _section_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_mapping("cues", "claims", "sections.yml")
    lists: dict[str, list[str]] = {}
    for key in ("reference_headings", "citation_marks"):
        v = data.get(key)
        if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
            raise DataFileError(f"cues/claims/sections.yml: {key!r} must be a list of words")
        lists[key] = v
    headings = "|".join(re.escape(h) for h in sorted(lists["reference_headings"], key=len, reverse=True))
    marks = "|".join(re.escape(m) for m in lists["citation_marks"])
    return (re.compile(rf"(?im)^[ \t#=*]*(?:{headings})[ \t]*:?[ \t=]*$"),
            re.compile(rf"^[ \t]*(?:{marks})"))


@lru_cache(maxsize=4)
def _sources_start(text: str) -> int:
    """Where the document's list of sources begins (its heading's line), else its length."""
    m = _section_cues()[0].search(text)
    return m.start() if m else len(text)


def in_sources(view: SentenceView) -> bool:
    """Is the sentence an entry of a list of sources (after a heading of one, or on a line
    opened by a citation mark)? Such a line names other texts; it makes no claim."""
    if view.start >= _sources_start(view.text):
        return True
    line = view.text.rfind("\n", 0, view.start) + 1
    return bool(_section_cues()[1].match(view.text, line, view.start + 2))


def find_claims(view: SentenceView) -> list[RawClaim]:
    """Every finder's claims in one sentence, in the registry's order."""
    if in_sources(view):
        return []
    found: list[RawClaim] = []
    for finder in FINDERS:
        found.extend(finder.find(view, found))
    return found


__all__ = ["FINDERS", "Finder", "find_claims", "in_sources"]
