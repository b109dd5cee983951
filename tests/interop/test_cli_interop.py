"""`argmap import` and `argmap export` as users run them: output, exit codes, files written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA, run

MICRO = DATA / "microtexts-xml"
MAP = {
    "claims.yaml": """\
    claims:
      - {id: t, kind: thesis, text: The town should plant trees., author: ann}
      - {id: a, text: Trees cool streets., supports: [t]}
      - {id: b, text: Trees cost money., rebuts: [t]}
      - {id: c, text: The budget has room., undercuts: [{from: b, to: t}]}
    """
}


def test_import_microtexts_one_map_per_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("import", "microtext", MICRO / "micro_b001.xml", MICRO / "micro_b002.xml", "-o", "maps")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{MICRO / 'micro_b001.xml'} -> maps/micro_b001: 5 claims, 3 relations",
        f"{MICRO / 'micro_b002.xml'} -> maps/micro_b002: 5 claims, 4 relations",
    ]
    claims = Path("maps/micro_b001/claims.yaml").read_text(encoding="utf-8")
    assert claims.startswith("# yaml-language-server: $schema=schema/claims.schema.json\nclaims:\n- id: a1\n")
    assert "arguments:\n- id: c3\n  premises: [a3, a4]\n  undercuts:\n    from: a1\n    to: a5\n" in claims
    assert Path("maps/micro_b001/schema/claims.schema.json").is_file()
    assert "stance: pro" in Path("maps/micro_b001/map.yaml").read_text(encoding="utf-8")
    check = run("check", "maps/micro_b001")
    assert check.exit_code == 0, check.output
    # the corpus names no sources (Q001 for each claim), and the thesis is only defended, not supported
    assert sorted(line.split()[1] for line in check.output.splitlines()[:-1]) == ["Q001"] * 5 + ["S104"]
    assert check.output.splitlines()[-1].startswith("5 claims checked: 6 warnings")


def test_import_is_deterministic_and_never_overwrites_unasked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("import", "microtext", MICRO / "micro_b003.xml", "-o", "m").exit_code == 0
    first = {p: p.read_bytes() for p in Path("m").rglob("*") if p.is_file()}
    again = run("import", "microtext", MICRO / "micro_b003.xml", "-o", "m")
    assert again.exit_code == 2
    assert "a map exists already in m; --force overwrites it" in again.output
    assert run("import", "microtext", MICRO / "micro_b003.xml", "-o", "m", "--force").exit_code == 0
    assert {p: p.read_bytes() for p in Path("m").rglob("*") if p.is_file()} == first


def test_usage_errors_exit_2(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("import", "aif", "missing.json", "-o", "m").exit_code == 2
    assert run("import", "csv", "x", "-o", "m").exit_code == 2
    assert run("export", "aif", "no-map").exit_code == 2


def test_export_is_deterministic_and_json_carries_the_statuses(make_map, tmp_path: Path) -> None:
    folder = make_map(MAP)
    for fmt in ("aif", "argdown", "json"):
        assert run("export", fmt, folder, "-o", tmp_path / f"1.{fmt}").exit_code == 0
        assert run("export", fmt, folder, "-o", tmp_path / f"2.{fmt}").exit_code == 0
        assert (tmp_path / f"1.{fmt}").read_bytes() == (tmp_path / f"2.{fmt}").read_bytes()
    doc = json.loads((tmp_path / "1.json").read_text(encoding="utf-8"))
    assert doc["argmap_json"] == 1
    assert [c["id"] for c in doc["claims"]] == ["t", "a", "b", "c"]
    assert doc["claims"][0]["file"] == "claims.yaml" and doc["claims"][0]["quote"] is None
    assert [(i["kind"], i["target"]) for i in doc["inferences"]] == [
        ("support", "t"),
        ("rebut", "t"),
        ("undercut", "b rebuts t"),
    ]
    # t is supported by a; b's rebuttal is undercut by c: t stands
    assert doc["evaluation"] == {
        "semantics": "preferred",
        "labels": {
            "t": "IN",
            "a": "IN",
            "b": "IN",
            "c": "IN",
            "a supports t": "IN",
            "b rebuts t": "OUT",
            "c undercuts b supports t": "IN",
        },
        "statuses": {
            "t": "holds",
            "a": "holds",
            "b": "holds",
            "c": "holds",
            "a supports t": "holds",
            "b rebuts t": "fails",
            "c undercuts b supports t": "holds",
        },
    }
    evaluate = run("evaluate", folder)
    assert [line.split() for line in evaluate.output.splitlines()[:4]] == [
        [doc["evaluation"]["statuses"][c], c] for c in ("t", "a", "b", "c")
    ]


def test_export_refuses_a_map_with_errors(make_map) -> None:
    folder = make_map({"claims.yaml": "claims:\n  - {id: a, text: A., supports: [nowhere]}\n"})
    result = run("export", "json", folder)
    assert result.exit_code == 1
    assert "R002 error unknown claim 'nowhere'" in result.stderr
    assert result.stderr.splitlines()[-1] == f"{folder}: not exported; fix the errors first"
    assert result.stdout == ""


def test_export_to_stdout_in_a_subprocess(make_map) -> None:
    folder = make_map(MAP)
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "export", "argdown", str(folder)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('===\ntitle: "Fixture map"\n===\n\n# Fixture map {argmap: 1, authors: [{id: "ann", ')
    assert '## Ann {author: "ann"}\n\n[t]: The town should plant trees. {kind: "thesis"}\n' in done.stdout
    assert (
        "<b rebuts t>\n\n(1) [b]\n----\n(2) [b rebuts t]: Not\\: The town should plant trees. "
        '{conclusion_of: "b rebuts t"}\n  -> [t]\n'
    ) in done.stdout
