"""`argmap evaluate`: which claims of a map hold, across the readings of a semantics."""

from __future__ import annotations

import json
from pathlib import Path

import click

from argmap.cli.common import map_path, readable_map, sources_option
from argmap.semantics import SEMANTICS
from argmap.semantics.verdict import number

semantics_option = click.option(
    "--semantics",
    type=click.Choice(SEMANTICS),
    default=SEMANTICS[0],
    show_default=True,
    help="preferred, stable: a claim holds in every reading (extension), is contested (some) or fails (none). "
    "grounded: one sceptical labelling, holds, fails or undecided.",
)
#: Said under every verdict: the labels judge the map's encoding of the debate.
CAVEAT = "The status follows from how the map encodes the debate, not from the world."


@click.command()
@map_path
@semantics_option
@click.option(
    "--authors-only",
    is_flag=True,
    help="Leave out the mapper's links (`mapper: true`): the map as its authors alone argue it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: a table of every claim's status under each evaluation (preferred, grounded, each "
    "with and without the mapper's links).",
)
@sources_option
def evaluate(path: Path, semantics: str, authors_only: bool, fmt: str) -> None:
    """Say of every claim of the map at PATH whether it holds in every reading, is contested or
    fails in every reading; which claims are challenged; and which depend on the mapper's links.

    `argmap explain ID` says why. Exit status: 0, or 2 when PATH is no readable map.
    """
    from argmap.semantics.verdict import verdicts

    amap = readable_map(path)
    if fmt == "markdown":
        click.echo(_markdown(amap), nl=False)
        return
    found = verdicts(amap, semantics, authors_only=authors_only)
    click.echo(_json(amap, found) if fmt == "json" else _text(amap, found), nl=False)


def _readings(found) -> str:
    ev = found.evaluation
    if not ev.by_readings:
        return "under grounded semantics" + (f", not {ev.semantics} (see above)" if ev.note else "")
    n = ev.total
    return f"across {number(n)} {ev.semantics} reading{'s' if n != 1 else ''}"


def _text(amap, found) -> str:
    ev = found.evaluation
    width = max((len(cid) for cid in amap.claims), default=0)
    lines = [ev.note] if ev.note else []
    for cid, verdict in found.claims.items():
        marks = [f"in {number(ev.count(cid))} of {number(ev.total)} readings"] if verdict.status == "contested" else []
        marks += ["challenged"] if verdict.challenged else []
        marks += [f"{verdict.without_mapper} without the mapper's links"] if verdict.without_mapper else []
        lines.append(f"{verdict.status:<9}  {cid:<{width}}  {'; '.join(marks)}".rstrip())
    counts = ", ".join(f"{n} {word}" for word, n in found.counts().items())
    who = ", the mapper's links left out" if ev.authors_only else ""
    lines.append(f"{len(amap.claims)} claims {_readings(found)}{who}: {counts}")
    if found.challenged():
        lines.append(f"challenged (a question put to them, not answered): {', '.join(found.challenged())}")
    if found.mapper_decides():
        lines.append(f"decided by the mapper's links (see --authors-only): {', '.join(found.mapper_decides())}")
    lines.append(CAVEAT)
    return "\n".join(lines) + "\n"


def _json(amap, found) -> str:
    from argmap.semantics.verdict import status

    ev = found.evaluation
    data = {
        "semantics": ev.semantics,
        "authors_only": ev.authors_only,
        "note": ev.note,
        "extensions": ev.total,
        "counts": found.counts(),
        "claims": [
            {
                "id": cid,
                "status": v.status,
                "label": ev.labels[cid],
                "extensions": ev.count(cid),
                "challenged": v.challenged,
                "without_mapper": v.without_mapper,
            }
            for cid, v in found.claims.items()
        ],
        "inferences": [
            {
                "id": iid,
                "kind": inf.kind,
                "status": status(ev, iid),
                "label": ev.labels[iid],
                "extensions": ev.count(iid),
                "mapper": inf.mapper,
                "challenge": inf.challenge,
            }
            for iid, inf in amap.inferences.items()
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _markdown(amap) -> str:
    from argmap.semantics import evaluate as run
    from argmap.semantics.verdict import challenged_claims, status

    columns = [("preferred", False), ("grounded", False), ("preferred", True), ("grounded", True)]
    evaluations = [run(amap, semantics, authors_only=authors) for semantics, authors in columns]
    challenged = challenged_claims(amap, evaluations[0])
    lines = [
        "| claim | preferred | grounded | preferred, authors only | grounded, authors only | challenged |",
        "|---|---|---|---|---|---|",
    ]
    decided = []
    for cid in amap.claims:
        words = [status(ev, cid) for ev in evaluations]
        if words[0] != words[2] or words[1] != words[3]:
            decided.append(cid)
            words = [f"**{w}**" for w in words]
        lines.append(f"| `{cid}` | " + " | ".join(words) + f" | {'yes' if cid in challenged else ''} |")
    lines.append("")
    for (semantics, authors), ev in zip(columns, evaluations, strict=False):
        counts = ", ".join(
            f"{sum(status(ev, c) == w for c in amap.claims)} {w}" for w in ("holds", "contested", "fails", "undecided")
        )
        lines.append(
            f"- {semantics}{', authors only' if authors else ''}: {counts}"
            + (f" ({number(ev.total)} reading{'s' if ev.total != 1 else ''})" if ev.by_readings else "")
            + (f"; {ev.note}" if ev.note else "")
        )
    lines.append(
        f"- decided by the mapper's links (in bold above): {len(decided)}"
        + (f": {', '.join(f'`{c}`' for c in decided)}" if decided else "")
    )
    return "\n".join(lines) + "\n"
