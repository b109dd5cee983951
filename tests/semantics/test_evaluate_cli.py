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
    assert labels(make_map, ODD, "stable") == dict.fromkeys(["a", "b", "c", "a rebuts b", "b rebuts c", "c rebuts a"],
                                                             "UNDEC")


def test_evaluate_prints_every_claim_and_the_counts(make_map) -> None:
    path = make_map({"claims.yaml": CHAIN + CYCLES.split("claims:\n")[1]})
    result = run("evaluate", path)
    assert result.exit_code == 0
    assert result.output == (
        "IN     d\n"
        "OUT    e\n"
        "IN     f\n"
        "UNDEC  x\n"
        "UNDEC  y\n"
        "IN     z\n"
        "6 claims under grounded semantics (3 IN, 1 OUT, 2 UNDEC)\n"
    )


def test_evaluate_preferred_shows_credulous_acceptance(make_map) -> None:
    path = make_map({"claims.yaml": CHAIN + CYCLES.split("claims:\n")[1]})
    result = run("evaluate", path, "--semantics", "preferred")
    assert result.output == (
        "IN     d  in 2 of 2\n"
        "OUT    e  in 0 of 2\n"
        "IN     f  in 2 of 2\n"
        "UNDEC  x  in 1 of 2\n"
        "UNDEC  y  in 1 of 2\n"
        "IN     z  in 2 of 2\n"
        "6 claims under preferred semantics (2 preferred extensions; 3 IN, 1 OUT, 2 UNDEC)\n"
    )


def test_evaluate_json(make_map) -> None:
    result = run("evaluate", make_map({"claims.yaml": ODD}), "--semantics", "stable", "--format", "json")
    data = json.loads(result.output)
    assert data["extensions"] == 0
    assert data["counts"] == {"IN": 0, "OUT": 0, "UNDEC": 3}
    assert data["claims"][0] == {"id": "a", "label": "UNDEC", "extensions": 0}
    assert data["inferences"][0] == {"id": "a rebuts b", "kind": "rebut", "label": "UNDEC", "extensions": 0}


def test_explain_follows_the_chain_to_an_unattacked_claim(make_map) -> None:
    result = run("explain", "d", make_map({"claims.yaml": CHAIN}))
    assert result.exit_code == 0
    assert result.output == (
        "Claim d is IN: every rebuttal of it fails, and it rests on no other claim.\n"
        "  The rebuttal of d by e is OUT: its premise e is OUT.\n"
        "    Claim e is OUT: it is rebutted, and the rebuttal stands.\n"
        "      The rebuttal of e by f is IN: its premise f is IN, and nothing undercuts it.\n"
        "        Claim f is IN: nothing attacks it, and it rests on no other claim.\n"
    )


def test_explain_a_linked_argument_and_an_undercut(make_map) -> None:
    assert run("explain", "joint", make_map({"claims.yaml": LINKED})).output == (
        "Argument joint (p1 + p2 rebuts t) is OUT: its premise p1 is OUT.\n"
        "  Claim p1 is OUT: it is rebutted, and the rebuttal stands.\n"
        "    The rebuttal of p1 by x is IN: its premise x is IN, and nothing undercuts it.\n"
        "      Claim x is IN: nothing attacks it, and it rests on no other claim.\n"
    )
    assert run("explain", "t", make_map({"claims.yaml": UNDERCUT}, name="u")).output == (
        "Claim t is OUT: none of its reasons stands.\n"
        "  The support from a to t is OUT: it is undercut, and the undercut stands.\n"
        "    The undercut by u of the support from a to t is IN: its premise u is IN, and nothing undercuts it.\n"
        "      Claim u is IN: nothing attacks it, and it rests on no other claim.\n"
    )


def test_explain_an_undecided_claim_closes_the_cycle(make_map) -> None:
    assert run("explain", "x", make_map({"claims.yaml": CYCLES})).output == (
        "Claim x is UNDEC: no rebuttal of it stands, but one is UNDEC.\n"
        "  The rebuttal of x by y is UNDEC: its premise y is UNDEC.\n"
        "    Claim y is UNDEC: no rebuttal of it stands, but one is UNDEC.\n"
        "      The rebuttal of y by x is UNDEC: its premise x is UNDEC.\n"
        "        Claim x is UNDEC: see above (this closes a cycle).\n"
    )


def test_explain_under_preferred_and_stable(make_map) -> None:
    path = make_map({"claims.yaml": CYCLES})
    assert run("explain", "y", path, "--semantics", "preferred").output.splitlines()[0] == (
        "Claim y is UNDEC: the preferred extensions disagree: it is accepted in 1 of 2 preferred extensions."
    )
    odd = make_map({"claims.yaml": ODD}, name="odd")
    assert run("explain", "a", odd, "--semantics", "stable").output == (
        "Claim a is UNDEC: there is no stable extension.\n"
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
    done = subprocess.run([sys.executable, "-m", "argmap", "evaluate", str(path)], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "3 claims under grounded semantics (2 IN, 1 OUT, 0 UNDEC)"
