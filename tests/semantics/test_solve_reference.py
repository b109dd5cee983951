"""`argmap solve` against every reference solution in tests/data/argumentation/.

Each solution file NAME.TASK holds the answer for the instance NAME; `.GR` holds the grounded
extension as a list of one, which is what `--task EE-GR` prints.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA, run
from tests.semantics.solutions import parse_extensions

REFERENCE = DATA / "argumentation"
INSTANCE_SUFFIXES = {".apx", ".tgf", ".af"}


def _solutions():
    for instance in sorted(p for p in REFERENCE.iterdir() if p.suffix in INSTANCE_SUFFIXES):
        for solution in sorted(REFERENCE.glob(instance.name + ".*")):
            task = solution.suffix[1:]
            yield pytest.param(instance, solution, "EE-GR" if task == "GR" else task, id=solution.name)


SOLUTIONS = list(_solutions())


def test_every_instance_has_solutions() -> None:
    instances = {p.name for p in REFERENCE.iterdir() if p.suffix in INSTANCE_SUFFIXES}
    assert len(instances) >= 20  # the collection as shipped; more is fine
    assert {param.values[0].name for param in SOLUTIONS} == instances


@pytest.mark.parametrize(("instance", "solution", "task"), SOLUTIONS)
def test_solve_agrees_with_reference(instance, solution, task) -> None:
    expected = solution.read_text(encoding="utf-8")
    result = run("solve", instance, "--task", task)
    assert result.exit_code == 0, result.output
    assert parse_extensions(result.output) == parse_extensions(expected)
    assert result.output == expected.strip() + "\n"


@pytest.mark.parametrize(("instance", "solution", "task"), [p for p in SOLUTIONS if "EE-ST" in p.id])
def test_some_stable_extension_is_one_of_the_reference(instance, solution, task) -> None:
    expected = parse_extensions(solution.read_text(encoding="utf-8"))
    result = run("solve", instance, "--task", "SE-ST", "--json")
    found = json.loads(result.output)
    assert found in expected if expected else found is None


def test_some_preferred_extension_prints_as_a_list(tmp_path) -> None:
    af = tmp_path / "two.apx"
    af.write_text("arg(a).\narg(b).\natt(a,b).\natt(b,a).\n")
    assert run("solve", af, "--task", "SE-PR").output in ("[a]\n", "[b]\n")
    assert run("solve", af, "--task", "EE-PR", "--json").output == '[["a"], ["b"]]\n'


def test_no_stable_extension_prints_no(tmp_path) -> None:
    af = tmp_path / "odd.tgf"
    af.write_text("a\nb\nc\n#\na b\nb c\nc a\n")
    assert run("solve", af, "--task", "SE-ST").output == "NO\n"
    assert run("solve", af, "--task", "EE-ST").output == "[]\n"
    assert run("solve", af, "--task", "EE-CO").output == "[[]]\n"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.apx", "arg(a).\natt(a,b).\n", "bad.apx:2: attack on or by 'b', which is not declared as an argument"),
        ("bad.apx", "arg(a).\nargh(b).\n", "bad.apx:2:1: expected `arg(a).` or `att(a,b).`"),
        ("bad.af", "p af 2\n1 3\n", "bad.af:2: attack on or by '3', which is not declared as an argument"),
        ("bad.af", "# no header\n1 2\n", "bad.af:2: expected the header `p af N`"),
        ("bad.tgf", "a\n#\na\n", "bad.tgf:3: expected an attack `a b` after the `#` line"),
        ("bad.txt", "", "bad.txt: unknown framework format; name it with --format apx|tgf|i23"),
    ],
)
def test_unreadable_framework_is_a_usage_error(tmp_path, monkeypatch, name, text, message) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text)
    result = run("solve", name, "--task", "EE-PR")
    assert result.exit_code == 2
    assert result.output == f"Error: {message}\n"


def test_format_option_overrides_the_extension(tmp_path) -> None:
    af = tmp_path / "framework.txt"
    af.write_text("p af 3\n1 2\n2 3\n")
    assert run("solve", af, "--task", "EE-GR", "--format", "i23").output == "[[1,3]]\n"
