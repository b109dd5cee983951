"""Which claims of a map stand: the map's framework evaluated under one semantics."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from argmap.semantics.extensions import preferred, sceptical_labels, stable
from argmap.semantics.framework import MapFramework, from_map
from argmap.semantics.grounded import UNDEC, grounded

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` need not
    from argmap.graph import ArgumentMap

SEMANTICS = ("preferred", "grounded", "stable")
DEFAULT_SEMANTICS = "preferred"
#: Independent undecided cycles multiply the extensions (2^k for k of them). Past this many the
#: evaluation says so and reports the grounded labelling instead of enumerating on.
MAX_EXTENSIONS = 512


@dataclass(frozen=True)
class Evaluation:
    #: The semantics asked for; `note` says when another one had to stand in.
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
    #: True when the mapper's links (`mapper: true`) were left out.
    authors_only: bool = False
    #: Why the result is not what `semantics` asked for (too many extensions), or None.
    note: str | None = None

    def count(self, node_id: str) -> int:
        """How many extensions accept the claim or inference `node_id` (credulous acceptance)."""
        return self.node_counts[self.mapped.index[node_id]]

    @property
    def readings(self) -> bool:
        """True when the labels count extensions (preferred, stable), False for grounded's one labelling."""
        return self.semantics != "grounded" and self.note is None


def evaluate(amap: ArgumentMap, semantics: str = DEFAULT_SEMANTICS, authors_only: bool = False) -> Evaluation:
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; one of {', '.join(SEMANTICS)}")
    settings = amap.manifest.evaluation if amap.manifest else None
    attack = settings is not None and settings.challenges == "attack"
    mapped = from_map(amap, authors_only=authors_only, challenges_attack=attack)
    af = mapped.framework
    labelling = grounded(af)
    node_labels, order, found = labelling.labels, labelling.order, [labelling.extension()]
    note = None
    # With nothing undecided the grounded extension is the only complete one, so it is also the
    # only preferred and stable one: no solver needed (most maps, and every map's quick check).
    if semantics != "grounded" and UNDEC in node_labels:
        extensions = list(islice((preferred if semantics == "preferred" else stable)(af), MAX_EXTENSIONS + 1))
        if len(extensions) <= MAX_EXTENSIONS:
            found, order = extensions, None
            node_labels = sceptical_labels(af, found)
        else:
            note = (f"more than {MAX_EXTENSIONS} {semantics} extensions: the statuses are those of grounded "
                    "semantics (holds, fails or undecided)")
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
        authors_only=authors_only,
        note=note,
    )
