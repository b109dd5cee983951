"""Logic rules: an author who asserts two claims of which one attacks the other.

Attacks are rebuttals, direct or derived as in bipolar argumentation frameworks (Cayrol and
Lagasquie-Schiex): a *supported attack* (A supports B, B rebuts C: A attacks C) and a
*secondary attack* (A rebuts B, B supports C: A attacks C), along chains of supports of any
length on either side of one rebuttal. Every premise of a linked argument takes part in what
the argument supports or rebuts. Undercuts attack inferences, not claims, and do not count.
An author who only agrees with a claim (`agreed_by`) answers for the claim, not for the other
authors' inferences from it (or, at the attacked end, to it).

`walk_supports` and `chain` are the breadth-first searches behind the derived attacks; the
evaluation may reuse them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from argmap.diagnostics import Finding
from argmap.graph import ArgumentMap, Inference
from argmap.model import Claim
from argmap.rules import Rule, describe, holder, relation_path
from argmap.vocabulary import Kind, Severity

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
    back = reach[node]
    while back is not None:
        node, inf = back
        steps.append(inf)
        back = reach[node]
    return steps


def _step(reach: Reach, at_start: Inference | None, cid: str) -> Inference | None:
    """The inference next to `cid` on its chain in `reach`; `at_start` for a start of the search."""
    back = reach[cid]
    return back[1] if back is not None else at_start


def owners(amap: ArgumentMap, inf: Inference) -> set[str]:
    """The authors who draw `inf`: the authors of its premises, and the target's author where they
    hold a premise too (a claim both share, from which that author argues for a claim of their own)."""
    premises = [amap.claim(p) for p in inf.premises if p in amap.claims]
    drawn = {c.author for c in premises if c.author is not None}
    target = amap.claim(inf.target) if inf.target in amap.claims else None
    if target is not None and target.author is not None and any(target.author in c.agreed_by for c in premises):
        drawn.add(target.author)
    return drawn


def answerable(amap: ArgumentMap, cid: str, step: Inference | None) -> set[str]:
    """The asserters of `cid` who answer for a derived attack that leaves (or reaches) it by `step`:
    its author always; an author who only agrees with it, when `step` is theirs (None: the rebuttal
    itself reaches `cid`, which every holder of `cid` answers for)."""
    claim = amap.claim(cid)
    held = asserters(claim)
    if step is None:
        return held
    return {a for a in held if a == claim.author or a in owners(amap, step)}


def _first_by_author(
    amap: ArgumentMap, walk: Iterator[str], step: Callable[[str], Inference | None], wanted: set[str] | None = None
) -> dict[str, str]:
    """Author -> the first claim along `walk` that they assert and answer for, `step` giving the
    inference next to each claim on the chain; stops once every `wanted` author is found. A claim
    reached along several chains is judged by the first (breadth-first), so an agreed claim whose
    first chain is another author's is not counted even if a longer one starts with an inference
    of the agreeing author's own."""
    first: dict[str, str] = {}
    for cid in walk:
        for author in sorted(answerable(amap, cid, step(cid))):
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
    background = True
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
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
                yield self.at(
                    inf.where,
                    *relation_path(inf),
                    subject=holder(inf),
                    details=(describe(inf),),
                    message=f"{author} asserts {' and '.join(map(repr, premises))} and {inf.target!r}, "
                    f"but {attacker} {'contradicts' if inf.contrary else 'rebuts'} {inf.target!r}",
                )


class DerivedSelfAttack(Rule):
    """An author asserts two claims, one of which attacks the other through supports.

    Derived attacks of a bipolar framework: if A supports B and B rebuts C, A attacks C
    (supported attack); if A rebuts B and B supports C, A attacks C (secondary attack); along
    support chains of any length. Reported at the attacking claim, once per pair and author,
    with the chain that produces the conflict. Direct rebuttals are L001.

    Agreeing with a fact does not make an author answerable for another author's inferences
    from it: an author who holds A only through `agreed_by` answers for the attack only when the
    first step of the chain out of A is their own inference (A supports a claim of theirs, or
    they wrote a linked argument with A among its premises); likewise at C for the last support
    into C. So two authors can share the facts and draw opposite conclusions from them.

    Fails:

        claims:
          - {id: a, text: A., author: ann, supports: [b]}
          - {id: b, text: B., author: ben, rebuts: [c]}
          - {id: c, text: C., author: ann}            # ann: a, and c which a attacks via b

    Passes (ann agrees with the fact a; the inference from a to b is ben's):

        claims:
          - {id: a, text: A., author: ben, agreed_by: [ann], supports: [b]}
          - {id: b, text: B., author: ben, rebuts: [c]}
          - {id: c, text: C., author: ann}
    """

    code = "L002"
    name = "derived-self-attack"
    background = True
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        seen: set[tuple[str, str, str]] = set()
        for rebut in _rebuttals(amap):
            down: Reach = {}
            attacked = _first_by_author(
                amap, walk_supports(amap, [rebut.target], True, down), partial(_step, down, None)
            )
            if not attacked:
                continue
            # What supports the attacker is searched only as far as it must be to find each author.
            up: Reach = {}
            attackers = _first_by_author(
                amap,
                walk_supports(amap, rebut.premises, False, up),
                partial(_step, up, rebut),
                set(attacked),
            )
            for author in sorted(attackers.keys() & attacked.keys()):
                a, c = attackers[author], attacked[author]
                if (up[a] is None and down[c] is None) or a == c or (a, c, author) in seen:
                    continue  # a direct rebuttal (L001), or already reported
                seen.add((a, c, author))
                steps = [*chain(up, a), rebut, *reversed(chain(down, c))]
                kind = (
                    "supported attack"
                    if down[c] is None
                    else "secondary attack"
                    if up[a] is None
                    else "supported and secondary attack"
                )
                yield self.at(
                    amap.claims[a].where,
                    "id",
                    subject=a,
                    details=tuple(map(describe, steps)),
                    message=f"{author} asserts {a!r} and {c!r}, but {a!r} attacks {c!r} ({kind})",
                )
