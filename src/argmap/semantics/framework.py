"""Abstract argumentation frameworks, and the translation of an argument map into one.

A `Framework` is Dung's (arguments, attacks) with arguments numbered 0..n-1 and both directions
of the attack relation kept as adjacency lists, so that every algorithm walks edges, never
searches for them.

`from_map` follows AIF and ASPIC+: every claim is an argument (an I-node) and so is every
inference (an RA or CA node: a support, rebuttal, undercut or linked argument). The attacks:

- a rebuttal attacks the claim it rebuts;
- an undercut attacks the inference it names;
- an inference stands only on its premises: whatever attacks one of its premises attacks the
  inference too (ASPIC+'s attack on a sub-argument), so an inference with an OUT premise is OUT
  and one with an undecided premise is at best undecided;
- a claim that has reasons (one or more supports) stands on them: one auxiliary argument per
  such claim, "no reason for it stands", is attacked by each of its supports and attacks the
  claim. The claim is OUT when every support is OUT, and it needs at least one IN support to be
  IN. This is evidential support (Oren and Norman): convergent supports are alternatives,
  linked premises are joint. A claim with no support is taken as asserted and stands unless
  attacked.

A contrary is already two rebuttals in the graph, one each way. A challenge (a question's attack,
or one marked `challenge: true`) and, with `authors_only`, every link marked `mapper: true` stay
arguments of their own but attack and support nothing (`takes_part`).

Ids the map names but never defines are left out here; `argmap check` reports them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` need not
    from argmap.graph import ArgumentMap, Inference


class Framework:
    """Arguments 0..n-1 named `names[i]`; `attackers[b]` and `targets[a]` list each attack a -> b once."""

    __slots__ = ("attackers", "names", "targets")

    def __init__(self, names: Sequence[str], attacks: Iterable[tuple[int, int]]) -> None:
        self.names = list(names)
        unique = dict.fromkeys(attacks)
        self.targets = _adjacency(len(self.names), unique)
        self.attackers = _adjacency(len(self.names), ((b, a) for a, b in unique))

    @classmethod
    def from_names(cls, names: Sequence[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        index = {name: i for i, name in enumerate(names)}
        return cls(names, ((index[a], index[b]) for a, b in attacks))

    def __len__(self) -> int:
        return len(self.names)


def _adjacency(n: int, edges: Iterable[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Per argument 0..n-1, the other ends of its edges, in the order given. Tuples, not lists:
    most arguments of a map attack nothing or are attacked by nothing, and every empty tuple is
    one object (a list per argument and direction was two fifths of a map's framework)."""
    ends: defaultdict[int, list[int]] = defaultdict(list)
    for a, b in edges:
        ends[a].append(b)
    found: list[tuple[int, ...]] = [()] * n
    for a, others in ends.items():
        found[a] = tuple(others)
    return found


NodeKind = Literal["claim", "inference", "reasons"]


@dataclass(frozen=True, slots=True)
class Node:
    """What an argument of the map's framework stands for; `id` is a claim or inference id.

    A "reasons" node is the auxiliary argument "no reason for claim `id` stands"."""

    kind: NodeKind
    id: str


@dataclass(frozen=True)
class MapFramework:
    framework: Framework
    nodes: list[Node]
    #: Claim and inference ids -> their argument.
    index: dict[str, int]
    #: Claim id -> its "no reason stands" argument, for claims that have supports.
    reasons: dict[str, int]
    authors_only: bool = False
    challenges_attack: bool = False

    def active(self, inf: Inference) -> bool:
        """Whether the inference supports or attacks in this framework (see `takes_part`)."""
        return takes_part(inf, self.authors_only, self.challenges_attack)

    def visible(self) -> Iterable[int]:
        """The arguments that are claims or inferences (not auxiliary)."""
        return (i for i, node in enumerate(self.nodes) if node.kind != "reasons")


def takes_part(inf: Inference, authors_only: bool, challenges_attack: bool) -> bool:
    """Whether an inference takes part in the evaluation: supports and attacks that are left out
    stay arguments of their own (they get a label) but support and attack nothing."""
    if authors_only and inf.mapper:
        return False
    return not (inf.challenge and not challenges_attack)


def from_map(amap: ArgumentMap, authors_only: bool = False, challenges_attack: bool = False) -> MapFramework:
    """The map's framework; `authors_only` leaves out the mapper's links, and challenges attack
    only when `challenges_attack` says so."""
    nodes = [Node("claim", cid) for cid in amap.claims]
    nodes += [Node("inference", iid) for iid in amap.inferences]
    index = {node.id: i for i, node in enumerate(nodes)}
    reasons: dict[str, int] = {}
    claim_attackers: dict[str, list[int]] = {cid: [] for cid in amap.claims}
    attacks: list[tuple[int, int]] = []

    def attack(a: int, target: str) -> None:
        attacks.append((a, index[target]))
        if target in claim_attackers:
            claim_attackers[target].append(a)

    for cid in amap.claims:
        supports = [s for s in amap.supporters(cid) if takes_part(s, authors_only, challenges_attack)]
        if supports:
            reasons[cid] = len(nodes)
            nodes.append(Node("reasons", cid))
            attack(reasons[cid], cid)
            attacks.extend((index[s.id], reasons[cid]) for s in supports)
    for inf in amap.inferences.values():
        if not takes_part(inf, authors_only, challenges_attack):
            continue
        if (inf.kind == "rebut" and inf.target in amap.claims) or (
            inf.kind == "undercut" and inf.target in amap.inferences
        ):
            attack(index[inf.id], inf.target)
    for inf in amap.inferences.values():
        for premise in inf.premises:
            attacks.extend((a, index[inf.id]) for a in claim_attackers.get(premise, ()))
    names = [node.id if node.kind != "reasons" else f"no reason for {node.id}" for node in nodes]
    return MapFramework(Framework(names, attacks), nodes, index, reasons, authors_only, challenges_attack)
