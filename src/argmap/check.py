"""The check stage: load a map, build its graph, run every rule, apply the map's settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argmap.diagnostics import Diagnostic
from argmap.graph import ArgumentMap, build
from argmap.loader import load_map
from argmap.model import Severity
from argmap.rules import configure, run_rules


@dataclass
class CheckResult:
    amap: ArgumentMap
    diagnostics: list[Diagnostic]
    #: False when input errors kept the map's rules from running.
    ran_rules: bool = True

    def count(self, severity: Severity) -> int:
        return sum(d.severity is severity for d in self.diagnostics)

    def failed(self, strict: bool = False) -> bool:
        failing = {Severity.error, Severity.warning} if strict else {Severity.error}
        return any(d.severity in failing for d in self.diagnostics)


def check_map(folder: Path | str) -> CheckResult:
    """Raises `MapNotFound` when `folder` is no map; every other problem is a diagnostic."""
    loaded = load_map(folder)
    amap = build(loaded)
    found = list(loaded.diagnostics)
    # Rules judge the whole map; with a file unread they would report its claims as missing.
    ran_rules = not found
    if ran_rules:
        found.extend(run_rules(amap))
    return CheckResult(amap, configure(found, amap, complete=ran_rules), ran_rules)
