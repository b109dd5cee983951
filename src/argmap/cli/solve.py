"""`argmap solve`: the semantics engine on an abstract framework in an ICCMA format."""

from __future__ import annotations

import json
from pathlib import Path

import click

from argmap.cli.common import UsageProblem

TASKS = [f"{problem}-{semantics}" for problem in ("SE", "EE") for semantics in ("GR", "CO", "PR", "ST")]


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--task", "-p", type=click.Choice(TASKS, case_sensitive=False), required=True,
              help="SE: some extension, EE: every extension; of GR grounded, CO complete, PR preferred, ST stable.")
@click.option("--format", "fmt", type=click.Choice(["apx", "tgf", "i23"]), default=None,
              help="Input format [default: by extension: .apx, .tgf, .af/.i23].")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: a list of extensions (EE) or one or null (SE).")
def solve(file: Path, task: str, fmt: str | None, as_json: bool) -> None:
    """Solve TASK on the argumentation framework in FILE, printing as ICCMA solutions do.

    EE prints every extension, `[[a1,a3],[a2]]`; SE prints one, `[a1,a3]`, or NO when there is
    none. Names are sorted within an extension and extensions are sorted. Exit status: 0, or 2
    when FILE cannot be read as a framework.
    """
    from argmap.semantics.extensions import SEMANTICS
    from argmap.semantics.grounded import grounded
    from argmap.semantics.iccma import (
        FormatError, format_extension, format_extensions, read_framework, sorted_extensions,
    )

    try:
        af = read_framework(file, fmt)
    except FormatError as exc:
        raise UsageProblem(str(exc)) from None
    problem, semantics = task.upper().split("-")
    if semantics == "GR":
        found = iter([grounded(af).extension()])
    else:
        found = SEMANTICS[semantics](af)
    if problem == "SE":
        extension = next(found, None)
        named = None if extension is None else sorted(af.names[a] for a in extension)
        click.echo(json.dumps(named) if as_json else "NO" if named is None else format_extension(named))
        return
    named_all = [[af.names[a] for a in extension] for extension in found]
    click.echo(json.dumps(sorted_extensions(named_all)) if as_json else format_extensions(named_all))
