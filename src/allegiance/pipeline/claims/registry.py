"""The claim finders, named and versioned, in the order they run on each sentence.

Each finder reads one sentence (a ``SentenceView``) and the claims the finders before it
found there, and returns its own. A rule family is driven by its cue file under
``resources/cues/claims/`` (the file's name is the family's); a structural finder by its own
cue file. A change of behaviour gets a new version name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allegiance.pipeline.claims import allegiance as fam_allegiance
from allegiance.pipeline.claims import deeds, lifecycle, lists, membership, relations, roles, territory, violence
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.view import SentenceView


@dataclass(frozen=True)
class Finder:
    name: str  # 'roles.v1'
    cue_file: str  # under resources/cues/claims/
    find: Callable[[SentenceView, list[RawClaim]], list[RawClaim]]


FINDERS: tuple[Finder, ...] = (
    Finder("membership.v2", "membership.yml", membership.find),
    Finder(roles.FINDER, "roles.yml", roles.find),
    Finder(lists.FINDER, "lists.yml", lists.find),
    Finder("allegiance.v2", "allegiance.yml", fam_allegiance.find),
    Finder("violence.v2", "violence.yml", violence.find),
    Finder(deeds.FINDER, "deeds.yml", deeds.find),
    Finder("territory.v2", "territory.yml", territory.find),
    Finder("lifecycle.v2", "lifecycle.yml", lifecycle.find),
    Finder("relations.v2", "relations.yml", relations.find),
)


def find_claims(view: SentenceView) -> list[RawClaim]:
    """Every finder's claims in one sentence, in the registry's order."""
    found: list[RawClaim] = []
    for finder in FINDERS:
        found.extend(finder.find(view, found))
    return found


__all__ = ["FINDERS", "Finder", "find_claims"]
