"""Which claims of a map stand: the map's framework evaluated under one semantics.

Preferred and stable extensions are computed part by part. Every complete labelling extends the
grounded one, and an argument grounded semantics leaves undecided is attacked by no IN argument,
so the extensions are the grounded extension plus one extension of each part: each set of
undecided arguments joined by attacks among themselves, as a framework of its own. The solver
then sees small parts instead of the whole map, and independent disputes (two contrary pairs
that do not touch) multiply the count of extensions without being enumerated together.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import islice
from math import prod
from typing import TYPE_CHECKING

from argmap.semantics.extensions import preferred, sceptical_labels, stable
from argmap.semantics.framework import Framework, MapFramework, from_map
from argmap.semantics.grounded import IN, UNDEC, grounded

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` need not
    from argmap.graph import ArgumentMap

SEMANTICS = ("preferred", "grounded", "stable")
DEFAULT_SEMANTICS = "preferred"
#: A part with more extensions than this (a web of disputes all tied to one another) is not
#: enumerated on: the evaluation says so and reports the grounded labelling instead.
MAX_EXTENSIONS = 512


@dataclass(frozen=True)
class Acceptance:
    """Per argument of a framework: its label, and how many extensions accept it."""

    #: IN in every extension, OUT attacked by every one, else UNDEC (grounded: its labelling).
    node_labels: list[str]
    #: How many extensions contain each argument (credulous acceptance).
    node_counts: list[int]
    #: For grounded semantics, the step at which each argument was labelled (see `Labelling`).
    order: list[int] | None
    #: The grounded extension, and per undecided part its extensions (argument numbers).
    base: frozenset[int]
    #: How many extensions there are (1 for grounded semantics).
    total: int = 1
    parts: list[list[list[int]]] = field(default_factory=list)
    part_of: dict[int, int] = field(default_factory=dict)
    #: Why the result is not what the semantics asked for (too many extensions), or None.
    note: str | None = None

    def reading(self, node: int, accepted: bool) -> set[int] | None:
        """The first extension (each part's first fitting one) that accepts, or rejects, argument `node`."""
        chosen = set(self.base)
        for n, extensions in enumerate(self.parts):
            fitting = [e for e in extensions if n != self.part_of.get(node) or (node in e) == accepted]
            if not fitting:
                return None
            chosen.update(fitting[0])
        return chosen if (node in chosen) == accepted else None


@dataclass(frozen=True, kw_only=True)
class Evaluation(Acceptance):
    """A map's framework evaluated: its acceptance, with the map's ids."""

    #: The semantics asked for; `note` says when another one had to stand in.
    semantics: str
    #: Every claim id and inference id (linked arguments included) -> its node label.
    labels: dict[str, str]
    mapped: MapFramework
    #: True when the mapper's links (`mapper: true`) were left out.
    authors_only: bool = False

    def count(self, node_id: str) -> int:
        """How many extensions accept the claim or inference `node_id` (credulous acceptance)."""
        return self.node_counts[self.mapped.index[node_id]]

    @property
    def by_readings(self) -> bool:
        """True when the labels count extensions (preferred, stable), False for grounded's one labelling."""
        return self.semantics != "grounded" and self.note is None


def evaluate(amap: ArgumentMap, semantics: str = DEFAULT_SEMANTICS, authors_only: bool = False) -> Evaluation:
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; one of {', '.join(SEMANTICS)}")
    settings = amap.manifest.evaluation if amap.manifest else None
    attack = settings is not None and settings.challenges == "attack"
    mapped = from_map(amap, authors_only=authors_only, challenges_attack=attack)
    found = accept(mapped.framework, semantics)
    return Evaluation(
        **vars(found),
        semantics=semantics,
        mapped=mapped,
        authors_only=authors_only,
        labels={mapped.ids[a]: found.node_labels[a] for a in mapped.visible()},
    )


def accept(af: Framework, semantics: str) -> Acceptance:
    """Sceptical labels and credulous counts of every argument, part by part (see the module's doc)."""
    labelling = grounded(af)
    settled = Acceptance(
        labelling.labels,
        [int(label is IN) for label in labelling.labels],
        labelling.order,
        frozenset(labelling.extension()),
    )
    undecided = [a for a, label in enumerate(labelling.labels) if label is UNDEC]
    if semantics == "grounded" or not undecided:
        # With nothing undecided the grounded extension is the only complete one, so it is also
        # the only preferred and stable one: no solver needed (most maps).
        return settled
    solve = preferred if semantics == "preferred" else stable
    parts: list[_Part] = []
    for members in _parts(af, undecided):
        sub = _restricted(af, members)
        found = sorted(sorted(e) for e in islice(solve(sub), MAX_EXTENSIONS + 1))
        if len(found) > MAX_EXTENSIONS:
            return replace(
                settled,
                note=f"more than {MAX_EXTENSIONS} {semantics} extensions in one part of the "
                "map: the statuses are those of grounded semantics (holds, fails or undecided)",
            )
        parts.append((members, sub, found))
    return _combined(settled, parts)


def _parts(af: Framework, undecided: list[int]) -> list[list[int]]:
    """The undecided arguments, grouped by the attacks among them (either way), in argument order."""
    inside = set(undecided)
    seen: set[int] = set()
    found = []
    for start in undecided:
        if start in seen:
            continue
        seen.add(start)
        members, stack = [], [start]
        while stack:
            a = stack.pop()
            members.append(a)
            for b in (*af.attackers[a], *af.targets[a]):
                if b in inside and b not in seen:
                    seen.add(b)
                    stack.append(b)
        found.append(sorted(members))
    return found


def _restricted(af: Framework, members: list[int]) -> Framework:
    local = {a: i for i, a in enumerate(members)}
    return Framework(
        [af.names[a] for a in members], ((local[b], local[a]) for a in members for b in af.attackers[a] if b in local)
    )


#: An undecided part of a framework: its members (argument indices), the part as a framework of
#: its own, and the part's extensions (in the part's own indices).
_Part = tuple[list[int], Framework, list[list[int]]]


def _combined(settled: Acceptance, parts: list[_Part]) -> Acceptance:
    """The whole framework's extensions, counted: the grounded extension times each part's."""
    n = len(settled.node_labels)
    totals = [len(found) for _, _, found in parts]
    total = prod(totals)
    if total:
        labels, counts = list(settled.node_labels), [total * c for c in settled.node_counts]
    else:  # a part with no (stable) extension: the framework has none
        labels, counts = [UNDEC] * n, [0] * n
    extensions, part_of = [], {}
    for k, (members, sub, found) in enumerate(parts):
        for i, label in enumerate(sceptical_labels(sub, found) if total else ()):
            labels[members[i]] = label
            counts[members[i]] = total // totals[k] * sum(i in e for e in found)
        part_of.update(dict.fromkeys(members, k))
        extensions.append([[members[i] for i in e] for e in found])
    return Acceptance(labels, counts, None, settled.base, total, extensions, part_of)
