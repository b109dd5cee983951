"""`argmap import` and `argmap export`: maps in and out of other tools' formats."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from argmap.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageProblem,
    checked,
    echo_text,
    map_path,
    sources_option,
    stop_on_errors,
)
from argmap.interop import EXPORTERS, IMPORTERS

if TYPE_CHECKING:
    from argmap.graph import ArgumentMap
    from argmap.interop.draft import Imported

Reader = Callable[[Path], "Imported"]


def _function(table: dict[str, str], fmt: str) -> Any:
    """The function `module:name` of a format's row, imported now (the tables name them lazily)."""
    module, attr = table[fmt].split(":")
    return getattr(importlib.import_module(module), attr)


@click.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(IMPORTERS)))
@click.argument(
    "files", metavar="FILE...", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the map into; with several files, one map per file in DIR/<file name>.",
)
@click.option("--force", is_flag=True, help="Overwrite a map already in the output folder.")
@click.option("--partial", is_flag=True, help="Write a map even when its file has errors, without the broken parts.")
def import_map(fmt: str, files: tuple[Path, ...], output: Path, force: bool, partial: bool) -> None:
    """Import FILE... (FORMAT: aif, microtext, argdown, argdown-json or json) as argmap YAML maps.

    `argdown` reads .argdown files through the Argdown CLI (`argdown json`), which must be
    installed (`npm install -g @argdown/cli`).

    Problems in a file are reported like `argmap check` reports them, with the source's node
    ids; a file with errors is not written unless --partial. Exit status: 0 imported, 1 a file
    had errors, 2 usage error.
    """
    from argmap.interop.writer import write_map
    from argmap.reporters import TextReporter

    targets = {file: output if len(files) == 1 else output / file.stem for file in files}
    existing = [str(t) for t in targets.values() if (t / "map.yaml").exists()]
    if existing and not force:
        raise UsageProblem(f"a map exists already in {', '.join(existing)}; --force overwrites it")
    reader: Reader = _function(IMPORTERS, fmt)
    reporter = TextReporter()
    failed = 0
    for file, target in targets.items():
        imported = _imported(reader, file)
        for diagnostic in imported.diagnostics:
            click.echo("\n".join(reporter.lines(diagnostic)))
        failed += imported.failed
        if imported.failed and not partial:
            echo_text(f"{file}: not imported (errors above; --partial writes what could be read)\n")
            continue
        write_map(target, imported)
        claims, relations = imported.count()
        echo_text(f"{file} -> {target}: {claims} claims, {relations} relations\n")
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _imported(reader: Reader, file: Path) -> Imported:
    from argmap.interop.argdown import ArgdownMissing

    try:
        return reader(file)
    except ArgdownMissing as exc:
        raise UsageProblem(str(exc)) from None


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(EXPORTERS)))
@map_path
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write [default: standard output]."
)
@sources_option
def export_map(fmt: str, path: Path, output: Path | None) -> None:
    """Export the map at PATH (default arguments/) as FORMAT: aif, argdown or json.

    A map with errors is not exported: the errors are printed as `argmap check` prints them.
    Exit status: 0 exported, 1 the map has errors, 2 usage error or no map at PATH.
    """
    from argmap.files import atomic_write
    from argmap.safety import terminal_json

    result = checked(path)
    stop_on_errors(result, f"{path}: not exported; fix the errors first")
    export: Callable[[ArgumentMap], str] = _function(EXPORTERS, fmt)
    text = export(result.amap)
    if output is None:
        # Written as escapes, a bidi control is the same JSON value but cannot reorder a terminal;
        # Argdown has no escapes, so only a terminal gets them, a pipe the text as it is.
        escape = fmt != "argdown" or sys.stdout.isatty()
        click.echo(terminal_json(text) if escape else text, nl=False)
    else:
        atomic_write(output, text)
        click.echo(f"wrote {output}", err=True)
