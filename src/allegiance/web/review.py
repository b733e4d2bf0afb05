"""The review queue: what awaits an analyst's decision, and decisions recorded through the
same library calls as the command line: ``Store.merge`` / ``Store.reject`` for names (as
``allegiance merge`` / ``allegiance reject``), ``resolve.claim_review.review`` for claims and
facts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allegiance.errors import InputError

if TYPE_CHECKING:
    from allegiance.resolve.claim_review import Review
    from allegiance.resolve.judgements import Judgement
    from allegiance.store.db import Store

#: decisions on a proposed name merge
NAME_DECISIONS = ("merge", "reject")
#: decisions on a claim or a fact, as the web names them -> the recorded state
CLAIM_DECISIONS = {"confirm": "confirmed", "reject": "rejected", "edit": "edited"}
#: the fields an edit may change
EDIT_FIELDS = ("predicate", "time_start", "time_end", "stance")


def _proposed_claims(store: Store, limit: int) -> list[dict[str, Any]]:
    """The newest claims of current documents with no standing review: their ids first,
    read backwards through the claims table (so the work does not grow with the store),
    then each one's view by its id (one probe each; a list of ids lets the planner start
    from the documents instead)."""
    from allegiance.query.profile import CLAIM_SELECT, claim_view

    ids = [str(r[0]) for r in store.all(
        "SELECT c.id FROM claims c WHERE NOT EXISTS (SELECT 1 FROM reviews r "
        "WHERE r.target = 'claim' AND r.target_id = c.id AND r.active = 1) "
        "AND EXISTS (SELECT 1 FROM documents d WHERE d.id = c.document_id "
        "AND d.superseded_by IS NULL) ORDER BY c.rowid DESC LIMIT ?",
        (limit,),
    )]
    views = [store.one(CLAIM_SELECT + " WHERE c.id = ?", (i,)) for i in ids]
    return [claim_view(r).to_dict() for r in views if r is not None]


def _conflicts(store: Store, limit: int) -> list[dict[str, Any]]:
    from allegiance.query.conflicts import iter_conflicts

    out: list[dict[str, Any]] = []
    for c in iter_conflicts(store):
        facts = [f for f in c.facts if f.review.state == "proposed"]
        if facts:
            out.append({"kind": c.kind, "summary": c.summary,
                        "facts": [f.to_dict() for f in facts]})
        if len(out) >= limit:
            break
    return out


def slow_part(store: Store, limit: int = 50) -> dict[str, Any]:
    """The whole-store part of the queue: conflicts and name candidates (worked out in
    the background on a large store)."""
    return {"conflicts": _conflicts(store, limit),
            "names": [dict(c.__dict__) for c in store.review_candidates(limit)]}


def still_open(store: Store, slow: dict[str, Any]) -> dict[str, Any]:
    """``slow`` without what has been decided since it was worked out."""
    judged = {frozenset((str(r[0]), str(r[1]))) for r in store.all(
        "SELECT left_id, right_id FROM judgements WHERE active = 1 AND right_id IS NOT NULL")}
    reviewed = {str(r[0]) for r in store.all(
        "SELECT target_id FROM reviews WHERE target = 'fact' AND active = 1")}
    conflicts = []
    for c in slow["conflicts"]:
        facts = [f for f in c["facts"] if f["id"] not in reviewed]
        if facts:
            conflicts.append(dict(c, facts=facts))
    names = [n for n in slow["names"] if frozenset((n["left"], n["right"])) not in judged]
    return {"conflicts": conflicts, "names": names}


def queue(store: Store, slow: dict[str, Any] | None, current: bool,
          limit: int = 50) -> dict[str, Any]:
    """Proposed claims (newest first), then conflicts between facts and proposed name
    merges from ``slow`` (None while they are being worked out)."""
    from allegiance.model.vocab import vocabulary

    rest = still_open(store, slow) if slow is not None else {"conflicts": [], "names": []}
    return {"claims": _proposed_claims(store, limit), **rest,
            "pending": slow is None, "current": current,
            "predicates": sorted(vocabulary().predicates),
            "stances": list(vocabulary().stances)}


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


def decide(store: Store, target: str, target_id: str, decision: str, note: str,
           by: str | None, changes: dict[str, str]) -> Review:
    """Record a decision on a claim or a fact: confirm, reject, or edit with ``changes``."""
    from allegiance.resolve.claim_review import review

    if decision not in CLAIM_DECISIONS:
        raise InputError(f"unknown decision {decision!r} (one of {', '.join(CLAIM_DECISIONS)})")
    if not target_id:
        raise InputError(f"a decision needs the {target}'s id")
    edit = {k: v for k, v in changes.items() if k in EDIT_FIELDS and v}
    return review(store, target, target_id, CLAIM_DECISIONS[decision], note=note, by=by,
                  changes=edit if decision == "edit" else None)
