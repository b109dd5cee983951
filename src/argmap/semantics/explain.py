"""Why a claim or inference has its status, in plain sentences, back to unattacked claims.

Each sentence gives a status and the reason for it; the sentences under it, indented, explain
the reasons in turn. Of several reasons, one is chosen the same way whichever semantics asks:
the authors' own links before the mapper's, then the shortest chain back to claims nothing
attacks (the round of the grounded labelling that settles it), then the id; so the chain ends at
claims nothing attacks. An undecided label is traced along undecided attackers until it closes a
cycle. Each claim or inference is explained once; a repeat points back up. A contested claim is
then shown in two readings side by side: one that accepts it and one that does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.semantics.evaluation import Evaluation
from argmap.semantics.grounded import IN, OUT, UNDEC, grounded
from argmap.semantics.verdict import CONTESTED, number, status

#: A claim's text beside its id is cut to this many characters.
TEXT_WIDTH = 70

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
    if inf.contrary:
        return f"the contradiction of {inf.target} by {premise}"
    if inf.kind == "support":
        return f"the support from {premise} to {inf.target}"
    if inf.kind == "rebut":
        return f"the rebuttal of {inf.target} by {premise}"
    return f"the undercut by {premise} of {_target(amap, inf)}"


def named(amap: ArgumentMap, node_id: str) -> str:
    """`describe`, with a claim's text beside its id."""
    entry = amap.claims.get(node_id)
    if entry is None:
        return describe(amap, node_id)
    text = " ".join(entry.item.text.split())
    text = text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 3].rstrip() + "..."
    return f"claim {node_id} (\u201c{text}\u201d)"


def rounds(ev: Evaluation) -> list[float]:
    """Per argument, the length of the shortest grounded chain that settles it (inf: unsettled).

    An unattacked argument is settled in round 0; one whose attackers are all OUT, one round after
    the last of them; an OUT one, one round after its earliest IN attacker. Computed in the order
    the grounded labelling settled them, so every attacker that counts comes first."""
    af = ev.mapped.framework
    labelling = grounded(af)
    found = [float("inf")] * len(af)
    for a in sorted((a for a, step in enumerate(labelling.order) if step >= 0), key=labelling.order.__getitem__):
        before = [
            found[b]
            for b in af.attackers[a]
            if labelling.order[b] < labelling.order[a] and labelling.labels[b] is not labelling.labels[a]
        ]
        if labelling.labels[a] is IN:
            found[a] = max(before, default=-1) + 1
        else:
            found[a] = min(before) + 1
    return found


def _target(amap: ArgumentMap, inf: Inference) -> str:
    return describe(amap, inf.target) if inf.kind == "undercut" and inf.target in amap.inferences else inf.target


@dataclass
class _Explainer:
    amap: ArgumentMap
    ev: Evaluation
    lines: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    path: list[str] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.settled = rounds(self.ev)

    def label(self, node_id: str) -> str:
        return self.ev.labels[node_id]

    def order(self, node: int) -> float:
        return self.settled[node]

    def rank(self, node_id: str) -> tuple[bool, float, str]:
        """Which reason to give first: the authors' own before the mapper's, the shortest chain, the id."""
        inf = self.amap.inferences.get(node_id)
        return inf is not None and inf.mapper, self.order(self.ev.mapped.index[node_id]), node_id

    def say(self, depth: int, node_id: str, reason: str) -> None:
        subject = named(self.amap, node_id)
        word = status(self.ev, node_id)
        verb = word if word in ("holds", "fails") else f"is {word}"
        self.lines.append(f"{'  ' * depth}{subject[0].upper()}{subject[1:]} {verb}: {reason}.")

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
        if not self.ev.total:  # no stable extension: nothing more to say
            more = []
        for child in more:
            self.explain(child, depth + 1)
        self.path.pop()

    def first(self, ids: list[str]) -> str:
        """Of several reasons, the one to give (see `rank`)."""
        return min(ids, key=self.rank)

    def extensions(self, node: int) -> str:
        return f"in {number(self.ev.node_counts[node])} of {number(self.ev.total)} {self.ev.semantics} readings"

    # -- claims ----------------------------------------------------------------------------

    def claim(self, cid: str) -> tuple[str, list[str]]:
        active = self.ev.mapped.active
        rebuttals = [i.id for i in self.amap.attackers(cid) if i.kind == "rebut" and active(i)]
        supports = [i.id for i in self.amap.supporters(cid) if active(i)]
        reasons = self.ev.mapped.reasons.get(cid)
        label = self.label(cid)
        if label == IN:
            return self.standing(rebuttals, supports)
        if label == OUT:
            return self.rejected(cid, rebuttals, supports, reasons)
        unsettled = [r for r in rebuttals if self.label(r) == UNDEC]
        parts = ["no rebuttal of it stands, but one is undecided"] if unsettled else []
        if reasons is not None and self.ev.node_labels[reasons] == UNDEC:
            parts.append("no reason for it stands, but one is undecided")
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
            return said + f", and in every {self.ev.semantics} reading one of its reasons stands", rebuttals
        return said + ", and a reason for it stands", [*rebuttals, self.first(standing)]

    def rejected(
        self, cid: str, rebuttals: list[str], supports: list[str], reasons: int | None
    ) -> tuple[str, list[str]]:
        causes: list[tuple[tuple[bool, float, str], str | None]] = [
            (self.rank(r), r) for r in rebuttals if self.label(r) == IN
        ]
        if reasons is not None and self.ev.node_labels[reasons] == IN:
            causes.append(((False, self.order(reasons), ""), None))
        if not causes:
            return self.split(cid, rebuttals, reasons), []
        _, rebuttal = min(causes, key=lambda cause: cause[0])
        if rebuttal is None:
            return "none of its reasons stands", supports
        return "it is rebutted, and the rebuttal stands", [rebuttal]

    def split(self, node_id: str, attackers: list[str], reasons: int | None) -> str:
        """Extensions that disagree, or that each reject the node for a reason of their own."""
        semantics = self.ev.semantics
        if not self.ev.total:
            return f"there is no {semantics} reading (extension)"
        if self.label(node_id) != OUT:
            accepted = self.extensions(self.ev.mapped.index[node_id])
            return f"the {semantics} readings disagree: it is accepted {accepted}"
        named = [f"{describe(self.amap, a)} (accepted {self.extensions(self.ev.mapped.index[a])})" for a in attackers]
        if reasons is not None:
            named.append(f"no reason for it stands ({self.extensions(reasons)})")
        return f"every {semantics} reading rejects it, not all for the same reason: " + "; ".join(named)

    # -- inferences ------------------------------------------------------------------------

    def inference(self, inf: Inference) -> tuple[str, list[str]]:
        premises = [p for p in inf.premises if p in self.amap.claims]
        undercuts = [
            u.id for u in self.amap.incoming.get(inf.id, ()) if u.kind == "undercut" and self.ev.mapped.active(u)
        ]
        label = self.label(inf.id)
        if label == IN:
            said = _premises(premises, "hold" if len(premises) > 1 else "holds")
            said += ", and every undercut of it fails" if undercuts else ", and nothing undercuts it"
            return said, premises + undercuts
        failing = [p for p in premises if self.label(p) == OUT] + [u for u in undercuts if self.label(u) == IN]
        if label == OUT and failing:
            culprit = self.first(failing)
            why = f"its premise {culprit} fails" if culprit in premises else "it is undercut, and the undercut stands"
            return why, [culprit]
        open_premises = [p for p in premises if self.label(p) == UNDEC]
        open_undercuts = [u for u in undercuts if self.label(u) == UNDEC]
        if label == UNDEC and self.ev.order is not None and (open_premises or open_undercuts):
            parts = (
                [_premises(open_premises, "is undecided" if len(open_premises) == 1 else "are undecided")]
                if open_premises
                else []
            )
            parts += ["an undercut of it is undecided"] if open_undercuts else []
            return " and ".join(parts), open_premises + open_undercuts
        return self.split(inf.id, premises + undercuts, None), open_premises + open_undercuts


