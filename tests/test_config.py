"""The manifest's `rules:` settings and claims' `suppress:` entries, as a user meets them."""

from __future__ import annotations

import pytest

from tests.conftest import BASE_MANIFEST, run

LONE = "claims:\n  - {id: a, text: A., author: ann, source: ann-2024}\n  - {id: b, text: B., author: ann, source: ann-2024}\n"


def codes(output: str) -> list[tuple[str, str, str]]:
    """(place, code, severity) of every diagnostic line."""
    return [tuple(line.split(" ", 3)[:3]) for line in output.splitlines() if line.startswith("m/")]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("setting", "expected", "exit_code", "strict_exit"),
    [
        (None, [("m/claims.yaml:2:10:", "S102", "warning"), ("m/claims.yaml:3:10:", "S102", "warning")], 0, 1),
        ("off", [], 0, 0),
        ("error", [("m/claims.yaml:2:10:", "S102", "error"), ("m/claims.yaml:3:10:", "S102", "error")], 1, 1),
        ("info", [("m/claims.yaml:2:10:", "S102", "info"), ("m/claims.yaml:3:10:", "S102", "info")], 0, 0),
    ],
)
def test_rule_settings(make_map, in_tmp, setting, expected, exit_code, strict_exit) -> None:
    manifest = BASE_MANIFEST + (f"rules: {{S102: {setting}}}\n" if setting else "")
    make_map({"map.yaml": manifest, "ann.txt": "Text.\n", "claims.yaml": LONE}, name="m")
    result = run("check", "m", "--no-color")
    assert (codes(result.output), result.exit_code) == (expected, exit_code)
    assert run("check", "m", "--strict").exit_code == strict_exit


def test_suppression_silences_one_rule_for_one_claim(make_map, in_tmp) -> None:
    make_map(
        {
            "claims.yaml": """\
        claims:
          - {id: a, text: A., author: ann, source: ann-2024, suppress: {S102: kept as context}}
          - {id: b, text: B., author: ann, source: ann-2024}
    """
        },
        name="m",
    )
    assert codes(run("check", "m").output) == [("m/claims.yaml:3:10:", "S102", "warning")]


def test_no_unused_suppression_when_the_rules_did_not_run(make_map, in_tmp) -> None:
    make_map(
        {
            "claims.yaml": """\
        claims:
          - {id: a, text: A., supports: [b], suppress: {S102: kept as context}}
          - {id: b, text: B.}
      """,
            "broken.yaml": "claims: [{id: c}]\n",
        },
        name="m",
    )
    result = run("check", "m")
    assert [c for _, c, _ in codes(result.output)] == ["Y012"]
    assert "map rules not run" in result.output
