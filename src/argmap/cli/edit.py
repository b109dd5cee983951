"""`argmap rename` and `argmap remove`: change an id, or drop an entry, across the map's files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from argmap.cli.common import EXIT_OK, UsageProblem, echo_diagnostics, echo_diff, fail, map_path

if TYPE_CHECKING:
    from argmap.refactor import EditResult

_P = ParamSpec("_P")
_R = TypeVar("_R")


@click.command()
@click.argument("old")
@click.argument("new")
@map_path
@click.option("--dry-run", is_flag=True, help="Show the change as a diff and check it; write nothing.")
def rename(old: str, new: str, path: Path, dry_run: bool) -> None:
    """Rename the id OLD to NEW: its definition and every reference to it, in every file.

    Comments and formatting stay; the map is checked as it would be first, and every file
    changes together or none does. Exit status: 0 renamed, 1 the rename would bring an
    error (nothing written), 2 usage error (an unknown id, NEW taken or not an id).
    """
    from argmap.refactor import rename as rename_id

    result = _run(rename_id, path, old, new, dry_run=dry_run)
    _report(result, dry_run, f"renamed {old} to {new}")


@click.command()
@click.argument("ident", metavar="ID")
@map_path
@click.option("--dry-run", is_flag=True, help="Show the change as a diff and check it; write nothing.")
def remove(ident: str, path: Path, dry_run: bool) -> None:
    """Remove the claim, argument, author, source or position ID from its file.

    Refused (exit 1, nothing written) while anything still refers to it: the references are
    listed. Exit status: 0 removed, 1 refused, 2 usage error (an unknown id).
    """
    from argmap.refactor import remove as remove_id

    result = _run(remove_id, path, ident, dry_run=dry_run)
    _report(result, dry_run, f"removed {ident}")


def _run(action: Callable[_P, _R], *args: _P.args, **kwargs: _P.kwargs) -> _R:
    from argmap.authoring import EditProblem
    from argmap.loader import MapNotFound

    try:
        return action(*args, **kwargs)
    except (EditProblem, MapNotFound) as exc:
        raise UsageProblem(str(exc)) from None


def _report(result: EditResult, dry_run: bool, done: str) -> None:
    if dry_run:
        for path, (old, new) in result.changes.items():
            echo_diff(path, old, new)
    echo_diagnostics(result.introduced)
    if result.introduced:
        fail(
            f"not written: the change would bring {len(result.introduced)} new "
            f"error{'s' if len(result.introduced) != 1 else ''} (places are in the files as they would be)"
        )
    click.echo(f"{done}{' (dry run: nothing written)' if dry_run else ''}:")
    for loc in result.places:
        click.echo(f"  {loc}")
    sys.exit(EXIT_OK)
