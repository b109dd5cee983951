"""The pre-commit hooks and the CI workflow: what the README and docs/ci.md promise is what the files do."""

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
#: The page on pre-commit and CI, which holds the hook table and the examples to copy.
CI_DOC = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
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
        assert f"| `{hook['id']}` | `{hook['entry']}` |" in CI_DOC, f"{hook['id']} is not in docs/ci.md's hook table"
        assert f"- id: {hook['id']}" in CI_DOC, f"{hook['id']} is not in docs/ci.md's .pre-commit-config.yaml"
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


def test_documented_workflow_is_a_valid_copy_paste_version() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", CI_DOC, re.S)
    workflow = yaml.load(next(b for b in blocks if "runs-on:" in b), Loader=MapLoader)
    runs = _runs(workflow)
    assert any("apt-get install -y graphviz" in r and 'pip install "$ARGMAP"' in r for r in runs)
    assert "argmap check arguments --format github" in runs
    assert "argmap render --check" in runs
    config = yaml.load(next(b for b in blocks if "repos:" in b), Loader=MapLoader)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == [h["id"] for h in HOOKS]


#: The project's own pre-commit configuration, for contributors (CONTRIBUTING.md).
PROJECT_CONFIG = yaml.load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"), Loader=MapLoader)
PROJECT_HOOKS = {hook["id"]: hook for repo in PROJECT_CONFIG["repos"] for hook in repo["hooks"]}


def test_contributor_hooks_need_no_download_and_run_what_ci_runs() -> None:
    assert [repo["repo"] for repo in PROJECT_CONFIG["repos"]] == ["local"]
    assert all(hook["language"] == "system" for hook in PROJECT_HOOKS.values())
    assert list(PROJECT_HOOKS) == ["ruff", "ruff-format", "mypy", *(hook["id"] for hook in HOOKS)]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert {"ruff check src tests docs", "ruff format --check src tests docs", "mypy"} <= set(ci)
    assert PROJECT_HOOKS["mypy"]["entry"] == "mypy" and PROJECT_HOOKS["mypy"]["pass_filenames"] is False
    for hook in HOOKS:  # argmap's hooks on this repository's map, as other repositories get them
        mine = PROJECT_HOOKS[hook["id"]]
        assert (mine["entry"], mine["files"], mine["pass_filenames"]) == (
            hook["entry"],
            hook["files"],
            hook["pass_filenames"],
        )


def test_contributor_config_refuses_a_broken_map(tmp_path: Path) -> None:
    """The real pre-commit, with the project's configuration, in a scratch repository."""
    write_map(tmp_path / "arguments", {"claims.yaml": "claims:\n  - {id: a, text: A., supports: [b]}\n"})
    (tmp_path / ".pre-commit-config.yaml").write_text((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    env = {
        **cli_env(),
        "PATH": f"{Path(sys.executable).parent}:{cli_env()['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / ".pre-commit-home"),
    }

    def pre_commit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    for git in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *git], cwd=tmp_path, check=True)
    refused = pre_commit("run", "argmap-check", "--all-files")
    assert refused.returncode == 1, refused.stdout
    assert "arguments/claims.yaml:2:34: R002 error unknown claim 'b'" in refused.stdout
    (tmp_path / "arguments" / "claims.yaml").write_text(
        "claims:\n  - {id: a, author: ann, source: ann-2024, text: A.}\n"
    )
    passed = pre_commit("run", "argmap-check", "--all-files")
    assert passed.returncode == 0, passed.stdout
    assert re.search(r"argmap check\.+Passed", passed.stdout)
