"""Write docs/cli.md from the commands' own --help, so the reference cannot go stale.

    python scripts/cli_docs.py          # rewrite docs/cli.md
    python scripts/cli_docs.py --check  # exit 1 if docs/cli.md differs
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from allegiance.cli.main import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _walk(cmd: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out.extend(_walk(cmd.commands[name], path + [name]))
    return out


def render() -> str:
    parts = ["# Command reference", "", "Generated from `--help` by `scripts/cli_docs.py`; do not edit by hand.", ""]
    for path, cmd in _walk(cli, ["allegiance"]):
        with click.Context(cmd, info_name=" ".join(path)) as ctx:
            help_text = cmd.get_help(ctx)
        parts += [f"## `{' '.join(path)}`", "", "```text", help_text.rstrip(), "```", ""]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        return 0 if DOC.exists() and DOC.read_text("utf-8") == text else 1
    DOC.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
