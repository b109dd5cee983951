"""`argmap evaluate` and `argmap explain` on small maps, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from argmap.check import check_map
from argmap.semantics import evaluate
from tests.conftest import REPO, run

CHAIN = """\
defaults: {author: ann, source: ann-2024}
claims:
  - {id: d, text: D.}
  - {id: e, text: E., rebuts: [d]}
  - {id: f, text: F., rebuts: [e]}
"""

LINKED = """\
defaults: {author: ann, source: ann-2024}
claims:
  - {id: t, text: T.}
  - {id: p1, text: P1.}
  - {id: p2, text: P2.}
  - {id: x, text: X., rebuts: [p1]}
arguments:
  - {id: joint, premises: [p1, p2], rebuts: t}
"""

UNDERCUT = """\
defaults: {author: ann, source: ann-2024}
claims:
  - {id: t, text: T.}
  - {id: a, text: A., supports: [t]}
  - {id: u, text: U., undercuts: [{from: a, to: t}]}
  - {id: s, text: S.}
  - {id: t2, text: T2.}
  - {id: b, text: B., supports: [t2]}
  - {id: c, text: C., supports: [t2]}
  - {id: v, text: V., undercuts: [{from: b, to: t2}]}
"""

CYCLES = """\
defaults: {author: ann, source: ann-2024}
claims:
  - {id: x, text: X., rebuts: [y]}
  - {id: y, text: Y., rebuts: [x]}
  - {id: z, text: Z., supports: [x]}
"""

ODD = """\
defaults: {author: ann, source: ann-2024}
claims:
  - {id: a, text: A., rebuts: [b]}
  - {id: b, text: B., rebuts: [c]}
  - {id: c, text: C., rebuts: [a]}
