"""Which claims of a map stand: the map's framework evaluated under one semantics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.semantics.extensions import preferred, sceptical_labels, stable
from argmap.semantics.framework import MapFramework, from_map
from argmap.semantics.grounded import grounded

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` need not
    from argmap.graph import ArgumentMap

SEMANTICS = ("grounded", "preferred", "stable")


@dataclass(frozen=True)
class Evaluation:
    semantics: str
    #: Every claim id and inference id (linked arguments included) -> "IN" | "OUT" | "UNDEC".
    #: Under preferred and stable semantics: IN in every extension, OUT attacked by every one.
    labels: dict[str, str]
    #: The claim and inference ids in each extension (one, the grounded, for grounded semantics).
    extensions: list[frozenset[str]]
    mapped: MapFramework
    #: The label of every argument of the framework, auxiliary ones included.
    node_labels: list[str]
    #: How many extensions contain each argument of the framework.
    node_counts: list[int]
    #: For grounded semantics, the step at which each argument was labelled (see `Labelling`).
    order: list[int] | None

    def count(self, node_id: str) -> int:
        """How many extensions accept the claim or inference `node_id` (credulous acceptance)."""
        return self.node_counts[self.mapped.index[node_id]]


def evaluate(amap: ArgumentMap, semantics: str = "grounded") -> Evaluation:
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; one of {', '.join(SEMANTICS)}")
    mapped = from_map(amap)
    af = mapped.framework
    order = None
    if semantics == "grounded":
        labelling = grounded(af)
        node_labels, order, found = labelling.labels, labelling.order, [labelling.extension()]
    else:
        found = list((preferred if semantics == "preferred" else stable)(af))
        node_labels = sceptical_labels(af, found)
    counts = [0] * len(af)
    for extension in found:
        for a in extension:
            counts[a] += 1
    visible = list(mapped.visible())
    shown = set(visible)
    return Evaluation(
        semantics=semantics,
        labels={mapped.nodes[a].id: node_labels[a] for a in visible},
        extensions=[frozenset(mapped.nodes[a].id for a in e if a in shown) for e in found],
        mapped=mapped,
        node_labels=node_labels,
        node_counts=counts,
        order=order,
    )
