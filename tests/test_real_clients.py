"""The hooks and the CI example of docs/ci.md, run by the real programs: pre-commit committing in a
scratch repository, and the workflow's steps in a scratch clone with a fresh virtual environment.

Both install argmap from a snapshot of this working tree (a git repository of its files as
they are now, uncommitted changes included), as a user installs it from argmap's repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from argmap.loader import MapLoader
from tests.conftest import BASE_SOURCE_TEXT, REPO, run, write_map

pytestmark = pytest.mark.slow

GIT_ID = {
    "GIT_AUTHOR_NAME": "T",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "T",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}
QUOTED = {
    "claims.yaml": """\
    claims:
      - {id: plant, kind: thesis, author: ann, source: ann-2024, text: Plant trees.,
         quote: The town should plant trees.}
      - {id: cool, author: ann, source: ann-2024, text: Trees cool., quote: Trees cool streets, supports: [plant]}
"""
}


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ID}, capture_output=True, text=True, check=check
    )


def snapshot(dest: Path) -> str:
    """A git repository at `dest` holding this working tree's files (tracked and new, not ignored);
    returns its commit."""
    listed = _git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot")
    return _git(dest, "rev-parse", "HEAD").stdout.strip()


def _pre_commit_env() -> dict[str, str]:
    # Hook environments are kept (ignored by git) between runs, as npm packages are.
    return {**os.environ, **GIT_ID, "PRE_COMMIT_HOME": str(REPO / ".cache" / "pre-commit")}


def _commit(project: Path, *files: str) -> subprocess.CompletedProcess:
    _git(project, "add", *files)
    # git prints what its hook prints on standard error
    return subprocess.run(
        ["git", "commit", "-m", "change"],
        cwd=project,
        env=_pre_commit_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
    )


def test_pre_commit_runs_both_hooks_on_every_file_the_map_reads(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    assert pre_commit, "pre-commit is a test dependency: pip install -e '.[test]'"
    rev = snapshot(tmp_path / "argmap")
    project = tmp_path / "project"
    write_map(project / "arguments", QUOTED)
    (project / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump(
            {
                "repos": [
                    {
                        "repo": str(tmp_path / "argmap"),
                        "rev": rev,
                        "hooks": [{"id": "argmap-check"}, {"id": "argmap-render"}],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    _git(project, "init", "-q")
    installed = subprocess.run(
        [pre_commit, "install"], cwd=project, env=_pre_commit_env(), capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    first = _commit(project, "-A")
    assert first.returncode == 0, first.stdout
    assert re.search(r"argmap check\.+Passed", first.stdout) and re.search(r"argmap render\.+Passed", first.stdout)
    assert (project / "output" / "map.html").exists()  # rendered, for the author to stage

    # an edit to the source text alone: the quote no longer holds, and the commit is refused
    (project / "arguments" / "ann.txt").write_text(BASE_SOURCE_TEXT.replace("plant trees", "pave roads"))
    refused = _commit(project, "arguments/ann.txt")
    assert refused.returncode == 1
    assert re.search(r"argmap check\.+Failed", refused.stdout), refused.stdout
    assert re.search(r"^arguments/claims.yaml:3:\d+: Q002 error", refused.stdout, re.M), refused.stdout
    assert "Q002" in refused.stdout.split("argmap render")[1]  # render refuses the broken map too
    assert _git(project, "rev-list", "--count", "HEAD").stdout.strip() == "1"

    # back to the text as committed, with a file outside the map: the hook has nothing to check
    (project / "arguments" / "ann.txt").write_text(BASE_SOURCE_TEXT)
    (project / "notes.txt").write_text("unrelated\n")
    skipped = _commit(project, "notes.txt", "arguments/ann.txt")
    assert skipped.returncode == 0, skipped.stdout
    for hook in ("check", "render"):
        assert re.search(rf"argmap {hook}\.+\(no files to check\)Skipped", skipped.stdout), skipped.stdout


def _documented_workflow() -> dict:
    page = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", page, re.S) if "runs-on:" in b)
    return yaml.load(block, Loader=MapLoader)


def test_documented_ci_example_runs_as_written_in_a_clone(tmp_path: Path) -> None:
    """The steps of the workflow in docs/ci.md, in order, in a clone of a repository holding a map and
    its rendering: `actions/checkout` is the clone, `actions/setup-python` a fresh virtual
    environment, `ARGMAP` (argmap's git URL there) the snapshot's path; the system
    packages the workflow installs with `sudo apt-get` are the test machine's own."""
    snapshot(tmp_path / "argmap")
    user = tmp_path / "user-repo"
    write_map(user / "arguments", QUOTED)
    assert run("render", user / "arguments", "-o", user / "output").exit_code == 0
    _git(user, "init", "-q")
    _git(user, "add", "-A")
    _git(user, "commit", "-q", "-m", "map")
    clone = tmp_path / "checkout"
    _git(tmp_path, "clone", "-q", str(user), str(clone))
    venv.create(tmp_path / "python", with_pip=True)
    shims = tmp_path / "shims"
    shims.mkdir()
    (shims / "sudo").write_text('#!/bin/sh\n[ "$1" = apt-get ] && exit 0\nexec "$@"\n')
    (shims / "sudo").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{tmp_path / 'python' / 'bin'}{os.pathsep}{shims}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTIONS": "true",
    }
    env.pop("PYTHONPATH", None)
    steps = [s for job in _documented_workflow()["jobs"].values() for s in job["steps"]]
    assert [s["uses"].split("@")[0] for s in steps if "uses" in s] == ["actions/checkout", "actions/setup-python"]
    outputs = []
    for step in (s for s in steps if "run" in s):
        step_env = {**env, **step.get("env", {})}
        if "ARGMAP" in step_env:
            assert step_env["ARGMAP"].startswith("git+https://"), "docs/ci.md installs argmap from its git repository"
            step_env["ARGMAP"] = str(tmp_path / "argmap")
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=clone, env=step_env, capture_output=True, text=True, timeout=900
        )
        assert done.returncode == 0, step["run"] + "\n" + done.stdout + done.stderr
        outputs.append(done.stdout)
    assert "2 claims checked: no problems" in "".join(outputs)
