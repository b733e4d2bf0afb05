"""``allegiance serve``: the web workbench over a store, on this machine by default."""

from __future__ import annotations

import click

from allegiance import settings


@click.command()
@click.option("--db", default=settings.DATABASE, show_default=True, help="SQLite store file")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another address makes the workbench reachable from "
                   "elsewhere).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None, envvar="ALLEGIANCE_WEB_TOKEN",
              help="Write token (default: a new random one, printed at start-up).")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Start the web workbench: reader, entities, network, timeline, map, review, upload."""
    import uvicorn

    from allegiance.web import Secrets, create_app

    secrets = Secrets(token) if token else Secrets()
    app = create_app(db, secrets=secrets)
    click.echo(f"allegiance workbench on http://{host}:{port}/ over {db}", err=True)
    click.echo(f"write token: {secrets.token}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


commands: list[click.Command] = [serve]
