"""Questions over the graph of facts: facts, timeline, at, path, search, conflicts, stats.
Each takes ``--known-by DATE`` (answer from the sources published by then) and
``--format json`` (the ``to_dict`` of the library's answer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from allegiance.cli.store_cmds import _json, _read, db_option, format_option

if TYPE_CHECKING:
    from allegiance.query.fact_records import Fact, FactSource

F = TypeVar("F", bound=Callable[..., Any])
UNKNOWN = "(unknown)"


def known_by_option(f: F) -> F:
    return click.option(
        "--known-by",
        "known_by",
        default=None,
        metavar="DATE",
        help="answer from the sources published by DATE (what the record said then)",
    )(f)


def _basis(q: dict[str, Any]) -> str:
    """What a claim's qualifiers say about how it was made (e.g. an attribution prior)."""
    if not q:
        return ""
    return " {" + ", ".join(f"{k}: {v}" for k, v in sorted(q.items())) + "}"


def fact_head(f: Fact) -> str:
    """``A — predicate → B``."""
    head = f"{f.subject or UNKNOWN} — {f.predicate}"
    if f.object_id is not None or f.object is not None:
        head += f" → {f.object or UNKNOWN}"
    return head


def source_line(s: FactSource) -> str:
    """``stance, source: S | “quote” [title, date] {basis}``."""
    from allegiance.query.report import quote

    how = s.stance + (f", source: {s.source}" if s.source else "")
    cite = s.document_title or s.document_id
    if s.published:
        cite += f", {s.published}"
    review = "" if s.review.state == "proposed" else f" ({s.review.state})"
    return f"{how}{review} | “{quote(s.quote, 160)}” [{cite}]{_basis(s.qualifiers)}"


def fact_line(f: Fact) -> str:
    """One line per fact: time (honest precision), head, stance summary, sources."""
    bits = [f.time.label, fact_head(f), f.stance.label]
    if f.certainty != "certain":
        bits[0] += " (uncertain)"
    if f.review.state != "proposed":
        bits.append(f.review.state)
    n = len(f.sources)
    bits.append(f"{n} source{'s' if n != 1 else ''} [{f.id}]")
    return " | ".join(bits)


def _print_facts(found: list[Fact], fmt: str, with_sources: bool) -> None:
    if fmt == "json":
        _json([f.to_dict() for f in found])
        return
    for f in found:
        click.echo(fact_line(f))
        if with_sources:
            for s in f.sources:
                click.echo(f"    {source_line(s)}")


def _time_options(f: F) -> F:
    f = click.option("--to", "to", default=None, metavar="DATE", help="facts up to DATE")(f)
    f = click.option("--from", "from_", default=None, metavar="DATE", help="facts from DATE")(f)
    f = click.option("--stance", default=None, help="facts with a source of this stance")(f)
    return click.option("--predicate", default=None, help="one predicate")(f)


@click.command()
@click.argument("name", required=False)
@_time_options
@known_by_option
@click.option("--confirmed-only", is_flag=True, help="only facts an analyst confirmed or edited")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(min=1))
@click.option("--sources/--no-sources", "with_sources", default=True, show_default=True)
@db_option
@format_option
def timeline(
    name: str | None, predicate: str | None, stance: str | None, from_: str | None,
    to: str | None, known_by: str | None, confirmed_only: bool, limit: int,
    with_sources: bool, db: str, fmt: str,
) -> None:
    """Facts in time order, about NAME or the whole store, each with its sources; times as
    precise as the sources allow (``2014-08 (end)``, ``before 2010-12-31``)."""
    from allegiance.query.timeline import fact_timeline

    with _read(db) as store:
        found = list(
            fact_timeline(
                store, name, predicate=predicate, stance=stance, from_=from_, to=to,
                known_by=known_by, confirmed_only=confirmed_only, limit=limit,
            )
        )
    _print_facts(found, fmt, with_sources)


@click.command("facts")
@click.argument("name", required=False)
@_time_options
@known_by_option
@click.option("--id", "fact_id", default=None, help="one fact by id")
@click.option("--rebuild", is_flag=True, help="file every claim into facts again first")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(min=1))
@db_option
@format_option
def facts_cmd(
    name: str | None, predicate: str | None, stance: str | None, from_: str | None,
    to: str | None, known_by: str | None, fact_id: str | None, rebuild: bool, limit: int,
    db: str, fmt: str,
) -> None:
    """Facts with all their sources (document, quote, stance, source, date)."""
    from allegiance.query.facts import get_fact, iter_facts
    from allegiance.store.facts import rebuild as rebuild_facts

    with _read(db) as store:
        if rebuild:
            with store.transaction() as conn:
                n = rebuild_facts(conn)
            click.echo(f"rebuilt {n} facts", err=True)
        if fact_id is not None:
            found = [get_fact(store, fact_id, known_by)]
        else:
            found = list(
                iter_facts(
                    store, entity=name, predicate=predicate, stance=stance, from_=from_,
                    to=to, known_by=known_by, limit=limit,
                )
            )
    _print_facts(found, fmt, True)


