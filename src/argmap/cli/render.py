"""`argmap render`: the map as diagrams, and `--check` that output/ is current."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageProblem,
    checked,
    fail,
    known,
    map_path,
    semantics_option,
    sources_option,
    stop_on_errors,
)
from argmap.render import DEFAULT_FORMATS, FORMATS

if TYPE_CHECKING:
    from argmap.render.annotate import ColorBy

INSTALL_GRAPHVIZ = (
    "install Graphviz for SVG, PNG, PDF and HTML: `apt-get install graphviz` (Debian, Ubuntu), "
    "`dnf install graphviz` (Fedora), `brew install graphviz` (macOS); `argmap doctor` tests it"
)


def beside(folder: Path) -> Path:
    """`output/` in the map folder's parent: the bundled map's arguments/ renders into ./output."""
    return Path(os.path.relpath(folder.resolve().parent / "output"))


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'}: choose from {','.join(FORMATS)}")
    return [f for f in FORMATS if f in chosen]


@click.command()
@map_path
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write into [default: output/ beside the map folder, in its parent].",
)
@click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    callback=_formats,
    help=f"Comma-separated formats to write, of {','.join(FORMATS)}.",
)
@click.option("--focus", metavar="ID", help="Render only this claim and its neighbourhood.")
@click.option(
    "--depth", type=click.IntRange(0), help="With --focus: how many relations away from the claim to draw [default: 2]."
)
@click.option(
    "--color-by",
    type=click.Choice(["author", "position"]),
    default="author",
    show_default=True,
    help="Fill claims by author or by position.",
)
@semantics_option("Which claims hold, as the status on each claim shows it.")
@click.option(
    "--badges",
    type=click.Choice(["full", "small", "off"]),
    default="full",
    show_default=True,
    help="How prominent each claim's status is: a coloured badge, a small word in its footer, or none.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 naming every file that is missing or stale.")
@click.option("--force", is_flag=True, help="Rewrite every file, even those whose source did not change.")
@sources_option
def render(
    path: Path,
    out_dir: Path | None,
    formats: list[str],
    focus: str | None,
    depth: int | None,
    color_by: ColorBy,  # one of the --color-by choices
    semantics: str,
    badges: str,
    check: bool,
    force: bool,
) -> None:
    """Render the map at PATH into diagrams: the whole map, its thesis chain, the clash views
    (one per thesis, and the common ground), one focus view per thesis, one view per position and
    one per author (or, with --focus, one claim's neighbourhood). Each view gets an interactive
    HTML page and Mermaid; views of up to 30 claims also a PNG. PDF, SVG and DOT with --format.

    Exit status: 0 done (or current, with --check), 1 map errors, stale output or no Graphviz,
    2 usage error or no map at PATH.
    """
    from argmap import status
    from argmap.render import outputs, views

    if depth is not None and focus is None:
        raise UsageProblem("--depth is the distance from the claim given with --focus ID; give both, or neither")
    out_dir = out_dir or beside(path)
    result = checked(path, semantics)
    stop_on_errors(result, f"not rendered: fix the errors in {path} first")
    amap = result.amap
    if focus is not None:
        known("--focus", focus, amap.claims, "claim")
    chosen = [views.focus(amap, focus, 2 if depth is None else depth)] if focus else views.default_views(amap)
    annotations = status.annotate(amap, result.evaluation, color_by, badges)
    planned = outputs.plan(amap, chosen, formats, annotations, complete=focus is None)
    if check:
        _report_check(outputs.stale(planned, out_dir), out_dir)
    for note in planned.notes:
        click.echo(note)
    try:
        done = outputs.write(planned, out_dir, force=force)
    except outputs.RenderError as exc:
        raise click.ClickException(str(exc)) from None
    for name in done.written:
        click.echo(f"wrote {out_dir / name}")
    for name in done.removed:
        click.echo(f"removed {out_dir / name} (its view is no longer drawn)")
    removed = f", {len(done.removed)} removed" if done.removed else ""
    click.echo(
        f"{len(chosen)} view(s) into {out_dir}/: {len(done.written)} written, {len(done.unchanged)} unchanged{removed}"
    )
    if done.skipped:
        fail(
            f"Graphviz's `dot` was not found, so {len(done.skipped)} file(s) were not made "
            f"({', '.join(done.skipped[:4])}{', ...' if len(done.skipped) > 4 else ''}); {INSTALL_GRAPHVIZ}"
        )


def _report_check(problems: list[tuple[str, str]], out_dir: Path) -> None:
    for name, why in problems:
        click.echo(f"{out_dir / name}: {why}")
    if problems:
        click.echo(f"{len(problems)} file(s) not current: run `argmap render` and commit {out_dir}/")
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"{out_dir}/ is current")
    sys.exit(EXIT_OK)
