"""`argmap check` output for people and for CI, exit codes, `--strict`, and `argmap rules`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from argmap.rules import all_rules
from tests.conftest import run

#: Two files with problems: an error, a warning (with details) and a warning in map.yaml.
FILES = {
    "claims.yaml": """\
        claims:
          - {id: a, text: A., author: ann, source: ann-2024, supports: [b]}
          - {id: b, text: B., author: ann, source: ann-2024, supports: [a]}
          - {id: c, text: C., author: ann, source: ann-2024}
    """,
    "map.yaml": """\
        argmap: 1
        title: T
        authors: [{id: ann, name: Ann}]
        sources: [{id: ann-2024, author: ann, title: E}]
        rules: {S104: warning}
    """,
}
PLAIN = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) (?P<sev>error|warning|info) ")


@pytest.fixture
def problems(make_map, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    make_map(FILES)
    return "map"


EXPECTED = [("map/claims.yaml", 3, 65, "S101", "error"), ("map/claims.yaml", 4, 10, "S102", "warning")]


def test_text_is_plain_lines_when_not_a_terminal(problems: str) -> None:
    result = run("check", problems)
    assert result.exit_code == 1
    found = [m.groups() for m in map(PLAIN.match, result.output.splitlines()) if m]
    assert [(p, int(line), int(col), code, sev) for p, line, col, code, sev in found] == EXPECTED
    assert "\x1b[" not in result.output
    assert "    a supports b" in result.output  # the cycle, as details under its line
    assert (
        result.output.splitlines()[-1]
        == "3 claims checked: 1 error, 1 warning; preferred: 1 holds, 2 contested, 0 fails"
    )


def test_text_on_a_terminal_is_grouped_by_file_and_coloured(problems: str, make_map) -> None:
    other = make_map({"a.yaml": "claims: [{id: x, text: X.}]\n", "z.yaml": "claims: [{id: y, text: Y.}]\n"}, name="two")
    result = run("check", other, "--color")
    lines = result.output.splitlines()
    headers = [line for line in lines if line.startswith("\x1b[1;4m")]
    assert headers == ["\x1b[1;4mtwo/a.yaml\x1b[0m", "\x1b[1;4mtwo/z.yaml\x1b[0m"]
    a_lines = lines[lines.index(headers[0]) + 1 : lines.index(headers[1])]
    assert a_lines and all("two/a.yaml:1:" in line for line in a_lines if line)
    assert "\x1b[33mwarning\x1b[0m" in result.output
    assert run("check", problems, "--no-color").output == run("check", problems).output


def test_json(problems: str) -> None:
    payload = json.loads(run("check", problems, "--format", "json").output)
    assert payload["summary"] == {"error": 1, "warning": 1, "info": 0, "claims": 3, "quotes_recorded": 0}
    got = [(d["path"], d["line"], d["column"], d["code"], d["severity"]) for d in payload["diagnostics"]]
    assert got == EXPECTED
    assert payload["diagnostics"][0]["details"] == ["a supports b", "b supports a"]
    assert payload["diagnostics"][1]["subject"] == "c"


GITHUB = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=([A-Z]\d{3})::(.*)$")


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_github_annotations(problems: str, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "environment":
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        result = run("check", problems)
    else:
        result = run("check", problems, "--format", "github")
    assert result.exit_code == 1
    found = [m.groups() for m in map(GITHUB.match, result.output.splitlines()) if m]
    assert [(f, int(line), int(col), code) for _, f, line, col, code, _ in found] == [e[:4] for e in EXPECTED]
    assert [level for level, *_ in found] == ["error", "warning"]
    assert found[0][5] == "circular support: a -> b -> a%0Aa supports b%0Ab supports a"


def test_explicit_format_wins_inside_github_actions(problems: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert PLAIN.match(run("check", problems, "--format", "text").output)


def test_sarif(problems: str) -> None:
    sarif = json.loads(run("check", problems, "--format", "sarif").output)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(all_rules())
    s101 = next(r for r in rules if r["id"] == "S101")
    assert s101["name"] == "circular-support" and s101["defaultConfiguration"]["level"] == "error"
    assert "Fails" in s101["fullDescription"]["text"]
    got = []
    for res in run0["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        got.append(
            (
                loc["artifactLocation"]["uri"],
                loc["region"]["startLine"],
                loc["region"]["startColumn"],
                res["ruleId"],
                res["level"],
            )
        )
    assert got == EXPECTED


def test_strict_makes_warnings_fail(make_map) -> None:
    folder = make_map({"claims.yaml": "claims:\n  - {id: a, text: A., author: ann, source: ann-2024}\n"})
    assert "S102 warning" in run("check", folder).output
    assert run("check", folder).exit_code == 0
    assert run("check", folder, "--strict").exit_code == 1


def test_clean_map_exits_0_and_missing_map_exits_2(make_map, tmp_path: Path) -> None:
    folder = make_map(
        {
            "claims.yaml": """\
        claims:
          - {id: a, text: A., author: ann, source: ann-2024, supports: [b], quote: Trees cool streets}
          - {id: b, text: B., author: ann, source: ann-2024}
    """
        }
    )
    result = run("check", folder, "--strict")
    assert (result.exit_code, result.output) == (
        0,
        "2 claims checked: no problems; preferred: 2 holds, 0 contested, 0 fails\n",
    )
    missing = run("check", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "no such file or directory" in missing.output


def test_rules_lists_every_rule() -> None:
    result = run("rules")
    assert result.exit_code == 0
    listed = {line.split()[0]: line.split()[1:3] for line in result.output.splitlines()}
    assert {code: [rule.name, rule.severity.value] for code, rule in all_rules().items()} == listed


@pytest.mark.parametrize("ask", ["S101", "s101", "circular-support"])
def test_rules_shows_one_rule(ask: str) -> None:
    result = run("rules", ask)
    assert result.exit_code == 0
    assert result.output.startswith("S101 circular-support (error; structure: ")
    assert "Fails:" in result.output and "Passes:" in result.output


def test_rules_unknown_code_is_a_usage_error() -> None:
    result = run("rules", "S999")
    assert result.exit_code == 2 and "no rule 'S999'" in result.output


def test_every_rule_is_documented() -> None:
    for code, rule in all_rules().items():
        assert re.fullmatch(r"[A-Z]\d{3}", code) and re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), code
        doc = rule.doc()
        assert doc.splitlines()[1] == "" and rule.summary().endswith((".", ")")), code
        assert "Fails" in doc and "Passes" in doc, code
