"""Commands over the store: entities, show, timeline, report, export, merge, split, reject,
undo, review, backup, check. Each opens the store and calls one library function."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from allegiance import settings

if TYPE_CHECKING:
    from allegiance.resolve.judgements import Judgement
    from allegiance.store import Store

F = TypeVar("F", bound=Callable[..., Any])

EXPORT_FORMATS = ("csv", "events", "graphml", "gexf", "ftm", "stix", "jsonl", "json", "claims")


def db_option(f: F) -> F:
    return click.option(
        "--db", default=settings.DATABASE, show_default=True,
        help="SQLite store file or postgresql:// URL",
    )(f)


def format_option(f: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
    )(f)


def _open(db: str) -> Store:
    """The store, for a command that records judgements."""
    from allegiance.store import Store

    return Store.open(db, create=False)


def _read(db: str) -> Store:
    """The store, opened read-only: a read command never writes to the file."""
    from allegiance.store import Store

    return Store.open(db, readonly=True)


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command()
@db_option
@click.option("--type", "type_", default=None, help="Organization, Person or Place")
@format_option
def entities(db: str, type_: str | None, fmt: str) -> None:
    """List canonical entities with aliases and counts."""
    from allegiance.query.report import entity_line

    with _read(db) as store:
        found = store.entities(type_)
    if fmt == "json":
        _json([e.to_dict() for e in found])
        return
    for e in found:
        click.echo(f"{e.type:<12} {entity_line(e)}  [{e.id}; {e.documents} doc, {e.claims} claims]")


@click.command()
@click.argument("name")
@db_option
@format_option
def show(name: str, db: str, fmt: str) -> None:
    """Show an entity (found by any name or alias) and its claims in time order."""
    from allegiance.query.report import claim_line, entity_line

    with _read(db) as store:
        p = store.profile(name)
    if fmt == "json":
        _json(p.to_dict())
        return
    e = p.entity
    click.echo(f"{entity_line(e)}\n  {e.type} [{e.id}]"
               + (f" reference {e.reference_id}" if e.reference_id else "")
               + f"; {e.documents} documents, {e.mentions} mentions, {e.claims} claims")
    for c in p.claims:
        click.echo(f"  {claim_line(c)}")


@click.command()
@db_option
@click.option("--document", "document_id", default=None, help="report on one document id")
def report(db: str, document_id: str | None) -> None:
    """A readable report: entities by type, then the dated claims."""
    from allegiance.query.report import render_report

    with _read(db) as store:
        click.echo(render_report(store, document_id), nl=False)


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(list(EXPORT_FORMATS)))
@db_option
@click.option("-o", "--output", default="-", show_default=True,
              help="file to write, - for stdout; for csv a folder or a .zip")
@click.option("--at", "at_", default=None, metavar="DATE", help="only facts that can hold on DATE")
@click.option("--from", "from_", default=None, metavar="DATE", help="only facts from DATE on")
@click.option("--to", default=None, metavar="DATE", help="only facts up to DATE")
@click.option("--around", default=None, metavar="NAME", help="only facts near NAME")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=1, max=4),
              help="steps of facts from --around")
@click.option("--stance", "stances", multiple=True, metavar="STANCE",
              help="only facts with a source of this stance (repeatable)")
@click.option("--confirmed-only", is_flag=True, help="only facts an analyst confirmed or edited")
def export_cmd(
    fmt: str, db: str, output: str, at_: str | None, from_: str | None, to: str | None,
    around: str | None, depth: int, stances: tuple[str, ...], confirmed_only: bool,
) -> None:
    """Export the graph. Facts carry their sources (documents, quotes, stances); denied and
    disputed facts say so. FORMAT: csv (entities, facts and sources tables in a folder or
    .zip), events (ACLED-like table), graphml, gexf (Gephi, with time spells), ftm
    (FollowTheMoney lines), stix (STIX 2.1 bundle), jsonl, json (the whole store), claims
    (one CSV row per claim)."""
    from allegiance.errors import InputError
    from allegiance.export import Selection, export, exporter, format_class

    selection = Selection(at=at_, from_=from_, to=to, around=around, depth=depth,
                          stances=stances, confirmed_only=confirmed_only)
    if selection.filtered and fmt in ("json", "claims"):
        raise InputError(f"format {fmt} is the whole store: filters apply to the fact formats")
    needs_path = format_class(fmt).needs_path
    if needs_path and output == "-":
        raise InputError("csv writes three tables: give -o FOLDER or -o FILE.zip")
    if not needs_path:
        from allegiance.cli.extract import check_output_file

        check_output_file(output)
    with _read(db) as store:
        if needs_path:
            n = export(store, exporter(fmt, output), selection)
        elif output == "-":
            export(store, exporter(fmt, sys.stdout), selection)
            return
        else:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            partial = output + ".part"
            try:
                with open(partial, "w", encoding="utf-8", newline="") as fh:
                    n = export(store, exporter(fmt, fh), selection)
                os.replace(partial, output)
            finally:
                if os.path.exists(partial):
                    os.unlink(partial)
    click.echo(f"wrote {n} records to {output}", err=True)


def _said(j: Judgement) -> None:
    click.echo(f"judgement {j.id}: {j.kind} {j.left} {j.right or ''}".rstrip()
               + f" by {j.by}" + ("" if j.active else " (undone)"))


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--reason", required=True, help="why they are one entity")
@click.option("--by", default=None, help="who decides (default: $USER)")
@click.option("--force", is_flag=True,
              help="merge even entities of different types or different reference records")
@db_option
def merge(a: str, b: str, reason: str, by: str | None, force: bool, db: str) -> None:
    """Record that A and B are the same entity.

    A or B may be a name, an alias or an id; a name that denotes several entities is
    refused with the list of their ids."""
    from allegiance.resolve.lookup import find

    with _open(db) as store:
        left, right = find(store.conn, a), find(store.conn, b)
        row = store.one(
            "SELECT count(*) FROM facts WHERE (subject_id = ? AND object_id = ?) "
            "OR (subject_id = ? AND object_id = ?)",
            (left, right, right, left),
        )
        linked = int(row[0]) if row else 0
        _said(store.merge(a, b, reason, by, force))
        if linked:
            click.echo(
                f"allegiance: warning: {linked} fact(s) link {a!r} and {b!r}; merged, they "
                "now link the entity to itself (undo to revert)",
                err=True,
            )


@click.command("delete")
@click.argument("document")
@db_option
def delete(document: str, db: str) -> None:
    """Remove DOCUMENT (id or content hash) and everything only it supports."""
    with _open(db) as store:
        d = store.delete(document)
    click.echo(
        f"deleted {d.document_id}: {d.entities} entities, {d.claims} claims; "
        f"facts: {d.facts_removed} removed, {d.facts_changed} kept with fewer sources"
    )


@click.command()
@click.argument("name")
@click.option("--names", required=True, help="comma-separated names or document-entity ids")
@click.option("--reason", required=True, help="why they are a different entity")
@click.option("--by", default=None, help="who decides (default: $USER)")
@db_option
def split(name: str, names: str, reason: str, by: str | None, db: str) -> None:
    """Record that the parts of NAME known as --names are a different entity."""
    with _open(db) as store:
        _said(store.split(name, names.split(","), reason, by))


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--reason", default="", help="why they differ")
@click.option("--by", default=None, help="who decides (default: $USER)")
@db_option
def reject(a: str, b: str, reason: str, by: str | None, db: str) -> None:
    """Record that A and B are not the same entity."""
    with _open(db) as store:
        _said(store.reject(a, b, reason, by))


@click.command()
@db_option
def undo(db: str) -> None:
    """Revert the last judgement (it stays recorded, marked undone)."""
    with _open(db) as store:
        _said(store.undo())


@click.group()
def review() -> None:
    """Things worth an analyst's decision."""


