"""`argmap evaluate`: which claims of a map stand under a semantics."""

from __future__ import annotations

import json
from pathlib import Path

import click

from argmap.cli.common import map_path, readable_map, sources_option
from argmap.semantics import IN, OUT, SEMANTICS, UNDEC

semantics_option = click.option(
    "--semantics", type=click.Choice(SEMANTICS), default="grounded", show_default=True,
    help="grounded: the sceptical core, one labelling. preferred, stable: IN when in every extension, "
         "OUT when every extension attacks it, else UNDEC.",
)


@click.command()
@map_path
@semantics_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@sources_option
def evaluate(path: Path, semantics: str, fmt: str) -> None:
    """Label every claim of the map at PATH IN, OUT or UNDEC, with counts.

    `argmap explain ID` says why a claim has its label. Exit status: 0, or 2 when PATH is no
    readable map.
    """
    from argmap.semantics import evaluate as run

    amap = readable_map(path)
    ev = run(amap, semantics)
    click.echo(_json(amap, ev) if fmt == "json" else _text(amap, ev), nl=False)


def _counts(amap, ev) -> dict[str, int]:
    labels = [ev.labels[cid] for cid in amap.claims]
    return {label: labels.count(label) for label in (IN, OUT, UNDEC)}


def _text(amap, ev) -> str:
    several = ev.semantics != "grounded"
    width = max((len(cid) for cid in amap.claims), default=0)
    lines = []
    for cid in amap.claims:
        line = f"{ev.labels[cid]:<6} {cid}"
        if several:
            line = f"{line:<{width + 7}}  in {ev.count(cid)} of {len(ev.extensions)}"
        lines.append(line)
    counts = ", ".join(f"{n} {label}" for label, n in _counts(amap, ev).items())
    n = len(ev.extensions)
    found = f"{n} {ev.semantics} extension{'s' if n != 1 else ''}; " if several else ""
    lines.append(f"{len(amap.claims)} claims under {ev.semantics} semantics ({found}{counts})")
    return "\n".join(lines) + "\n"


def _json(amap, ev) -> str:
    data = {
        "semantics": ev.semantics,
        "extensions": len(ev.extensions),
        "counts": _counts(amap, ev),
        "claims": [{"id": cid, "label": ev.labels[cid], "extensions": ev.count(cid)} for cid in amap.claims],
        "inferences": [{"id": iid, "kind": inf.kind, "label": ev.labels[iid], "extensions": ev.count(iid)}
                       for iid, inf in amap.inferences.items()],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
