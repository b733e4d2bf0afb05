"""One claim per statement: repeats merged, unknown parties dropped where the sentence names them."""

from __future__ import annotations

from collections import deque
from typing import Any

from allegiance.model.types import Claim, TimeInterval
from allegiance.model.vocab import vocabulary


def named_agents(claims: list[Claim]) -> list[Claim]:
    """A deed with an unknown agent or victim is dropped where its sentence names them for
    the same deed ('Z was killed in an ambush carried out by X': X killed Z, not someone;
    'the leader of X was killed': the leader was, not someone)."""
    named = {(c.evidence.start, c.predicate, c.object) for c in claims if c.subject is not None}
    victims = {(c.evidence.start, c.predicate, c.subject) for c in claims if c.object is not None}
    preds = vocabulary().predicates
    return [c for c in claims
            if (c.subject is not None or (c.evidence.start, c.predicate, c.object) not in named
                or not preds[c.predicate].subject_optional)
            and (c.object is not None or (c.evidence.start, c.predicate, c.subject) not in victims
                 or not preds[c.predicate].object_optional)]


def _fact(stance_name: str) -> str:
    return vocabulary().stances.get(stance_name, "positive")


def merge_duplicates(claims: list[Claim], voices: dict[int, str]) -> list[Claim]:
    """One claim per statement: an untimed repeat joins the timed claim it restates.

    ``voices`` maps ``id(claim)`` to who speaks in the claim's segment (the author where a
    claim is not in it). The claims are merged in order, as :class:`Merger` merges them
    one by one.
    """
    merger = Merger()
    for c in claims:
        merger.add(c, voices.get(id(c), "author"))
    return merger.claims


class Merger:
    """Claims merged as they come, one claim kept per statement.

    Only where the same voice says it, or where the author's notes comment on a testimony:
    a statement attributed to someone else ('according to X') stays a claim of its own.
    Claims that may merge share a key (their statement and their voice, the author and a
    witness counted as one), so each claim is compared only with the earlier ones of its key.
    A repeat is not held: only its span is, on the claim it joins, so what a document holds
    grows with its statements, not with how often they are said.
    """

    def __init__(self) -> None:
        #: the claims kept, in the order they came
        self.claims: list[Claim] = []
        self._kept: dict[tuple[Any, ...], _Kept] = {}

    def add(self, c: Claim, voice: str) -> None:
        """Merge ``c``, said by ``voice`` (who speaks in its segment: ``author``, ``witness``
        or ``source:N``), into the claims kept."""
        said = "author" if voice == "witness" else voice
        same = self._kept.setdefault((c.subject, c.predicate, c.object, _fact(c.stance), said), _Kept())
        twin = same.at.get(c.evidence.start)
        if twin is None and c.time is not None:
            # the same statement with the same time, said again: one claim with two spans
            twin = same.with_time(c.time)
        if twin is None:
            # an untimed claim joins the first of its key; a timed one the first untimed one
            twin = (same.claims[0] if same.claims else None) if c.time is None else same.first_untimed()
        if twin is None:
            self.claims.append(c)
            same.add(c)
            return
        if twin.time is None and c.time is not None:
            twin.time = c.time
            same.timed(twin)
        extra: list[dict[str, Any]] = twin.qualifiers.setdefault("also_evidence", [])
        if c.evidence.start != twin.evidence.start:
            extra.append({"start": c.evidence.start, "end": c.evidence.end})
        if not extra:
            twin.qualifiers.pop("also_evidence")


class _Kept:
    """The claims kept under one key, in order, found by evidence start and by time."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.at: dict[int, Claim] = {}
        self._untimed: deque[Claim] = deque()
        self._order: dict[int, int] = {}
        self._by_time: dict[tuple[Any, Any], Claim] = {}

    def add(self, c: Claim) -> None:
        self._order[id(c)] = len(self.claims)
        self.claims.append(c)
        self.at.setdefault(c.evidence.start, c)
        if c.time is None:
            self._untimed.append(c)
        else:
            self.timed(c)

    def timed(self, c: Claim) -> None:
        """Record ``c``'s time (it has just gained one, or was added with it): the first
        claim in order holding a time is the one found by it."""
        assert c.time is not None
        key = (c.time.start, c.time.end)
        other = self._by_time.get(key)
        if other is None or self._order[id(c)] < self._order[id(other)]:
            self._by_time[key] = c

    def with_time(self, t: TimeInterval) -> Claim | None:
        return self._by_time.get((t.start, t.end))

    def first_untimed(self) -> Claim | None:
        while self._untimed and self._untimed[0].time is not None:  # a claim only gains a time
            self._untimed.popleft()
        return self._untimed[0] if self._untimed else None