@click.command()
@click.argument("date")
@click.option("--around", default=None, metavar="NAME", help="only what is near NAME")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=1, max=4))
@known_by_option
@click.option("--confirmed-only", is_flag=True, help="only facts an analyst confirmed or edited")
@db_option
@format_option
def at(
    date: str, around: str | None, depth: int, known_by: str | None, confirmed_only: bool,
    db: str, fmt: str,
) -> None:
    """The graph on DATE: memberships, leaders, alliances, hostilities, groups that existed,
    who held which place. Intervals that only may include DATE are marked uncertain."""
    from allegiance.query.at import snapshot

    with _read(db) as store:
        snap = snapshot(
            store, date, around=around, depth=depth, known_by=known_by,
            confirmed_only=confirmed_only,
        )
    if fmt == "json":
        _json(snap.to_dict())
        return
    title = f"On {date}" + (f", around {around} (depth {depth})" if around else "")
    click.echo(title + (f", as known by {known_by}" if known_by else ""))
    for heading, found in snap.relations.items():
        if found:
            click.echo(f"{heading}:")
            for f in found:
                click.echo(f"  {fact_line(f)}")
    if snap.groups:
        click.echo("groups:")
        for g in snap.groups:
            mark = "" if g.certainty == "certain" else " (uncertain)"
            click.echo(f"  {g.name or g.entity_id}{mark} | founded {g.founded.time.label}")
    if snap.holdings:
        click.echo("places held:")
        for h in snap.holdings:
            click.echo(
                f"  {h.place or h.place_id} — {h.holder or UNKNOWN} (uncertain) | "
                f"{h.fact.predicate} {h.fact.time.label}"
            )


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--at", "at_", default=None, metavar="DATE", help="only facts that can hold on DATE")
@known_by_option
@click.option("--max-depth", default=6, show_default=True, type=click.IntRange(min=1, max=10))
@db_option
@format_option
def path(
    a: str, b: str, at_: str | None, known_by: str | None, max_depth: int, db: str, fmt: str
) -> None:
    """How A and B are connected: the shortest chain of facts between them."""
    from allegiance.query.paths import path as find_path

    with _read(db) as store:
        found = find_path(store, a, b, at=at_, known_by=known_by, max_depth=max_depth)
    if fmt == "json":
        _json(found.to_dict())
    elif not found.found:
        click.echo(f"no connection between {found.from_name} and {found.to_name} "
                   f"within {max_depth} facts")
    else:
        for step in found.steps:
            click.echo(fact_line(step.fact))
    if not found.found:
        raise click.exceptions.Exit(1)


@click.command()
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@known_by_option
@db_option
@format_option
def search(text: str, limit: int, known_by: str | None, db: str, fmt: str) -> None:
    """Full-text search over documents, names and quotes."""
    from allegiance.query.search import search as run_search

    with _read(db) as store:
        hits = run_search(store, text, limit=limit, known_by=known_by)
    if fmt == "json":
        _json([h.to_dict() for h in hits])
        return
    for h in hits:
        where = f" [{h.document_title or h.document_id}]" if h.kind != "document" else ""
        click.echo(f"{h.kind:<8} {h.label or h.id}{where} | {h.snippet} [{h.id}]")


@click.command()
@click.option(
    "--kind",
    type=click.Choice(["contested", "hostile_memberships", "after_death", "after_dissolution"]),
    default=None,
)
@known_by_option
@db_option
@format_option
def conflicts(kind: str | None, known_by: str | None, db: str, fmt: str) -> None:
    """Contradictions with their evidence: contested facts, members of hostile groups,
    acts after a recorded death, groups active after their dissolution."""
    from allegiance.query.conflicts import iter_conflicts

    with _read(db) as store:
        found = list(iter_conflicts(store, kind=kind, known_by=known_by))
    if fmt == "json":
        _json([c.to_dict() for c in found])
        return
    for c in found:
        click.echo(f"{c.kind}: {c.summary}")
        for f in c.facts:
            click.echo(f"  {fact_line(f)}")
            for s in f.sources:
                click.echo(f"      {source_line(s)}")


@click.command()
@click.option("--no-conflicts", is_flag=True, help="skip counting conflicts (faster)")
@db_option
@format_option
def stats(no_conflicts: bool, db: str, fmt: str) -> None:
    """Documents, entities by type, facts by predicate and stance, open review items,
    conflicts."""
    from allegiance.query.stats import stats as compute

    with _read(db) as store:
        s = compute(store, with_conflicts=not no_conflicts)
    if fmt == "json":
        _json(s.to_dict())
        return
    click.echo(f"documents: {s.documents}\nclaims: {s.claims}\nfacts: {s.facts}")
    click.echo("entities: " + ", ".join(f"{t} {n}" for t, n in s.entities.items()))
    click.echo("facts by predicate:")
    for p, counts in s.facts_by_predicate.items():
        click.echo(f"  {p}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    click.echo(
        "open review items: " + ", ".join(f"{k} {v}" for k, v in s.open_review.items())
    )
    if not no_conflicts:
        click.echo(
            "conflicts: " + (", ".join(f"{k} {v}" for k, v in s.conflicts.items()) or "none")
        )


commands: list[click.Command] = [timeline, facts_cmd, at, path, search, conflicts, stats]
