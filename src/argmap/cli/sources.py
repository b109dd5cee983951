"""`argmap sources`: the verification record (`lock`) and copies of sources fetched by URL (`fetch`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.cli.common import EXIT_OK, EXIT_PROBLEMS, fail, map_path, readable_map, sources_option


@click.group()
def sources() -> None:
    """The map's source texts: the verification record, and fetching copies by URL."""


@sources.command()
@map_path
@sources_option
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 when sources.lock is not what the texts at hand make it.",
)
def lock(path: Path, check_only: bool) -> None:
    """Write the verification record PATH/sources.lock from the source texts at hand.

    For each source whose text is found, the record holds the digest of its text and of every
    quote verified in it; a source whose text is absent keeps its entry as it was. Commit the
    file: where the texts are absent, `argmap check` verifies quotes against it.
    """
    from argmap.quotes import current_record, record_of
    from argmap.record import dumps, record_path

    amap = readable_map(path)
    record, kept = current_record(amap)
    text = dumps(record)
    target = record_path(amap.folder)
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    for sid in kept:
        click.echo(f"{sid}: text absent; its entry is kept as recorded, not checked")
    counts = ", ".join(
        f"{sid} {len(entry.quotes)} quote{'s' if len(entry.quotes) != 1 else ''}"
        for sid, entry in record.sources.items()
        if sid not in kept
    )
    if check_only:
        if old == text:
            click.echo(f"{target}: current ({counts or 'no source text at hand'})")
            return
        recorded, problem = record_of(amap)
        stale = [
            sid
            for sid in sorted(set(record.sources) | set(recorded.sources if recorded else ()))
            if recorded is None or recorded.sources.get(sid) != record.sources.get(sid)
        ]
        state = "missing" if old is None else problem or f"stale ({', '.join(stale) or 'layout'})"
        fail(f"{target}: {state}; write it with `argmap sources lock {path}` (with the texts at hand)")
    if old != text:
        target.write_text(text, encoding="utf-8")
    click.echo(f"{target}: {'unchanged' if old == text else 'written'} ({counts or 'no source text at hand'})")


@sources.command()
@map_path
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds one source may take."
)
@click.option(
    "--max-size",
    "max_mb",
    type=click.FloatRange(min=0.001),
    default=20.0,
    show_default=True,
    help="Largest body accepted, in MiB.",
)
def fetch(path: Path, timeout: float, max_mb: float) -> None:
    """Fetch every source of PATH with a `url:` into the cache (ARGMAP_CACHE, else ~/.cache/argmap/sources).

    A copy is kept only when its text's digest matches sources.lock (or, for a source the record
    does not hold, when every quote occurs in it). The map is never changed. Exit status: 0
    every source fetched, 1 some refused, 2 usage error.
    """
    from argmap.fetch import Fetched, fetch_all
    from argmap.safety import terminal as printable

    amap = readable_map(path)
    failed = False
    for event in fetch_all(amap, timeout, int(max_mb * 2**20)):
        if isinstance(event, Fetched):
            failed |= not event.ok
            click.echo(f"  {'ok' if event.ok else 'refused'}: {printable(event.message)}", err=not event.ok)
        else:
            click.echo(printable(event))
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)
