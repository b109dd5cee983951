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


def checked(path: Path, semantics: str = "grounded"):
    """Load and check the map at `path`; no map there is a usage problem."""
    from argmap.check import check_map
    from argmap.loader import MapNotFound

    try:
        return check_map(path, semantics)
    except MapNotFound as exc:
        raise UsageProblem(str(exc)) from None


def readable_map(path: Path):
    """Load the map at `path` and build its graph, for commands that need the whole map.

    A map whose files cannot all be read (syntax or format errors) would be judged on part of
    its claims, so that is a usage problem naming the errors, as `argmap check` would."""
    from argmap.graph import build
    from argmap.loader import MapNotFound, load_map
    from argmap.model import Severity

    try:
        loaded = load_map(path)
    except MapNotFound as exc:
        raise UsageProblem(str(exc)) from None
    errors = [d for d in loaded.diagnostics if d.severity is Severity.error]
    if errors:
        listed = "\n".join(f"{d.loc}: {d.code} {d.message}" for d in errors)
        raise UsageProblem(f"{path}: the map has input errors; fix them first (`argmap check {path}`):\n{listed}")
    return build(loaded)


def loaded(path: Path, label: str | None = None):
    """The built map at `path`; when it has errors, a note on stderr (what is shown may be partial)."""
    from argmap.model import Severity

    result = checked(path)
    errors = result.count(Severity.error)
    if errors:
        click.echo(f"note: the map {label or path} has {errors} error{'s' if errors != 1 else ''}; "
                   "`argmap check` lists them", err=True)
    return result.amap
