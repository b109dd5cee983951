"""`argmap solve`: the semantics engine on an abstract framework in an ICCMA format."""

from __future__ import annotations

import json
from pathlib import Path

import click

from argmap.cli.common import UsageProblem, echo_text, format_option
from argmap.semantics.extensions import ENUMERATORS
from argmap.semantics.framework import Framework
from argmap.semantics.iccma import READERS

#: ICCMA's task names: SE some extension, EE every extension, DC credulous and DS sceptical
#: acceptance of the argument given with -a; a bare `GR` (as ICCMA names its grounded
#: solution files) is EE-GR.
TASKS = ["GR", *(f"{problem}-{semantics}" for problem in ("SE", "EE", "DC", "DS") for semantics in ENUMERATORS)]


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--task",
    "-p",
    type=click.Choice(TASKS, case_sensitive=False),
    required=True,
    help="SE: some extension, EE: every extension, DC/DS: is -a ARG in some/every extension; "
    "of GR grounded, CO complete, PR preferred, ST stable. ICCMA's names: GR, EE-PR, DC-CO, ...",
)
@click.option("-a", "--argument", "argument", metavar="ARG", help="The argument a DC or DS task asks about.")
@format_option(READERS, "Input format [default: by extension: .apx, .tgf, .af/.i23].", default=None)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON: a list of extensions (EE), one or null (SE), true or false (DC, DS).",
)
def solve(file: Path, task: str, argument: str | None, fmt: str | None, as_json: bool) -> None:
    """Solve TASK on the argumentation framework in FILE, printing as ICCMA solutions do.

    EE prints every extension, `[[a1,a3],[a2]]`; SE prints one, `[a1,a3]`, or NO when there is
    none; DC and DS print YES or NO. Names are sorted within an extension and extensions are
    sorted. Exit status: 0, or 2 when FILE cannot be read as a framework or ARG is not in it.
    """
    from argmap.semantics.iccma import FormatError, read_framework

    problem, semantics = ("EE-" + task if task.upper() == "GR" else task).upper().split("-")
    if problem in ("DC", "DS") and argument is None:
        raise UsageProblem(f"{task} asks about one argument: name it with -a ARG")
    if problem not in ("DC", "DS") and argument is not None:
        raise UsageProblem(f"-a ARG is for the DC and DS tasks, not {task}")
    try:
        af = read_framework(file, fmt)
    except FormatError as exc:
        raise UsageProblem(str(exc)) from None
    if argument is not None:  # the DC and DS tasks, as checked above
        echo_text(_decide(af, problem, semantics, argument, file, as_json) + "\n")
    else:
        echo_text(_extensions(af, problem, semantics, as_json) + "\n")


def _decide(af: Framework, problem: str, semantics: str, argument: str, file: Path, as_json: bool) -> str:
    from argmap.diagnostics import did_you_mean
    from argmap.semantics.extensions import credulous, sceptical

    index = {name: i for i, name in enumerate(af.names)}
    if argument not in index:
        hint = did_you_mean(argument, af.names) if len(af.names) <= 10_000 else ""
        raise UsageProblem(f"{file}: no argument {argument!r}{hint}")
    accepted = (credulous if problem == "DC" else sceptical)(af, index[argument], semantics)
    return json.dumps(accepted) if as_json else "YES" if accepted else "NO"


def _extensions(af: Framework, problem: str, semantics: str, as_json: bool) -> str:
    from argmap.semantics.iccma import format_extension, format_extensions, sorted_extensions

    found = ENUMERATORS[semantics](af)
    if problem == "SE":
        extension = next(found, None)
        named = None if extension is None else sorted(af.names[a] for a in extension)
        return json.dumps(named) if as_json else "NO" if named is None else format_extension(named)
    named_all = [[af.names[a] for a in extension] for extension in found]
    return json.dumps(sorted_extensions(named_all)) if as_json else format_extensions(named_all)
