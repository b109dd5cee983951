"""`argmap show`, `argmap list` and `argmap stats`: looking around a map."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import click

from argmap.cli.common import (
    UsageProblem,
    echo_json,
    echo_text,
    format_option,
    known,
    map_path,
    readable_map,
    sources_option,
)
from argmap.status import LABELS
from argmap.vocabulary import Kind

_FORMAT = format_option(["text", "json"], "Output format.")


@click.command()
@click.argument("ident", metavar="ID")
@map_path
@_FORMAT
@sources_option
def show(ident: str, path: Path, fmt: str) -> None:
    """Show the claim or linked argument ID: its author, source, quote and locator, what it
    supports and attacks, and what supports and attacks it, each with its file:line:col."""
    from argmap.browse import show as show_entry
    from argmap.browse import show_data
    from argmap.diagnostics import did_you_mean
    from argmap.status import quote_statuses, statuses

    amap = readable_map(path)
    if ident not in amap.claims and ident not in amap.arguments:
        hint = did_you_mean(ident, sorted([*amap.claims, *amap.arguments]))
        raise UsageProblem(f"no claim or argument {ident!r} in {path}{hint}")
    if fmt == "json":
        echo_json(show_data(amap, ident, statuses(amap), quote_statuses(amap)))
    else:
        echo_text(show_entry(amap, ident, statuses(amap), quote_statuses(amap)))


@click.command("list")
@map_path
@click.option("--author", multiple=True, metavar="ID", help="Only claims by this author (repeatable: any of them).")
@click.option("--position", multiple=True, metavar="ID", help="Only claims of this position (repeatable).")
@click.option(
    "--kind", multiple=True, type=click.Choice([k.value for k in Kind]), help="Only claims of this kind (repeatable)."
)
@click.option("--tag", multiple=True, metavar="ID", help="Only claims with this tag (repeatable).")
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(LABELS),
    help="Only claims with this status across the preferred readings, or challenged, or whose status "
    "the mapper's links decide (repeatable).",
)
@_FORMAT
@sources_option
def list_claims(path: Path, fmt: str, **filters: tuple[str, ...]) -> None:
    """List the map's claims, one per line (id, kind, author, status, text), in file order.

    Filters of different options must all match; repeating an option matches any of its values."""
    from argmap.browse import Filters, list_text, select
    from argmap.status import statuses

    amap = readable_map(path)
    tags = {tag for entry in amap.claims.values() for tag in entry.item.tags}
    named: tuple[tuple[str, Collection[str], str], ...] = (
        ("author", amap.authors, "author"),
        ("position", amap.positions, "position"),
        ("tag", tags, "claim with the tag"),
    )
    for option, table, what in named:
        for value in filters[option]:
            known(f"--{option}", value, table, what)
    rows = select(amap, Filters(**filters), statuses(amap))
    if fmt == "json":
        echo_json(rows)
    else:
        echo_text(list_text(rows))


@click.command()
@map_path
@_FORMAT
@sources_option
def stats(path: Path, fmt: str) -> None:
    """Count the map's claims per author, kind and position, its relations per kind, its quotes
    (verified, not found, paraphrase) and its claims per status (holds, contested, fails)."""
    from argmap.browse import stats_text, tally
    from argmap.status import quote_statuses, statuses

    amap = readable_map(path)
    counts = tally(amap, statuses(amap), quote_statuses(amap))
    if fmt == "json":
        echo_json(counts)
    else:
        echo_text(stats_text(counts))
