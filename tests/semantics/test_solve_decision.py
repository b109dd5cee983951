"""`argmap solve` with ICCMA's task names and its decision tasks DC (credulous) and DS (sceptical).

Answers are checked against the reference solutions (an argument is credulously accepted when
some reference extension holds it, sceptically when every one does) and, on small frameworks,
against a brute-force oracle that knows only the definitions."""

from __future__ import annotations

import random
import time
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.semantics.iccma import read_framework
from tests.conftest import run
from tests.semantics.solutions import parse_extensions
from tests.semantics.test_solve_reference import SOLUTIONS

#: Reference solution suffix -> the semantics whose extensions it lists.
LISTED = {"EE-CO": "CO", "EE-PR": "PR", "EE-ST": "ST", "EE-GR": "GR"}


def _decision_cases():
    rng = random.Random(14)
    for param in SOLUTIONS:
        instance, solution, task = param.values
        if task not in LISTED:
            continue
        names = read_framework(instance).names
        for name in rng.sample(names, min(3, len(names))):
            yield pytest.param(instance, solution, LISTED[task], name, id=f"{solution.name}-{name}")


@pytest.mark.parametrize(("instance", "solution", "semantics", "name"), list(_decision_cases()))
def test_dc_and_ds_agree_with_the_reference_extensions(instance, solution, semantics, name) -> None:
    extensions = parse_extensions(solution.read_text(encoding="utf-8"))
    for problem, expected in (("DC", any(name in e for e in extensions)), ("DS", all(name in e for e in extensions))):
        result = run("solve", instance, "--task", f"{problem}-{semantics}", "-a", name)
        assert result.exit_code == 0, result.output
        assert result.output == ("YES\n" if expected else "NO\n"), (problem, semantics, name)


@pytest.mark.parametrize(("instance", "solution", "task"), [p for p in SOLUTIONS if p.values[1].suffix == ".GR"])
def test_the_iccma_name_gr_prints_the_grounded_solution_file(instance, solution, task) -> None:
    result = run("solve", instance, "--task", "GR")
    assert result.exit_code == 0 and result.output == solution.read_text(encoding="utf-8").strip() + "\n"


# -- the brute-force oracle ----------------------------------------------------------------------


def _oracle(n: int, attacks: set[tuple[int, int]]) -> dict[str, list[frozenset[int]]]:
    """Every extension of every semantics, from the definitions, over all 2^n sets."""

    def attacked_by(s):
        return {b for a, b in attacks if a in s}

    def defends(s, a):
        return all(any((d, b) in attacks for d in s) for b, t in attacks if t == a)

    sets = [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]
    free = [s for s in sets if not attacked_by(s) & s]
    admissible = [s for s in free if all(defends(s, a) for a in s)]
    complete = [s for s in admissible if {a for a in range(n) if defends(s, a)} == s]
    preferred = [s for s in admissible if not any(s < t for t in admissible)]
    stable = [s for s in free if attacked_by(s) | s == set(range(n))]
    grounded = [min(complete, key=len)]
    return {"CO": complete, "PR": preferred, "ST": stable, "GR": grounded}


frameworks = st.integers(min_value=1, max_value=6).flatmap(
    lambda n: st.tuples(st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=n * n))
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(af=frameworks, semantics=st.sampled_from(["GR", "CO", "PR", "ST"]), data=st.data())
def test_dc_and_ds_agree_with_a_brute_force_oracle(tmp_path_factory, af, semantics, data) -> None:
    n, attacks = af
    path = tmp_path_factory.mktemp("af") / "f.apx"
    path.write_text("".join(f"arg(a{i}).\n" for i in range(n)) + "".join(f"att(a{a},a{b}).\n" for a, b in attacks))
    extensions = _oracle(n, attacks)[semantics]
    a = data.draw(st.integers(0, n - 1))
    for problem, expected in (("DC", any(a in e for e in extensions)), ("DS", all(a in e for e in extensions))):
        result = run("solve", path, "--task", f"{problem}-{semantics}", "-a", f"a{a}")
        assert result.output == ("YES\n" if expected else "NO\n"), (problem, semantics, n, sorted(attacks), a)
    listed = run("solve", path, "--task", f"EE-{semantics}", "--json").output
    assert sorted(map(sorted, eval(listed))) == sorted(sorted(f"a{i}" for i in e) for e in extensions)


# -- usage ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--task", "DC-PR"], "DC-PR asks about one argument: name it with -a ARG"),
        (["--task", "EE-PR", "-a", "a"], "-a ARG is for the DC and DS tasks, not EE-PR"),
        (["--task", "DS-ST", "-a", "x"], "no argument 'x'"),
    ],
)
def test_decision_task_usage_errors(tmp_path: Path, args, message) -> None:
    path = tmp_path / "f.apx"
    path.write_text("arg(a).\narg(b).\natt(a,b).\n")
    result = run("solve", path, *args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("task", ["GR", "gr", "EE-pr", "se-CO", "DC-GR", "DS-CO"])
def test_iccma_task_names_in_either_case(tmp_path: Path, task: str) -> None:
    path = tmp_path / "f.apx"
    path.write_text("arg(a).\narg(b).\natt(a,b).\n")
    result = run("solve", path, "--task", task, *(["-a", "a"] if task[:2].upper() in ("DC", "DS") else []))
    assert result.exit_code == 0 and result.output in ("[[a]]\n", "[a]\n", "YES\n")


def test_a_header_bigger_than_the_file_is_refused_fast(tmp_path: Path) -> None:
    path = tmp_path / "big.af"
    path.write_text("p af 10000000\n")
    start = time.monotonic()
    result = run("solve", path, "--task", "EE-GR")
    assert time.monotonic() - start < 2
    assert result.exit_code == 2
    assert "big.af:1: the header declares 10000000 arguments, more than a file of 14 characters" in result.output


def test_a_header_the_file_can_hold_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.af"
    path.write_text("p af 9000\n1 2\n")
    result = run("solve", path, "--task", "DS-GR", "-a", "9000")
    assert result.exit_code == 0 and result.output == "YES\n"
