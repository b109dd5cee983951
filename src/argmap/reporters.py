"""Diagnostics -> text for people and for CI: one reporter class per output format."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Mapping
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import quote

from argmap import DOCS, REPOSITORY, __version__
from argmap.diagnostics import Diagnostic, from_root, repository_root
from argmap.safety import terminal as printable
from argmap.vocabulary import Severity

if TYPE_CHECKING:  # the command line lists the formats from REPORTERS: `argmap --help` stays fast
    from argmap.check import CheckResult
    from argmap.rules import Rule


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
        ev = result.evaluation
        line += f"; {'grounded, too many ' + ev.semantics + ' extensions' if ev.note else ev.semantics}: {statuses}"
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
        lines: list[str] = []
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
        head = (
            f"  {printable(str(d.loc))}: {_CODE(d.code)} {_SEVERITY_STYLE[d.severity](d.severity.value)} "
            f"{printable(d.message)}"
        )
        return [head, *(_DETAIL(f"      {printable(x)}") for x in d.details)]

    def _summary(self, result: CheckResult) -> str:
        line = summary(result)
        if not self.color:
            return line
        worst = next((s for s in Severity if result.count(s)), None)
        return ("\n" if result.diagnostics else "") + (_SEVERITY_STYLE[worst] if worst else _CLEAN)(line)


def text_lines(d: Diagnostic) -> list[str]:
    """One diagnostic as plain text: `path:line:col: CODE severity message`, then its details indented."""
    return [
        f"{printable(str(d.loc))}: {d.code} {d.severity.value} {printable(d.message)}",
        *(f"    {printable(x)}" for x in d.details),
    ]


class JsonReporter(Reporter):
    name = "json"

    def render(self, result: CheckResult) -> str:
        payload = {
            "argmap": __version__,
            "summary": {s.value: result.count(s) for s in Severity}
            | {"claims": len(result.amap.claims), "quotes_recorded": result.recorded_quotes()},
            "diagnostics": [_as_dict(d) for d in result.diagnostics],
        }
        if result.evaluation:
            from argmap.semantics.verdict import status

            ev = result.evaluation
            payload["evaluation"] = {
                "semantics": ev.semantics,
                "counts": result.status_counts(),
                "claims": {cid: status(ev, cid) for cid in sorted(result.amap.claims)},
            }
        import json  # here, not above: the text reporter, the usual one, needs none

        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _as_dict(d: Diagnostic) -> dict[str, object]:
    return {
        "path": d.loc.path,
        "line": d.loc.line,
        "column": d.loc.col,
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "subject": d.subject,
        "details": list(d.details),
    }


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request.

    GitHub places an annotation by its path from the repository root and a line from 1, so paths
    are made relative to the git work tree and a problem with the whole file points at line 1."""

    name = "github"
    _LEVEL: ClassVar[Mapping[Severity, str]] = {
        Severity.error: "error",
        Severity.warning: "warning",
        Severity.info: "notice",
    }

    def render(self, result: CheckResult) -> str:
        root = repository_root()
        lines = []
        for d in result.diagnostics:
            line, col = _region(d)
            # A CI log shows escape sequences as a terminal does: control characters made visible first.
            path = printable(from_root(d.loc.path, root))
            props = f"file={_gh_escape(path, True)},line={line},col={col},title={d.code}"
            message = _gh_escape("\n".join(printable(x) for x in (d.message, *d.details)), False)
            lines.append(f"::{self._LEVEL[d.severity]} {props}::{message}")
        lines.append(summary(result))
        return "\n".join(lines) + "\n"


def _region(d: Diagnostic) -> tuple[int, int]:
    """Line and column, from 1: a problem with a whole file (no place) is at its first line."""
    return max(d.loc.line, 1), max(d.loc.col, 1)


def _gh_escape(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


class SarifReporter(Reporter):
    """SARIF 2.1.0 for code scanning, as GitHub's checks want it: every rule with its help and
    page, every result with a region, a URI relative to the repository root (`%SRCROOT%`) and
    fingerprints that survive edits elsewhere in the file."""

    name = "sarif"
    _LEVEL: ClassVar[Mapping[Severity, str]] = {
        Severity.error: "error",
        Severity.warning: "warning",
        Severity.info: "note",
    }
    ROOT = "%SRCROOT%"

    def render(self, result: CheckResult) -> str:
        from argmap.rules import all_rules

        rules = all_rules()
        codes = list(rules)
        # Outside a git work tree, paths are relative to the working folder, as displayed.
        root = repository_root() or Path.cwd().resolve()
        run = {
            "tool": {
                "driver": {
                    "name": "argmap",
                    "version": __version__,
                    "informationUri": REPOSITORY,
                    "rules": [_sarif_rule(code, rule, self._LEVEL[rule.severity]) for code, rule in rules.items()],
                }
            },
            "results": self._results(result.diagnostics, codes, root),
            "originalUriBaseIds": {self.ROOT: {"uri": root.as_uri() + "/"}},
        }
        import json

        sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
        return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"

    def _results(self, diagnostics: list[Diagnostic], codes: list[str], root: Path) -> list[dict[str, object]]:
        seen: Counter[str] = Counter()
        results: list[dict[str, object]] = []
        for d in diagnostics:
            path = from_root(d.loc.path, root)
            line, col = _region(d)
            # What the problem is about, never where: a claim added above must not change it.
            about = "\0".join((d.code, path, d.subject or _line_text(d)))
            seen[about] += 1
            artifact = (
                {"uri": Path(path).as_uri()}
                if path.startswith("/")
                else {"uri": sarif_uri(path), "uriBaseId": self.ROOT}
            )
            results.append(
                {
                    "ruleId": d.code,
                    **({"ruleIndex": codes.index(d.code)} if d.code in codes else {}),
                    "level": self._LEVEL[d.severity],
                    "message": {"text": "\n".join((d.message, *d.details))},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": artifact,
                                "region": {"startLine": line, "startColumn": col},
                            }
                        }
                    ],
                    "partialFingerprints": {"argmapProblem/v1": _digest(f"{about}\0{seen[about]}")},
                }
            )
        return results


def _sarif_rule(code: str, rule: type[Rule], level: str) -> dict[str, object]:
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": rule.doc()},
        "help": {"text": rule.doc(), "markdown": rule.doc()},
        "helpUri": f"{DOCS}/rules.md#{code}",
        "defaultConfiguration": {"level": level},
    }


def sarif_uri(path: str) -> str:
    """A path as a relative URI reference: percent-encoded, so `%`, spaces and `:` survive."""
    return quote(path, safe="/")


def _line_text(d: Diagnostic) -> str:
    """The words of the line a diagnostic points at (its message for a whole file or an unreadable one)."""
    if d.loc.line:
        try:
            with open(d.loc.path, encoding="utf-8", errors="replace") as f:
                for number, text in enumerate(f, 1):
                    if number == d.loc.line:
                        return " ".join(text.split())
        except OSError:
            pass
    return d.message


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


REPORTERS: dict[str, type[Reporter]] = {r.name: r for r in (TextReporter, JsonReporter, GithubReporter, SarifReporter)}


def default_format() -> str:
    """Inside GitHub Actions, annotations; elsewhere, text."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
