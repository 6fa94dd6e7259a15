"""``tidings serve``: the web explorer on a local port."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import err, main
from .config import default_db


@main.command()
@click.argument("db", required=False, metavar="[DB]")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 0.0.0.0 makes the explorer reachable from other machines.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
def serve(db: str | None, host: str, port: int) -> None:
    """Explore a store in the browser: events, timeline, map, network, evidence (read-only)."""
    import uvicorn

    from .web import create_app

    path = db or default_db()
    if not Path(path).is_file():
        raise click.ClickException(f"{path}: no such store (create one with: tidings ingest FILES --db {path})")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning[/] listening on {host}: anyone who can reach this machine can read the store")
    err.print(f"tidings explorer for {path}: open http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/ "
              "(Ctrl-C stops)", highlight=False)
    uvicorn.run(create_app(path), host=host, port=port, log_level="warning")
