"""`argmap diff`: what changed between two versions of a map, for a reviewer."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageProblem,
    echo_text,
    format_option,
    readable_map,
    sources_option,
)
from argmap.locate import DEFAULT_MAP

if TYPE_CHECKING:
    from argmap.graph import ArgumentMap


@click.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--path",
    "map_dir",
    default=DEFAULT_MAP,
    show_default=True,
    help="The map's folder at a revision given without `:PATH`.",
)
@format_option(["text", "markdown"], "markdown suits a pull-request comment.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the maps differ, as `git diff --exit-code` does.")
@sources_option
def diff(old: str, new: str, map_dir: str, fmt: str, exit_code: bool) -> None:
    """Show claims and relations added, removed and changed between OLD and NEW, and claims
    whose status changed.

    OLD and NEW are each a map folder, or a git revision: `REV:PATH` is the folder PATH at REV
    (`HEAD~1:arguments`), a bare `REV` means `REV:--path`. An existing folder wins over a
    revision of the same name.
    """
    from argmap.diff import diff_maps, render_markdown, render_text
    from argmap.status import statuses

    with tempfile.TemporaryDirectory(prefix="argmap-diff-") as scratch:
        old_map, old_label = _side(old, map_dir, Path(scratch) / "0")
        new_map, new_label = _side(new, map_dir, Path(scratch) / "1")
        result = diff_maps(old_map, new_map, old_label, new_label, statuses(old_map), statuses(new_map))
    echo_text((render_markdown if fmt == "markdown" else render_text)(result))
    sys.exit(EXIT_PROBLEMS if exit_code and result else EXIT_OK)


def _side(spec: str, map_dir: str, scratch: Path) -> tuple[ArgumentMap, str]:
    """The map one side names (a folder, or a revision extracted into `scratch`), and its label."""
    from argmap.revisions import RevisionProblem, checkout

    try:
        folder, label = checkout(spec, map_dir, scratch)
    except RevisionProblem as exc:
        raise UsageProblem(str(exc)) from None
    return readable_map(folder, label), label
