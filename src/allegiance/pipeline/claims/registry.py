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
from allegiance.pipeline.claims import (
    compounds, deeds, lifecycle, lists, membership, mutual, relations, roles, territory, violence,
)
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
    Finder("territory.v4", "territory.yml", territory.find),
    Finder("lifecycle.v4", "lifecycle.yml", lifecycle.find),
    Finder("relations.v3", "relations.yml", relations.find),
    Finder(compounds.FINDER, "compounds.yml", compounds.find),
    Finder(mutual.FINDER, "mutual.yml", mutual.find),
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


#: a line that opens as an entry of a list of works does: an author's surname, a comma, the
#: initials or first names, the year ('Smith, J. (2015). "X attacked Hama". ...')
_AUTHOR_YEAR = re.compile(r"[ \t]*[A-Z][\w'’-]+,[ \t]+(?:[A-Z][\w'’.-]*[ \t]*){1,4}(?:\(|,[ \t]*)?(?:1[89]|20)\d\d[a-z]?\b")


def cited(view: SentenceView) -> bool:
    """Does the sentence stand on a line shaped as an entry of a list of works (author,
    year), with no heading of sources before it?"""
    line = view.text.rfind("\n", 0, view.start) + 1
    return _AUTHOR_YEAR.match(view.text, line, min(len(view.text), line + 120)) is not None


def heading_line(view: SentenceView) -> bool:
    """Is the sentence a line of its own with no verb and no closing stop, short: a heading
    the segmenter left in the running text ('Attacks by X', 'Relations with Y')? A heading
    names a topic; it states nothing."""
    text = view.text
    line = text.rfind("\n", 0, view.start) + 1
    end = text.find("\n", view.end)
    end = len(text) if end < 0 else end
    if text[line:view.start].strip() or text[view.end:end].strip():
        return False
    words = view.sent_text.split()
    if not words or len(words) > _heading_words() or view.sent_text.rstrip()[-1:] in ".!?:;\"”)]":
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in view.tokens_in(view.start, view.end))


@cache
def _heading_words() -> int:
    value = load_mapping("cues", "claims", "sections.yml").get("heading_max_words")
    if not isinstance(value, int) or value < 1:
        raise DataFileError("cues/claims/sections.yml: 'heading_max_words' must be a whole number above 0")
    return value


def find_claims(view: SentenceView) -> list[RawClaim]:
    """Every finder's claims in one sentence, in the registry's order."""
    if in_sources(view) or cited(view) or heading_line(view):
        return []
    found: list[RawClaim] = []
    for finder in FINDERS:
        found.extend(finder.find(view, found))
    # a name joined to a participle ('Iran-backed') is a party only to what the participle says
    joined = compounds.joined_names(view)
    if joined:
        found = [c for c in found if c.rule.family == "compounds" or not any(
            r is not None and r.start in joined for r in (c.subject, c.object))]
    # a claim of an entity about itself says nothing ('fighters of X attacked X's compound')
    return [c for c in found if c.subject is None or c.object is None or c.subject.entity != c.object.entity]


__all__ = ["FINDERS", "Finder", "cited", "find_claims", "heading_line", "in_sources"]
