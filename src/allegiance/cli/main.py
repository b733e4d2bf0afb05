"""The ``allegiance`` command: a thin layer over the library.

Each command group lives in its own module and exposes ``commands``; this module only
collects them and turns domain errors into one-line messages with a non-zero exit.
"""

from __future__ import annotations

import sys

import click

from allegiance.cli import demo, extract, graph_cmds, names, review_cmds, serve, store_cmds
from allegiance.errors import AllegianceError


@click.group()
@click.version_option(package_name="allegiance")
def cli() -> None:
    """Turn texts about armed groups into a sourced, time-aware knowledge graph."""


for _module in (demo, extract, names, store_cmds, graph_cmds, review_cmds, serve):
    for _command in _module.commands:
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> int:
    try:
        result = cli.main(args=argv, prog_name="allegiance", standalone_mode=False)
    except AllegianceError as e:
        click.echo(f"allegiance: error: {e}", err=True)
        return e.exit_code
    except click.exceptions.Abort:
        click.echo("allegiance: aborted", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
