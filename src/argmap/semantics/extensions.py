"""Complete, preferred and stable extensions, enumerated with a SAT solver (python-sat).

The encoding is the standard labelling one (as in ASPARTIX and mu-toksia): per argument `a` two
variables, in(a) and out(a), with
    out(a) <-> some attacker of a is in,    in(a) <-> every attacker of a is out,
    not (in(a) and out(a));
its models are exactly the complete labellings. Stable adds in(a) or out(a) for every a.
The grounded labelling is fixed first as unit clauses: every complete labelling extends it,
and it takes the settled part of large frameworks off the solver's hands.

Complete and stable extensions are enumerated with blocking clauses. Preferred ones by iterative
maximisation: from a complete extension E, ask for a complete one that keeps E and adds an
argument, until there is none; E is then preferred, and a clause makes every later one contain
an argument outside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from argmap.semantics.framework import Framework
from argmap.semantics.grounded import IN, OUT, UNDEC, grounded

if TYPE_CHECKING:  # python-sat loads its solvers' bindings on import; `argmap --help` need not
    from pysat.solvers import Solver

SOLVER = "cadical195"


class _Encoding:
    def __init__(self, af: Framework, stable: bool) -> None:
        self.n = n = len(af)
        self.clauses: list[list[int]] = []
        add = self.clauses.append
        for a, attackers in enumerate(af.attackers):
            i, o = a + 1, n + a + 1
            add([-i, -o])
            add([-o, *(b + 1 for b in attackers)])
            add([i, *(-(n + b + 1) for b in attackers)])
            for b in attackers:
                add([-(b + 1), o])
                add([-i, n + b + 1])
            if stable:
                add([i, o])
        labelling = grounded(af)
        for a, label in enumerate(labelling.labels):
            if label is IN:
                add([a + 1])
            elif label is OUT:
                add([n + a + 1])
        self.top = 2 * n

    def members(self, model: list[int]) -> list[int]:
        return [v - 1 for v in model[: self.n] if v > 0]

    def solver(self) -> Solver:
        from pysat.solvers import Solver

        return Solver(name=SOLVER, bootstrap_with=self.clauses)


def complete(af: Framework) -> Iterator[list[int]]:
    yield from _enumerate(af, stable=False)


def stable(af: Framework) -> Iterator[list[int]]:
    yield from _enumerate(af, stable=True)


def _enumerate(af: Framework, stable: bool) -> Iterator[list[int]]:
    enc = _Encoding(af, stable)
    with enc.solver() as solver:
        while solver.solve():
            members = enc.members(solver.get_model())
            yield members
            block = _outside(enc.n, members) + [-(a + 1) for a in members]
            if not block:
                return
            solver.add_clause(block)


def preferred(af: Framework) -> Iterator[list[int]]:
    enc = _Encoding(af, stable=False)
    selector = enc.top
    with enc.solver() as solver:
        while solver.solve():
            members = enc.members(solver.get_model())
            while True:
                outside = _outside(enc.n, members)
                if not outside:
                    break
                selector += 1
                solver.add_clause([-selector, *outside])
                larger = solver.solve(assumptions=[selector, *(a + 1 for a in members)])
                if larger:
                    members = enc.members(solver.get_model())
                solver.add_clause([-selector])
                if not larger:
                    break
            yield members
            outside = _outside(enc.n, members)
            if not outside:
                return
            solver.add_clause(outside)


def _outside(n: int, members: list[int]) -> list[int]:
    """The clause "some argument not in `members` is in"."""
    inside = set(members)
    return [a + 1 for a in range(n) if a not in inside]


def grounded_extension(af: Framework) -> Iterator[list[int]]:
    """The one grounded extension, as the enumerators give theirs."""
    yield grounded(af).extension()


#: Every semantics `argmap solve` enumerates, by its ICCMA code.
ENUMERATORS: dict[str, Callable[[Framework], Iterator[list[int]]]] = {
    "GR": grounded_extension,
    "CO": complete,
    "PR": preferred,
    "ST": stable,
}


def credulous(af: Framework, a: int, semantics: str) -> bool:
    """Whether argument `a` is in some extension (ICCMA's DC task) of GR, CO, PR or ST.

    Complete and preferred agree here: an argument of a complete extension is in a preferred
    one that contains it. One SAT call asks for an extension with `a` in."""
    if semantics == "GR":
        return grounded(af).labels[a] is IN
    enc = _Encoding(af, stable=semantics == "ST")
    with enc.solver() as solver:
        return bool(solver.solve(assumptions=[a + 1]))


def sceptical(af: Framework, a: int, semantics: str) -> bool:
    """Whether argument `a` is in every extension (ICCMA's DS task) of GR, CO, PR or ST.

    The grounded extension is the least complete one, so GR and CO ask it. Stable asks the
    solver for a stable extension without `a` (true when there is no stable extension at
    all, as ICCMA counts it); preferred looks for a preferred extension without `a`."""
    if semantics in ("GR", "CO"):
        return grounded(af).labels[a] is IN
    if semantics == "ST":
        enc = _Encoding(af, stable=True)
        with enc.solver() as solver:
            return not solver.solve(assumptions=[-(a + 1)])
    return credulous(af, a, "PR") and all(a in extension for extension in preferred(af))


def sceptical_labels(af: Framework, extensions: list[list[int]]) -> list[str]:
    """One label per argument from several extensions: IN in every one, OUT attacked by every one.

    With no extension at all (stable semantics may have none), everything is UNDEC."""
    if not extensions:
        return [UNDEC] * len(af)
    in_all = set.intersection(*(set(e) for e in extensions))
    out_all = set.intersection(*({b for a in e for b in af.targets[a]} for e in extensions))
    return [IN if a in in_all else OUT if a in out_all else UNDEC for a in range(len(af))]
