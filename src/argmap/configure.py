"""The check stage's last step: what the map's settings make of the rules' findings.

Claims' `suppress:` entries silence findings (a suppression that silenced nothing is reported,
C001); the places of the findings are looked up, all at once; the manifest's `rules:` settings
turn codes off or change their severity; the result is sorted for output. It lives beside the
check stage, not in the rule catalogue, as yamllint's linter and sqlfluff's noqa module do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from argmap.diagnostics import Diagnostic, Finding, Loc
from argmap.graph import ArgumentMap
from argmap.model import RuleSetting
from argmap.places import locate_all
from argmap.rules.config import UnusedSuppression
from argmap.vocabulary import Severity


def configure(found: Sequence[Diagnostic | Finding], amap: ArgumentMap, complete: bool = True) -> list[Diagnostic]:
    """Apply claims' `suppress:` entries and the manifest's `rules:` settings; sort for output.

    A suppression that silenced nothing is reported (C001) when the rules ran on the whole map
    (`complete`); it counts as used when its rule reported the claim, even if that rule is off."""
    suppressed = {(ident, code) for ident, _, code, _ in amap.suppressions()}
    used: set[tuple[str | None, str]] = set()
    kept: list[Diagnostic | Finding] = []
    for diag in found:
        if (diag.subject, diag.code) in suppressed:
            used.add((diag.subject, diag.code))
        else:
            kept.append(diag)
    if complete:
        kept.extend(UnusedSuppression().unused(amap, used))
    return _apply_settings(_placed(kept), amap.manifest.rules if amap.manifest else {})


def _placed(found: list[Diagnostic | Finding]) -> list[Diagnostic]:
    """Every finding as a diagnostic at its line and column, looked up with one pass over the
    events of each file that has some (`argmap.places`), which keeps no node tree."""
    findings = [f for f in found if isinstance(f, Finding)]
    locs = locate_all([(f.place.doc, f.place.path, f.place.key) for f in findings])
    placed = iter([f.at(loc) for f, loc in zip(findings, locs, strict=True)])
    return [next(placed) if isinstance(f, Finding) else f for f in found]


def _apply_settings(found: list[Diagnostic], settings: Mapping[str, RuleSetting]) -> list[Diagnostic]:
    kept: dict[tuple[Loc, str, str], Diagnostic] = {}
    for diag in found:
        setting = settings.get(diag.code)
        if setting == "off":
            continue
        # A bad value under `defaults` is met once per claim that inherits it: report it once.
        kept.setdefault((diag.loc, diag.code, diag.message), diag.with_severity(Severity(setting)) if setting else diag)
    return sorted(kept.values(), key=Diagnostic.sort_key)
