"""Configuration rules: the manifest's `rules:` settings and claims' `suppress:` entries.

C001 is found while settings are applied (`argmap.configure`), once every rule has run.
"""

from __future__ import annotations

from collections.abc import Iterator, Set

from argmap.diagnostics import Finding, PendingLoc, did_you_mean
from argmap.graph import ArgumentMap, Entry
from argmap.model import Argument, Claim
from argmap.rules import REGISTRY, Rule, all_rules
from argmap.vocabulary import Severity


class _ConfigRule(Rule):
    """The family's shared base: a finding about a claim's or argument's `suppress:` entry."""

    def at_suppression(self, entry: Entry[Claim | Argument], ident: str, code: str, message: str) -> Finding:
        return self.at(entry.where, "suppress", code, key=True, subject=ident, message=message)


class UnusedSuppression(_ConfigRule):
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

    def unused(self, amap: ArgumentMap, used: Set[tuple[str | None, str]]) -> Iterator[Finding]:
        """The suppressions not among `used` (subject, code): only the check stage knows which
        silenced something, so it calls this once it has applied them, instead of `check`."""
        known = all_rules()
        written = {(ident, code): entry for ident, entry, code, _ in amap.suppressions()}
        for (subject, code), entry in written.items():
            if (subject, code) not in used and code in known:
                message = f"suppression of {code} for {subject!r} is unused: {code} reports nothing here"
                yield self.at_suppression(entry, subject, code, message)


class UnknownRuleCode(_ConfigRule):
    """The manifest's `rules:` or a claim's `suppress:` names a rule code that does not exist.

    `argmap rules` lists the codes.

    Fails:

        rules: {S999: off}

    Passes:

        rules: {S104: error}
    """

    code = "C002"
    name = "unknown-rule-code"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        known = sorted(REGISTRY)
        if amap.manifest is not None and amap.manifest_doc is not None:
            for code in amap.manifest.rules:
                if code not in REGISTRY:
                    yield Finding(
                        self.code,
                        f"unknown rule code {code!r}{did_you_mean(code, known)}",
                        PendingLoc(amap.manifest_doc, ("rules", code), key=True),
                        self.severity,
                    )
        for ident, entry, code, _ in amap.suppressions():
            if code not in REGISTRY:
                yield self.at_suppression(entry, ident, code, f"unknown rule code {code!r}{did_you_mean(code, known)}")


class SuppressionWithoutReason(_ConfigRule):
    """A suppression gives no reason.

    Say why the rule does not apply here, so that a reader (and the next reviewer) can judge.

    Fails:

        - {id: a, text: A., suppress: {S102: ""}}

    Passes:

        - {id: a, text: A., suppress: {S102: kept as context for readers}}
    """

    code = "C003"
    name = "suppression-without-reason"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for ident, entry, code, reason in amap.suppressions():
            if not reason.strip():
                yield self.at_suppression(entry, ident, code, f"suppression of {code} for {ident!r} gives no reason")
