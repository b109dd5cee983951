"""`argmap evaluate`: which claims of a map hold, across the readings of a semantics."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.cli.common import format_option, map_path, readable_map, semantics_option, sources_option
from argmap.evaluation_report import REPORTS

#: What `--semantics` decides for `evaluate` and `explain`.
SEMANTICS_HELP = (
    "preferred, stable: a claim holds in every reading (extension), is contested (some) or fails (none). "
    "grounded: one sceptical labelling, holds, fails or undecided."
)


@click.command()
@map_path
@semantics_option(SEMANTICS_HELP)
@click.option(
    "--authors-only",
    is_flag=True,
    help="Leave out the mapper's links (`mapper: true`): the map as its authors alone argue it.",
)
@format_option(
    REPORTS,
    "markdown: a table of every claim's status under each evaluation (preferred, grounded, each "
    "with and without the mapper's links).",
)
@sources_option
def evaluate(path: Path, semantics: str, authors_only: bool, fmt: str) -> None:
    """Say of every claim of the map at PATH whether it holds in every reading, is contested or
    fails in every reading; which claims are challenged; and which depend on the mapper's links.

    `argmap explain ID` says why. Exit status: 0, or 2 when PATH is no readable map.
    """
    click.echo(REPORTS[fmt](readable_map(path), semantics, authors_only), nl=False)
