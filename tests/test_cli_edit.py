"""`argmap rename` and `argmap remove` as users run them: every reference follows, comments stay,
and nothing is written that would leave the map worse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run, write_map
from tests.test_cli_add import ANN, BEN


@pytest.fixture
def amap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_map(tmp_path / "m", {"ann.yaml": ANN, "ben.yaml": BEN})


def test_rename_follows_every_reference_across_files_and_keeps_comments(amap: Path) -> None:
    result = run("rename", "plant", "plant-trees", "m")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "renamed plant to plant-trees:",
        "  m/ann.yaml:9:9",
        "  m/ann.yaml:17:16",
        "  m/ann.yaml:22:22",
        "  m/ben.yaml:2:97",
    ]
    ann = (amap / "ann.yaml").read_text()
    assert ann == ANN.replace("id: plant ", "id: plant-trees ").replace("[plant]", "[plant-trees]").replace(
        "[cool, plant]", "[cool, plant-trees]"
    )
    assert "rebuts: [plant-trees]}" in (amap / "ben.yaml").read_text()
    assert run("check", "m").exit_code == 0
    assert "plant-trees: The town should plant trees." in run("show", "plant-trees", "m").output


def test_rename_of_an_author_reaches_defaults_and_the_manifest(amap: Path) -> None:
    assert run("rename", "ann", "anne", "m").exit_code == 0
    assert "  author: anne\n" in (amap / "ann.yaml").read_text()
    manifest = (amap / "map.yaml").read_text()
    assert "{id: anne, name: Ann}" in manifest and "author: anne, title: Ann's essay" in manifest
    assert run("check", "m").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plnt", "x"), "no claim, argument, author, source or position has the id 'plnt'; did you mean 'plant'?"),
        (("plant", "cool"), "'cool' is taken already: defined at m/ann.yaml:14:9"),
        (("plant", "bad id"), "'bad id' is not a valid id"),
    ],
)
def test_rename_refuses_what_it_cannot_do(amap: Path, args: tuple, message: str) -> None:
    before = {p.name: p.read_bytes() for p in amap.glob("*.yaml")}
    result = run("rename", *args, "m")
    assert result.exit_code == 2 and message in result.output, result.output
    assert {p.name: p.read_bytes() for p in amap.glob("*.yaml")} == before


def test_remove_is_refused_while_something_refers_to_it(amap: Path) -> None:
    before = (amap / "ann.yaml").read_bytes()
    result = run("remove", "cool", "m")
    assert result.exit_code == 1
    assert "m/ann.yaml:17:16: R002 error unknown claim 'cool'" in result.output
    assert "not written" in result.output
    assert (amap / "ann.yaml").read_bytes() == before


def test_remove_takes_out_the_item_and_its_blank_line(amap: Path) -> None:
    assert run("remove", "cool-and-cheap", "m").exit_code == 0
    assert (amap / "ann.yaml").read_text() == ANN.replace(
        "  - id: cool-and-cheap\n    premises: [cool, plant]\n    rebuts: cost\n", ""
    ).replace("arguments:\n", "arguments: []\n")
    assert run("check", "m").exit_code == 0
    # With its argument gone, nothing refers to cool: a dry run shows its removal and writes nothing.
    written = (amap / "ann.yaml").read_bytes()
    result = run("remove", "cool", "m", "--dry-run")
    assert result.exit_code == 0, result.output
    assert '-    text: "Trees cool streets in summer."   # quoted on purpose' in result.output
    assert (amap / "ann.yaml").read_bytes() == written


def test_remove_from_a_flow_list_is_refused_with_its_place(amap: Path) -> None:
    flow = b"claims: [{id: lone, author: ann, source: ann-2024, text: Lone., supports: [plant]}]\n"
    (amap / "flow.yaml").write_bytes(flow)
    result = run("remove", "lone", "m")
    assert result.exit_code == 2
    assert "m/flow.yaml:1:9: the list is written in flow style" in result.output, result.output
    assert (amap / "flow.yaml").read_bytes() == flow


def test_rename_in_a_map_with_input_errors_lists_them_and_writes_nothing(amap: Path) -> None:
    (amap / "broken.yaml").write_text("claims:\n  - {id: x, text: X.\n")
    before = (amap / "ann.yaml").read_bytes()
    result = run("rename", "plant", "plant-trees", "m")
    assert result.exit_code == 2, result.output
    head, *listed = result.output.splitlines()
    assert head == "Error: m: the map has input errors; fix them first:"
    assert listed and all(re.fullmatch(r"m/broken\.yaml:\d+:\d+: Y\d{3} error .+", line) for line in listed), listed
    assert (amap / "ann.yaml").read_bytes() == before