"""


def labels(make_map, text: str, semantics: str = "grounded") -> dict[str, str]:
    path = make_map({"claims.yaml": text})
    return evaluate(check_map(path).amap, semantics).labels


def test_a_defeated_attacker_leaves_its_target_in(make_map) -> None:
    assert labels(make_map, CHAIN) == {"d": "IN", "e": "OUT", "f": "IN", "e rebuts d": "OUT", "f rebuts e": "IN"}


def test_a_linked_argument_with_an_out_premise_cannot_defeat_its_target(make_map) -> None:
    found = labels(make_map, LINKED)
    assert (found["t"], found["joint"], found["p1"], found["p2"]) == ("IN", "OUT", "OUT", "IN")


def test_an_undercut_defeats_the_inference_not_its_premise(make_map) -> None:
    found = labels(make_map, UNDERCUT)
    assert found["a supports t"] == "OUT" and found["a"] == "IN"
    assert found["t"] == "OUT", "a claim whose only reason is defeated does not stand"
    assert found["b supports t2"] == "OUT" and found["t2"] == "IN", "another reason still stands"


def test_cycles_are_undecided_in_grounded_and_split_in_preferred(make_map) -> None:
    assert labels(make_map, CYCLES)["x"] == "UNDEC"
    assert labels(make_map, ODD, "stable") == dict.fromkeys(
        ["a", "b", "c", "a rebuts b", "b rebuts c", "c rebuts a"], "UNDEC"
    )


def test_evaluate_prints_every_claim_and_the_counts(make_map) -> None:
    path = make_map({"claims.yaml": CHAIN + CYCLES.split("claims:\n")[1]})
    result = run("evaluate", path, "--semantics", "grounded")
    assert result.exit_code == 0
    assert result.output == (
        "holds      d\n"
        "fails      e\n"
        "holds      f\n"
        "undecided  x\n"
        "undecided  y\n"
        "holds      z\n"
        "6 claims under grounded semantics: 3 holds, 1 fails, 2 undecided\n"
        "The status follows from how the map encodes the debate, not from the world.\n"
    )


def test_evaluate_by_default_reports_acceptance_across_the_preferred_readings(make_map) -> None:
    path = make_map({"claims.yaml": CHAIN + CYCLES.split("claims:\n")[1]})
    result = run("evaluate", path)
    assert result.output == (
        "holds      d\n"
        "fails      e\n"
        "holds      f\n"
        "contested  x  in 1 of 2 readings\n"
        "contested  y  in 1 of 2 readings\n"
        "holds      z\n"
        "6 claims across 2 preferred readings: 3 holds, 2 contested, 1 fails\n"
        "The status follows from how the map encodes the debate, not from the world.\n"
    )


def test_evaluate_json(make_map) -> None:
    result = run("evaluate", make_map({"claims.yaml": ODD}), "--semantics", "stable", "--format", "json")
    data = json.loads(result.output)
    assert data["extensions"] == 0
    assert data["counts"] == {"holds": 0, "fails": 0, "undecided": 3}
    assert data["claims"][0] == {
        "id": "a",
        "status": "undecided",
        "label": "UNDEC",
        "extensions": 0,
        "challenged": False,
        "without_mapper": None,
    }
    assert data["inferences"][0] == {
        "id": "a rebuts b",
        "kind": "rebut",
        "status": "undecided",
        "label": "UNDEC",
        "extensions": 0,
        "mapper": False,
        "challenge": False,
    }


def test_explain_follows_the_chain_to_an_unattacked_claim(make_map) -> None:
    result = run("explain", "d", make_map({"claims.yaml": CHAIN}))
    assert result.exit_code == 0
    assert result.output == (
        "Claim d (\u201cD.\u201d) holds: every rebuttal of it fails, and it rests on no other claim.\n"
        "  The rebuttal of d by e fails: its premise e fails.\n"
        "    Claim e (\u201cE.\u201d) fails: it is rebutted, and the rebuttal stands.\n"
        "      The rebuttal of e by f holds: its premise f holds, and nothing undercuts it.\n"
        "        Claim f (\u201cF.\u201d) holds: nothing attacks it, and it rests on no other claim.\n"
    )


def test_explain_a_linked_argument_and_an_undercut(make_map) -> None:
    assert run("explain", "joint", make_map({"claims.yaml": LINKED})).output == (
        "Argument joint (p1 + p2 rebuts t) fails: its premise p1 fails.\n"
        "  Claim p1 (\u201cP1.\u201d) fails: it is rebutted, and the rebuttal stands.\n"
        "    The rebuttal of p1 by x holds: its premise x holds, and nothing undercuts it.\n"
        "      Claim x (\u201cX.\u201d) holds: nothing attacks it, and it rests on no other claim.\n"
    )
    assert run("explain", "t", make_map({"claims.yaml": UNDERCUT}, name="u")).output == (
        "Claim t (\u201cT.\u201d) fails: none of its reasons stands.\n"
        "  The support from a to t fails: it is undercut, and the undercut stands.\n"
        "    The undercut by u of the support from a to t holds: its premise u holds, and nothing undercuts it.\n"
        "      Claim u (\u201cU.\u201d) holds: nothing attacks it, and it rests on no other claim.\n"
    )


def test_explain_an_undecided_claim_closes_the_cycle(make_map) -> None:
    assert run("explain", "x", make_map({"claims.yaml": CYCLES}), "--semantics", "grounded").output == (
        "Claim x (\u201cX.\u201d) is undecided: no rebuttal of it stands, but one is undecided.\n"
        "  The rebuttal of x by y is undecided: its premise y is undecided.\n"
        "    Claim y (\u201cY.\u201d) is undecided: no rebuttal of it stands, but one is undecided.\n"
        "      The rebuttal of y by x is undecided: its premise x is undecided.\n"
        "        Claim x (\u201cX.\u201d) is undecided: see above (this closes a cycle).\n"
    )


def test_explain_a_contested_claim_shows_two_readings_side_by_side(make_map) -> None:
    lines = run("explain", "x", make_map({"claims.yaml": CYCLES})).output.splitlines()
    assert lines[0] == (
        "Claim x (\u201cX.\u201d) is contested: the preferred readings disagree: "
        "it is accepted in 1 of 2 preferred readings."
    )
    assert lines[-3:] == [
        "Two of the 2 preferred readings side by side:",
        "  In one, it holds: a reason for it stands (the support from z to x); "
        "the rebuttal of x by y is answered by the rebuttal of y by x.",
        "  In another, it fails: accepted against it: the rebuttal of x by y.",
    ]


def test_explain_under_stable_with_no_extension(make_map) -> None:
    odd = make_map({"claims.yaml": ODD}, name="odd")
    assert run("explain", "a", odd, "--semantics", "stable").output == (
        "Claim a (\u201cA.\u201d) is undecided: there is no stable reading (extension).\n"
    )


def test_explain_unknown_id_is_a_usage_error_with_a_suggestion(make_map) -> None:
    result = run("explain", "ff", make_map({"claims.yaml": CHAIN}))
    assert result.exit_code == 2
    assert "no claim or argument 'ff'" in result.output
    assert "did you mean 'f'?" in result.output


@pytest.mark.parametrize("command", [["evaluate"], ["explain", "d"]])
def test_a_map_with_input_errors_is_not_evaluated(make_map, command) -> None:
    path = make_map({"claims.yaml": "claims:\n  - {id: d, text: D., colour: red}\n"})
    result = run(*command, path)
    assert result.exit_code == 2
    assert "the map has input errors" in result.output
    assert "claims.yaml:2:" in result.output


def test_no_map_is_a_usage_error(tmp_path) -> None:
    result = run("evaluate", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_evaluate_runs_as_a_program(make_map) -> None:
    path = make_map({"claims.yaml": CHAIN})
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "evaluate", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0
    assert done.stdout.splitlines()[-2] == "3 claims across 1 preferred reading: 2 holds, 0 contested, 1 fails"
