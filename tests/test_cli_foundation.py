"""The foundation's commands as a user meets them: check's output and exit codes, init, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from argmap import __version__
from argmap.schema import json_schema
from tests.conftest import REPO, run, write_map

SOURCED = "defaults: {author: ben, source: ben-2024}\n"
GOOD = {
    "claims.yaml": """\
    defaults: {author: ann, source: ann-2024, position: yes}
    claims:
      - {id: plant, kind: thesis, text: The town should plant trees.}
      - {id: cool, kind: evidence, text: Trees cool streets., supports: [plant]}
    """
}


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"argmap, version {__version__}"


def test_good_map_checks_clean(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "m", GOOD)
    result = run("check", "m")
    assert result.exit_code == 0, result.output
    assert result.output == "2 claims checked: no problems; preferred: 2 holds, 0 contested, 0 fails\n"


def test_problems_exit_1_sorted_by_file_and_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(
        tmp_path / "m",
        {
            "b.yaml": f"{SOURCED}claims:\n  - {{id: b, text: B., supports: [zz]}}\n",
            "a.yaml": f"{SOURCED}claims:\n  - {{id: a, text: A., author: ann, source: ann-2024, rebuts: [b]}}\n  - {{id: c, text: C., supports: [bb]}}\n",
        },
    )
    result = run("check", "m", "--no-color")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "m/a.yaml:4:34: R002 error unknown claim 'bb'; did you mean 'b'?",
        "m/b.yaml:3:34: R002 error unknown claim 'zz'",
        "3 claims checked: 2 errors; preferred: 2 holds, 0 contested, 1 fails",
    ]


def test_no_map_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    for path in ("missing", "empty"):
        result = run("check", path)
        assert result.exit_code == 2
        assert "Traceback" not in result.output


def test_default_path_is_arguments(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "arguments", GOOD)
    assert run("check").exit_code == 0


def test_json_output(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "m", {"c.yaml": f"{SOURCED}claims:\n  - {{id: a, text: A., supports: [a]}}\n"})
    result = run("check", "m", "--format", "json")
    payload = json.loads(result.output)
    assert result.exit_code == 1
    assert payload["summary"]["error"] == 1
    assert payload["diagnostics"][0] | {"message": ""} == {
        "path": "m/c.yaml",
        "line": 3,
        "column": 34,
        "code": "R004",
        "severity": "error",
        "message": "",
        "subject": "a",
        "details": [],
    }
    # `a` supports only itself: no reason for it stands or falls, so it is undecided.
    assert payload["evaluation"] == {
        "semantics": "preferred",
        "counts": {"holds": 0, "contested": 1, "fails": 0},
        "claims": {"a": "contested"},
    }


def test_manifest_can_turn_a_rule_off_or_down(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    manifest = "argmap: 1\ntitle: T\nrules: {R004: warning, Q001: off}\n"
    write_map(tmp_path / "m", {"map.yaml": manifest, "c.yaml": "claims:\n  - {id: a, text: A., supports: [a]}\n"})
    result = run("check", "m", "--no-color")
    assert result.exit_code == 0
    assert "R004 warning" in result.output
    assert run("check", "m", "--strict").exit_code == 1
    (tmp_path / "m" / "map.yaml").write_text(manifest.replace("R004: warning", "R004: off"))
    assert run("check", "m").output == "1 claim checked: no problems; preferred: 0 holds, 1 contested, 0 fails\n"


def test_init_writes_a_map_that_checks_clean(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "mine")
    assert result.exit_code == 0
    assert "wrote mine/map.yaml" in result.output
    assert run("check", "mine").exit_code == 0
    again = run("init", "mine")
    assert again.exit_code == 2 and "exists already" in again.output


def test_schema_matches_the_models() -> None:
    schema = json.loads(run("schema", "claims").output)
    claim = schema["$defs"]["Claim"]
    assert claim["additionalProperties"] is False
    assert {"id", "text"} <= set(claim["required"])
    assert "thesis" in json.dumps(schema["$defs"]["Kind"])


def test_bundled_schemas_are_current() -> None:
    folder = REPO / "arguments" / "schema"
    for which in ("map", "claims"):
        assert (folder / f"{which}.schema.json").read_text(encoding="utf-8") == json_schema(which), (
            f"arguments/schema/{which}.schema.json is stale: argmap schema {which} > it"
        )


def test_console_script_runs_as_module() -> None:
    result = subprocess.run([sys.executable, "-m", "argmap", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "check" in result.stdout
