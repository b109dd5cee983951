"""Verdicts a reader can trust: contraries, challenges, the mapper's links compared, explain's
choice of reason, and every status in every command that shows one."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.check import check_map
from argmap.semantics.verdict import verdicts
from tests.conftest import REPO, run, write_map

DOC = (REPO / "docs" / "evaluation.md").read_text(encoding="utf-8")


def _block(after: str) -> str:
    """The fenced block of docs/evaluation.md that follows the line `after`."""
    return re.search(re.escape(after) + r".*?```\w*\n(.*?)```", DOC, re.S).group(1)


def example(tmp_path: Path) -> Path:
    files = {
        name: re.search(rf"```yaml\n# {name}\n(.*?)```", DOC, re.S).group(1) for name in ("map.yaml", "claims.yaml")
    }
    return write_map(tmp_path / "trees", files)


def test_the_documented_example_shows_the_three_statuses(tmp_path: Path) -> None:
    result = run("evaluate", example(tmp_path))
    assert result.exit_code == 0
    assert result.output == _block("`argmap evaluate`:")
    assert {line.split()[0] for line in result.output.splitlines()[:7]} == {"holds", "contested", "fails"}


def test_authors_only_leaves_the_mappers_links_out(tmp_path: Path) -> None:
    result = run("evaluate", example(tmp_path), "--authors-only")
    assert result.output == _block("`argmap evaluate --authors-only`: Bob's")
    assert result.output.startswith("fails      plant-trees")


CONTRARY = """\
claims:
  - {id: a, text: A., contradicts: [b]}
  - {id: b, text: B.}
  - {id: c, text: C., supports: [a]}
"""


def test_a_contrary_is_a_rebuttal_both_ways(make_map) -> None:
    path = make_map({"claims.yaml": CONTRARY})
    data = json.loads(run("evaluate", path, "--format", "json").output)
    assert {c["id"]: c["status"] for c in data["claims"]} == {"a": "contested", "b": "contested", "c": "holds"}
    assert {i["id"] for i in data["inferences"] if i["kind"] == "rebut"} == {"a rebuts b", "b rebuts a"}
    grounded = json.loads(run("evaluate", path, "--format", "json", "--semantics", "grounded").output)
    assert {c["id"]: c["status"] for c in grounded["claims"]} == {"a": "undecided", "b": "undecided", "c": "holds"}


def test_a_one_way_rebuttal_decides_what_a_contrary_leaves_open(make_map) -> None:
    path = make_map({"claims.yaml": "claims:\n  - {id: a, text: A., rebuts: [b]}\n  - {id: b, text: B.}\n"})
    assert run("evaluate", path).output.splitlines()[:2] == ["holds      a", "fails      b"]


def test_an_undercut_of_a_contrary_names_it_from_either_end(make_map) -> None:
    path = make_map({"claims.yaml": CONTRARY + "  - {id: u, text: U., undercuts: [{from: b, to: a}]}\n"})
    result = check_map(path)
    assert not result.failed(), [str(d) for d in result.diagnostics]
    undercut = next(i for i in result.amap.inferences.values() if i.kind == "undercut")
    assert undercut.target == "a rebuts b"
    # The written side (a against b) is undercut; b's rebuttal of a still stands, and a has a reason.
    assert {c: v.status for c, v in verdicts(result.amap).claims.items()}["a"] == "fails"


QUESTION = """\
claims:
  - {id: t, text: T.}
  - {id: q, kind: question, text: Q?, rebuts: [t]}
  - {id: p, text: P., supports: [t]}
  - {id: w, text: W., rebuts: [{to: p, challenge: true}]}
