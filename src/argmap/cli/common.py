"""What every subcommand shares: the map argument, exit codes, usage errors."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_MAP = "arguments"
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

map_path = click.argument("path", default=DEFAULT_MAP, type=click.Path(path_type=Path))


class UsageProblem(click.ClickException):
    """A problem with how argmap was called or with the path given: exit 2, one line, no traceback."""

    exit_code = EXIT_USAGE


def checked(path: Path):
    """Load and check the map at `path`; no map there is a usage problem."""
    from argmap.check import check_map
    from argmap.loader import MapNotFound

    try:
        return check_map(path)
    except MapNotFound as exc:
        raise UsageProblem(str(exc)) from None
