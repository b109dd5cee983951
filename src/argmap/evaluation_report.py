"""How `argmap evaluate` reports which claims stand: as text, JSON or a Markdown table.

One function per format, each given the map and the evaluation asked for; `REPORTS` is the
table the command line offers its `--format` choices from.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from argmap.semantics import evaluate
from argmap.semantics.verdict import Verdicts, challenged_claims, number, status, verdicts

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` lists the formats from here
    from argmap.graph import ArgumentMap

#: Said under every verdict: the labels judge the map's encoding of the debate.
CAVEAT = "The status follows from how the map encodes the debate, not from the world."


def _readings(found: Verdicts) -> str:
    ev = found.evaluation
    if not ev.by_readings:
        return "under grounded semantics" + (f", not {ev.semantics} (see above)" if ev.note else "")
    n = ev.total
    return f"across {number(n)} {ev.semantics} reading{'s' if n != 1 else ''}"


def text(amap: ArgumentMap, semantics: str, authors_only: bool) -> str:
    """Each claim's status, one a line, and what the statuses add up to."""
    found = verdicts(amap, semantics, authors_only=authors_only)
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


def as_json(amap: ArgumentMap, semantics: str, authors_only: bool) -> str:
    """Every claim's and inference's status, label and count of accepting readings, as JSON."""
    found = verdicts(amap, semantics, authors_only=authors_only)
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


def markdown(amap: ArgumentMap, semantics: str, authors_only: bool) -> str:
    """A table of every claim's status under preferred and grounded semantics, each with and
    without the mapper's links (so `semantics` and `authors_only` are not asked)."""
    columns = [("preferred", False), ("grounded", False), ("preferred", True), ("grounded", True)]
    evaluations = [evaluate(amap, name, authors_only=authors) for name, authors in columns]
    challenged = challenged_claims(amap, evaluations[0])
    lines = [
        "| claim | preferred | grounded | preferred, authors only | grounded, authors only | challenged |",
        "|---|---|---|---|---|---|",
    ]
    decided: list[str] = []
    for cid in amap.claims:
        words = [status(ev, cid) for ev in evaluations]
        if words[0] != words[2] or words[1] != words[3]:
            decided.append(cid)
            words = [f"**{w}**" for w in words]
        lines.append(f"| `{cid}` | " + " | ".join(words) + f" | {'yes' if cid in challenged else ''} |")
    lines.append("")
    for (name, authors), ev in zip(columns, evaluations, strict=False):
        counts = ", ".join(
            f"{sum(status(ev, c) == w for c in amap.claims)} {w}" for w in ("holds", "contested", "fails", "undecided")
        )
        lines.append(
            f"- {name}{', authors only' if authors else ''}: {counts}"
            + (f" ({number(ev.total)} reading{'s' if ev.total != 1 else ''})" if ev.by_readings else "")
            + (f"; {ev.note}" if ev.note else "")
        )
    lines.append(
        f"- decided by the mapper's links (in bold above): {len(decided)}"
        + (f": {', '.join(f'`{c}`' for c in decided)}" if decided else "")
    )
    return "\n".join(lines) + "\n"


REPORTS: dict[str, Callable[[ArgumentMap, str, bool], str]] = {"text": text, "json": as_json, "markdown": markdown}
