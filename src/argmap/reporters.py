"""Diagnostics -> text for people and for CI: one reporter class per output format."""

from __future__ import annotations

import json
import os
from itertools import groupby
from typing import Callable, ClassVar

from argmap import __version__
from argmap.check import CheckResult
from argmap.diagnostics import Diagnostic
from argmap.model import Severity
from argmap.safety import terminal as printable


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
    elif result.evaluation:
        statuses = ", ".join(f"{n} {label}" for label, n in result.status_counts().items())
        line += f"; {result.evaluation.semantics}: {statuses}"
    recorded = result.recorded_quotes()
    if recorded:
        line += f"; {recorded} quote{'s' if recorded != 1 else ''} verified against the record (sources.lock)"
    return line


def _sgr(code: str) -> Callable[[str], str]:
    return lambda s: f"\x1b[{code}m{s}\x1b[0m"


_SEVERITY_STYLE = {Severity.error: _sgr("31"), Severity.warning: _sgr("33"), Severity.info: _sgr("36")}
_HEADER, _CODE, _DETAIL, _CLEAN = _sgr("1;4"), _sgr("1"), _sgr("2"), _sgr("32")


class TextReporter(Reporter):
    """`path:line:col: CODE severity message`, one per line, then a summary line.

    On a terminal (`color`), diagnostics are grouped under a header per file and coloured by
    severity; each line keeps its `path:line:col`, which terminals and editors turn into links.
    Without colour the lines are plain, for scripts and CI logs."""

    name = "text"

    def render(self, result: CheckResult) -> str:
        lines = []
        for path, group in groupby(result.diagnostics, key=lambda d: d.loc.path):
            if self.color:
                lines += [*([""] if lines else []), _HEADER(path)]
            lines += [line for d in group for line in self.lines(d)]
        lines.append(self._summary(result))
        return "\n".join(lines) + "\n"

    def lines(self, d: Diagnostic) -> list[str]:
        """One diagnostic: the located message, then its details indented (also used by `import`)."""
        if not self.color:
            return text_lines(d)
        head = (f"  {printable(str(d.loc))}: {_CODE(d.code)} {_SEVERITY_STYLE[d.severity](d.severity.value)} "
                f"{printable(d.message)}")
        return [head, *(_DETAIL(f"      {printable(x)}") for x in d.details)]

    def _summary(self, result: CheckResult) -> str:
        line = summary(result)
        if not self.color:
            return line
        worst = next((s for s in Severity if result.count(s)), None)
        return ("\n" if result.diagnostics else "") + (_SEVERITY_STYLE[worst] if worst else _CLEAN)(line)


def text_lines(d: Diagnostic) -> list[str]:
    """One diagnostic as plain text: `path:line:col: CODE severity message`, then its details indented."""
    return [f"{printable(str(d.loc))}: {d.code} {d.severity.value} {printable(d.message)}",
            *(f"    {printable(x)}" for x in d.details)]


class JsonReporter(Reporter):
    name = "json"

    def render(self, result: CheckResult) -> str:
        payload = {
            "argmap": __version__,
            "summary": {s.value: result.count(s) for s in Severity} | {"claims": len(result.amap.claims),
                                                                       "quotes_recorded": result.recorded_quotes()},
            "diagnostics": [_as_dict(d) for d in result.diagnostics],
        }
        if result.evaluation:
            labels = result.evaluation.labels
            payload["evaluation"] = {"semantics": result.evaluation.semantics, "counts": result.status_counts(),
                                     "claims": {cid: labels[cid] for cid in sorted(result.amap.claims)}}
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
            # A CI log shows escape sequences as a terminal does: control characters made visible first.
            props = f"file={_gh_escape(printable(d.loc.path), True)},line={d.loc.line},col={d.loc.col},title={d.code}"
            message = _gh_escape("\n".join(printable(x) for x in (d.message, *d.details)), False)
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