@review.command("names")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@db_option
@format_option
def review_names(limit: int, db: str, fmt: str) -> None:
    """Likely duplicate entities, best first, with a score and why."""
    with _read(db) as store:
        found = store.review_candidates(limit)
    if fmt == "json":
        _json([c.__dict__ for c in found])
        return
    for c in found:
        click.echo(f"{c.score:5.1f}  {c.type:<12} {c.left_name} [{c.left}]  ~  "
                   f"{c.right_name} [{c.right}]  ({c.why})")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@db_option
@click.option("--force", is_flag=True, help="replace FILE if it exists")
def backup_cmd(file: str, db: str, force: bool) -> None:
    """Copy the store to FILE: a consistent copy while others go on writing (SQLite's
    online backup), checked before it takes FILE's name. A PostgreSQL store is backed up
    with pg_dump: the command says how and exits non-zero."""
    from allegiance.store.backup import backup

    done = backup(db, file, force=force)
    click.echo(f"backed up {db} to {done.path}: {done.documents} documents, {done.claims} "
               f"claims, {done.size} bytes")


@click.command("check")
@db_option
def check_cmd(db: str) -> None:
    """Look for damage: the file's integrity, rows pointing at rows that are gone, and facts
    that disagree with their claims. Each problem on one line; exit 1 if there is any."""
    from allegiance.store.check import check

    with _read(db) as store:
        problems = 0
        for p in check(store.conn, store.dialect):
            click.echo(p.line())
            problems += 1
    if problems:
        click.echo(f"allegiance: {problems} problem(s) in {db}", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"{db}: no problem found (integrity, foreign keys, orphan rows, facts)")


commands: list[click.Command] = [
    entities, show, report, export_cmd, merge, split, reject, undo, review, delete,
    backup_cmd, check_cmd,
]