def _premises(premises: list[str], verb: str) -> str:
    if not premises:
        return "it has no premise"
    return f"its premise{'s' if len(premises) > 1 else ''} {', '.join(premises)} {verb}"


def explain(amap: ArgumentMap, evaluation: Evaluation, node_id: str, authors: Evaluation | None = None) -> list[str]:
    """The explanation of `node_id`'s status, one sentence a line, indented by reason depth.

    `authors` is the evaluation without the mapper's links: when it differs, the links that decide
    are named."""
    explainer = _Explainer(amap, evaluation)
    explainer.explain(node_id)
    lines = explainer.lines
    if status(evaluation, node_id) == CONTESTED:
        lines += side_by_side(amap, evaluation, node_id)
    lines += challenges(amap, evaluation, node_id)
    if authors is not None and status(authors, node_id) != status(evaluation, node_id):
        links = [describe(amap, i) for i in explainer.seen if i in amap.inferences and amap.inferences[i].mapper]
        lines.append(
            f"Without the mapper's links (`--authors-only`) it {status(authors, node_id)}"
            + (f": the mapper's reading decides it ({'; '.join(sorted(links))})." if links else ".")
        )
    return lines


def challenges(amap: ArgumentMap, ev: Evaluation, node_id: str) -> list[str]:
    """The challenges put to a node that do not fail, and why they do not defeat it."""
    if ev.mapped.challenges_attack:
        return []
    put = [
        i
        for i in amap.inferences.values()
        if i.challenge and status(ev, i.id) != "fails" and node_id in (i.target, *amap.claims_of(i.target))
    ]
    return [
        f"It is challenged by {named(amap, i.premises[0]) if not i.linked else describe(amap, i.id)}: "
        "a challenge (a critical question) asks for an answer but defeats nothing on its own; "
        "map.yaml `evaluation: {challenges: attack}` counts it as an attack."
        for i in put
    ]


def side_by_side(amap: ArgumentMap, ev: Evaluation, node_id: str) -> list[str]:
    """A contested claim in a reading that accepts it and in one that does not."""
    mapped, af = ev.mapped, ev.mapped.framework
    node = mapped.index[node_id]

    def name(a: int) -> str:
        return named(amap, mapped.ids[a])

    def members(accepting: bool) -> set[int]:
        """A reading's arguments, with the auxiliary "no reason stands" ones it contains."""
        found = ev.reading(node, accepting) or set()
        return found | {r for r in mapped.reasons.values() if not found.intersection(af.attackers[r])}

    def answer(b: int) -> str:
        defender = name(min(d for d in af.attackers[b] if d in inside))
        if mapped.is_reasons(b):
            return f"a reason for it stands ({defender})"
        return f"{name(b)} is answered by {defender}"

    def accepted(b: int) -> str:
        return "no reason for it stands" if mapped.is_reasons(b) else name(b)

    lines = [f"Two of the {number(ev.total)} {ev.semantics} readings side by side:"]
    inside = members(True)
    answers = [answer(b) for b in sorted(af.attackers[node], key=accepted)]
    lines.append("  In one, it holds: " + ("; ".join(answers) if answers else "nothing attacks it") + ".")
    outside = members(False)
    against = [accepted(b) for b in sorted(af.attackers[node], key=accepted) if b in outside]
    lines.append(
        "  In another, it fails: "
        + ("accepted against it: " + "; ".join(against) if against else "nothing there defends it")
        + "."
    )
    return lines
