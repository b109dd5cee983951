"""Argdown as people write it, imported: undercuts of inferences, tags, data and sections; and
JSON of the wrong shape reported with its place, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from tests.conftest import npm_package, run
from tests.interop.graphs import load

HAND_WRITTEN = """\
# Trees {author: ann}

[plant]: The town should plant trees. #thesis #(city life)

[cool]: Trees cool streets. #evidence {quote: "Trees cool streets", locator: 3}
  +> [plant]

## Costs {author: ben, position: against}

[cost]: Trees cost money.
  -> [plant]

[winter]: What about winter? #question
  _> <Cooling>

<Cooling>

(1) [cool]
(2) [shade]: Trees give shade.
----
(3) [plant]

[doubt]: Shade is not cooling. {note: "a reader's doubt"}
  _> <Shade>

<Shade>

(1) [shade]
----
(2) [cooler]: Streets are cooler.
-- --
(3) [plant]
"""


@pytest.fixture(scope="module")
def argdown_cli() -> Path:
    return npm_package("argdown-cli", "@argdown/cli", ".bin/argdown")


@pytest.mark.npm
def test_hand_written_argdown_keeps_undercuts_tags_data_and_sections(
    argdown_cli: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", f"{argdown_cli.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.chdir(tmp_path)
    Path("trees.argdown").write_text(HAND_WRITTEN, encoding="utf-8")
    result = run("import", "argdown", "trees.argdown", "-o", "m")
    assert result.exit_code == 0, result.output
    assert run("check", "m").exit_code == 0
    amap = load(tmp_path / "m")
    claims = {cid: entry.item for cid, entry in amap.claims.items()}
    plant, cool, cost, winter = claims["plant"], claims["cool"], claims["cost"], claims["winter"]
    assert (plant.kind.value, plant.tags, plant.text) == ("thesis", ("city-life",), "The town should plant trees.")
    assert (cool.kind.value, cool.quote, cool.locator, cool.author) == ("evidence", "Trees cool streets", "¶3", "ann")
    assert (cost.author, cost.position, winter.kind.value) == ("ben", "against", "question")
    manifest = yaml.safe_load((tmp_path / "m" / "map.yaml").read_text(encoding="utf-8"))
    assert manifest["authors"] == [{"id": "ann", "name": "Trees"}, {"id": "ben", "name": "Costs"}]
    assert manifest["positions"] == [{"id": "against", "label": "Costs"}]
    # Argdown says `toType: "inference"` for these: undercuts of the attacked inference, not rebuttals
    undercuts = {
        inf.premises[0]: amap.inferences[inf.target] for inf in amap.inferences.values() if inf.kind == "undercut"
    }
    assert (undercuts["winter"].id, undercuts["winter"].premises, undercuts["winter"].target) == (
        "Cooling",
        ("cool", "shade"),
        "plant",
    )
    # an undercut of an argument of two steps attacks the step Argdown names: here its last
    assert (undercuts["doubt"].premises, undercuts["doubt"].target) == (("cooler",), "plant")
    assert claims["doubt"].note == "a reader's doubt"
    rebuttals = [inf.premises for inf in amap.inferences.values() if inf.kind == "rebut"]
    assert ("winter",) not in rebuttals and ("doubt",) not in rebuttals


def test_an_undercut_attacks_the_step_its_conclusion_index_names(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    statement = {"members": [{"text": "S."}]}
    doc = {
        "statements": {t: statement for t in ("p", "q", "r", "u")},
        "arguments": {
            "A": {
                "pcs": [
                    {"title": "p", "role": "premise"},
                    {"title": "q", "role": "intermediary-conclusion"},
                    {"title": "r", "role": "main-conclusion"},
                ]
            }
        },
        "relations": [
            {
                "from": "u",
                "to": "A",
                "relationType": "undercut",
                "fromType": "equivalence-class",
                "toType": "inference",
                "conclusionIndex": 1,
            }
        ],
    }
    Path("a.json").write_text(json.dumps(doc), encoding="utf-8")
    assert run("import", "argdown-json", "a.json", "-o", "m").exit_code == 0
    amap = load(tmp_path / "m")
    undercut = next(inf for inf in amap.inferences.values() if inf.kind == "undercut")
    attacked = amap.inferences[undercut.target]
    assert (undercut.premises, attacked.premises, attacked.target) == (("u",), ("p",), "q")


WRONG_SHAPES = {
    "no-statements": ({"arguments": {}, "relations": []}, "statements: field required"),
    "statements-a-list": ({"statements": [], "arguments": {}}, "statements: input should be a valid dictionary"),
    "relation-without-from": (
        {
            "statements": {"a": {"members": [{"text": "A."}]}},
            "arguments": {},
            "relations": [{"to": "a", "relationType": "support"}],
        },
        "relations[0].from: field required",
    ),
    "member-text-a-number": (
        {"statements": {"a": {"members": [{"text": 3}]}}},
        "statements.a.members[0].text: input should be a valid string",
    ),
    "step-without-title": (
        {"statements": {}, "arguments": {"x": {"pcs": [{"role": "premise"}]}}},
        "arguments.x.pcs[0].title: field required",
    ),
    "a-list": ([1, 2], "the document: input should be a valid dictionary"),
    "relations-a-mapping": ({"statements": {}, "relations": {"from": "a"}}, "relations: input should be a valid list"),
}


@pytest.mark.parametrize("case", sorted(WRONG_SHAPES))
def test_argdown_json_of_the_wrong_shape_names_the_place(case: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    doc, expected = WRONG_SHAPES[case]
    Path(f"{case}.json").write_text(json.dumps(doc), encoding="utf-8")
    result = run("import", "argdown-json", f"{case}.json", "-o", "out")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{case}.json: X001 error not Argdown JSON: {expected}"
    assert "Traceback" not in result.output and not Path("out").exists()


def test_data_of_the_wrong_type_is_dropped_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    doc = {"statements": {"a": {"members": [{"text": "A."}], "data": {"author": ["x"], "quote": "A"}}}}
    Path("d.json").write_text(json.dumps(doc), encoding="utf-8")
    result = run("import", "argdown-json", "d.json", "-o", "out")
    assert result.exit_code == 0
    assert "d.json: X008 warning statement 'a': data author: input should be a valid string; dropped" in result.output
    assert load(tmp_path / "out").claims["a"].item.quote == "A"


@pytest.mark.npm
def test_import_argdown_refuses_a_file_that_is_not_utf8(
    argdown_cli: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", f"{argdown_cli.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.chdir(tmp_path)
    Path("latin1.argdown").write_bytes("[a]: A.\n[b]: Caf\xe9.\n".encode("latin-1"))
    result = run("import", "argdown", "latin1.argdown", "-o", "m")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "latin1.argdown:2:9: X001 error Argdown: not valid UTF-8 (byte 16); Argdown files are UTF-8"
    )
