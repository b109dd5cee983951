"""The check stage: load a map, build its graph, run every rule, apply the map's settings, and
evaluate which claims stand."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from argmap.configure import configure
from argmap.diagnostics import Diagnostic, Finding
from argmap.graph import ArgumentMap, build
from argmap.loader import Document, load_map, no_cycle_collection
from argmap.rules import Rule, all_rules
from argmap.semantics import Evaluation, evaluate
from argmap.semantics.evaluation import DEFAULT_SEMANTICS
from argmap.vocabulary import Severity


@dataclass
class CheckResult:
    amap: ArgumentMap
    diagnostics: list[Diagnostic]
    #: False when input errors kept the map's rules from running.
    ran_rules: bool = True
    #: Which claims stand; None when input errors left the map incomplete.
    evaluation: Evaluation | None = None
    #: How many quotes were verified against the record, when counted in a forked check.
    quotes_recorded: int | None = None

    def status_counts(self) -> dict[str, int]:
        """How many claims hold, are contested, fail (or, under grounded semantics, are undecided)."""
        from argmap.semantics.verdict import status, statuses_of

        evaluation = self.evaluation
        if evaluation is None:
            return {}
        counts = dict.fromkeys(statuses_of(evaluation), 0)
        for cid in self.amap.claims:
            counts[status(evaluation, cid)] += 1
        return counts

    def recorded_quotes(self) -> int:
        """How many quotes were verified against the record (their source texts being absent)."""
        if not self.ran_rules:
            return 0
        return self.quotes_recorded if self.quotes_recorded is not None else recorded_count(self.amap)

    def count(self, severity: Severity) -> int:
        return sum(d.severity is severity for d in self.diagnostics)

    def failed(self, strict: bool = False) -> bool:
        failing = {Severity.error, Severity.warning} if strict else {Severity.error}
        return any(d.severity in failing for d in self.diagnostics)


#: Rule families that judge the graph: two entries under one id are merged there, so what these
#: say about a duplicated id only follows from the duplicate, which R001 reports.
_GRAPH_FAMILIES = ("S", "L")


def recorded_count(amap: ArgumentMap) -> int:
    """How many of the map's quotes are verified against the record."""
    from argmap.quotes import verify_quotes

    return sum(q.status == "recorded" for q in verify_quotes(amap).values())


def map_rules() -> list[type[Rule]]:
    """The rules that judge the whole map (the loader's codes are reported while reading)."""
    return [rule for rule in all_rules().values() if not rule.from_loader]


def run_rules(amap: ArgumentMap) -> Iterator[Finding]:
    """Every rule's findings on the whole map."""
    for rule in map_rules():
        yield from rule().check(amap)


#: From this many claims a check may fork (`argmap.background`): at 1,000 claims forking costs
#: about what it saves (measured in docs/performance.md).
FORK_FROM_CLAIMS = 2_000


def _checked_forked(
    amap: ArgumentMap, documents: Sequence[Document], semantics: str
) -> tuple[list[Finding], Evaluation, int | None]:
    """Every rule's findings in rule order, and the evaluation: the rules marked `background` run
    in a forked child while the parent runs the others and evaluates the semantics (which need
    nothing the rules make); and how many quotes were verified against the record (None when the
    child failed and the parent ran its rules as well)."""
    from argmap import background

    rules = map_rules()
    in_child = [rule for rule in rules if rule.background]

    def child_work() -> tuple[list[list[background.Portable]], int]:
        found = [[background.portable(f) for f in rule().check(amap)] for rule in in_child]
        return found, recorded_count(amap)

    child = background.Forked(child_work)
    try:
        found = {rule: list(rule().check(amap)) for rule in rules if not rule.background}
        amap.memo.drop_rules_only()  # as before the evaluation in one process: not on its peak
        evaluation = evaluate(amap, semantics)
    finally:
        answer = child.result()
    from_child = background.restored(answer[0], documents) if answer else None
    if from_child is None:  # the child failed: its rules run here
        found.update({rule: list(rule().check(amap)) for rule in in_child})
    else:
        found.update(zip(in_child, from_child, strict=True))
    recorded = answer[1] if answer and from_child is not None else None
    return [f for rule in rules for f in found[rule]], evaluation, recorded


def follow_ons_dropped(found: list[Finding]) -> list[Finding]:
    """One mistake, one problem: drop the graph rules' diagnostics about an id that R001 reports as
    duplicated, and the attribution check (Q003) of a claim whose author or source is unknown (R005)."""
    duplicated = {d.subject for d in found if d.code == "R001"}
    unknown_party = {d.subject for d in found if d.code == "R005"}
    return [
        d
        for d in found
        if not (d.subject in duplicated and d.code.startswith(_GRAPH_FAMILIES))
        and not (d.subject in unknown_party and d.code == "Q003")
    ]


def check_map(
    folder: Path | str,
    semantics: str = DEFAULT_SEMANTICS,
    texts: Mapping[Path, str] | None = None,
    sources: Sequence[Path] = (),
    fork: bool = False,
) -> CheckResult:
    """Raises `MapNotFound` when `folder` is no map; every other problem is a diagnostic.

    `texts` checks files as they would be (path -> content) without writing them; `sources` are
    the folders of source texts the user gave (`--sources`). `fork` lets a large map's check run
    some of its rules (`Rule.background`) in a second process when a core is free
    (`argmap.background`): only for a caller that runs no other thread."""
    from argmap import background

    with no_cycle_collection():
        loaded = load_map(folder, texts)
        amap = build(loaded)
        amap.source_dirs = tuple(sources)
        found: list[Diagnostic | Finding] = list(loaded.diagnostics)
        # Rules judge the whole map; with a file unread they would report its claims as missing.
        ran_rules = not found
        evaluation, recorded = None, None
        if ran_rules:
            if fork and len(amap.claims) >= FORK_FROM_CLAIMS and background.free_core():
                findings, evaluation, recorded = _checked_forked(amap, loaded.documents, semantics)
            else:
                findings = list(run_rules(amap))
            found.extend(follow_ons_dropped(findings))
        diagnostics = configure(found, amap, complete=ran_rules)
        # What the rules shared (the list of references, the source texts) is not needed again;
        # freed before the semantics' framework is built, it does not add to the peak.
        amap.memo.drop_rules_only()
        if ran_rules and evaluation is None:
            evaluation = evaluate(amap, semantics)
        return CheckResult(amap, diagnostics, ran_rules, evaluation, recorded)
