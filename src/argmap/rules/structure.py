"""Structure rules: how claims and inferences connect, independent of what the claims say."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from argmap.diagnostics import Finding
from argmap.graph import ArgumentMap, Inference
from argmap.model import Argument
from argmap.rules import Rule, describe, holder, relation_path
from argmap.rules.logic import Reach, chain
from argmap.vocabulary import Kind, Severity


def support_edges(amap: ArgumentMap) -> dict[str, list[Inference]]:
    """Claim -> the support inferences it is a premise of, ending in a known claim.

    A linked argument counts once for each of its premises: each takes part in the support."""
    return {
        cid: [inf for inf in amap.outgoing.get(cid, ()) if inf.kind == "support" and inf.target in amap.claims]
        for cid in amap.claims
    }


def strongly_connected(nodes: list[str], edges: dict[str, list[Inference]]) -> Iterator[list[str]]:
    """Tarjan's strongly connected components, iteratively (maps are deep enough to overflow
    Python's recursion limit), in linear time. Components come in reverse topological order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            succ = edges[node]
            while i < len(succ) and succ[i].target in index:
                if succ[i].target in on_stack:
                    low[node] = min(low[node], index[succ[i].target])
                i += 1
            if i < len(succ):
                work.append((node, i + 1))
                work.append((succ[i].target, 0))
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                yield component
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])


def shortest_cycle(start: str, members: set[str], edges: dict[str, list[Inference]]) -> list[Inference]:
    """The shortest support cycle through `start` inside one component (breadth-first)."""
    came_by: Reach = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for inf in edges[node]:
            if inf.target == start:
                return [*reversed(chain(came_by, node)), inf]
            if inf.target in members and inf.target not in came_by:
                came_by[inf.target] = (node, inf)
                queue.append(inf.target)
    return []


class CircularSupport(Rule):
    """Claims support each other in a circle.

    A claim cannot be a reason for itself, however long the way round. The cycle is shown as a
    path of ids, once per group of claims that support each other in circles (the shortest
    cycle through the group's first claim), at the support that closes it. A linked argument
    counts as a support from each of its premises.

    Fails:

        claims:
          - {id: a, text: A., supports: [b]}
          - {id: b, text: B., supports: [c]}
          - {id: c, text: C., supports: [a]}   # a -> b -> c -> a

    Passes:

        claims:
          - {id: a, text: A., supports: [b]}
          - {id: b, text: B., supports: [c]}
          - {id: c, text: C.}
    """

    code = "S101"
    name = "circular-support"
    background = True

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        edges = support_edges(amap)
        order: dict[str, int] = {}  # file order, made for the first cycle: most maps have none
        for component in strongly_connected(list(amap.claims), edges):
            if len(component) < 2:
                continue  # a claim supporting itself is R004
            order = order or {cid: i for i, cid in enumerate(amap.claims)}
            members = set(component)
            start = min(component, key=order.__getitem__)
            cycle = shortest_cycle(start, members, edges)
            path = [start, *(inf.target for inf in cycle)]
            closing = cycle[-1]
            others = sorted(members - set(path), key=order.__getitem__)
            details = tuple(describe(inf) for inf in cycle)
            if others:
                details += (f"also in circles with these: {', '.join(others)}",)
            yield self.at(
                closing.where,
                *relation_path(closing),
                subject=holder(closing),
                details=details,
                message=f"circular support: {' -> '.join(path)}",
            )


class Unconnected(Rule):
    """A claim is connected to nothing.

    It neither supports, rebuts nor undercuts anything, nothing supports or rebuts it, and it
    reports no other claim nor is reported. Either link it, or suppress the rule with a reason
    (e.g. context kept for readers).

    Fails:

        claims:
          - {id: a, text: A., supports: [b]}
          - {id: b, text: B.}
          - {id: c, text: C.}        # connected to nothing

    Passes:

        claims:
          - {id: a, text: A., supports: [b]}
          - {id: b, text: B.}
          - {id: c, text: C., rebuts: [b]}
    """

    code = "S102"
    name = "unconnected-claim"
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        reported = {entry.item.reports for entry in amap.claims.values()}
        for cid, entry in amap.claims.items():
            if amap.incoming.get(cid) or amap.outgoing.get(cid) or entry.item.reports or cid in reported:
                continue
            yield self.at(entry.where, "id", subject=cid, message=f"claim {cid!r} is connected to nothing")


