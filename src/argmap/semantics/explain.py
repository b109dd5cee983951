"""Why a claim or inference has its label, in plain sentences, back to unattacked claims.

Each sentence gives a label and the reason for it; the sentences under it, indented, explain
the reasons in turn. Under grounded semantics an OUT label is explained by the attacker that
settled it first (the one with the smallest step in the labelling), so the chain always ends at
claims nothing attacks; an undecided label is traced along undecided attackers until it closes
a cycle. Each claim or inference is explained once; a repeat points back up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.semantics.evaluation import Evaluation
from argmap.semantics.grounded import IN, OUT, UNDEC

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` need not
    from argmap.graph import ArgumentMap, Inference


def describe(amap: ArgumentMap, node_id: str) -> str:
    """A claim or inference as a reader would name it."""
    inf = amap.inferences.get(node_id)
    if inf is None:
        return f"claim {node_id}"
    if inf.linked:
        return f"argument {inf.id} ({' + '.join(inf.premises)} {inf.kind}s {_target(amap, inf)})"
    premise = inf.premises[0]
    if inf.kind == "support":
        return f"the support from {premise} to {inf.target}"
    if inf.kind == "rebut":
        return f"the rebuttal of {inf.target} by {premise}"
    return f"the undercut by {premise} of {_target(amap, inf)}"


def _target(amap: ArgumentMap, inf: Inference) -> str:
    return describe(amap, inf.target) if inf.kind == "undercut" and inf.target in amap.inferences else inf.target


@dataclass
class _Explainer:
    amap: ArgumentMap
    ev: Evaluation
    lines: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    path: list[str] = field(default_factory=list)

    def label(self, node_id: str) -> str:
        return self.ev.labels[node_id]

    def order(self, node: int) -> int:
        return self.ev.order[node] if self.ev.order is not None else 0

    def say(self, depth: int, node_id: str, reason: str) -> None:
        subject = describe(self.amap, node_id)
        self.lines.append(f"{'  ' * depth}{subject[0].upper()}{subject[1:]} is {self.label(node_id)}: {reason}.")

    def explain(self, node_id: str, depth: int = 0) -> None:
        if node_id in self.seen:
            closes = " (this closes a cycle)" if node_id in self.path else ""
            self.say(depth, node_id, f"see above{closes}")
            return
        self.seen.add(node_id)
        self.path.append(node_id)
        if node_id in self.amap.inferences:
            reason, more = self.inference(self.amap.inferences[node_id])
        else:
            reason, more = self.claim(node_id)
        self.say(depth, node_id, reason)
        if not self.ev.extensions:  # no stable extension: nothing more to say
            more = []
        for child in more:
            self.explain(child, depth + 1)
        self.path.pop()

    def first(self, ids: list[str]) -> str:
        """Of several reasons, the one settled first (grounded) or the first written."""
        return min(ids, key=lambda i: self.order(self.ev.mapped.index[i]))

    def extensions(self, node: int) -> str:
        return f"in {self.ev.node_counts[node]} of {len(self.ev.extensions)} {self.ev.semantics} extensions"

    # -- claims ----------------------------------------------------------------------------

    def claim(self, cid: str) -> tuple[str, list[str]]:
        rebuttals = [i.id for i in self.amap.attackers(cid) if i.kind == "rebut" and i.id in self.ev.labels]
        supports = [i.id for i in self.amap.supporters(cid) if i.id in self.ev.labels]
        reasons = self.ev.mapped.reasons.get(cid)
        label = self.label(cid)
        if label == IN:
            return self.standing(rebuttals, supports)
        if label == OUT:
            return self.rejected(cid, rebuttals, supports, reasons)
        unsettled = [r for r in rebuttals if self.label(r) == UNDEC]
        parts = ["no rebuttal of it stands, but one is UNDEC"] if unsettled else []
        if reasons is not None and self.ev.node_labels[reasons] == UNDEC:
            parts.append("no reason for it is IN, but one is UNDEC")
            unsettled += [s for s in supports if self.label(s) == UNDEC]
        if self.ev.order is None or not unsettled:
            return self.split(cid, rebuttals, reasons), unsettled
        return " and ".join(parts), unsettled

    def standing(self, rebuttals: list[str], supports: list[str]) -> tuple[str, list[str]]:
        said = "every rebuttal of it fails" if rebuttals else "nothing attacks it"
        if not supports:
            return said + ", and it rests on no other claim", rebuttals
        standing = [s for s in supports if self.label(s) == IN]
        if not standing:
            return said + f", and in every {self.ev.semantics} extension one of its reasons stands", rebuttals
        return said + ", and a reason for it stands", rebuttals + [self.first(standing)]

    def rejected(self, cid: str, rebuttals: list[str], supports: list[str], reasons: int | None
                 ) -> tuple[str, list[str]]:
        index = self.ev.mapped.index
        causes = [(self.order(index[r]), r) for r in rebuttals if self.label(r) == IN]
        if reasons is not None and self.ev.node_labels[reasons] == IN:
            causes.append((self.order(reasons), None))
        if not causes:
            return self.split(cid, rebuttals, reasons), []
        _, rebuttal = min(causes, key=lambda cause: cause[0])
        if rebuttal is None:
            return "none of its reasons stands", supports
        return "it is rebutted, and the rebuttal stands", [rebuttal]

    def split(self, node_id: str, attackers: list[str], reasons: int | None) -> str:
        """Extensions that disagree, or that each reject the node for a reason of their own."""
        semantics = self.ev.semantics
        if not self.ev.extensions:
            return f"there is no {semantics} extension"
        if self.label(node_id) != OUT:
            accepted = self.extensions(self.ev.mapped.index[node_id])
            return f"the {semantics} extensions disagree: it is accepted {accepted}"
        named = [f"{describe(self.amap, a)} (accepted {self.extensions(self.ev.mapped.index[a])})" for a in attackers]
        if reasons is not None:
            named.append(f"no reason for it stands ({self.extensions(reasons)})")
        return f"every {semantics} extension rejects it, not all for the same reason: " + "; ".join(named)

    # -- inferences ------------------------------------------------------------------------

    def inference(self, inf: Inference) -> tuple[str, list[str]]:
        premises = [p for p in inf.premises if p in self.amap.claims]
        undercuts = [u.id for u in self.amap.incoming.get(inf.id, ()) if u.kind == "undercut"]
        label = self.label(inf.id)
        if label == IN:
            said = _premises(premises, "are IN" if len(premises) > 1 else "is IN")
            said += ", and every undercut of it fails" if undercuts else ", and nothing undercuts it"
            return said, premises + undercuts
        failing = [p for p in premises if self.label(p) == OUT] + [u for u in undercuts if self.label(u) == IN]
        if label == OUT and failing:
            culprit = self.first(failing)
            why = f"its premise {culprit} is OUT" if culprit in premises else "it is undercut, and the undercut stands"
            return why, [culprit]
        open_premises = [p for p in premises if self.label(p) == UNDEC]
        open_undercuts = [u for u in undercuts if self.label(u) == UNDEC]
        if label == UNDEC and self.ev.order is not None and (open_premises or open_undercuts):
            parts = [_premises(open_premises, "is UNDEC" if len(open_premises) == 1 else "are UNDEC")] \
                if open_premises else []
            parts += ["an undercut of it is UNDEC"] if open_undercuts else []
            return " and ".join(parts), open_premises + open_undercuts
        return self.split(inf.id, premises + undercuts, None), open_premises + open_undercuts


def _premises(premises: list[str], verb: str) -> str:
    if not premises:
        return "it has no premise"
    return f"its premise{'s' if len(premises) > 1 else ''} {', '.join(premises)} {verb}"


def explain(amap: ArgumentMap, evaluation: Evaluation, node_id: str) -> list[str]:
    """The explanation of `node_id`'s label, one sentence a line, indented by reason depth."""
    explainer = _Explainer(amap, evaluation)
    explainer.explain(node_id)
    return explainer.lines
