"""`argmap add`: add claims and arguments to a claim file, checked before anything is written."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from argmap.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    UsageProblem,
    current_sources,
    echo_diagnostics,
    echo_diff,
    echo_text,
    map_path,
    sources_option,
)
from argmap.vocabulary import Kind

if TYPE_CHECKING:
    from argmap.authoring import AddResult

#: Options that write one claim's fields, in the order the fields are written to the file.
CLAIM_OPTIONS = (
    "id",
    "kind",
    "author",
    "source",
    "reported_by",
    "reports",
    "agreed_by",
    "position",
    "text",
    "quote",
    "locator",
    "tags",
    "note",
    "supports",
    "rebuts",
    "contradicts",
    "undercuts",
)


@click.command()
@map_path
@click.option(
    "--from",
    "snippet",
    type=click.File("rb"),
    help="YAML snippet to add: a claim file's content, a list of claims or one claim; - reads stdin.",
)
@click.option(
    "--to",
    "--file",
    "target",
    type=click.Path(path_type=Path),
    help="Claim file to add to, inside the map (created if absent) [default: the map's only claim file].",
)
@click.option("--text", help="The claim's text (with the options below instead of --from).")
@click.option("--id", "id_", metavar="ID", help="The claim's id [default: made from the text's first words].")
@click.option("--kind", type=click.Choice([k.value for k in Kind]), help="What the claim does in the argument.")
@click.option("--author", metavar="ID", help="Who asserts it [default: the file's defaults].")
@click.option("--source", metavar="ID", help="Where it is asserted [default: the file's defaults].")
@click.option("--position", metavar="ID", help="The position it belongs to.")
@click.option("--quote", help="The shortest verbatim passage of the source that carries it.")
@click.option("--locator", help="Where in the source: '¶3', '§ Opening', 'p. 12'.")
@click.option("--supports", multiple=True, metavar="ID", help="A claim it supports (repeatable).")
@click.option("--rebuts", multiple=True, metavar="ID", help="A claim it rebuts (repeatable).")
@click.option(
    "--contradicts",
    multiple=True,
    metavar="ID",
    help="A claim that cannot hold with it: a rebuttal both ways (repeatable).",
)
@click.option(
    "--undercuts",
    multiple=True,
    metavar="ARG|FROM->TO",
    help="An argument, or the support FROM->TO, it undercuts (repeatable).",
)
@click.option("--mapper", is_flag=True, help="Its links are the mapper's reading, not the author's explicit move.")
@click.option("--tag", "tags", multiple=True, metavar="ID", help="A tag (repeatable).")
@click.option("--note", help="A note for the mapper.")
@click.option("--reported-by", metavar="ID", help="Reported speech: the author whose text reports the claim.")
@click.option("--reports", metavar="ID", help="Reported speech: the claim in the author's own source it renders.")
@click.option("--agreed-by", multiple=True, metavar="ID", help="Another author who holds the claim (repeatable).")
@click.option("--force", is_flag=True, help="Write even if the addition brings new errors.")
@click.option("--dry-run", is_flag=True, help="Show the change as a diff and check it; write nothing.")
@sources_option
def add(
    path: Path,
    snippet: IO[bytes] | None,
    target: Path | None,
    mapper: bool,
    force: bool,
    dry_run: bool,
    **fields: str | tuple[str, ...] | None,
) -> None:
    """Add claims or arguments to the map at PATH, from a YAML snippet or from options.

    The whole map is checked as it would be; if the addition brings a new error, the problems
    are shown with their file:line:col and nothing is written (--force writes anyway). The
    file keeps its comments and formatting: the new entries are inserted as text.

    Exit status: 0 added, 1 new errors (written only with --force), 2 usage error.
    """
    from argmap.authoring import EditProblem, SnippetProblem, options_snippet, parse_snippet
    from argmap.authoring import add as add_entries
    from argmap.loader import MAX_FILE_BYTES, MapNotFound  # here: the loader pulls in pydantic

    fields["id"] = fields.pop("id_")
    given = sorted(name for name, value in fields.items() if value not in (None, ()))
    try:
        if snippet is not None:
            if given or mapper:
                option = given[0].replace("_", "-") if given else "mapper"
                raise UsageProblem(f"--from cannot be combined with --{option}")
            entries = parse_snippet(snippet.read(MAX_FILE_BYTES + 1), getattr(snippet, "name", "<stdin>"))
        elif fields["text"] is None:
            raise UsageProblem("give the claim with --text (and other options), or a YAML snippet with --from FILE|-")
        else:
            entries = options_snippet({name: fields[name] for name in CLAIM_OPTIONS}, mapper=mapper)
        if target is None and sys.stdin.isatty() and path.is_dir():
            target = _ask_target(path)
        result = add_entries(path, entries, target, force=force, dry_run=dry_run, sources=current_sources())
    except SnippetProblem as exc:
        echo_text(str(exc) + "\n")
        click.echo("not written: the addition itself has errors (places are in what was to be added)", err=True)
        sys.exit(EXIT_USAGE if exc.unreadable else EXIT_PROBLEMS)
    except (EditProblem, MapNotFound) as exc:
        raise UsageProblem(str(exc)) from None
    _report(result, dry_run)
    sys.exit(EXIT_PROBLEMS if result.refused else EXIT_OK)


def _ask_target(folder: Path) -> Path | None:
    """On a terminal, a map with several claim files asks which one (numbered, the first by default)."""
    from argmap.authoring import claim_files

    files = claim_files(folder)
    if len(files) < 2:
        return None
    for number, file in enumerate(files, 1):
        click.echo(f"{number}) {file.relative_to(folder)}", err=True)
    number = click.prompt("Add to which file?", type=click.IntRange(1, len(files)), default=1, err=True)
    return files[number - 1]


def _report(result: AddResult, dry_run: bool) -> None:
    from argmap.vocabulary import Severity

    if dry_run:
        echo_diff(result.target, result.old_text or "", result.new_text)
    echo_diagnostics(result.introduced)
    if result.unreadable:
        click.echo(f"not written: {result.target} would not read back as a claim file (see above)", err=True)
        return
    if result.refused and not result.written:
        errors = sum(d.severity is Severity.error for d in result.introduced)
        click.echo(
            f"not written: the addition would bring {errors} new error{'s' if errors != 1 else ''} "
            f"(places are in {result.target} as it would be); fix them, or add --force to write anyway",
            err=True,
        )
        return
    verb = "added" if result.written else "would add"
    for ident, loc in result.added:
        generated = " (generated id)" if ident in result.generated else ""
        click.echo(f"{verb} {ident}{generated} at {loc}")
