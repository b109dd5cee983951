"""The `argmap` command: wires the stages together; the work happens in the stage modules.

Stage modules are imported inside each command so that `argmap --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap import __version__

DEFAULT_MAP = "arguments"
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

map_path = click.argument("path", default=DEFAULT_MAP, type=click.Path(path_type=Path))


class UsageProblem(click.ClickException):
    """A problem with how argmap was called or with the path given: exit 2, one line, no traceback."""

    exit_code = EXIT_USAGE


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """Map a debate as an argument graph, check it, and render it.

    A map is a folder of YAML files (default: arguments/): map.yaml declares authors, sources
    and positions; the other files hold claims and linked arguments.
    """


@main.command()
@map_path
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default=None,
              help="Output format [default: github inside GitHub Actions, else text].")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--color/--no-color", default=None, help="Colour the text output [default: on a terminal].")
def check(path: Path, fmt: str | None, strict: bool, color: bool | None) -> None:
    """Check the map at PATH and report every problem.

    Exit status: 0 no errors, 1 problems found, 2 usage error or no map at PATH.
    """
    from argmap.reporters import REPORTERS, default_format

    result = _checked(path)
    reporter = REPORTERS[fmt or default_format()](color=sys.stdout.isatty() if color is None else color)
    click.echo(reporter.render(result), nl=False)
    sys.exit(EXIT_PROBLEMS if result.failed(strict) else EXIT_OK)


def _checked(path: Path):
    from argmap.check import check_map
    from argmap.loader import MapNotFound

    try:
        return check_map(path)
    except MapNotFound as exc:
        raise UsageProblem(str(exc)) from None


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the rules, or show the full documentation of the rule CODE."""
    from argmap.rules import all_rules

    catalogue = all_rules()
    if code is None:
        for rule in catalogue.values():
            click.echo(f"{rule.code}  {rule.name:<24} {rule.severity.value:<8} {rule.summary()}")
        return
    rule = catalogue.get(code.upper()) or next((r for r in catalogue.values() if r.name == code), None)
    if rule is None:
        raise UsageProblem(f"no rule {code!r}; `argmap rules` lists them")
    click.echo(f"{rule.code} {rule.name} ({rule.severity.value}; {rule.family()})\n\n{rule.doc()}")


@main.command()
@click.argument("which", type=click.Choice(["map", "claims"]), default="claims")
def schema(which: str) -> None:
    """Print the JSON Schema of map.yaml (`map`) or of a claim file (`claims`)."""
    from argmap.schema import json_schema

    click.echo(json_schema(which), nl=False)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Start a new map in DIRECTORY: a manifest, a claim file, a source text and the schemas."""
    from argmap.scaffold import MapExists, write_starter

    try:
        written = write_starter(directory)
    except MapExists as exc:
        raise UsageProblem(str(exc)) from None
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: edit {directory}/claims.yaml, then run `argmap check {directory}`")
