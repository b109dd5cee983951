"""`argmap explain`: why a claim is IN, OUT or UNDEC."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.cli.common import UsageProblem, echo_json, echo_text, map_path, readable_map, sources_option
from argmap.cli.evaluate import semantics_option


@click.command()
@click.argument("node_id", metavar="ID")
@map_path
@semantics_option
@sources_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format: JSON gives the label and each sentence with its depth.")
def explain(node_id: str, path: Path, semantics: str, fmt: str) -> None:
    """Say why claim (or argument) ID of the map at PATH is IN, OUT or UNDEC.

    Each line gives a label and its reason; the lines under it explain that reason, back to
    claims nothing attacks. Exit status: 0, or 2 for an unknown ID or no readable map at PATH.
    """
    from argmap.diagnostics import did_you_mean
    from argmap.semantics import evaluate
    from argmap.semantics.explain import explain as sentences

    amap = readable_map(path)
    known = [*amap.claims, *amap.inferences]
    if node_id not in known:
        raise UsageProblem(f"no claim or argument {node_id!r} in {path}{did_you_mean(node_id, known)}")
    evaluation = evaluate(amap, semantics)
    lines = sentences(amap, evaluation, node_id)
    if fmt == "json":
        steps = [{"depth": (len(line) - len(line.lstrip(" "))) // 2, "text": line.strip()} for line in lines]
        echo_json({"id": node_id, "semantics": semantics, "label": evaluation.labels[node_id], "explanation": steps})
    else:
        echo_text("".join(line + "\n" for line in lines))
