"""`argmap init` and `argmap schema`: starting a map, and the format for editors."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.cli.common import UsageProblem


@click.command()
@click.argument("which", type=click.Choice(["map", "claims"]), default="claims")
def schema(which: str) -> None:
    """Print the JSON Schema of map.yaml (`map`) or of a claim file (`claims`)."""
    from argmap.schema import json_schema

    click.echo(json_schema(which), nl=False)


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Start a new map in DIRECTORY: a manifest, a claim file, a source text and the schemas."""
    from argmap.scaffold import MapExists, write_starter

    if directory.exists() and not directory.is_dir():
        raise UsageProblem(f"{directory} is a file; init needs a folder (new or existing)")
    try:
        written = write_starter(directory)
    except MapExists as exc:
        raise UsageProblem(str(exc)) from None
    except OSError as exc:
        raise UsageProblem(f"cannot write {exc.filename or directory}: {exc.strerror or exc}") from None
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: edit {directory}/claims.yaml, then run `argmap check {directory}`")
