"""Views: which part of the map a rendering shows, and the file name that says so.

A view names its claims; every renderer draws those claims, every inference whose premises and
target are drawn, and nothing else. Views of one position or one author also draw, faded, the
claims that support or attack them from outside (their *context*), since a position without
its opponents' rebuttals tells half the story.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from argmap.graph import ArgumentMap, Inference
from argmap.model import Claim

#: The most claims a summary view (thesis chain, clash, focus) should hold to print on one A3
#: page at a legible size.
SMALL_VIEW = 25
#: A summary of one part (a focus view, the attacks between two authors) goes one step less deep,
#: or one direction at a time, past this many claims: 25 claims with the edges among them did not
#: fit A3 at 8 pt (docs/rendering.md).
PART_VIEW = 20
FOCUS_DEPTH = 2


class UnknownClaim(ValueError):
    """A view was asked for a claim the map does not have."""


@dataclass(frozen=True)
class View:
    #: File stem: `map`, `thesis-chain`, `clash`, `focus-<id>-<depth>`, `position-<id>`, `author-<id>`.
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
        _with_context(
            amap,
            f"position-{pid}",
            f"Position: {entry.item.label}",
            [c for c, e in amap.claims.items() if e.item.position == pid],
        )
        for pid, entry in amap.positions.items()
    ]


def by_author(amap: ArgumentMap) -> list[View]:
    """What each author's own text says: the claims they put forward (their renderings of
    others included, since those are their words), and those they agree with."""
    return [
        _with_context(
            amap,
            f"author-{aid}",
            f"Author: {entry.item.name}",
            [c for c, e in amap.claims.items() if said_by(e.item) == aid or aid in e.item.agreed_by],
        )
        for aid, entry in amap.authors.items()
    ]


def said_by(claim: Claim) -> str | None:
    """Whose text the claim is read from: the reporter's for reported speech."""
    return claim.reported_by or claim.author


def focus(amap: ArgumentMap, claim_id: str, depth: int) -> View:
    if claim_id not in amap.claims:
        raise UnknownClaim(f"no claim {claim_id!r} in the map")
    near = amap.neighbourhood(claim_id, depth)
    return View(
        f"focus-{claim_id}-{depth}",
        f"{claim_id} and what lies within {depth} step(s) of it",
        tuple(c for c in amap.claims if c in near),
        focus=claim_id,
    )


def thesis_focus(amap: ArgumentMap) -> list[View]:
    """One focus view per thesis, as deep as it can go (up to FOCUS_DEPTH) within PART_VIEW claims."""
    result = []
    for cid in theses(amap):
        views = [focus(amap, cid, d) for d in range(FOCUS_DEPTH, 0, -1)]
        result.append(next((v for v in views if len(v.claims) <= PART_VIEW), views[-1]))
    return result


def theses(amap: ArgumentMap) -> list[str]:
    return [c for c, e in amap.claims.items() if e.item.kind.value == "thesis"]


def thesis_chain(amap: ArgumentMap) -> View:
    """The theses, the claims that directly support or attack them (undercuts of those links
    included), and the claims of another author that attack one of these: the top of the
    argument, where each side states its case and meets the other."""
    top = set(theses(amap))
    links = [inf for c in top for inf in [*amap.supporters(c), *amap.attackers(c)]]
    drawn = top | {p for inf in links for p in inf.premises}
    drawn |= {p for inf in links for att in amap.attackers(inf.id) for p in att.premises}
    answers = {p for c in drawn for inf in amap.attackers(c) if _crosses(amap, inf) for p in inf.premises}
    # The other side's answers are the first thing left out when the view would be too long to
    # print; its panel still links them to the whole map.
    drawn |= answers if len(drawn | answers) <= SMALL_VIEW else set()
    return View(
        "thesis-chain",
        "The thesis chain: theses, their direct reasons and attacks, and the other side's "
        "attacks on those (the whole map has the rest)",
        tuple(c for c in amap.claims if c in drawn),
    )


def clashes(amap: ArgumentMap) -> list[View]:
    """Where the debate happens, in views small enough to print: one per thesis, holding every
    attack from one author's claim on another's that bears on it (both ends of each), and one of
    the common ground (the claims several authors hold, and every support from one author's
    claim to another's)."""
    attacks: dict[str, list[Inference]] = {}
    ground = {c for c, e in amap.claims.items() if e.item.agreed_by}
    for inf in amap.inferences.values():
        if not _crosses(amap, inf) or inf.mirror:
            continue
        if inf.is_attack:
            attacks.setdefault(bears_on(amap, inf), []).append(inf)
        else:
            ground |= _ends(amap, inf)
    result = [
        view
        for thesis in [*theses(amap), ""]
        if thesis in attacks
        for view in _clash_views(amap, thesis, attacks[thesis])
    ]
    if ground:
        result.append(
            View(
                "clash-common-ground",
                "The common ground: the claims several authors hold, and every support from one author's claim to another's",
                tuple(c for c in amap.claims if c in ground),
            )
        )
    return result


