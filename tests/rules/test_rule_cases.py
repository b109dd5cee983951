"""Every rule is tested by the cases in `cases/<CODE>.yaml`: maps that must fail at the given
places and maps that must pass. Adding a case needs no Python.

A case file holds `rule: CODE` and `cases:`, each with a `name`, `files` (name -> YAML text; the
fixture manifest `map.yaml` is added unless given) and `expect`: the exact list of
`file:line:col` places where the rule must report (empty for a passing case).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from argmap.model import Severity
from argmap.rules import all_rules
from tests.conftest import run, write_map

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_rule_case(code: str, case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "m", case["files"], manifest=case.get("manifest", True))
    # --strict: a failing case of a warning rule must fail the check too (an info never fails it).
    result = run("check", "m", "--format", "text", "--no-color", "--strict")
    places = [line.split(f": {code} ")[0] for line in result.output.splitlines() if f": {code} " in line]
    assert sorted(places) == sorted(f"m/{p}" for p in case["expect"]), result.output
    if case["expect"] and all_rules()[code].severity is not Severity.info:
        assert result.exit_code in (1, 2)


def test_every_rule_has_failing_and_passing_cases() -> None:
    covered: dict[str, set[bool]] = {}
    for param in _cases():
        code, case = param.values
        covered.setdefault(code, set()).add(bool(case["expect"]))
    missing = {code for code in all_rules() if covered.get(code) != {True, False}}
    assert not missing, f"rules without a failing and a passing case: {sorted(missing)}"
