"""The review queue: what awaits an analyst's decision, and decisions recorded through the
same library calls as the command line (``allegiance merge`` / ``allegiance reject``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allegiance.errors import InputError

if TYPE_CHECKING:
    from allegiance.resolve.judgements import Judgement
    from allegiance.store.db import Store

#: decisions on a proposed name merge
NAME_DECISIONS = ("merge", "reject")


def queue(store: Store, limit: int = 50) -> dict[str, Any]:
    """Proposed name merges, best first."""
    names = [dict(c.__dict__, key=f"names:{c.left}:{c.right}")
             for c in store.review_candidates(limit)]
    return {"names": names}


def decide_names(store: Store, left: str, right: str, decision: str, reason: str,
                 by: str | None) -> Judgement:
    """Record a decision on two entities: ``merge`` (same entity) or ``reject`` (not)."""
    if decision not in NAME_DECISIONS:
        raise InputError(f"unknown decision {decision!r} (one of {', '.join(NAME_DECISIONS)})")
    if not left or not right:
        raise InputError("a name decision needs two entities")
    if decision == "merge":
        if not reason.strip():
            raise InputError("a merge needs a reason")
        return store.merge(left, right, reason, by)
    return store.reject(left, right, reason, by)
