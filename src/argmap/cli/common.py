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


def checked(path: Path, semantics: str = "preferred"):
    """Load and check the map at `path`; no map there is a usage problem."""
    from argmap.check import check_map
    from argmap.loader import MapNotFound

    try:
        return check_map(path, semantics)
    except MapNotFound as exc:
        raise UsageProblem(str(exc)) from None


def readable_map(path: Path, label: str | None = None):
    """Load the map at `path` and build its graph, for commands that need the whole map.

    A map whose files cannot all be read (syntax or format errors) would be shown or judged on
    part of its claims, so that is a usage problem naming the errors, as `argmap check` would.
    `label` names the map in messages when `path` is a scratch copy (a git revision)."""
    from argmap.graph import build
    from argmap.loader import MapNotFound, load_map
    from argmap.model import Severity

    try:
        loaded = load_map(path)
    except MapNotFound as exc:
        raise UsageProblem(str(exc)) from None
    errors = [d for d in loaded.diagnostics if d.severity is Severity.error]
    if errors:
        from argmap.reporters import text_lines

        listed = "\n".join(line for d in errors for line in text_lines(d))
        raise UsageProblem(f"{label or path}: the map has input errors; fix them first "
                           f"(`argmap check {label or path}`):\n{listed}")
    return build(loaded)
