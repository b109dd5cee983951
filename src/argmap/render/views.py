"""Views: which part of the map a rendering shows, and the file name that says so.

A view names its claims; every renderer draws those claims, every inference whose premises and
target are drawn, and nothing else. Views of one position or one author also draw, faded, the
claims that support or attack them from outside (their *context*), since a position without
its opponents' rebuttals tells half the story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from argmap.graph import ArgumentMap, Inference


class UnknownClaim(ValueError):
    """A view was asked for a claim the map does not have."""


@dataclass(frozen=True)
class View:
    #: File stem: `map`, `position-<id>`, `author-<id>`, `focus-<id>-<depth>`, `thesis-chain`.
    name: str
    title: str
    claims: tuple[str, ...]
    context: tuple[str, ...] = ()
    focus: str | None = None

    def nodes(self) -> list[str]:
        return [*self.claims, *self.context]


def whole(amap: ArgumentMap) -> View:
    return View("map", "The whole map", tuple(amap.claims))


def by_position(amap: ArgumentMap) -> list[View]:
    return [
        _with_context(amap, f"position-{pid}", f"Position: {entry.item.label}",
                      [c for c, e in amap.claims.items() if e.item.position == pid])
        for pid, entry in amap.positions.items()
    ]


def by_author(amap: ArgumentMap) -> list[View]:
    return [
        _with_context(amap, f"author-{aid}", f"Author: {entry.item.name}",
                      [c for c, e in amap.claims.items() if e.item.author == aid])
        for aid, entry in amap.authors.items()
    ]


def focus(amap: ArgumentMap, claim_id: str, depth: int) -> View:
    if claim_id not in amap.claims:
        raise UnknownClaim(f"no claim {claim_id!r} in the map")
    near = amap.neighbourhood(claim_id, depth)
    return View(f"focus-{claim_id}-{depth}", f"{claim_id} and what lies within {depth} step(s) of it",
                tuple(c for c in amap.claims if c in near), focus=claim_id)


def thesis_chain(amap: ArgumentMap) -> View:
    """The theses, every claim that supports them through a chain of supports, and the claims
    that directly rebut a claim of that chain or undercut one of its supports."""
    chain = {c for c, e in amap.claims.items() if e.item.kind.value == "thesis"}
    frontier = set(chain)
    while frontier:
        found = {p for c in frontier for inf in amap.supporters(c) for p in inf.premises}
        frontier = found - chain
        chain |= frontier
    links = [inf for c in chain for inf in amap.supporters(c)]
    attackers = {p for target in [*chain, *(inf.id for inf in links)] for inf in amap.attackers(target)
                 for p in inf.premises}
    drawn = chain | attackers
    return View("thesis-chain", "The main thesis chain: theses, their supports, and direct attacks on them",
                tuple(c for c in amap.claims if c in drawn))


def default_views(amap: ArgumentMap) -> list[View]:
    """What `argmap render` draws without --focus: empty views are left out."""
    views = [whole(amap), thesis_chain(amap), *by_position(amap), *by_author(amap)]
    return [v for v in views if v.claims]


def drawn_inferences(amap: ArgumentMap, nodes: Iterable[str]) -> list[Inference]:
    """Inferences whose premises and target are all drawn, in map order; undercuts of an
    undercut are drawn once the inference they attack is."""
    present = set(nodes)
    drawn: dict[str, Inference] = {}
    changed = True
    while changed:
        changed = False
        for inf in amap.inferences.values():
            if inf.id not in drawn and all(p in present for p in inf.premises) and (
                    inf.target in present or inf.target in drawn):
                drawn[inf.id] = inf
                changed = True
    # A contrary's mirror is drawn as the second head of the link written, not as a link of its own.
    return [inf for inf in amap.inferences.values() if inf.id in drawn and not inf.mirror]


def _with_context(amap: ArgumentMap, name: str, title: str, core: list[str]) -> View:
    inside = set(core)
    context: set[str] = set()
    for inf in amap.inferences.values():
        ends = _ends(amap, inf)
        if ends & inside:
            context |= ends
    context = {c for c in context - inside if c in amap.claims}
    return View(name, title, tuple(core), tuple(c for c in amap.claims if c in context))


def _ends(amap: ArgumentMap, inf: Inference | None) -> set[str]:
    """The claims an inference joins; for an undercut, those of the inference it attacks too."""
    ends: set[str] = set()
    seen: set[str] = set()
    while inf is not None and inf.id not in seen:
        seen.add(inf.id)
        ends.update(inf.premises)
        attacked = amap.inferences.get(inf.target)
        if attacked is None:
            ends.add(inf.target)
        inf = attacked
    return ends
