"""``allegiance names``: the name model from the command line."""

from __future__ import annotations

import json
import sys

import click

from allegiance.errors import InputError


@click.group()
def names() -> None:
    """Name tools: clustering spelling variants of one person or group."""


@names.command("cluster")
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--no-reference", is_flag=True, help="Use the name model alone, not the reference gazetteer.")
@click.option("--kind", type=click.Choice(["Person", "Organization"]), default=None,
              help="Treat every name as this kind (default: guessed per name).")
def cluster(file: str, no_reference: bool, kind: str | None) -> None:
    """Cluster names (one per line; '-' for stdin) into JSON lines {"name", "cluster"}."""
    from allegiance.names import cluster_names

    try:
        if file == "-":
            text = sys.stdin.read()
        else:
            with open(file, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as e:
        raise InputError(f"{file}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise InputError(f"{file}: not UTF-8 text") from None
    lines = [line.strip() for line in text.splitlines()]
    items = [line for line in lines if line]
    from allegiance.reference import reference_ids

    labels = cluster_names(items, kind=kind, reference=None if no_reference else reference_ids)
    out = click.get_text_stream("stdout")
    for name, label in zip(items, labels):
        out.write(json.dumps({"name": name, "cluster": label}, ensure_ascii=False) + "\n")


commands: list[click.Command] = [names]
