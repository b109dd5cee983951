"""Help where people trip: hints on common YAML mistakes, did-you-mean on options, JSON for show
and explain, the map found from any folder inside it, and a --help that says where to start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env, run


@pytest.fixture
def starter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert run("init", "m").exit_code == 0
    return tmp_path / "m"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def test_a_colon_in_text_gets_a_hint_to_quote_it(starter: Path) -> None:
    append(starter / "claims.yaml", "\n  - id: colon\n    text: Note: this has a colon\n")
    result = run("check", "m")
    assert result.exit_code == 1
    assert (
        "m/claims.yaml:32:15: Y001 error YAML syntax error: mapping values are not allowed in this context; "
        "text with ': ' in it must be quoted"
    ) in result.output


def test_a_claim_under_arguments_is_named_as_one_problem(starter: Path) -> None:
    append(
        starter / "claims.yaml", "\narguments:\n  - id: stray\n    text: I am a claim.\n    supports: [plant-trees]\n"
    )
    result = run("check", "m")
    problems = [line for line in result.output.splitlines() if ": Y0" in line]
    assert problems == [
        "m/claims.yaml:32:5: Y010 error arguments[0] (argument 'stray') has a text: it looks like a "
        "claim, and claims go under `claims:`, not `arguments:`"
    ], result.output


def test_a_mistyped_kind_gets_the_closest_kind_and_the_claims_id(starter: Path) -> None:
    (starter / "claims.yaml").write_text((starter / "claims.yaml").read_text().replace("kind: thesis", "kind: premis"))
    result = run("check", "m")
    assert (
        "m/claims.yaml:11:11: Y011 error claims[0].kind (claim 'plant-trees'): 'premis' is not one of the allowed "
        "values; did you mean 'premise'?"
    ) in result.output


def test_a_relation_or_tag_not_written_as_a_list_is_named_at_its_place(starter: Path) -> None:
    append(starter / "claims.yaml", "\n  - {id: bare, text: A claim., supports: plant-trees, tags: 3}\n")
    result = run("check", "m")
    problems = [line for line in result.output.splitlines() if ": Y0" in line]
    assert problems == [
        f"m/claims.yaml:31:{col}: Y011 error claims[3].{field} (claim 'bare'): expected a list (`[a, b]` or `- ` items)"
        for col, field in ((42, "supports"), (61, "tags"))
    ], result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "m", "--author", "alicee"), "--author: no author 'alicee' in the map; did you mean 'alice'?"),
        (("list", "m", "--position", "plnt"), "--position: no position 'plnt' in the map; did you mean 'plant'?"),
        (("list", "m", "--tag", "nothing"), "--tag: no claim with the tag 'nothing' in the map"),
        (
            ("render", "m", "--focus", "plant-tree"),
            "--focus: no claim 'plant-tree' in the map; did you mean 'plant-trees'?",
        ),
        (("render", "m", "--depth", "3"), "--depth is the distance from the claim given with --focus ID"),
    ],
)
def test_an_option_naming_nothing_is_refused_with_did_you_mean(starter: Path, args: tuple, message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (starter.parent / "output").exists()


def test_show_and_explain_speak_json(starter: Path) -> None:
    shown = json.loads(run("show", "plant-trees", "m", "--format", "json").output)
    assert shown["id"] == "plant-trees" and shown["kind"] == "thesis" and shown["status"] == "fails"
    assert shown["challenged"] is False and shown["without_mapper"] is None
    assert shown["quote_status"] == "verified" and shown["written_at"] == "m/claims.yaml:10:5"
    assert shown["relations"]["attacked_by"] == ["costs-unknown rebuts plant-trees"]
    explained = json.loads(run("explain", "plant-trees", "m", "--format", "json").output)
    assert explained["label"] == "OUT" and explained["status"] == "fails" and explained["semantics"] == "preferred"
    assert explained["explanation"][0] == {
        "depth": 0,
        "text": "Claim plant-trees (\u201cThe town should plant a thousand trees this year.\u201d) fails: "
        "it is rebutted, and the rebuttal stands.",
    }
    assert explained["explanation"][1]["depth"] == 1


def test_the_map_is_found_upward_from_the_current_folder(starter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (starter / "deeper" / "still").mkdir(parents=True)
    monkeypatch.chdir(starter / "deeper" / "still")
    assert run("list").output.startswith("plant-trees ")
    # A repository with its map in arguments/ is found from the repository's subfolders too.
    repo = starter.parent / "repo"
    (repo / "docs").mkdir(parents=True)
    (starter / "deeper" / "still").rmdir()
    (starter / "deeper").rmdir()
    starter.rename(repo / "arguments")
    monkeypatch.chdir(repo / "docs")
    result = run("check")
    assert result.exit_code == 0 and "3 claims checked" in result.output


def test_render_path_writes_beside_the_map(starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = run("render", "../m", "--format", "mermaid")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "map.mmd").is_file()
    assert not (tmp_path / "elsewhere" / "output").exists()
    assert run("render", "../m", "--format", "mermaid", "-o", "here").exit_code == 0
    assert (tmp_path / "elsewhere" / "here" / "map.mmd").is_file()


def test_help_is_whole_and_says_where_to_start() -> None:
    bare = run()
    assert bare.exit_code == 0
    assert bare.output == run("--help").output
    assert "Start here:" in bare.output and "argmap init mymap" in bare.output
    listing = " ".join(bare.output.split())
    assert (
        "render Render the map at PATH into diagrams: the whole map, its thesis chain, the clash views (one per "
        "thesis, and the common ground), one focus view per thesis"
    ) in listing
    assert "rename Rename the id OLD to NEW: its definition and every reference to it, in every file" in listing


def test_shell_completion_works_as_documented(starter: Path) -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "_ARGMAP_COMPLETE=bash_source argmap" in docs
    env = {**cli_env(), "_ARGMAP_COMPLETE": "bash_complete", "COMP_WORDS": "argmap ren", "COMP_CWORD": "1"}
    done = subprocess.run(
        [sys.executable, "-c", "from argmap.cli import main; main(prog_name='argmap')"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert sorted(done.stdout.split()) == ["plain,rename", "plain,render"], done.stdout
