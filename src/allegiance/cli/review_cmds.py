"""Review of claims and facts: ``review claims`` walks the open claims in the terminal
(confirm, reject, edit, skip, undo, quit); ``review decide`` records one decision;
``review undo`` reverts the last one. Decisions are recorded, undoable judgements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from allegiance.cli.graph_cmds import fact_line, source_line
from allegiance.cli.store_cmds import _json, _open, db_option, review

if TYPE_CHECKING:
    from allegiance.query.fact_records import Fact, FactSource
    from allegiance.store import Store

ACTIONS = {"c": "confirm", "r": "reject", "e": "edit", "s": "skip", "u": "undo", "q": "quit"}


def open_claims(store: Store, name: str | None) -> Iterator[tuple[Fact, FactSource]]:
    """Claims nobody has decided on yet, with their facts: contested facts first."""
    from allegiance.query.facts import iter_facts
    from allegiance.query.rules import conflict_rules

    seen: set[str] = set()
    contesting = sorted(conflict_rules().contesting)
    for stance in (contesting, None):
        for f in iter_facts(store, entity=name, stance=stance):
            if f.id in seen:
                continue
            seen.add(f.id)
            for s in f.sources:
                if s.review.state == "proposed":
                    yield f, s


def _edit_changes() -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for field, label in (
        ("predicate", "predicate"),
        ("time_start", "time start (YYYY[-MM[-DD]])"),
        ("time_end", "time end (YYYY[-MM[-DD]])"),
        ("stance", "stance"),
    ):
        value = click.prompt(f"  {label} (empty: keep)", default="", show_default=False)
        if value.strip():
            changes[field] = value.strip()
    return changes


@review.command("claims")
@click.argument("name", required=False)
@click.option("--by", default=None, help="who decides (default: $USER)")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@db_option
def review_claims(name: str | None, by: str | None, limit: int, db: str) -> None:
    """Walk the open claims (about NAME if given), contested facts first:
    [c]onfirm, [r]eject, [e]dit predicate/time/stance, [s]kip, [u]ndo, [q]uit."""
    from allegiance.errors import AllegianceError
    from allegiance.resolve.claim_review import review as record
    from allegiance.resolve.claim_review import undo_review

    with _open(db) as store:
        shown = 0
        items = open_claims(store, name)
        for fact, source in items:
            if shown >= limit:
                break
            shown += 1
            click.echo(f"\n{fact_line(fact)}\n  {source_line(source)}\n  claim {source.claim_id}")
            while True:
                key = click.prompt(
                    "  [c]onfirm [r]eject [e]dit [s]kip [u]ndo [q]uit",
                    type=click.Choice(list(ACTIONS)),
                    show_choices=False,
                )
                action = ACTIONS[key]
                try:
                    if action == "quit":
                        click.echo(f"stopped after {shown} claim(s)")
                        return
                    if action == "skip":
                        break
                    if action == "undo":
                        r = undo_review(store)
                        click.echo(f"  undid {r.state} of {r.target} {r.target_id}")
                        continue
                    note = click.prompt("  note", default="", show_default=False)
                    if action == "edit":
                        changes = _edit_changes()
                        record(store, "claim", source.claim_id, "edited", note=note, by=by,
                               changes=changes)
                    else:
                        state = "confirmed" if action == "confirm" else "rejected"
                        record(store, "claim", source.claim_id, state, note=note, by=by)
                    click.echo(f"  {action}ed".replace("eed", "ed"))
                    break
                except AllegianceError as e:
                    click.echo(f"  {e}")
        click.echo(f"no more open claims ({shown} shown)" if shown < limit else
                   f"{shown} claim(s) shown; run again for more")


@review.command("decide")
@click.argument("target", type=click.Choice(["claim", "fact"]))
@click.argument("item_id", metavar="ID")
@click.argument("state", type=click.Choice(["confirmed", "rejected", "edited"]))
@click.option("--predicate", default=None)
@click.option("--time-start", default=None, metavar="DATE")
@click.option("--time-end", default=None, metavar="DATE")
@click.option("--stance", default=None)
@click.option("--note", default="", help="why")
@click.option("--by", default=None, help="who decides (default: $USER)")
@db_option
def review_decide(
    target: str, item_id: str, state: str, predicate: str | None, time_start: str | None,
    time_end: str | None, stance: str | None, note: str, by: str | None, db: str,
) -> None:
    """Record one decision on a claim or a fact (an edit takes --predicate, --time-start,
    --time-end, --stance)."""
    from allegiance.resolve.claim_review import review as record

    changes = {
        k: v
        for k, v in (
            ("predicate", predicate), ("time_start", time_start), ("time_end", time_end),
            ("stance", stance),
        )
        if v is not None
    }
    with _open(db) as store:
        r = record(store, target, item_id, state, note=note, by=by,
                   changes=changes or None)
    click.echo(f"{r.state} {r.target} {r.target_id} (decision {r.id}, by {r.by})")


@review.command("undo")
@db_option
def review_undo(db: str) -> None:
    """Revert the last decision on a claim or a fact."""
    from allegiance.resolve.claim_review import undo_review

    with _open(db) as store:
        r = undo_review(store)
    click.echo(f"undid {r.state} of {r.target} {r.target_id} (decision {r.id})")


@review.command("history")
@db_option
def review_history(db: str) -> None:
    """Every decision on claims and facts, oldest first, as JSON."""
    from allegiance.resolve.claim_review import history

    with _open(db) as store:
        _json([r.__dict__ for r in history(store)])


commands: list[click.Command] = []
