"""AIF specifics: the dialogue layer gives authorship, rephrases and schemes are kept as notes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run
from tests.interop.graphs import load

OVA_MAP = {
    "nodes": [
        {"nodeID": "1", "type": "I", "text": "We should ban cars downtown."},
        {"nodeID": "2", "type": "I", "text": "Cars pollute."},
        {"nodeID": "3", "type": "RA", "text": "Argument From Consequences", "scheme": "Argument From Consequences"},
        {"nodeID": "4", "type": "I", "text": "Shops need customers who drive."},
        {"nodeID": "5", "type": "CA", "text": "Default Conflict"},
        {"nodeID": "6", "type": "I", "text": "Downtown must be car-free."},
        {"nodeID": "7", "type": "MA", "text": "Default Rephrase"},
        {"nodeID": "10", "type": "L", "text": "Ann Lee : we should ban cars downtown"},
        {"nodeID": "11", "type": "YA", "text": "Asserting"},
        {"nodeID": "12", "type": "L", "text": "cars pollute"},
        {"nodeID": "13", "type": "YA", "text": "Asserting"},
        {"nodeID": "14", "type": "L", "text": "but the shops"},
        {"nodeID": "15", "type": "YA", "text": "Asserting"},
        {"nodeID": "16", "type": "TA", "text": "Default Transition"},
    ],
    "edges": [
        [f, t]
        for f, t in [
            ("2", "3"),
            ("3", "1"),
            ("4", "5"),
            ("5", "1"),
            ("6", "7"),
            ("7", "1"),
            ("10", "11"),
            ("11", "1"),
            ("12", "13"),
            ("13", "2"),
            ("14", "15"),
            ("15", "4"),
            ("10", "16"),
            ("16", "12"),
        ]
    ],
    "locutions": [{"nodeID": "12", "personID": "7"}],
    "participants": [{"participantID": "7", "firstname": "Bo", "surname": "Ek"}],
}
OVA_MAP["edges"] = [{"edgeID": str(n), "fromID": f, "toID": t} for n, (f, t) in enumerate(OVA_MAP["edges"], 100)]


def test_dialogue_layer_gives_authors_and_the_rest_is_listed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    # OVA 3 files wrap the AIF next to their layout data
    Path("ova.json").write_text(json.dumps({"AIF": OVA_MAP, "OVA": {}}), encoding="utf-8")
    result = run("import", "aif", "ova.json", "-o", "out")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "ova.json: X007 info not imported: L 14; MA 7; TA 16; YA 15",
        "ova.json -> out: 4 claims, 2 relations",
    ]
    amap = load(tmp_path / "out")
    assert {a: e.item.name for a, e in amap.authors.items()} == {"ann-lee": "Ann Lee", "7": "Bo Ek"}
    assert {c: e.item.author for c, e in amap.claims.items()} == {"1": "ann-lee", "2": "7", "4": None, "6": None}
    assert amap.claim("6").note == "AIF: rephrases 1"
    assert amap.inferences["2 supports 1"].note == "Argument From Consequences"
    assert [i.kind for i in amap.attackers("1")] == ["rebut"]
    assert run("check", "out").exit_code == 0


def test_export_names_nodes_after_the_map_and_keeps_authors(make_map, tmp_path: Path) -> None:
    folder = make_map(
        {
            "claims.yaml": """\
        claims:
          - {id: t, text: T., author: ann}
          - {id: a, text: A., supports: [t]}
          - {id: b, text: B., undercuts: [{from: a, to: t}]}
        """
        }
    )
    result = run("export", "aif", folder)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [(n["nodeID"], n["type"]) for n in doc["nodes"]] == [
        ("t", "I"),
        ("t L", "L"),
        ("t YA", "YA"),
        ("a", "I"),
        ("b", "I"),
        ("a supports t", "RA"),
        ("b undercuts a supports t", "CA"),
    ]
    assert [(e["fromID"], e["toID"]) for e in doc["edges"]] == [
        ("t L", "t YA"),
        ("t YA", "t"),
        ("a", "a supports t"),
        ("a supports t", "t"),
        ("b", "b undercuts a supports t"),
        ("b undercuts a supports t", "a supports t"),
    ]
    assert doc["locutions"] == [{"nodeID": "t L", "personID": "ann"}]
    assert doc["participants"] == [{"participantID": "ann", "firstname": "Ann", "surname": ""}]