def _clash_views(amap: ArgumentMap, thesis: str, attacks: list[Inference]) -> list[View]:
    """The clash over one thesis; when it would pass PART_VIEW claims, in two views: the attacks
    on the thesis itself (or on an inference drawn into it), and the attacks further down."""
    if len(_claims_of(amap, attacks)) <= PART_VIEW or not thesis:
        groups = {"": attacks}
    else:
        direct = [inf for inf in attacks if _lands_on(amap, inf, thesis)]
        groups = {"-itself": direct, "-below": [inf for inf in attacks if inf not in direct]}
    what = {
        "": "every attack from one author's claim on another's that bears on it",
        "-itself": "every attack on it, or on a reason's link to it, from another author's claim",
        "-below": "every attack from one author's claim on another's further down its argument",
    }
    return [
        View(
            f"clash-{thesis or 'elsewhere'}{part}",
            f"The clash over {_quoted(amap, thesis)}: {what[part]}",
            tuple(c for c in amap.claims if c in _claims_of(amap, group)),
            focus=thesis or None,
        )
        for part, group in groups.items()
        if group
    ]


def _lands_on(amap: ArgumentMap, attack: Inference, thesis: str) -> bool:
    attacked = amap.inferences.get(attack.target)
    return attack.target == thesis or (attacked is not None and attacked.target == thesis)


def bears_on(amap: ArgumentMap, attack: Inference) -> str:
    """The thesis an attack is an attack on: the first reached from what it attacks by following
    the relations towards their conclusions, else the nearest over relations either way (a
    recommendation the thesis supports); "" when no thesis is reachable."""
    top = set(theses(amap))
    upward = _nearest(top, attack.target, lambda n: [i.target for i in amap.outgoing.get(n, ())] + _onward(amap, n))
    if upward:
        return upward

    def either_way(n: str) -> list[str]:
        links = [i for i in (*amap.incoming.get(n, ()), *amap.outgoing.get(n, ())) if i.id != attack.id]
        return [m for i in links for m in (*i.premises, i.target)] + _onward(amap, n)

    return _nearest(top, attack.target, either_way)


def _onward(amap: ArgumentMap, node: str) -> list[str]:
    inf = amap.inferences.get(node)
    return [inf.target] if inf is not None else []


def _nearest(goals: set[str], start: str, step: Callable[[str], list[str]]) -> str:
    """The first of `goals` a breadth-first walk from `start` reaches (the earliest in map order
    among those at the same distance), or ""."""
    seen, frontier = {start}, [start]
    while frontier:
        reached = sorted(n for n in frontier if n in goals)
        if reached:
            return reached[0]
        frontier = [m for n in frontier for m in step(n) if m not in seen]
        frontier = list(dict.fromkeys(frontier))
        seen.update(frontier)
    return ""


def _quoted(amap: ArgumentMap, thesis: str) -> str:
    if thesis not in amap.claims:
        return "claims that bear on no thesis"
    text = textwrap.shorten(amap.claim(thesis).text, 60, placeholder=" \u2026")
    return f"{_who(amap, amap.claim(thesis).author or '')}'s \u201c{text}\u201d"


def _claims_of(amap: ArgumentMap, inferences: list[Inference]) -> set[str]:
    return {c for inf in inferences for c in _ends(amap, inf) if c in amap.claims}


def _who(amap: ArgumentMap, author: str) -> str:
    entry = amap.authors.get(author)
    return entry.item.name.split()[-1] if entry and entry.item.name.split() else author


def _crosses(amap: ArgumentMap, inf: Inference) -> bool:
    """Whether the inference joins claims of different authors (reporters count as the author
    of the words they report, so Bondaz's rendering of Frank stays Frank's claim)."""
    authors = {amap.claim(c).author for c in _ends(amap, inf) if c in amap.claims}
    return len(authors) > 1


def default_views(amap: ArgumentMap) -> list[View]:
    """What `argmap render` draws without --focus: empty views are left out."""
    views = [whole(amap), thesis_chain(amap), *clashes(amap), *thesis_focus(amap), *by_position(amap), *by_author(amap)]
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
            if (
                inf.id not in drawn
                and all(p in present for p in inf.premises)
                and (inf.target in present or inf.target in drawn)
            ):
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
