"""The pre-commit hooks and the CI workflow: what the README promises is what the files do."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from argmap.cli import COMMANDS
from argmap.loader import MapLoader
from tests.conftest import REPO, cli_env, write_map

README = (REPO / "README.md").read_text(encoding="utf-8")
HOOKS = yaml.load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"), Loader=MapLoader)
GOOD = {"claims.yaml": "claims:\n  - {id: plant, author: ann, source: ann-2024, text: Plant trees.}\n"}


def _run_entry(entry: str, cwd: Path) -> subprocess.CompletedProcess:
    program, *args = shlex.split(entry)
    assert program == "argmap"
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], cwd=cwd, env=cli_env(), capture_output=True, text=True, check=False
    )


def test_every_hook_is_documented_and_well_formed() -> None:
    assert [hook["id"] for hook in HOOKS] == ["argmap-check", "argmap-render"]
    for hook in HOOKS:
        assert f"| `{hook['id']}` | `{hook['entry']}` |" in README, f"{hook['id']} is not in the README's hook table"
        assert f"- id: {hook['id']}" in README, f"{hook['id']} is not in the README's .pre-commit-config.yaml"
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "arguments/bondaz.yaml") and re.search(hook["files"], "arguments/sub/x.yml")
        for source_text in ("arguments/sources/a.txt", "arguments/b.html", "arguments/c.pdf", "arguments/d.md"):
            assert re.search(hook["files"], source_text)
        assert not re.search(hook["files"], "src/argmap/model.py")


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_every_hook_entry_runs(hook: dict, tmp_path: Path) -> None:
    command = shlex.split(hook["entry"])[1]
    if command not in COMMANDS:
        pytest.skip(f"`argmap {command}` is not part of this build yet")
    write_map(tmp_path / "arguments", GOOD)
    result = _run_entry(hook["entry"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_hook_blocks_a_broken_map(tmp_path: Path) -> None:
    write_map(tmp_path / "arguments", {"claims.yaml": "claims:\n  - {id: a, text: A., supports: [b]}\n"})
    result = _run_entry(HOOKS[0]["entry"], tmp_path)
    assert result.returncode == 1
    assert "arguments/claims.yaml:2:34: R002 error unknown claim 'b'" in result.stdout


def _runs(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


#: The README's two set-up commands (render the map; run the tests), as written there.
SETUP = re.findall(r"^    (apt-get update && .*)$", README, re.M)


def test_workflow_runs_the_readme_commands_and_both_checks() -> None:
    workflow = yaml.load((REPO / ".github/workflows/argmap.yml").read_text(encoding="utf-8"), Loader=MapLoader)
    assert set(workflow["on"]) == {"push", "pull_request"}
    runs = _runs(workflow)
    assert len(SETUP) == 2 and all(command in runs for command in SETUP)
    assert "argmap check arguments --format github && argmap render --check" in "\n".join(runs)


def test_ci_runs_the_readme_test_command() -> None:
    assert SETUP[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_readme_workflow_is_a_valid_copy_paste_version() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", README, re.S)
    workflow = yaml.load(next(b for b in blocks if "runs-on:" in b), Loader=MapLoader)
    runs = _runs(workflow)
    assert any("apt-get install -y graphviz" in r and 'pip install "$ARGMAP"' in r for r in runs)
    assert "argmap check arguments --format github" in runs
    assert "argmap render --check" in runs
    config = yaml.load(next(b for b in blocks if "repos:" in b), Loader=MapLoader)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == [h["id"] for h in HOOKS]
