"""Configuration rules: the manifest's `rules:` settings and claims' `suppress:` entries.

C001 is found while settings are applied (`argmap.rules.configure`), once every rule has run.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Diagnostic, did_you_mean
from argmap.graph import ArgumentMap
from argmap.model import Severity
from argmap.rules import REGISTRY, Rule, suppressions


class UnusedSuppression(Rule):
    """A suppression silences nothing.

    The rule it names reports no problem for this claim (any more): remove the entry, so that
    suppressions do not outlive their reason.

    Fails:

        claims:
          - {id: a, text: A., supports: [b], suppress: {S102: kept as context}}
          - {id: b, text: B.}

    Passes:

        claims:
          - {id: a, text: A., suppress: {S102: kept as context}}
    """

    code = "C001"
    name = "unused-suppression"
    severity = Severity.warning


class UnknownRuleCode(Rule):
    """The manifest's `rules:` or a claim's `suppress:` names a rule code that does not exist.

    `argmap rules` lists the codes.

    Fails:

        rules: {S999: off}

    Passes:

        rules: {S104: error}
    """

    code = "C002"
    name = "unknown-rule-code"

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        known = sorted(REGISTRY)
        if amap.manifest is not None:
            for code in amap.manifest.rules:
                if code not in REGISTRY:
                    yield Diagnostic(
                        self.code,
                        f"unknown rule code {code!r}{did_you_mean(code, known)}",
                        amap.manifest_doc.loc(("rules", code), key=True),
                        self.severity,
                    )
        for ident, entry, code, _ in suppressions(amap):
            if code not in REGISTRY:
                yield self.at(
                    entry.where,
                    "suppress",
                    code,
                    key=True,
                    subject=ident,
                    message=f"unknown rule code {code!r}{did_you_mean(code, known)}",
                )


class SuppressionWithoutReason(Rule):
    """A suppression gives no reason.

    Say why the rule does not apply here, so that a reader (and the next reviewer) can judge.

    Fails:

        - {id: a, text: A., suppress: {S102: ""}}

    Passes:

        - {id: a, text: A., suppress: {S102: kept as context for readers}}
    """

    code = "C003"
    name = "suppression-without-reason"

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        for ident, entry, code, reason in suppressions(amap):
            if not reason.strip():
                yield self.at(
                    entry.where,
                    "suppress",
                    code,
                    key=True,
                    subject=ident,
                    message=f"suppression of {code} for {ident!r} gives no reason",
                )
