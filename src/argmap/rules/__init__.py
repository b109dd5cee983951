"""The rule catalogue: every check argmap makes, each with a stable code and a readable doc.

A rule is a subclass of `Rule` in one of this package's family modules. Subclassing registers
it; nobody keeps a list by hand. Its docstring is the user documentation `argmap rules` shows:
the first line is the summary, the rest explains and gives a failing and a passing example.
Rules never print: `check` yields diagnostics. Codes emitted by the loader (family `input`)
are registered the same way, with no `check` of their own, so that they are documented too.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import replace
from typing import ClassVar, Iterator

from argmap.diagnostics import Diagnostic, Loc
from argmap.graph import ArgumentMap, Entry, Inference, PendingLoc, Where
from argmap.model import Severity

FAMILY_MODULES = ("input", "references", "structure", "sources", "logic", "config")
FAMILIES = {
    "Y": "input: YAML syntax and the map format",
    "R": "references: ids and what they point to",
    "S": "structure: how claims and inferences connect",
    "Q": "sources: attribution and verbatim quotes",
    "L": "logic: authors in conflict with themselves",
    "C": "configuration: rule settings and suppressions",
}

REGISTRY: dict[str, type["Rule"]] = {}


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.error
    #: True for codes the loader emits while reading files; they have no `check`.
    from_loader: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:  # a family's shared base, not a rule
            return
        if cls.code in REGISTRY:
            raise RuntimeError(f"rule code {cls.code} is used twice")
        REGISTRY[cls.code] = cls

    @classmethod
    def summary(cls) -> str:
        return inspect.getdoc(cls).splitlines()[0]

    @classmethod
    def doc(cls) -> str:
        return inspect.getdoc(cls)

    @classmethod
    def family(cls) -> str:
        return FAMILIES[cls.code[0]]

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        return iter(())

    def at(self, where: Where, *path, message: str, subject: str | None = None, key: bool = False,
           details: tuple[str, ...] = ()) -> Diagnostic:
        """A diagnostic of this rule at `where` (plus a field path inside it)."""
        return Diagnostic(self.code, message, where.pending(*path, key=key), self.severity, subject, details)


def relation_path(inf: Inference) -> tuple:
    """Where an inference names its target, relative to `inf.where`: the list item of a claim's
    `supports`/`rebuts`/`undercuts`, or an argument's `supports`/`rebuts`/`undercuts` field."""
    return (inf.kind + "s",) if inf.linked else ()


def holder(inf: Inference) -> str:
    """The claim or argument that writes the inference: the subject its diagnostics belong to."""
    if inf.mirror:  # the rebuttal a `contradicts:` entry makes the other way is written on its target
        return inf.target
    return inf.id if inf.linked else inf.premises[0]


def describe(inf: Inference) -> str:
    """An inference in words: `a supports b`, or `argument arg (a + b) supports c`."""
    if inf.linked:
        return f"argument {inf.id} ({' + '.join(inf.premises)}) {inf.kind}s {inf.target}"
    if inf.contrary:
        return f"{inf.premises[0]} contradicts {inf.target}"
    return inf.id


def all_rules() -> dict[str, type[Rule]]:
    for module in FAMILY_MODULES:
        importlib.import_module(f"argmap.rules.{module}")
    return dict(sorted(REGISTRY.items()))


def run_rules(amap: ArgumentMap) -> Iterator[Diagnostic]:
    for rule in all_rules().values():
        if not rule.from_loader:
            yield from rule().check(amap)


def configure(diagnostics: list[Diagnostic], amap: ArgumentMap | None, complete: bool = True) -> list[Diagnostic]:
    """Apply claims' `suppress:` entries and the manifest's `rules:` settings; sort for output.

    A suppression that silenced nothing is reported (C001) when the rules ran on the whole map
    (`complete`); it counts as used when its rule reported the claim, even if that rule is off."""
    diagnostics = _resolve_places(diagnostics)
    settings = amap.manifest.rules if amap and amap.manifest else {}
    suppressions = _suppressions(amap) if amap else {}
    used = set()
    found = []
    for diag in diagnostics:
        if (diag.subject, diag.code) in suppressions:
            used.add((diag.subject, diag.code))
        else:
            found.append(diag)
    if complete:
        found += [Diagnostic("C001", f"suppression of {code} for {subject!r} is unused: {code} reports nothing here",
                             loc, REGISTRY["C001"].severity, subject)
                  for (subject, code), loc in suppressions.items() if (subject, code) not in used and code in REGISTRY]
    kept = {}
    for diag in found:
        setting = settings.get(diag.code)
        if setting == "off":
            continue
        # A bad value under `defaults` is met once per claim that inherits it: report it once.
        kept.setdefault((diag.loc, diag.code, diag.message), diag.with_severity(Severity(setting)) if setting else diag)
    return sorted(kept.values(), key=Diagnostic.sort_key)


def _resolve_places(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Look up the line and column of every rule's diagnostic, one file at a time.

    Each file's node tree is composed once and released before the next, so a check holds at
    most one tree beyond the map itself, however many files have something to report."""
    by_doc: dict[int, list[int]] = {}
    for i, diag in enumerate(diagnostics):
        if isinstance(diag.loc, PendingLoc):
            by_doc.setdefault(id(diag.loc.doc), []).append(i)
    resolved = list(diagnostics)
    for indices in by_doc.values():
        doc = diagnostics[indices[0]].loc.doc
        for i in indices:
            resolved[i] = replace(diagnostics[i], loc=diagnostics[i].loc.resolve())
        doc.release()
    return resolved


def suppressions(amap: ArgumentMap) -> Iterator[tuple[str, Entry, str, str]]:
    """(claim or argument id, its entry, rule code, reason) for every `suppress:` entry."""
    for table in (amap.claims, amap.arguments):
        for ident, entry in table.items():
            for code, reason in entry.item.suppress.items():
                yield ident, entry, code, reason


def _suppressions(amap: ArgumentMap) -> dict[tuple[str, str], Loc]:
    return {(ident, code): entry.where.loc("suppress", code, key=True) for ident, entry, code, _ in suppressions(amap)}
