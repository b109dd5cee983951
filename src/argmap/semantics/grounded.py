"""The grounded labelling in time linear in arguments plus attacks.

Each argument keeps a count of its attackers not yet OUT. Arguments whose count is zero are IN;
everything an IN argument attacks is OUT; each new OUT lowers the counts of its targets, and a
count reaching zero makes that target IN. Every attack is followed at most twice (once from its
IN attacker, once from its OUT one), and nothing is re-scanned. What is never labelled is UNDEC.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from argmap.semantics.framework import Framework

IN, OUT, UNDEC = "IN", "OUT", "UNDEC"


@dataclass(frozen=True, slots=True)
class Labelling:
    labels: list[str]
    #: The step at which each argument was labelled (-1 for UNDEC). Every IN argument's attackers
    #: were OUT at an earlier step and every OUT argument has an IN attacker of an earlier step,
    #: so following the smaller steps explains a label without going round in circles.
    order: list[int]

    def extension(self) -> list[int]:
        return [a for a, label in enumerate(self.labels) if label is IN]


def grounded(af: Framework) -> Labelling:
    missing = [len(attackers) for attackers in af.attackers]
    labels = [UNDEC] * len(af)
    order = [-1] * len(af)
    step = 0
    queue: deque[int] = deque()
    for a, count in enumerate(missing):
        if not count:
            labels[a], order[a] = IN, step
            step += 1
            queue.append(a)
    targets = af.targets
    while queue:
        for b in targets[queue.popleft()]:
            if labels[b] is not UNDEC:
                continue
            labels[b], order[b] = OUT, step
            step += 1
            for c in targets[b]:
                missing[c] -= 1
                if not missing[c] and labels[c] is UNDEC:
                    labels[c], order[c] = IN, step
                    step += 1
                    queue.append(c)
    return Labelling(labels, order)
