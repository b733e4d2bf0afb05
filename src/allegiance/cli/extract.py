"""CLI commands (filled in by their module's owner)."""

from __future__ import annotations

import click

commands: list[click.Command] = []
