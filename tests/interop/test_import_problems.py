"""Malformed input is reported like `argmap check` reports problems, with the source's ids, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run


def aif(nodes: list[tuple], edges: list[tuple], **more) -> str:
    return json.dumps(
        {
            "nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
            "edges": [{"edgeID": f"e{n}", "fromID": a, "toID": b} for n, (a, b) in enumerate(edges, 1)],
            "locutions": [],
            **more,
        }
    )


GOOD_NODES = [("1", "I", "Premise."), ("2", "I", "Conclusion."), ("3", "RA", "Default Inference")]
MALFORMED = {
    "dangling-edge": (
        aif(GOOD_NODES, [("1", "3"), ("3", "2"), ("3", "99")]),
        ["X002 error edge e3 from 3 to 99: no node 99; edge ignored"],
    ),
    "ra-without-premise": (
        aif(GOOD_NODES, [("3", "2")]),
        ["X003 error RA node 3 has no premise (no I-node points into it); not imported"],
    ),
    "ca-without-conclusion": (
        aif([*GOOD_NODES, ("4", "CA", "Default Conflict")], [("1", "3"), ("3", "2"), ("1", "4")]),
        ["X003 error CA node 4 has no conclusion (it points at nothing); not imported"],
    ),
    "i-to-i": (
        aif(GOOD_NODES, [("1", "3"), ("3", "2"), ("2", "1")]),
        [
            "X004 error edge e3 joins I-node 2 to I-node 1 directly: a support or conflict needs an RA or CA "
            "node between them; edge ignored"
        ],
    ),
    "circular-support": (
        aif([*GOOD_NODES, ("4", "RA", "Default Inference")], [("1", "3"), ("3", "2"), ("2", "4"), ("4", "1")]),
        ["X005 error circular support: 1 -> 2 -> 1"],
    ),
    "empty": (aif([], []), ["X006 error the map holds no claims (no propositions found)"]),
    "not-utf8": (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "caf\xe9"}]}'.encode("latin-1"),
        ["X001 error not valid UTF-8 (byte 52); JSON files are UTF-8"],
    ),
    "not-json": ('{"nodes": [', ["X001 error not JSON: Expecting value"]),
    "not-aif": ("[1, 2]", ["X001 error not an AIF map: expected a JSON object with a list of `nodes`"]),
    "undercut-of-dropped": (
        aif([*GOOD_NODES, ("4", "I", "Doubt."), ("5", "CA", "Default Conflict")], [("3", "2"), ("4", "5"), ("5", "3")]),
        [
            "X003 error RA node 3 has no premise (no I-node points into it); not imported",
            "X002 error undercut 5: its target '3' is no relation of the map; dropped",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_aif_is_reported_with_node_ids(case: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    content, expected = MALFORMED[case]
    path = tmp_path / f"{case}.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = run("import", "aif", path.name, "-o", "out")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    reported = [
        line.split(": ", 1)[1]
        for line in lines
        if line.startswith(f"{case}.json") and " X0" in line and "not imported (errors" not in line
    ]
    assert [r[: len(e)] for r, e in zip(reported, expected, strict=False)] == expected, result.output
    assert len(reported) == len(expected), result.output
    assert lines[-1] == f"{case}.json: not imported (errors above; --partial writes what could be read)"
    assert not (tmp_path / "out").exists()


def test_partial_writes_what_could_be_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.json").write_text(MALFORMED["dangling-edge"][0], encoding="utf-8")
    result = run("import", "aif", "m.json", "-o", "out", "--partial")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "m.json -> out: 2 claims, 1 relations"
    assert run("check", "out").exit_code == 0


def test_json_error_has_line_and_column(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.json").write_text('{"nodes": [\n  {"nodeID": 1,}\n]}', encoding="utf-8")
    result = run("import", "aif", "m.json", "-o", "out")
    assert result.output.startswith("m.json:2:16: X001 error not JSON: Expecting property name")


MICROTEXT = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="t1">
  <edu id="e1">Claim.</edu><edu id="e2">Reason.</edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
  {edges}
</arggraph>"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<arggraph id="bomb"><edu id="e1">&lol2;</edu></arggraph>"""
MALFORMED_XML = {
    "bomb": (BOMB, ["X001 error refused: EntitiesForbidden(name='lol', system_id=None, public_id=None)"]),
    "broken": ("<arggraph><edu>", ["X001 error not well-formed XML at line 1, column 16"]),
    "wrong-root": (
        "<html/>",
        ["X001 error the root element is <html>, not <arggraph>: not a microtext argument graph"],
    ),
    "dangling": (
        MICROTEXT.format(edges='<edge id="c3" src="a2" trg="a9" type="sup"/>'),
        ["X002 error support c3: its target 'a9' is no claim of the map; dropped"],
    ),
    "add-to-nothing": (
        MICROTEXT.format(edges='<edge id="c3" src="a2" trg="c9" type="add"/>'),
        ["X002 error add edge c3 joins 'a2' to 'c9': it needs an ADU and an argument edge"],
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED_XML))
def test_malformed_microtext_is_reported(case: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    content, expected = MALFORMED_XML[case]
    Path(f"{case}.xml").write_text(content, encoding="utf-8")
    result = run("import", "microtext", f"{case}.xml", "-o", "out")
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [f"{case}.xml: {e}" for e in expected]


def test_bad_byte_is_located(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.json").write_bytes(b'{"nodes": [\n  {"text": "caf\xe9"}]}')
    assert run("import", "aif", "m.json", "-o", "out").output.startswith(
        "m.json:2:16: X001 error not valid UTF-8 (byte 27)"
    )
