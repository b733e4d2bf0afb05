"""The ``allegiance`` command: a thin layer over the library.

Each command group lives in its own module and exposes ``commands``; this module only
collects them and turns every error into one line ``allegiance: error: MESSAGE [CODE]``
with a non-zero exit. ``allegiance --debug ...`` (or ``ALLEGIANCE_DEBUG=1``) shows the
traceback of an unexpected error instead.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import traceback
from types import FrameType
from typing import NoReturn

import click

from allegiance.cli import demo, extract, graph_cmds, names, review_cmds, serve, store_cmds
from allegiance.cli.leave import leave
from allegiance.errors import AllegianceError, oserror_line

#: exit code of an error nobody foresaw (a bug): shown as one line without --debug
INTERNAL_EXIT = 70


@click.group()
@click.version_option(package_name="allegiance")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error.")
def cli(debug: bool) -> None:
    """Turn texts about armed groups into a sourced, time-aware knowledge graph."""
    if debug:
        os.environ["ALLEGIANCE_DEBUG"] = "1"


for _module in (demo, extract, names, store_cmds, graph_cmds, review_cmds, serve):
    for _command in _module.commands:
        cli.add_command(_command)


def _debug(argv: list[str] | None) -> bool:
    args = sys.argv[1:] if argv is None else argv
    return os.environ.get("ALLEGIANCE_DEBUG") == "1" or "--debug" in args


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    # SIGTERM ends the run as Ctrl-C does: open transactions roll back, workers are stopped
    raise KeyboardInterrupt


def run() -> NoReturn:
    """The ``allegiance`` command: :func:`main`, then the process ends (see ``cli.leave``)."""
    leave(main())


def main(argv: list[str] | None = None) -> int:
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        result = cli.main(args=argv, prog_name="allegiance", standalone_mode=False)
    except AllegianceError as e:
        click.echo(f"allegiance: error: {e} [{e.code}]", err=True)
        return e.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("allegiance: aborted", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    except Exception as e:  # noqa: BLE001 - the last line of defence: one line, no traceback
        if _debug(argv):
            traceback.print_exc()
        click.echo(f"allegiance: error: {_describe(e)}", err=True)
        return 1 if isinstance(e, (OSError, sqlite3.Error)) else INTERNAL_EXIT
    return result if isinstance(result, int) else 0


def _describe(e: Exception) -> str:
    if isinstance(e, OSError):
        return f"{oserror_line(e)} [E500]"
    if isinstance(e, sqlite3.DatabaseError):
        return f"store unreadable or damaged: {e} [E300]"
    if isinstance(e, sqlite3.Error):
        return f"store error: {e} [E300]"
    return (f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback) "
            "[E999]")


if __name__ == "__main__":
    sys.exit(main())