class NoPremise(Rule):
    """A linked argument has no premise.

    An argument is premises that work together; with none it says nothing.

    Fails:

        arguments:
          - {id: arg, premises: [], supports: b}

    Passes:

        arguments:
          - {id: arg, premises: [a, c], supports: b}
    """

    code = "S103"
    name = "no-premise"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for aid, entry in amap.arguments.items():
            assert isinstance(entry.item, Argument)
            if not entry.item.premises:
                yield self.at(entry.where, "premises", subject=aid, message=f"argument {aid!r} has no premise")


class UnsupportedThesis(Rule):
    """A thesis that nothing supports.

    A thesis is the main claim an author defends; the map should show the reasons given for it.

    Fails:

        claims:
          - {id: t, kind: thesis, text: T.}
          - {id: r, text: R., rebuts: [t]}

    Passes:

        claims:
          - {id: t, kind: thesis, text: T.}
          - {id: r, text: R., supports: [t]}
    """

    code = "S104"
    name = "unsupported-thesis"
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for cid, entry in amap.claims.items():
            if entry.item.kind is Kind.thesis and not amap.supporters(cid):
                yield self.at(entry.where, "kind", subject=cid, message=f"thesis {cid!r} has no support")


class SupportsAndRebuts(Rule):
    """A claim both supports and rebuts the same claim.

    Reported at the rebuttal. A premise of a linked argument counts as supporting (or
    rebutting) what the argument does.

    Fails:

        claims:
          - {id: a, text: A., supports: [b], rebuts: [b]}
          - {id: b, text: B.}

    Passes:

        claims:
          - {id: a, text: A., supports: [b], rebuts: [c]}
          - {id: b, text: B.}
          - {id: c, text: C.}
    """

    code = "S105"
    name = "supports-and-rebuts"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for cid in amap.claims:
            supports: dict[str, Inference] = {}
            rebuts: dict[str, Inference] = {}
            for inf in amap.outgoing.get(cid, ()):
                if inf.kind in ("support", "rebut"):
                    (supports if inf.kind == "support" else rebuts).setdefault(inf.target, inf)
            for target, rebut in rebuts.items():
                if target in supports:
                    yield self.at(
                        rebut.where,
                        *relation_path(rebut),
                        subject=cid,
                        details=(describe(supports[target]), describe(rebut)),
                        message=f"{cid!r} both supports and rebuts {target!r}",
                    )


class UndercutNotInference(Rule):
    """An undercut names `{from, to}`, but `from` neither supports nor rebuts `to`.

    An undercut attacks an inference, so the inference must exist. To attack the claim itself,
    use `rebuts`.

    Fails:

        claims:
          - {id: a, text: A.}
          - {id: b, text: B.}
          - {id: c, text: C., undercuts: [{from: a, to: b}]}

    Passes:

        claims:
          - {id: a, text: A., supports: [b]}
          - {id: b, text: B.}
          - {id: c, text: C., undercuts: [{from: a, to: b}]}
    """

    code = "S106"
    name = "undercut-not-inference"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for inf in amap.inferences.values():
            names = inf.names
            if (
                inf.kind != "undercut"
                or names is None
                or names.premise is None
                or inf.target in amap.inferences
                or names.premise not in amap.claims
                or names.conclusion not in amap.claims
            ):
                continue
            yield self.at(
                inf.where,
                *relation_path(inf),
                subject=holder(inf),
                message=f"undercut of {names.premise!r} -> {names.conclusion!r}, but {names.premise!r} "
                f"neither supports nor rebuts {names.conclusion!r}; to attack the claim, use rebuts",
            )


class OneWayRebuttals(Rule):
    """Two claims rebut each other in two one-way rebuttals: say it once, as `contradicts`.

    `contradicts` says that two claims cannot both hold, a rebuttal both ways (ASPIC+'s symmetric
    rebuttal between contradictories). Two one-way rebuttals evaluate the same, but they read as
    two separate moves, can drift apart when one is edited (a note or `mapper` on one side
    only), and are drawn as two links. A challenge (a question) answered by a rebuttal is not a
    contrary and is not reported.

    Fails:

        claims:
          - {id: a, text: A., rebuts: [b]}
          - {id: b, text: B., rebuts: [a]}

    Passes:

        claims:
          - {id: a, text: A., contradicts: [b]}
          - {id: b, text: B.}
    """

    code = "S107"
    name = "one-way-rebuttals"
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        written: set[tuple[str, str]] = set()
        for inf in amap.inferences.values():
            if inf.kind != "rebut" or inf.linked or inf.contrary or inf.challenge:
                continue
            premise = inf.premises[0]
            if (inf.target, premise) in written:
                yield self.at(
                    inf.where,
                    subject=premise,
                    message=f"{premise!r} and {inf.target!r} rebut each other one way each; "
                    f"write it once as `contradicts: [{inf.target}]`",
                )
            written.add((premise, inf.target))
