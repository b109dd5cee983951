"""`argmap check` and `argmap rules`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from argmap.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageProblem,
    checked,
    format_option,
    map_path,
    semantics_option,
    sources_option,
)
from argmap.reporters import REPORTERS


@click.command()
@map_path
@format_option(REPORTERS, "Output format [default: github inside GitHub Actions, else text].", default=None)
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@semantics_option("Which claims hold, as counted in the summary (and listed in json).")
@click.option(
    "--color/--no-color", default=None, help="Colour the text output [default: on a terminal, unless NO_COLOR is set]."
)
@sources_option
def check(path: Path, fmt: str | None, strict: bool, semantics: str, color: bool | None) -> None:
    """Check the map at PATH, report every problem, and count which claims stand.

    Exit status: 0 no errors, 1 problems found, 2 usage error or no map at PATH.
    """
    from argmap.reporters import default_format

    result = checked(path, semantics, fork=True)
    if color is None:  # https://no-color.org
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    # click.echo strips colour codes when stdout is no terminal; --color means keep them.
    click.echo(REPORTERS[fmt or default_format()](color=color).render(result), nl=False, color=color)
    sys.exit(EXIT_PROBLEMS if result.failed(strict) else EXIT_OK)


@click.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print every rule's documentation as Markdown (docs/rules.md).")
def rules(code: str | None, markdown: bool) -> None:
    """List the rules, or show the full documentation of the rule CODE."""
    from argmap.rules import all_rules, catalogue_markdown

    catalogue = all_rules()
    if markdown:
        click.echo(catalogue_markdown(), nl=False)
        return
    if code is None:
        width = max(len(rule.name) for rule in catalogue.values())
        for rule in catalogue.values():
            click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<8} {rule.summary()}")
        return
    found = catalogue.get(code.upper()) or next((r for r in catalogue.values() if r.name == code), None)
    if found is None:
        raise UsageProblem(f"no rule {code!r}; `argmap rules` lists them")
    click.echo(f"{found.code} {found.name} ({found.severity.value}; {found.family()})\n\n{found.doc()}")
