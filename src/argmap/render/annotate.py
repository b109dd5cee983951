"""What every rendering shows beyond the map's own claims and relations, and how it names
people, groups and sources: the vocabulary the Graphviz, HTML and Mermaid writers share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from argmap.graph import ArgumentMap
from argmap.model import Claim
from argmap.render import style

ColorBy = Literal["author", "position"]


@dataclass(frozen=True)
class Annotations:
    """What a rendering shows beyond the map itself; evaluation and quote checks fill it."""

    color_by: ColorBy = "author"
    #: Claim id -> "holds" | "contested" | "fails" | "undecided" (see `argmap.semantics.verdict`).
    labels: Mapping[str, str] | None = None
    #: Claims a challenge is put to, and those whose status the mapper's links decide (-> the other status).
    challenged: frozenset[str] = frozenset()
    without_mapper: Mapping[str, str] = field(default_factory=dict)
    #: How prominent the status is: `full` badge, `small` word in the footer, `off`.
    badges: str = "full"
    #: Claim id -> "verified" | "not-found" | "no-text" | "no-quote".
    quote_status: Mapping[str, str] | None = None
    #: Layout threshold; tests lower it to exercise the large-map layout on small maps.
    large_map_nodes: int = field(default=style.LARGE_MAP_NODES)


def speaker(amap: ArgumentMap, claim: Claim) -> str:
    """Who says it, as a reader needs it: "Frank, as reported by Bondaz"."""
    who = _name(amap, claim.author) if claim.author else "unattributed"
    if claim.reported_by:
        who += f", as reported by {_name(amap, claim.reported_by)}"
    if claim.agreed_by:
        who += "; also held by " + ", ".join(_name(amap, a) for a in claim.agreed_by)
    return who


def _name(amap: ArgumentMap, author_id: str) -> str:
    entry = amap.authors.get(author_id)
    return (entry.item.name.split() or [author_id])[-1] if entry else author_id  # a blank name: the id


def group_ids(amap: ArgumentMap, by: ColorBy) -> list[str]:
    return list(amap.authors if by == "author" else amap.positions)


def group_of(claim: Claim, by: ColorBy) -> str | None:
    return claim.author if by == "author" else claim.position


def group_label(amap: ArgumentMap, by: ColorBy, gid: str) -> str:
    if by == "author":
        author = amap.authors.get(gid)
        return author.item.name if author else gid
    position = amap.positions.get(gid)
    return f"Position: {position.item.label}" if position else gid


def source_line(amap: ArgumentMap, source_id: str) -> str:
    """A source as a citation: Antoine Bondaz, "Decoupling or de-risking ...", FRS, 2023-12."""
    src = amap.sources[source_id].item
    author = amap.authors.get(src.author)
    parts = [author.item.name if author else src.author, f"\u201c{src.title}\u201d"]
    parts += [str(x) for x in (src.publisher, src.date) if x]
    return ", ".join(parts)
