"""Diagnostics -> text for people and for CI: one reporter class per output format."""

from __future__ import annotations

import json
import os
from typing import Callable, ClassVar

from argmap import __version__
from argmap.check import CheckResult
from argmap.diagnostics import Diagnostic
from argmap.model import Severity


class Reporter:
    name: ClassVar[str]

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def render(self, result: CheckResult) -> str:
        raise NotImplementedError


def summary(result: CheckResult) -> str:
    counts = [(result.count(s), s.value) for s in Severity]
    found = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in counts if n)
    claims = len(result.amap.claims)
    line = f"{claims} claim{'s' if claims != 1 else ''} checked: {found or 'no problems'}"
    if not result.ran_rules:
        line += " (map rules not run: fix the input errors first)"
    return line


_STYLE: dict[Severity, Callable[[str], str]] = {
    Severity.error: lambda s: f"\x1b[31m{s}\x1b[0m",
    Severity.warning: lambda s: f"\x1b[33m{s}\x1b[0m",
    Severity.info: lambda s: f"\x1b[36m{s}\x1b[0m",
}


def printable(text: str) -> str:
    """`text` with control and invisible formatting characters escaped (`\\x1b`, `\\u202e`).

    File names, ids and source texts come from untrusted hands: raw, an escape sequence would
    drive the terminal, a newline would forge a line of output, a bidi override would reorder it."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class TextReporter(Reporter):
    """`path:line:col: CODE severity message`, one per line, then a summary line."""

    name = "text"

    def render(self, result: CheckResult) -> str:
        lines = []
        for d in result.diagnostics:
            severity = _STYLE[d.severity](d.severity.value) if self.color else d.severity.value
            lines.append(f"{printable(str(d.loc))}: {d.code} {severity} {printable(d.message)}")
            lines.extend(f"    {printable(detail)}" for detail in d.details)
        lines.append(summary(result))
        return "\n".join(lines) + "\n"


class JsonReporter(Reporter):
    name = "json"

    def render(self, result: CheckResult) -> str:
        payload = {
            "argmap": __version__,
            "summary": {s.value: result.count(s) for s in Severity} | {"claims": len(result.amap.claims)},
            "diagnostics": [_as_dict(d) for d in result.diagnostics],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _as_dict(d: Diagnostic) -> dict:
    return {"path": d.loc.path, "line": d.loc.line, "column": d.loc.col, "code": d.code,
            "severity": d.severity.value, "message": d.message, "subject": d.subject, "details": list(d.details)}


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request."""

    name = "github"
    _LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}

    def render(self, result: CheckResult) -> str:
        lines = []
        for d in result.diagnostics:
            props = f"file={_gh_escape(d.loc.path, True)},line={d.loc.line},col={d.loc.col},title={d.code}"
            message = _gh_escape("\n".join((d.message, *d.details)), False)
            lines.append(f"::{self._LEVEL[d.severity]} {props}::{message}")
        lines.append(summary(result))
        return "\n".join(lines) + "\n"


def _gh_escape(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


class SarifReporter(Reporter):
    """SARIF 2.1.0, with the rule table, for code-scanning services."""

    name = "sarif"
    _LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}

    def render(self, result: CheckResult) -> str:
        from argmap.rules import all_rules

        rules = all_rules()
        codes = list(rules)
        run = {
            "tool": {"driver": {
                "name": "argmap", "version": __version__, "informationUri": "https://pypi.org/project/argmap/",
                "rules": [{"id": code, "name": rule.name, "shortDescription": {"text": rule.summary()},
                           "fullDescription": {"text": rule.doc()},
                           "defaultConfiguration": {"level": self._LEVEL[rule.severity]}}
                          for code, rule in rules.items()],
            }},
            "results": [self._result(d, codes) for d in result.diagnostics],
        }
        sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
        return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"

    def _result(self, d: Diagnostic, codes: list[str]) -> dict:
        region = {"startLine": d.loc.line, "startColumn": d.loc.col} if d.loc.line else {}
        location = {"artifactLocation": {"uri": d.loc.path}}
        if region:
            location["region"] = region
        return {"ruleId": d.code, "ruleIndex": codes.index(d.code) if d.code in codes else -1,
                "level": self._LEVEL[d.severity], "message": {"text": "\n".join((d.message, *d.details))},
                "locations": [{"physicalLocation": location}]}


REPORTERS: dict[str, type[Reporter]] = {r.name: r for r in (TextReporter, JsonReporter, GithubReporter, SarifReporter)}


def default_format() -> str:
    """Inside GitHub Actions, annotations; elsewhere, text."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
