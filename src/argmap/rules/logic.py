"""Logic rules: an author who asserts two claims of which one attacks the other.

Attacks are rebuttals, direct or derived as in bipolar argumentation frameworks (Cayrol and
Lagasquie-Schiex): a *supported attack* (A supports B, B rebuts C: A attacks C) and a
*secondary attack* (A rebuts B, B supports C: A attacks C), along chains of supports of any
length on either side of one rebuttal. Every premise of a linked argument takes part in what
the argument supports or rebuts. Undercuts attack inferences, not claims, and do not count.

`walk_supports` and `chain` are the breadth-first searches behind the derived attacks; the
evaluation may reuse them.
"""

from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from argmap.diagnostics import Diagnostic
from argmap.graph import ArgumentMap, Inference
from argmap.model import Claim, Kind, Severity
from argmap.rules import Rule, describe, holder, relation_path

#: A claim of these kinds is not asserted by its author: a point granted, or a question asked.
NOT_ASSERTED = (Kind.concession, Kind.question)

#: Claim -> the step toward (or from) the search's start: (neighbour, support inference), or None at a start.
Reach = dict[str, tuple[str, Inference] | None]


def asserters(claim: Claim) -> set[str]:
    """The authors who hold `claim`: its author and those who agree with it."""
    if claim.kind in NOT_ASSERTED:
        return set()
    return {a for a in (claim.author, *claim.agreed_by) if a is not None}


def walk_supports(amap: ArgumentMap, starts: Iterable[str], forward: bool, reach: Reach) -> Iterator[str]:
    """Claims reached from `starts` along supports, breadth-first, in a stable order, yielded as
    each is reached (filling `reach`), so a caller can stop as soon as it has found what it looks
    for. Forward: what the starts support, transitively; backward: what supports the starts. A
    linked argument's premises each support its conclusion."""
    for start in starts:
        if start in amap.claims and start not in reach:
            reach[start] = None
            yield start
    queue = deque(reach)
    while queue:
        node = queue.popleft()
        if forward:
            steps = ((inf.target, inf) for inf in amap.outgoing.get(node, ()) if inf.kind == "support")
        else:
            steps = ((p, inf) for inf in amap.supporters(node) for p in inf.premises)
        for other, inf in steps:
            if other in amap.claims and other not in reach:
                reach[other] = (node, inf)
                queue.append(other)
                yield other


def chain(reach: Reach, node: str) -> list[Inference]:
    """The supports from `node` back to the search's start, in the order they are walked."""
    steps = []
    while reach[node] is not None:
        node, inf = reach[node]
        steps.append(inf)
    return steps


def _first_by_author(amap: ArgumentMap, walk: Iterator[str], wanted: set[str] | None = None) -> dict[str, str]:
    """Author -> the first claim they assert along `walk`; stops once every `wanted` author is found."""
    first: dict[str, str] = {}
    for cid in walk:
        for author in sorted(asserters(amap.claim(cid))):
            first.setdefault(author, cid)
        if wanted is not None and wanted <= first.keys():
            break
    return first


def _rebuttals(amap: ArgumentMap) -> Iterator[Inference]:
    return (inf for inf in amap.inferences.values() if inf.kind == "rebut" and inf.target in amap.claims)


class SelfRebuttal(Rule):
    """An author asserts two claims, one of which rebuts the other.

    An author asserts a claim they wrote (`author`) or hold too (`agreed_by`); concessions and
    questions are not assertions. Either the map misreads the author, or the author contradicts
    themselves, which a reader should know: suppress with the reason then.

    Fails:

        claims:
          - {id: a, text: A., author: ann, rebuts: [b]}
          - {id: b, text: B., author: ann}

    Passes:

        claims:
          - {id: a, text: A., author: ann, rebuts: [b]}
          - {id: b, text: B., author: ben}
    """

    code = "L001"
    name = "self-rebuttal"
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        for inf in _rebuttals(amap):
            if inf.mirror:  # a contrary is reported once, as written
                continue
            target = asserters(amap.claim(inf.target))
            held: dict[str, list[str]] = {}
            for premise in inf.premises:
                if premise in amap.claims and premise != inf.target:
                    for author in sorted(target & asserters(amap.claim(premise))):
                        held.setdefault(author, []).append(premise)
            attacker = f"argument {inf.id!r}" if inf.linked else repr(inf.premises[0])
            for author, premises in held.items():
                yield self.at(inf.where, *relation_path(inf), subject=holder(inf), details=(describe(inf),),
                              message=f"{author} asserts {' and '.join(map(repr, premises))} and {inf.target!r}, "
                                      f"but {attacker} {'contradicts' if inf.contrary else 'rebuts'} {inf.target!r}")


class DerivedSelfAttack(Rule):
    """An author asserts two claims, one of which attacks the other through supports.

    Derived attacks of a bipolar framework: if A supports B and B rebuts C, A attacks C
    (supported attack); if A rebuts B and B supports C, A attacks C (secondary attack); along
    support chains of any length. Reported at the attacking claim, once per pair and author,
    with the chain that produces the conflict. Direct rebuttals are L001.

    Fails:

        claims:
          - {id: a, text: A., author: ann, supports: [b]}
          - {id: b, text: B., author: ben, rebuts: [c]}
          - {id: c, text: C., author: ann}            # ann: a, and c which a attacks via b

    Passes:

        claims:
          - {id: a, text: A., author: ann, supports: [b]}
          - {id: b, text: B., author: ben, rebuts: [c]}
          - {id: c, text: C., author: ben}
    """

    code = "L002"
    name = "derived-self-attack"
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        seen: set[tuple[str, str, str]] = set()
        for rebut in _rebuttals(amap):
            down: Reach = {}
            attacked = _first_by_author(amap, walk_supports(amap, [rebut.target], True, down))
            if not attacked:
                continue
            # What supports the attacker is searched only as far as it must be to find each author.
            up: Reach = {}
            attackers = _first_by_author(amap, walk_supports(amap, rebut.premises, False, up), set(attacked))
            for author in sorted(attackers.keys() & attacked.keys()):
                a, c = attackers[author], attacked[author]
                if (up[a] is None and down[c] is None) or a == c or (a, c, author) in seen:
                    continue  # a direct rebuttal (L001), or already reported
                seen.add((a, c, author))
                steps = [*chain(up, a), rebut, *reversed(chain(down, c))]
                kind = "supported attack" if down[c] is None else "secondary attack" if up[a] is None else \
                    "supported and secondary attack"
                yield self.at(amap.claims[a].where, "id", subject=a, details=tuple(map(describe, steps)),
                              message=f"{author} asserts {a!r} and {c!r}, but {a!r} attacks {c!r} ({kind})")
