"""`argmap add` as users run it: checked before writing, formatting kept, ids generated, concurrent runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env, run, write_map

ANN = """\
# yaml-language-server: $schema=schema/claims.schema.json
# Ann's side of the debate. This comment must survive.
defaults:
  author: ann
  source: ann-2024
  position: "yes"

claims:
  - id: plant            # the thesis
    kind: thesis
    text: The town should plant trees.
    quote: The town should plant trees.

  - id: cool
    kind: evidence
    text: "Trees cool streets in summer."   # quoted on purpose
    supports: [plant]

# Linked arguments below.
arguments:
  - id: cool-and-cheap
    premises: [cool, plant]
    rebuts: cost
"""
BEN = """\
claims:
  - {id: cost, author: ben, source: ben-2024, position: "no", text: Trees cost money., rebuts: [plant]}
"""


@pytest.fixture
def amap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_map(tmp_path / "m", {"ann.yaml": ANN, "ben.yaml": BEN})


def test_dangling_reference_is_refused_and_the_file_is_untouched(amap: Path) -> None:
    before = (amap / "ann.yaml").read_bytes()
    result = run("add", "m", "--to", "ann.yaml", "--text", "Shade helps.", "--supports", "plnt")
    assert result.exit_code == 1
    found = re.search(
        r"^m/ann\.yaml:(\d+):(\d+): R002 error unknown claim 'plnt'; did you mean 'plant'\?$", result.output, re.M
    )
    assert found, result.output
    assert "not written" in result.output
    assert (amap / "ann.yaml").read_bytes() == before
    assert sorted(p.name for p in amap.iterdir()) == [".argmap.lock", "ann.txt", "ann.yaml", "ben.yaml", "map.yaml"]
    # The place names the reference in the file as it would have been: --force writes exactly that.
    forced = run("add", "m", "--to", "ann.yaml", "--text", "Shade helps.", "--supports", "plnt", "--force")
    assert forced.exit_code == 1
    line, col = int(found[1]), int(found[2])
    assert (amap / "ann.yaml").read_text().splitlines()[line - 1][col - 1 :] == "plnt]"


def test_add_keeps_comments_order_and_formatting(amap: Path) -> None:
    old = (amap / "ann.yaml").read_text()
    result = run(
        "add",
        "m",
        "--to",
        "m/ann.yaml",
        "--id",
        "shade",
        "--kind",
        "evidence",
        "--text",
        "Trees give shade.",
        "--quote",
        "Trees cool streets",
        "--locator",
        "2",
        "--supports",
        "plant",
        "--tag",
        "summer",
    )
    assert result.exit_code == 0, result.output
    assert result.output == "added shade at m/ann.yaml:19:5\n"
    block = (
        "\n  - id: shade\n    kind: evidence\n    text: Trees give shade.\n    quote: Trees cool streets\n"
        "    locator: '2'\n    tags: [summer]\n    supports: [plant]\n"
    )
    anchor = "    supports: [plant]\n"
    new = (amap / "ann.yaml").read_text()
    assert new == old.replace(anchor, anchor + block, 1)
    assert new.index("- id: shade") < new.index("# Linked arguments below.")
    assert run("check", "m").exit_code == 0


def test_generated_ids_are_printed_and_unique(amap: Path) -> None:
    first = run("add", "m", "--to", "ann.yaml", "--text", "The trees of the town give shade in summer.")
    second = run(
        "add", "m", "--to", "ann.yaml", "--text", "The trees of the town give shade in summer!", "--supports", "plant"
    )
    # A new warning is shown but does not stop the addition; only new errors do.
    assert first.output == (
        "m/ann.yaml:19:9: S102 warning claim 'trees-town-give-shade-summer' is connected to "
        "nothing\nadded trees-town-give-shade-summer (generated id) at m/ann.yaml:19:5\n"
    )
    assert second.output == "added trees-town-give-shade-summer-2 (generated id) at m/ann.yaml:22:5\n"
    assert run("check", "m").exit_code == 0


def test_snippet_from_stdin_with_comments_and_an_argument(amap: Path) -> None:
    snippet = """\
claims:
  - text: Shade lowers energy bills.
    kind: evidence
    supports: [plant]   # the mapper checked this
  - id: bills
    text: Bills fell in 2023.
arguments:
  - premises: [bills, cool]
    supports: plant
