"""A check that runs the rules reading source texts in a forked child (`argmap.background`) says
exactly what a check in one process says, in the same order, and falls back to one process when
the child fails."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from argmap import background
from argmap import check as check_stage
from argmap.check import CheckResult, check_map
from argmap.rules import all_rules
from tests.benchmarks.generate import generate
from tests.conftest import run, write_map
from tests.rules.test_rule_cases import _cases as rule_cases

pytestmark = pytest.mark.skipif(sys.platform != "linux" or not hasattr(os, "fork"), reason="forks only on Linux")

REPO = Path(__file__).resolve().parents[1]
#: The rule cases of the rules the child runs, and of the configuration rules (suppressions of
#: what the child finds are judged by the parent).
SOURCE_CASES = [
    case for case in rule_cases() if all_rules()[case.values[0]].background or case.values[0].startswith("C")
]


@pytest.fixture
def always_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork whatever the map's size and the machine's load."""
    monkeypatch.setattr(check_stage, "FORK_FROM_CLAIMS", 0)
    monkeypatch.setattr(background, "free_core", lambda: True)


def said(result: CheckResult) -> tuple[object, ...]:
    """The diagnostics, the quotes verified against the record, and which claims stand."""
    diagnostics = [(d.code, str(d.loc), d.message, d.severity, d.subject, d.details) for d in result.diagnostics]
    labels = result.evaluation.labels if result.evaluation else None
    return diagnostics, result.recorded_quotes(), result.status_counts(), labels


def assert_forked_says_the_same(folder: Path) -> None:
    alone, forked = check_map(folder), check_map(folder, fork=True)
    # Only a forked check counts the recorded quotes as it goes: the child ran.
    assert forked.quotes_recorded is not None or not forked.ran_rules
    assert said(forked) == said(alone)


@pytest.mark.parametrize(("code", "case"), SOURCE_CASES)
def test_rule_cases_say_the_same_forked(code: str, case: dict, tmp_path: Path, always_fork: None) -> None:
    write_map(tmp_path / "m", case["files"], manifest=case.get("manifest", True))
    assert_forked_says_the_same(tmp_path / "m")


def test_bundled_and_generated_maps_say_the_same_forked(tmp_path: Path, always_fork: None) -> None:
    assert_forked_says_the_same(REPO / "arguments")
    folder = generate(1000, tmp_path / "g", seed=5)
    # A quote changed and a text removed: findings of the child's rules among the parent's.
    claims = folder / "claims" / "part-0001.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("quote: ", "quote: Never ", 3), encoding="utf-8")
    next((folder / "sources").glob("*.txt")).unlink()
    found = check_map(folder)
    assert {"Q002", "Q004"} <= {d.code for d in found.diagnostics}
    assert_forked_says_the_same(folder)


def test_check_command_prints_the_same_forked(
    tmp_path: Path, always_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = generate(1000, tmp_path / "g", seed=6)
    next((folder / "sources").glob("*.txt")).unlink()
    forked = [run("check", folder, "--format", fmt).output for fmt in ("json", "text")]
    monkeypatch.setattr(background, "free_core", lambda: False)
    assert forked == [run("check", folder, "--format", fmt).output for fmt in ("json", "text")]


def test_a_failing_child_leaves_the_work_to_the_parent(
    tmp_path: Path, always_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(finding: object) -> object:
        raise RuntimeError("the child cannot send its findings")

    monkeypatch.setattr(background, "portable", broken)
    write_map(tmp_path / "m", next(c.values[1] for c in SOURCE_CASES if c.values[0] == "Q002")["files"])
    result = check_map(tmp_path / "m", fork=True)
    assert result.quotes_recorded is None  # counted by the parent, as in one process
    assert said(result) == said(check_map(tmp_path / "m"))
    assert "Q002" in {d.code for d in result.diagnostics}


def test_no_fork_on_a_busy_machine_or_a_small_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(work: object) -> None:
        raise AssertionError("forked")

    monkeypatch.setattr(background, "Forked", no_fork)
    folder = generate(1000, tmp_path / "g", seed=7)
    assert check_map(folder, fork=True).quotes_recorded is None  # under FORK_FROM_CLAIMS
    monkeypatch.setattr(check_stage, "FORK_FROM_CLAIMS", 0)
    monkeypatch.setattr(background, "free_core", lambda: False)
    assert check_map(folder, fork=True).quotes_recorded is None  # no core free
