"""What every subcommand shares: the map argument, exit codes, usage errors."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from argmap.locate import DEFAULT_MAP, map_folder
from argmap.semantics.evaluation import DEFAULT_SEMANTICS, SEMANTICS

if TYPE_CHECKING:
    from argmap.authoring import EditProblem
    from argmap.check import CheckResult
    from argmap.diagnostics import Diagnostic
    from argmap.graph import ArgumentMap

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_R = TypeVar("_R")
_F = TypeVar("_F", bound=Callable[..., object])

#: The maps a command checked or built, kept to the end when the `argmap` program runs
#: (`argmap.cli.run` sets a list; a test's in-process runner leaves None): the program exits at
#: once after its output, so a map is never freed object by object on the command's way out
#: (a quarter of a second for 100,000 claims).
kept_until_exit: list[object] | None = None


def _kept(made: _R) -> _R:
    if kept_until_exit is not None:
        kept_until_exit.append(made)
    return made


def find_map() -> Path:
    """The map of the current folder, found upward (see `argmap.locate`); else arguments/."""
    found = map_folder(Path.cwd())
    return Path(os.path.relpath(found)) if found else Path(DEFAULT_MAP)


def _map_or_found(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    return value if value is not None else find_map()


map_path = click.argument("path", required=False, type=click.Path(path_type=Path), callback=_map_or_found)


def semantics_option(help: str) -> Callable[[_F], _F]:
    """`--semantics`, offering the semantics the evaluation has; `help` says what it decides here."""
    return click.option(
        "--semantics", type=click.Choice(SEMANTICS), default=DEFAULT_SEMANTICS, show_default=True, help=help
    )


def format_option(choices: Iterable[str], help: str, default: str | None = "text") -> Callable[[_F], _F]:
    """`--format` (the command's `fmt`), offering `choices`."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help,
    )


def known(option: str, value: str, choices: Collection[str], what: str) -> None:
    """A usage problem when `value`, given to `option`, names no `what` of the map: a filter or a
    view of something absent would be silently empty."""
    from argmap.diagnostics import did_you_mean

    if value not in choices:
        raise UsageProblem(f"{option}: no {what} {value!r} in the map{did_you_mean(value, sorted(choices))}")


def echo_text(text: str) -> None:
    """Print output that holds map text: a control or bidi character in it is shown escaped,
    never sent raw to the terminal (argmap.safety.terminal); argmap's own line breaks stay."""
    from argmap.safety import terminal_lines

    click.echo(terminal_lines(text), nl=False)


def echo_diff(file: Path, old: str, new: str) -> None:
    """Print what a change would do to `file`, as a unified diff (`--dry-run`)."""
    import difflib

    name = str(file)
    echo_text("".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), name, name)))


def echo_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Print diagnostics as `argmap check` does, one a line (with their detail lines)."""
    from argmap.reporters import text_lines

    for diag in diagnostics:
        click.echo("\n".join(text_lines(diag)))


def fail(message: str) -> NoReturn:
    """Say on stderr why the command did not do its work, and exit 1."""
    click.echo(message, err=True)
    sys.exit(EXIT_PROBLEMS)


def stop_on_errors(result: CheckResult, message: str) -> None:
    """For a command that needs a map without errors: when it has some, print them as
    `argmap check` does, then `message`, and exit 1."""
    from argmap.reporters import TextReporter

    if result.failed():
        click.echo(TextReporter().render(result), nl=False, err=True)
        fail(message)


def echo_json(value: object) -> None:
    """Print `value` as JSON, with the characters `echo_text` escapes written as JSON escapes."""
    import json

    from argmap.safety import terminal_json

    click.echo(terminal_json(json.dumps(value, indent=2, ensure_ascii=False)))


def sources_option(command: Callable[..., _R]) -> Callable[..., _R]:
    """`--sources DIR` (repeatable) on a command that reads source texts; `current_sources()` gives them."""

    @functools.wraps(command)
    def wrapper(*args: Any, sources: tuple[Path, ...] = (), **kwargs: Any) -> _R:
        click.get_current_context().meta["argmap.sources"] = tuple(sources)
        return command(*args, **kwargs)

    return click.option(
        "--sources",
        "sources",
        multiple=True,
        metavar="DIR",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="A folder of source texts, searched after the map's folder (repeatable; "
        "then the folders of ARGMAP_SOURCES, then the fetch cache).",
    )(wrapper)


def current_sources() -> tuple[Path, ...]:
    """The folders of source texts given with `--sources` to the running command."""
    ctx = click.get_current_context(silent=True)
    found: tuple[Path, ...] = ctx.meta.get("argmap.sources", ()) if ctx else ()
    return found


class UsageProblem(click.ClickException):
    """A problem with how argmap was called or with the path given: exit 2, one line, no traceback."""

    exit_code = EXIT_USAGE


def edit_refused(problem: EditProblem) -> UsageProblem:
    """An edit that cannot be made: its message, then the map's problems that stand in the way,
    each as `argmap check` prints it."""
    from argmap.reporters import text_lines

    return UsageProblem("\n".join([str(problem), *(line for d in problem.diagnostics for line in text_lines(d))]))


def checked(path: Path, semantics: str = "preferred", fork: bool = False) -> CheckResult:
    """Load and check the map at `path`; no map there is a usage problem. `fork`: see
    `check_map` (a command runs no other thread; one that reads the verified quotes after the
    check would verify them again)."""
    from argmap.check import check_map
    from argmap.loader import MapNotFound

    try:
        return _kept(check_map(path, semantics, sources=current_sources(), fork=fork))
    except MapNotFound as exc:
        raise UsageProblem(str(exc)) from None


def readable_map(path: Path, label: str | None = None) -> ArgumentMap:
    """Load the map at `path` and build its graph, for commands that need the whole map.

    A map whose files cannot all be read (syntax or format errors) would be shown or judged on
    part of its claims, so that is a usage problem naming the errors, as `argmap check` would.
    `label` names the map in messages when `path` is a scratch copy (a git revision)."""
    from argmap.graph import build
    from argmap.loader import MapNotFound, load_map
    from argmap.vocabulary import Severity

    try:
        loaded = load_map(path)
    except MapNotFound as exc:
        raise UsageProblem(str(exc)) from None
    errors = [d for d in loaded.diagnostics if d.severity is Severity.error]
    if errors:
        from argmap.reporters import text_lines

        listed = "\n".join(line for d in errors for line in text_lines(d))
        raise UsageProblem(
            f"{label or path}: the map has input errors; fix them first (`argmap check {label or path}`):\n{listed}"
        )
    amap = _kept(build(loaded))
    amap.source_dirs = current_sources()
    return amap
