"""`argmap serve`: a live preview of the map in the browser."""

from __future__ import annotations

import errno
from pathlib import Path

import click

from argmap.cli.common import UsageProblem, current_sources, map_path, sources_option


@click.command()
@map_path
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@sources_option
def serve(path: Path, port: int) -> None:
    """Serve a live preview of the map at PATH on 127.0.0.1: its views and its problems, redrawn
    within a second of each save. Ctrl-C stops it.

    A map with errors is drawn as far as it can be, with the claims a problem concerns outlined
    in red; while a file cannot be read, the last picture that could be drawn stays.
    """
    try:
        from argmap.serve import make_server
        from argmap.serve import serve as run_server
    except ImportError as exc:
        raise UsageProblem(
            f"argmap serve needs the `serve` extra ({exc.name} is missing): pip install 'argmap[serve]'"
        ) from None
    if not path.is_dir():
        raise UsageProblem(f"{path}: no such map folder")
    from argmap import collector

    try:
        server, preview = make_server(path, port, current_sources())
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageProblem(
                f"port {port} on 127.0.0.1 is in use already; choose another with --port (--port 0 takes any free one)"
            ) from None
        raise UsageProblem(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    # An AF_INET address: (host, port), the host as text.
    host, bound = str(server.server_address[0]), server.server_address[1]
    try:
        preview.refresh()  # the first picture is ready when the address is printed
        click.echo(f"serving {path} at http://{host}:{bound}/ (Ctrl-C stops)")
        collector.end_start_up()  # it runs for long: its garbage is collected
        run_server(server, preview)
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()
