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
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` need not
    from argmap.graph import ArgumentMap, Inference


class Framework:
    """Arguments 0..n-1 named `names[i]`; `attackers[b]` and `targets[a]` list each attack a -> b once."""

    __slots__ = ("attackers", "names", "targets")

    def __init__(self, names: Sequence[str], attacks: Iterable[tuple[int, int]]) -> None:
        self.names = list(names)
        pairs = attacks if isinstance(attacks, Sequence) else list(attacks)  # read twice
        self.targets = _adjacency(len(self.names), pairs)
        self.attackers = _adjacency(len(self.names), ((b, a) for a, b in pairs))

    @classmethod
    def from_names(cls, names: Sequence[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        index = {name: i for i, name in enumerate(names)}
        return cls(names, ((index[a], index[b]) for a, b in attacks))

    def __len__(self) -> int:
        return len(self.names)


def _adjacency(n: int, edges: Iterable[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Per argument 0..n-1, the other ends of its edges, each once, in the order of their first
    edge. Tuples, not lists: most arguments of a map attack nothing or are attacked by nothing,
    and every empty tuple is one object (a list per argument and direction was two fifths of a
    map's framework). Repeats are dropped row by row, not with a table of every edge."""
    ends: defaultdict[int, list[int]] = defaultdict(list)
    for a, b in edges:
        ends[a].append(b)
    found: list[tuple[int, ...]] = [()] * n
    for a, others in ends.items():
        found[a] = tuple(dict.fromkeys(others) if len(others) > 1 else others)
    return found


@dataclass(frozen=True)
class MapFramework:
    framework: Framework
    #: Per argument, the claim or inference id it stands for: the claims, then the inferences,
    #: then (from `reasons_from` on) the auxiliary arguments "no reason for claim `ids[a]`
    #: stands". Ids, not an object per argument: a map has tens of thousands.
    ids: list[str]
    reasons_from: int
    #: Claim and inference ids -> their argument.
    index: dict[str, int]
    #: Claim id -> its "no reason stands" argument, for claims that have supports.
    reasons: dict[str, int]
    authors_only: bool = False
    challenges_attack: bool = False

    def active(self, inf: Inference) -> bool:
        """Whether the inference supports or attacks in this framework (see `takes_part`)."""
        return takes_part(inf, self.authors_only, self.challenges_attack)

    def visible(self) -> range:
        """The arguments that are claims or inferences (not auxiliary)."""
        return range(self.reasons_from)

    def is_reasons(self, a: int) -> bool:
        """Whether argument `a` is the auxiliary "no reason for claim `ids[a]` stands"."""
        return a >= self.reasons_from


def takes_part(inf: Inference, authors_only: bool, challenges_attack: bool) -> bool:
    """Whether an inference takes part in the evaluation: supports and attacks that are left out
    stay arguments of their own (they get a label) but support and attack nothing."""
    if authors_only and inf.mapper:
        return False
    return not (inf.challenge and not challenges_attack)


def from_map(amap: ArgumentMap, authors_only: bool = False, challenges_attack: bool = False) -> MapFramework:
    """The map's framework; `authors_only` leaves out the mapper's links, and challenges attack
    only when `challenges_attack` says so."""
    ids = [*amap.claims, *amap.inferences]
    reasons_from = len(ids)
    index = {node_id: i for i, node_id in enumerate(ids)}
    reasons: dict[str, int] = {}
    # Only the claims attacked get a list: most are not.
    claim_attackers: defaultdict[str, list[int]] = defaultdict(list)
    attacks: list[tuple[int, int]] = []

    def attack(a: int, target: str) -> None:
        attacks.append((a, index[target]))
        if target in amap.claims:
            claim_attackers[target].append(a)

    for cid in amap.claims:
        supports = [s for s in amap.supporters(cid) if takes_part(s, authors_only, challenges_attack)]
        if supports:
            reasons[cid] = len(ids)
            ids.append(cid)
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
    names = [*ids[:reasons_from], *(f"no reason for {cid}" for cid in ids[reasons_from:])]
    return MapFramework(Framework(names, attacks), ids, reasons_from, index, reasons, authors_only, challenges_attack)
