"""`argmap diff`: what changed between two versions of a map, for a reviewer."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from argmap.cli.common import (
    DEFAULT_MAP,
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageProblem,
    echo_text,
    readable_map,
    sources_option,
)


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown suits a pull-request comment.",
)
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
    from argmap.revisions import RevisionProblem, extract, is_revision_spec, split_spec
    from argmap.status import statuses

    with tempfile.TemporaryDirectory(prefix="argmap-diff-") as scratch:
        sides = []
        for n, spec in enumerate((old, new)):
            if is_revision_spec(spec):
                rev, path = split_spec(spec, map_dir)
                try:
                    folder = extract(rev, path, Path(scratch) / str(n))
                except RevisionProblem as exc:
                    raise UsageProblem(str(exc)) from None
                label = f"{rev}:{path}"
            else:
                folder, label = Path(spec), spec
            amap = readable_map(folder, label)
            sides.append((amap, label, statuses(amap)))
        (old_map, old_label, old_labels), (new_map, new_label, new_labels) = sides
        result = diff_maps(old_map, new_map, old_label, new_label, old_labels, new_labels)
    echo_text((render_markdown if fmt == "markdown" else render_text)(result))
    sys.exit(EXIT_PROBLEMS if exit_code and result else EXIT_OK)
