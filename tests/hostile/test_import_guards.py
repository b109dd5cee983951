"""Every import parser has the map loader's guards (issue 19): depth, number length, encoding,
node order, and the structures argmap would refuse later are refused at import, with a place."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from tests.conftest import run

JSON_FORMATS = ["aif", "argdown-json", "json"]


def _import(tmp_path: Path, fmt: str, content: str | bytes, *more: str):
    path = tmp_path / "in.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return run("import", fmt, path, "-o", tmp_path / "out", *more)


@pytest.mark.parametrize("fmt", JSON_FORMATS)
def test_deep_nesting_is_refused_with_its_place(tmp_path: Path, fmt: str) -> None:
    result = _import(tmp_path, fmt, '{"nodes":\n' + "[" * 100_000 + "]" * 100_000 + "}")
    assert result.exit_code == 1
    assert "in.json:2:100: X001 error nested more than 100 levels deep; refused" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", JSON_FORMATS)
def test_a_5000_digit_number_is_refused_with_its_place(tmp_path: Path, fmt: str) -> None:
    result = _import(tmp_path, fmt, '{"nodes": [{"nodeID": ' + "9" * 5000 + ', "type": "I"}]}')
    assert result.exit_code == 1
    assert "in.json:1:23: X001 error a number of 5,000 digits; argmap reads numbers of up to 100" in result.output


def test_digits_inside_a_string_are_text(tmp_path: Path) -> None:
    nodes = [{"nodeID": "1", "type": "I", "text": "9" * 5000 + " [[[[" * 200}]
    result = _import(tmp_path, "aif", json.dumps({"nodes": nodes, "edges": []}))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("encoding, bom", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_utf16_file_is_named_so(tmp_path: Path, encoding: str, bom: str) -> None:
    result = _import(tmp_path, "aif", '{"nodes": []}'.encode(encoding))
    assert result.exit_code == 1
    assert f"in.json:1:1: X001 error the file is {bom}-encoded; JSON files are UTF-8: save it as UTF-8" in result.output


def test_only_dialogue_nodes_is_refused(tmp_path: Path) -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "type": "L", "text": "CLINTON : Hello."},
            {"nodeID": "2", "type": "TA", "text": "Default Transition"},
        ],
        "edges": [],
    }
    result = _import(tmp_path, "aif", json.dumps(doc))
    assert result.exit_code == 1
    assert "X006 error no I-nodes (propositions), only L, TA nodes" in result.output
    assert not (tmp_path / "out").exists()


def test_a_self_attack_is_reported_at_import(tmp_path: Path) -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "A."},
            {"nodeID": "2", "type": "I", "text": "B."},
            {"nodeID": "c", "type": "CA", "text": "Default Conflict"},
            {"nodeID": "r", "type": "RA", "text": "Default Inference"},
        ],
        "edges": [
            {"fromID": "1", "toID": "c"},
            {"fromID": "c", "toID": "1"},
            {"fromID": "2", "toID": "r"},
            {"fromID": "r", "toID": "1"},
        ],
    }
    result = _import(tmp_path, "aif", json.dumps(doc))
    assert result.exit_code == 1 and "X010 error c: claim 1 rebuts itself; dropped" in result.output
    partial = _import(tmp_path, "aif", json.dumps(doc), "--partial")
    assert partial.exit_code == 1
    assert run("check", tmp_path / "out").exit_code == 0, "--partial writes the map without the self-attack"


#: An AIFdb-like nodeset: a rephrase (MA) that AIFdb may list before its I-nodes, a linked
#: support, an undercut, and the dialogue layer naming speakers only in the locution text.
NODESET = {
    "nodes": [
        {"nodeID": "10", "type": "MA", "text": "Default Rephrase"},
        {"nodeID": "1", "type": "I", "text": "We need more jobs."},
        {"nodeID": "2", "type": "I", "text": "Jobs are what people want."},
        {"nodeID": "3", "type": "I", "text": "The economy needs work."},
        {"nodeID": "4", "type": "I", "text": "That is not true."},
        {"nodeID": "5", "type": "I", "text": "People say so in polls."},
        {"nodeID": "20", "type": "RA", "text": "Default Inference"},
        {"nodeID": "21", "type": "CA", "text": "Default Conflict"},
        {"nodeID": "22", "type": "CA", "text": "Default Conflict"},
        {"nodeID": "30", "type": "L", "text": "CLINTON : We need more jobs."},
        {"nodeID": "31", "type": "YA", "text": "Asserting"},
        {"nodeID": "32", "type": "L", "text": "TRUMP : That is not true."},
        {"nodeID": "33", "type": "YA", "text": "Asserting"},
        {"nodeID": "34", "type": "TA", "text": "Default Transition"},
    ],
    "edges": [
        {"edgeID": "e1", "fromID": "3", "toID": "10"},
        {"edgeID": "e2", "fromID": "10", "toID": "1"},
        {"edgeID": "e3", "fromID": "2", "toID": "20"},
        {"edgeID": "e4", "fromID": "5", "toID": "20"},
        {"edgeID": "e5", "fromID": "20", "toID": "1"},
        {"edgeID": "e6", "fromID": "4", "toID": "21"},
        {"edgeID": "e7", "fromID": "21", "toID": "1"},
        {"edgeID": "e8", "fromID": "5", "toID": "22"},
        {"edgeID": "e9", "fromID": "22", "toID": "20"},
        {"edgeID": "e10", "fromID": "30", "toID": "31"},
        {"edgeID": "e11", "fromID": "31", "toID": "1"},
        {"edgeID": "e12", "fromID": "32", "toID": "33"},
        {"edgeID": "e13", "fromID": "33", "toID": "4"},
    ],
    "locutions": [{"nodeID": "30", "personID": "4711"}, {"nodeID": "32", "personID": "4712"}],
}


def _imported(tmp_path: Path, doc: dict) -> dict:
    result = _import(tmp_path, "aif", json.dumps(doc), "--force")
    assert result.exit_code == 0, result.output
    manifest = yaml.safe_load((tmp_path / "out" / "map.yaml").read_text(encoding="utf-8"))
    claims = yaml.safe_load((tmp_path / "out" / "claims.yaml").read_text(encoding="utf-8"))

    def canonical(entries: list[dict]) -> list[str]:
        return sorted(json.dumps(e, sort_keys=True) for e in entries)

    return {
        "authors": canonical(manifest.get("authors", [])),
        "claims": canonical(claims.get("claims", [])),
        "arguments": canonical(claims.get("arguments", [])),
    }


def test_aif_nodes_in_any_order_give_the_same_map(tmp_path: Path) -> None:
    expected = _imported(tmp_path, NODESET)
    rng = random.Random(19)
    for _ in range(25):
        shuffled = {**NODESET, "nodes": rng.sample(NODESET["nodes"], len(NODESET["nodes"]))}
        assert _imported(tmp_path, shuffled) == expected


def test_aifdb_speakers_are_named_from_the_locution_text(tmp_path: Path) -> None:
    imported = _imported(tmp_path, NODESET)
    assert imported["authors"] == ['{"id": "clinton", "name": "CLINTON"}', '{"id": "trump", "name": "TRUMP"}']
    assert run("check", tmp_path / "out").exit_code == 0


def test_control_characters_in_imported_texts_become_spaces(tmp_path: Path) -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "Bell\x07 and \x1b[2J escape"},
            {"nodeID": "2", "type": "I", "text": "B."},
            {"nodeID": "3", "type": "RA", "text": "x\x00y"},
        ],
        "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}],
    }
    result = _import(tmp_path, "aif", json.dumps(doc))
    assert result.exit_code == 0, result.output
    assert "X011 warning 1: control characters in its text replaced by spaces" in result.output
    assert "X011 warning 3: control characters in its note replaced by spaces" in result.output
    assert run("check", tmp_path / "out").exit_code == 0, "the imported map passes check (no Y013)"
    assert "Bell  and  [2J escape" in (tmp_path / "out" / "claims.yaml").read_text(encoding="utf-8")