"""


def test_a_question_challenges_its_target_but_does_not_defeat_it(make_map) -> None:
    path = make_map({"claims.yaml": QUESTION})
    lines = run("evaluate", path).output.splitlines()
    assert lines[:4] == ["holds      t  challenged", "holds      q", "holds      p  challenged", "holds      w"]
    assert lines[5] == "challenged (a question put to them, not answered): t, p"
    explained = run("explain", "t", path).output
    assert "It is challenged by claim q (\u201cQ?\u201d): a challenge (a critical question)" in explained


def test_an_answered_question_no_longer_challenges(make_map) -> None:
    path = make_map({"claims.yaml": QUESTION + "  - {id: answer, text: Answer., rebuts: [q]}\n"})
    assert run("evaluate", path).output.splitlines()[0] == "holds      t"


def test_a_map_opts_in_to_challenges_as_attacks(make_map) -> None:
    manifest = (REPO / "tests" / "conftest.py").read_text(encoding="utf-8")
    base = re.search(r'BASE_MANIFEST = """\\\n(.*?)"""', manifest, re.S).group(1)
    path = make_map({"claims.yaml": QUESTION, "map.yaml": base + "evaluation:\n  challenges: attack\n"})
    assert run("evaluate", path).output.splitlines()[:3] == ["fails      t", "holds      q", "fails      p"]


def test_check_refuses_an_unknown_challenge_setting(make_map) -> None:
    path = make_map({"claims.yaml": QUESTION, "map.yaml": "argmap: 1\ntitle: T\nevaluation: {challenges: maybe}\n"})
    result = run("check", path)
    assert result.exit_code == 1 and "map.yaml:3:26: Y011" in result.output
    assert "'challenge' or 'attack'" in result.output


# -- explain -----------------------------------------------------------------------------------

SHORTCUT = """\
claims:
  - {id: t, text: Thesis.}
  - {id: m, text: Mapper's reason., supports: [{to: t, mapper: true}]}
  - {id: own, text: Own reason., supports: [t]}
  - {id: x, text: X., rebuts: [y]}
  - {id: y, text: Y., rebuts: [x]}
  - {id: z, text: Z., rebuts: [t]}
  - {id: z2, text: Z2., rebuts: [z]}
"""


def test_explain_gives_the_authors_reason_first_under_every_semantics(make_map) -> None:
    path = make_map({"claims.yaml": SHORTCUT})
    grounded = run("explain", "t", path, "--semantics", "grounded").output
    preferred = run("explain", "t", path).output
    assert grounded == preferred
    assert "The support from own to t holds" in preferred and "The support from m to t" not in preferred
    assert preferred.startswith(
        "Claim t (\u201cThesis.\u201d) holds: every rebuttal of it fails, and a reason for it stands."
    )


def test_explain_names_the_mappers_links_that_decide(tmp_path: Path) -> None:
    lines = run("explain", "plant-trees", example(tmp_path)).output.splitlines()
    assert lines[-1] == (
        "Without the mapper's links (`--authors-only`) it fails: the mapper's reading decides it "
        "(the rebuttal of costs-unknown by budget-published)."
    )


# -- every status in show, list, diff --------------------------------------------------------------


def test_show_gives_the_status_and_its_marks(tmp_path: Path) -> None:
    path = example(tmp_path)
    rows = {line.split()[0]: line for line in run("show", "plant-trees", path).output.splitlines()[1:] if line.strip()}
    assert rows["status"].split(None, 1)[1] == (
        "holds, challenged, fails without the mapper's links (across the preferred readings)"
    )
    assert "contested (across" in run("show", "trees-pay-back", path).output
    assert "fails, holds without the mapper's links (across" in run("show", "costs-unknown", path).output


def test_list_filters_on_every_status_and_mark(tmp_path: Path, make_map, monkeypatch) -> None:
    path = example(tmp_path)

    def ids(*status: str) -> list[str]:
        rows = json.loads(run("list", path, "--format", "json", *(a for s in status for a in ("--status", s))).output)
        return [row["id"] for row in rows]

    assert ids("contested") == ["trees-pay-back", "trees-cost-more"]
    assert ids("fails") == ["costs-unknown"]
    assert ids("challenged") == ["plant-trees"]
    assert ids("mapper-decides") == ["plant-trees", "costs-unknown"]
    assert ids("holds", "fails") == [
        "plant-trees",
        "trees-cool-streets",
        "costs-unknown",
        "budget-published",
        "who-waters",
    ]
    text = run("list", path, "--status", "challenged").output
    assert "holds, challenged, fails without the mapper's links" in text
    # Undecided comes with grounded statuses: here, the fallback when a part has too many readings.
    from argmap.semantics import evaluation

    monkeypatch.setattr(evaluation, "MAX_EXTENSIONS", 1)
    assert ids("undecided") == ["trees-pay-back", "trees-cost-more"]
    assert "undecided (across" in run("show", "trees-pay-back", path).output


def test_diff_reports_every_status_change(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = "claims:\n  - {id: a, text: A.}\n  - {id: b, text: B.}\n  - {id: c, text: C.}\n"
    new = (
        "claims:\n  - {id: a, text: A., contradicts: [b]}\n  - {id: b, text: B.}\n"
        "  - {id: c, text: C.}\n  - {id: q, kind: question, text: Q?, rebuts: [c]}\n"
        "  - {id: m, text: M., rebuts: [{to: q, mapper: true}]}\n"
    )
    write_map(tmp_path / "old", {"claims.yaml": old})
    write_map(tmp_path / "new", {"claims.yaml": new})
    lines = [line for line in run("diff", "old", "new").output.splitlines() if line.startswith("~ status")]
    assert lines == ["~ status a: holds -> contested: A.", "~ status b: holds -> contested: B."]
    write_map(tmp_path / "newer", {"claims.yaml": new + "  - {id: q3, kind: question, text: Q3?, rebuts: [c]}\n"})
    changed = [line for line in run("diff", "new", "newer").output.splitlines() if line.startswith("~ status")]
    assert "~ status c: holds -> holds, challenged: C." in changed
    md = run("diff", "new", "newer", "--format", "markdown").output
    assert "| `c` | holds | **holds, challenged** | C. |" in md


def test_diff_reports_a_claim_the_mapper_comes_to_decide(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "old", {"claims.yaml": "claims:\n  - {id: a, text: A.}\n  - {id: m, text: M.}\n"})
    write_map(
        tmp_path / "new",
        {"claims.yaml": "claims:\n  - {id: a, text: A.}\n  - {id: m, text: M., rebuts: [{to: a, mapper: true}]}\n"},
    )
    assert "~ status a: holds -> fails, holds without the mapper's links: A." in run("diff", "old", "new").output


# -- properties ------------------------------------------------------------------------------------

IDS = [f"c{i}" for i in range(6)]


@st.composite
def maps(draw) -> list[dict]:
    """Claims c0..c5 with random supports (to lower numbers, so never circular) and rebuttals."""
    claims = []
    for i, cid in enumerate(IDS):
        claim = {"id": cid, "text": f"Claim {i}."}
        lower = IDS[:i]
        if lower:
            supports = draw(st.lists(st.sampled_from(lower), unique=True, max_size=2))
            if supports:
                claim["supports"] = supports
        rebuts = [
            t
            for t in draw(st.lists(st.sampled_from(IDS), unique=True, max_size=2))
            if t != cid and t not in claim.get("supports", ())
        ]
        if rebuts:
            claim["rebuts"] = rebuts
        claims.append(claim)
    return claims


def _statuses(claims: list[dict], semantics: str = "preferred") -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_map(Path(tmp) / "m", {"claims.yaml": json.dumps({"claims": claims})})
        amap = check_map(path).amap
        return {cid: v.status for cid, v in verdicts(amap, semantics).claims.items()}


@settings(max_examples=40, deadline=None)
@given(claims=maps())
def test_a_contrary_pair_with_no_other_attack_is_contested_and_undecided_under_grounded(claims) -> None:
    # Whatever else the map holds, only the pair attacks the pair; the others may lean on it.
    pair = [
        {"id": "x", "text": "X.", "contradicts": ["y"], "supports": IDS[::2]},
        {"id": "y", "text": "Y.", "rebuts": [IDS[1]]},
    ]
    assert {k: v for k, v in _statuses(claims + pair).items() if k in ("x", "y")} == {
        "x": "contested",
        "y": "contested",
    }
    assert {k: v for k, v in _statuses(claims + pair, "grounded").items() if k in ("x", "y")} == {
        "x": "undecided",
        "y": "undecided",
    }


@settings(max_examples=40, deadline=None)
@given(claims=maps(), target=st.sampled_from(IDS), how=st.sampled_from(["question", "marked", "undercut"]))
def test_a_challenge_alone_never_makes_its_target_fail(claims, target, how) -> None:
    before = _statuses(claims)
    if how == "question":
        asking = {"id": "q", "kind": "question", "text": "Q?", "rebuts": [target]}
    elif how == "marked":
        asking = {"id": "q", "text": "Q.", "rebuts": [{"to": target, "challenge": True}]}
    else:
        supported = next((c for c in claims if c.get("supports")), None)
        if supported is None:
            return
        target = supported["supports"][0]
        asking = {"id": "q", "kind": "question", "text": "Q?", "undercuts": [{"from": supported["id"], "to": target}]}
    after = _statuses([*claims, asking])
    assert after[target] == before[target]
    assert {k: v for k, v in after.items() if k != "q"} == before


def test_the_bundled_maps_table_is_argmaps_own_output() -> None:
    readme = (REPO / "arguments" / "README.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- argmap evaluate arguments --format markdown -->\n(.*?)<!-- end", readme, re.S).group(1)
    assert table == run("evaluate", REPO / "arguments", "--format", "markdown").output, (
        "arguments/README.md: paste the output of `argmap evaluate arguments --format markdown` again"
    )


def test_the_markdown_table_marks_what_the_mapper_decides(tmp_path: Path) -> None:
    lines = run("evaluate", example(tmp_path), "--format", "markdown").output.splitlines()
    assert lines[2] == "| `plant-trees` | **holds** | **holds** | **fails** | **fails** | yes |"
    assert "| `trees-pay-back` | contested | undecided | contested | undecided |  |" in lines
    assert lines[-1] == "- decided by the mapper's links (in bold above): 2: `plant-trees`, `costs-unknown`"


def test_show_lists_a_contrary_on_both_claims_and_diff_counts_it_once(make_map, tmp_path: Path, monkeypatch) -> None:
    path = make_map({"claims.yaml": CONTRARY})
    a, b = (run("show", cid, path).output for cid in "ab")
    assert "\ncontradicts:\n  - b: B.  (" in a and "\ncontradicts:\n  - a: A.  (" in b
    assert "rebutted by" not in a and "rebuts:" not in b
    question = run("show", "t", make_map({"claims.yaml": QUESTION}, name="q")).output
    assert "rebutted by:\n  - q: Q? [challenge]  (" in question
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "before", {"claims.yaml": CONTRARY.replace(", contradicts: [b]", "")})
    write_map(tmp_path / "after", {"claims.yaml": CONTRARY})
    lines = run("diff", "before", "after").output.splitlines()
    assert lines[1].startswith("relations: 1 added;")
    assert "+ relation the contradiction of b by a (claims.yaml:2)" in lines


def test_explain_gives_the_same_reasons_under_grounded_and_preferred_on_the_bundled_map() -> None:
    from argmap.semantics import evaluate
    from argmap.semantics.explain import explain
    from argmap.semantics.verdict import status

    amap = check_map(REPO / "arguments").amap
    grounded, preferred = evaluate(amap, "grounded"), evaluate(amap, "preferred")
    settled = [cid for cid in amap.claims if status(grounded, cid) != "undecided"]
    assert settled
    for cid in settled:
        assert explain(amap, grounded, cid) == explain(amap, preferred, cid), cid


def test_too_many_readings_in_one_part_fall_back_to_grounded_and_say_so(make_map, monkeypatch) -> None:
    from argmap.semantics import evaluation

    monkeypatch.setattr(evaluation, "MAX_EXTENSIONS", 2)
    triangle = (
        "claims:\n  - {id: a, text: A., contradicts: [b, c]}\n  - {id: b, text: B., contradicts: [c]}\n"
        "  - {id: c, text: C.}\n"
    )
    lines = run("evaluate", make_map({"claims.yaml": triangle})).output.splitlines()
    assert lines[0] == (
        "more than 2 preferred extensions in one part of the map: the statuses are those of "
        "grounded semantics (holds, fails or undecided)"
    )
    assert lines[1:4] == ["undecided  a", "undecided  b", "undecided  c"]
    assert lines[4] == "3 claims under grounded semantics, not preferred (see above): 0 holds, 0 fails, 3 undecided"
    monkeypatch.setattr(evaluation, "MAX_EXTENSIONS", 3)
    assert (
        run("evaluate", make_map({"claims.yaml": triangle}, name="again")).output.splitlines()[0]
        == "contested  a  in 1 of 3 readings"
    )


def test_add_writes_a_contrary(make_map) -> None:
    path = make_map({"claims.yaml": "claims:\n  - {id: b, text: B.}\n"})
    result = run("add", path, "--text", "A.", "--id", "a", "--contradicts", "b", "--mapper")
    assert result.exit_code == 0, result.output
    assert "contradicts: [{to: b, mapper: true}]" in (path / "claims.yaml").read_text(encoding="utf-8")
    assert run("evaluate", path).output.splitlines()[:2] == [
        "contested  b  in 1 of 2 readings; holds without the mapper's links",
        "contested  a  in 1 of 2 readings; holds without the mapper's links",
    ]


def test_independent_contraries_multiply_the_readings(make_map) -> None:
    pairs = "".join(
        f"  - {{id: a{i}, text: A{i}., contradicts: [b{i}]}}\n  - {{id: b{i}, text: B{i}.}}\n" for i in range(25)
    )
    lines = run("evaluate", make_map({"claims.yaml": "claims:\n" + pairs})).output.splitlines()
    assert lines[0] == "contested  a0   in about 1.7 x 10^7 of about 3.4 x 10^7 readings"
    assert lines[50] == "50 claims across about 3.4 x 10^7 preferred readings: 0 holds, 50 contested, 0 fails"
