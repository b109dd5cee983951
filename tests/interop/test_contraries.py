"""A contrary (`contradicts`) through AIF, Argdown and argmap JSON."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import run

CLAIMS = """\
claims:
  - {id: a, text: A., contradicts: [{to: b, note: cannot both hold}]}
  - {id: b, text: B.}
  - {id: q, kind: question, text: Q?, rebuts: [{to: a, challenge: true}]}
"""


def _imported_claims(folder: Path) -> dict[str, dict]:
    data = yaml.safe_load((folder / "claims.yaml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in data["claims"]}


def test_aif_writes_a_ca_node_each_way_and_reads_them_back_as_one_contrary(make_map, tmp_path: Path) -> None:
    folder = make_map({"claims.yaml": CLAIMS})
    assert run("export", "aif", folder, "-o", tmp_path / "m.json").exit_code == 0
    doc = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    contraries = [n for n in doc["nodes"] if n.get("scheme") == "Contrary"]
    assert [(n["type"], n["nodeID"]) for n in contraries] == [("CA", "a rebuts b"), ("CA", "b rebuts a")]
    assert run("import", "aif", tmp_path / "m.json", "-o", tmp_path / "back").exit_code == 0
    back = _imported_claims(tmp_path / "back")
    assert back["a"]["contradicts"] == ["b"] and "rebuts" not in back["a"] and "rebuts" not in back["b"]


def test_json_keeps_contraries_and_challenges(make_map, tmp_path: Path) -> None:
    folder = make_map({"claims.yaml": CLAIMS})
    assert run("export", "json", folder, "-o", tmp_path / "m.json").exit_code == 0
    doc = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert {i["id"]: (i["contrary"], i["challenge"]) for i in doc["inferences"]} == {
        "a rebuts b": (True, False),
        "b rebuts a": (True, False),
        "q rebuts a": (False, True),
    }
    assert run("import", "json", tmp_path / "m.json", "-o", tmp_path / "back").exit_code == 0
    back = _imported_claims(tmp_path / "back")
    assert back["a"]["contradicts"] == [{"to": "b", "note": "cannot both hold"}]
    assert back["q"]["rebuts"][0]["challenge"] is True


def test_argdown_writes_a_contrary_once_as_a_contradiction(make_map, tmp_path: Path) -> None:
    folder = make_map({"claims.yaml": CLAIMS.replace("{to: b, note: cannot both hold}", "b")})
    text = run("export", "argdown", folder).output
    assert "[a]: A.\n  >< [b]\n" in text and "[b]: B.\n\n" in text
    # with a note, which `><` cannot carry, each side is an argument whose data says so
    text = run("export", "argdown", make_map({"claims.yaml": CLAIMS}, name="noted")).output
    assert '<a rebuts b> {note: "cannot both hold", contrary: true}' in text
    assert '<b rebuts a> {note: "cannot both hold", contrary: true}' in text


def test_argdown_json_contradictory_becomes_one_contrary(tmp_path: Path) -> None:
    doc = {
        "statements": {"x": {"members": [{"text": "X."}]}, "y": {"members": [{"text": "Y."}]}},
        "arguments": {},
        "relations": [
            {"relationType": "contradictory", "from": "x", "fromType": "statement", "to": "y", "toType": "statement"}
        ],
    }
    (tmp_path / "m.json").write_text(json.dumps(doc), encoding="utf-8")
    assert run("import", "argdown-json", tmp_path / "m.json", "-o", tmp_path / "back").exit_code == 0
    back = _imported_claims(tmp_path / "back")
    assert [c.get("contradicts") for c in back.values()] == [["y"], None]
    assert run("evaluate", tmp_path / "back").output.splitlines()[:2] == [
        "contested  x  in 1 of 2 readings",
        "contested  y  in 1 of 2 readings",
    ]
