"""What a reader is told about each claim: its status across the readings of the map, whether it
is challenged, and whether the mapper's own links decide it.

A *reading* is one extension of the semantics (by default a preferred extension: a largest
coherent set of claims and inferences that defends itself). A claim

- **holds** when every reading accepts it (sceptical acceptance),
- is **contested** when some readings accept it and others do not (credulous only),
- **fails** when no reading accepts it;

under grounded semantics, which has one labelling, IN holds, OUT fails and UNDEC is
**undecided**. The status follows from how the map encodes the debate, not from the world.
A claim is **challenged** when a challenge (a critical question) to it, or to an inference for
it, is not itself failing. It **depends on the mapper** when its status changes once the links
marked `mapper: true` are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.semantics.evaluation import DEFAULT_SEMANTICS, Evaluation, evaluate
from argmap.semantics.grounded import IN, OUT

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` need not
    from argmap.graph import ArgumentMap

HOLDS, CONTESTED, FAILS, UNDECIDED = "holds", "contested", "fails", "undecided"
STATUSES = (HOLDS, CONTESTED, FAILS, UNDECIDED)
CHALLENGED = "challenged"
MAPPER_DECIDES = "mapper-decides"


def number(n: int) -> str:
    """A count of readings as a reader takes it in: exact up to a million, then rounded (independent
    disputes multiply readings, so a map can have 2^200 of them)."""
    if n <= 1_000_000:
        return f"{n:,}"
    mantissa, exponent = f"{n:.1e}".split("e")
    return f"about {mantissa} x 10^{int(exponent)}"


def statuses_of(ev: Evaluation) -> tuple[str, ...]:
    """The statuses an evaluation can give: three across readings, three for grounded's labelling."""
    return (HOLDS, CONTESTED, FAILS) if ev.by_readings and ev.total else (HOLDS, FAILS, UNDECIDED)


def status(ev: Evaluation, node_id: str) -> str:
    """One claim's or inference's status word under the evaluation `ev`."""
    if not ev.by_readings:
        return {IN: HOLDS, OUT: FAILS}.get(ev.labels[node_id], UNDECIDED)
    if not ev.total:
        return UNDECIDED
    accepted = ev.count(node_id)
    return HOLDS if accepted == ev.total else FAILS if accepted == 0 else CONTESTED


@dataclass(frozen=True)
class ClaimVerdict:
    status: str
    challenged: bool
    #: The status with the mapper's links left out, when it differs; None when they decide nothing.
    without_mapper: str | None

    def __str__(self) -> str:
        words = [self.status] + ([CHALLENGED] if self.challenged else [])
        if self.without_mapper:
            words.append(f"{self.without_mapper} without the mapper's links")
        return ", ".join(words)

    def matches(self, word: str) -> bool:
        """For `list --status`: a status word, `challenged` or `mapper-decides`."""
        return (
            word == self.status
            or (word == CHALLENGED and self.challenged)
            or (word == MAPPER_DECIDES and self.without_mapper is not None)
        )


@dataclass(frozen=True)
class Verdicts:
    evaluation: Evaluation
    #: The same map without the mapper's links (None when asked for authors only: nothing to compare).
    authors: Evaluation | None
    claims: dict[str, ClaimVerdict]

    def counts(self) -> dict[str, int]:
        words = [v.status for v in self.claims.values()]
        return {word: words.count(word) for word in statuses_of(self.evaluation)}

    def challenged(self) -> list[str]:
        return [cid for cid, v in self.claims.items() if v.challenged]

    def mapper_decides(self) -> list[str]:
        return [cid for cid, v in self.claims.items() if v.without_mapper is not None]


def verdicts(
    amap: ArgumentMap,
    semantics: str = DEFAULT_SEMANTICS,
    authors_only: bool = False,
    evaluation: Evaluation | None = None,
) -> Verdicts:
    """Every claim's verdict; `evaluation` reuses one already made with the same options."""
    ev = evaluation or evaluate(amap, semantics, authors_only=authors_only)
    mapper_links = not authors_only and any(inf.mapper for inf in amap.inferences.values())
    authors = evaluate(amap, semantics, authors_only=True) if mapper_links else None
    challenged = challenged_claims(amap, ev)
    claims = {}
    for cid in amap.claims:
        word = status(ev, cid)
        other = status(authors, cid) if authors else word
        claims[cid] = ClaimVerdict(word, cid in challenged, other if other != word else None)
    return Verdicts(ev, authors, claims)


def challenged_claims(amap: ArgumentMap, ev: Evaluation) -> set[str]:
    """Claims a challenge that does not fail is put to: directly, or to an inference concluding them.

    None when the map counts challenges as attacks: they then defeat, and the status says it."""
    found: set[str] = set()
    if ev.mapped.challenges_attack:
        return found
    for inf in amap.inferences.values():
        if inf.challenge and status(ev, inf.id) != FAILS:
            found.update(amap.claims_of(inf.target))
    return found
