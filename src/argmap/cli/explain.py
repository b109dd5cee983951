"""`argmap explain`: why a claim holds, is contested or fails."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.cli.common import (
    UsageProblem,
    echo_json,
    echo_text,
    format_option,
    map_path,
    readable_map,
    semantics_option,
    sources_option,
)
from argmap.cli.evaluate import SEMANTICS_HELP


@click.command()
@click.argument("node_id", metavar="ID")
@map_path
@semantics_option(SEMANTICS_HELP)
@sources_option
@format_option(["text", "json"], "Output format: JSON gives the status and each sentence with its depth.")
def explain(node_id: str, path: Path, semantics: str, fmt: str) -> None:
    """Say why claim (or argument) ID of the map at PATH holds, is contested or fails.

    Each line gives a status and its reason; the lines under it explain that reason, back to
    claims nothing attacks. The authors' own links are given before the mapper's, the shortest
    chain first, whichever semantics; a contested claim is shown in two readings side by side;
    challenges and the mapper's links that decide the status are named. Exit status: 0, or 2 for
    an unknown ID or no readable map at PATH.
    """
    from argmap.diagnostics import did_you_mean
    from argmap.semantics import evaluate
    from argmap.semantics.explain import explain as sentences
    from argmap.semantics.verdict import status

    amap = readable_map(path)
    known = [*amap.claims, *amap.inferences]
    if node_id not in known:
        raise UsageProblem(f"no claim or argument {node_id!r} in {path}{did_you_mean(node_id, known)}")
    evaluation = evaluate(amap, semantics)
    authors = evaluate(amap, semantics, authors_only=True) if any(i.mapper for i in amap.inferences.values()) else None
    lines = sentences(amap, evaluation, node_id, authors)
    if fmt == "json":
        steps = [{"depth": (len(line) - len(line.lstrip(" "))) // 2, "text": line.strip()} for line in lines]
        echo_json(
            {
                "id": node_id,
                "semantics": semantics,
                "status": status(evaluation, node_id),
                "label": evaluation.labels[node_id],
                "explanation": steps,
            }
        )
    else:
        echo_text("".join(line + "\n" for line in lines))