"""
    result = run("add", "m", "--to", "ann.yaml", "--from", "-", input=snippet)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "added shade-lowers-energy-bills (generated id) at m/ann.yaml:19:5",
        "added bills at m/ann.yaml:24:5",
        "added plant-argument (generated id) at m/ann.yaml:32:5",
    ]
    text = (amap / "ann.yaml").read_text()
    assert "supports: [plant]   # the mapper checked this" in text
    assert run("check", "m").exit_code == 0
    shown = run("show", "plant-argument", "m")
    assert "argument plant-argument (bills + cool supports plant)" in shown.output


def test_snippet_defaults_are_written_into_each_claim(amap: Path, tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "defaults: {author: ben, source: ben-2024, position: 'no'}\nclaims:\n  - {id: dear, text: Trees are dear.}\n"
    )
    result = run("add", "m", "--to", "ben.yaml", "--from", tmp_path / "s.yaml")
    assert result.exit_code == 0, result.output
    assert run("show", "dear", "m").output.splitlines()[2] == "  author      Ben (ben)"


def test_new_file_is_created_and_defaults_choose_nothing(amap: Path) -> None:
    result = run(
        "add",
        "m",
        "--to",
        "more/new.yaml",
        "--text",
        "Roots break pavements.",
        "--author",
        "ben",
        "--source",
        "ben-2024",
        "--rebuts",
        "plant",
    )
    assert result.exit_code == 0, result.output
    assert (amap / "more" / "new.yaml").read_text() == (
        "claims:\n  - id: roots-break-pavements\n    author: ben\n    source: ben-2024\n"
        "    text: Roots break pavements.\n    rebuts: [plant]\n"
    )


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("claims:\n- id: a\n  text: A.\n", "claims:\n- id: a\n  text: A.\n- id: b\n  text: B.\n"),
        ("claims: []  # none yet\n", "claims: # none yet\n  - id: b\n    text: B.\n"),
        ("claims:\n", "claims:\n  - id: b\n    text: B.\n"),
        ("# only a comment", "# only a comment\n\nclaims:\n  - id: b\n    text: B.\n"),
        (
            "claims:\r\n  - id: a\r\n    text: |\r\n      A.\r\n",
            "claims:\r\n  - id: a\r\n    text: |\r\n      A.\r\n  - id: b\r\n    text: B.\r\n",
        ),
    ],
)
def test_insertion_into_each_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "m", {})
    (tmp_path / "m" / "c.yaml").write_bytes(layout.encode())
    result = run("add", "m", "--id", "b", "--text", "B.")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "c.yaml").read_bytes() == expected.encode()


def test_text_that_yaml_would_misread_is_quoted(amap: Path) -> None:
    result = run("add", "m", "--to", "ann.yaml", "--id", "n", "--text", "1_000", "--note", "null")
    assert result.exit_code == 0, result.output
    assert "    text: '1_000'\n    note: 'null'\n" in (amap / "ann.yaml").read_text()
    assert run("check", "m").exit_code == 0


def test_usage_problems_exit_2(amap: Path) -> None:
    for args, message in [
        (("--text", "X."), "the map has 2 claim files (ann.yaml, ben.yaml); choose one with --to"),
        (("--to", "ann.yaml"), "give the claim with --text"),
        (("--to", "map.yaml", "--text", "X."), "not a claim file"),
        (("--to", "../out.yaml", "--text", "X."), "must be inside the map folder"),
        (("--to", "ann.yaml", "--from", "-", "--text", "X."), "--from cannot be combined with --text"),
    ]:
        result = run("add", "m", *args, input="claims: []\n")
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output
        assert "Traceback" not in result.output
    bad = run("add", "m", "--to", "ann.yaml", "--from", "-", input="claims:\n  - text: [unclosed\n")
    assert bad.exit_code == 2 and bad.output.startswith("<stdin>:3:1: Y001 error YAML syntax error")


def test_dry_run_shows_the_diff_and_writes_nothing(amap: Path) -> None:
    before = (amap / "ann.yaml").read_bytes()
    result = run("add", "m", "--to", "ann.yaml", "--id", "x", "--text", "X.", "--dry-run")
    assert result.exit_code == 0
    assert "+  - id: x\n+    text: X.\n" in result.output
    assert result.output.endswith("would add x at m/ann.yaml:19:5\n")
    assert (amap / "ann.yaml").read_bytes() == before


def test_concurrent_adds_all_land(amap: Path) -> None:
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "argmap",
                "add",
                str(amap),
                "--to",
                "ann.yaml",
                "--text",
                "Trees give shade.",
                "--supports",
                "plant",
            ],
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=60) for p in runs]
    assert [p.returncode for p in runs] == [0, 0, 0, 0], outputs
    ids = sorted(re.search(r"added (\S+)", out).group(1) for out, _ in outputs)
    assert ids == ["trees-give-shade", "trees-give-shade-2", "trees-give-shade-3", "trees-give-shade-4"]
    text = (amap / "ann.yaml").read_text()
    assert all(text.count(f"- id: {ident}\n") == 1 for ident in ids)
    assert run("check", "m").exit_code == 0


def test_flow_sequence_target_is_refused_with_its_place(amap: Path) -> None:
    (amap / "flow.yaml").write_text("claims: [{id: z, text: Z.}]\n")
    result = run("add", "m", "--to", "flow.yaml", "--text", "X.")
    assert result.exit_code == 2
    assert result.output.startswith("Error: m/flow.yaml:1:9: `claims` is not written as a block list")


def test_new_claim_file_gets_the_schema_modeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "mine").exit_code == 0
    for target, modeline in (
        ("more.yaml", "schema/claims.schema.json"),
        ("sub/deeper.yaml", "../schema/claims.schema.json"),
    ):
        result = run("add", "mine", "--to", target, "--text", f"A claim in {target}.")
        assert result.exit_code == 0, result.output
        text = (tmp_path / "mine" / target).read_text()
        assert text.startswith(f"# yaml-language-server: $schema={modeline}\n\nclaims:\n  - id: claim-")
    assert run("check", "mine").exit_code == 0


def test_a_map_with_input_errors_lists_them_and_adds_nothing(amap: Path) -> None:
    (amap / "broken.yaml").write_text("claims:\n  - {id: x, text: X.\n")
    before = (amap / "ann.yaml").read_bytes()
    result = run("add", "m", "--to", "ann.yaml", "--text", "Shade helps.")
    assert result.exit_code == 2, result.output
    head, *listed = result.output.splitlines()
    assert head == (
        "Error: m: the map has input errors, so the addition cannot be checked; fix them first or add with --force:"
    )
    assert listed and all(re.fullmatch(r"m/broken\.yaml:\d+:\d+: Y\d{3} error .+", line) for line in listed), listed
    assert (amap / "ann.yaml").read_bytes() == before
