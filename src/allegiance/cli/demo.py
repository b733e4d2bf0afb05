"""``allegiance demo``: the main job on the bundled example, end to end."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from allegiance import settings

EXAMPLE = "zenki-testimony.txt"


def example_path() -> Path:
    """Path of the bundled example text."""
    return Path(str(resources.files("allegiance.resources").joinpath("examples", EXAMPLE)))


@click.command()
@click.option("--db", default=settings.DATABASE, show_default=True, help="SQLite store to write")
def demo(db: str) -> None:
    """Extract the bundled example, store it and print the report."""
    from allegiance.ingest import read_path
    from allegiance.pipeline import extract_document
    from allegiance.query.report import render_report
    from allegiance.store import Store

    doc = read_path(example_path())
    extraction = extract_document(doc)
    with Store.open(db) as store:
        result = store.ingest(extraction)
        click.echo(render_report(store, document_id=result.document_id))
    click.echo(f"\nstored in {db} ({'new' if result.new else 'already there, unchanged'})", err=True)


commands: list[click.Command] = [demo]
