"""Shared helpers: build maps in a temporary folder and run the CLI as a user runs it."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from argmap.cli import main

REPO = Path(__file__).resolve().parents[1]
#: Data the tests read (copies of public corpora and instances; tests/data/*/README.md).
DATA = REPO / "tests" / "data"

#: The manifest every fixture map gets unless it brings its own `map.yaml`.
BASE_MANIFEST = """\
argmap: 1
title: Fixture map
authors:
  - {id: ann, name: Ann}
  - {id: ben, name: Ben}
sources:
  - {id: ann-2024, author: ann, title: Ann's essay, text: ann.txt}
  - {id: ben-2024, author: ben, title: Ben's reply}
positions:
  - {id: yes, label: Yes}
  - {id: no, label: No}
"""
BASE_SOURCE_TEXT = "Ann's essay\n\nThe town should plant trees. Trees cool streets in summer.\n"


def write_map(folder: Path, files: dict[str, str], manifest: bool = True) -> Path:
    """Write `files` (name -> YAML text, dedented) into `folder`, with the base manifest and source."""
    folder.mkdir(parents=True, exist_ok=True)
    if manifest and "map.yaml" not in files:
        (folder / "map.yaml").write_text(BASE_MANIFEST, encoding="utf-8")
        (folder / "ann.txt").write_text(BASE_SOURCE_TEXT, encoding="utf-8")
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def cli_env() -> dict[str, str]:
    """The environment for `[sys.executable, "-m", "argmap", ...]`: this checkout's sources first."""
    paths = [str(REPO / "src"), os.environ.get("PYTHONPATH")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}


def run(*args: str | Path, input: str | None = None) -> Result:
    """Run `argmap ARGS` in-process with click's runner, as a user would from a shell."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def make_map(tmp_path: Path):
    def make(files: dict[str, str], manifest: bool = True, name: str = "map") -> Path:
        return write_map(tmp_path / name, files, manifest)

    return make


def npm_package(name: str, spec: str, wanted: str) -> Path:
    """Install the npm package `spec` once into `.cache/<name>` (ignored by git) and return the
    path of `wanted` inside it; skip the test where Node.js is absent (fail under `.ci/run`, which
    sets ARGMAP_NEEDS_NODE), fail where npm fails."""
    import shutil
    import subprocess

    if not (shutil.which("node") and shutil.which("npm")):
        absent = f"Node.js (node and npm) is not installed, so {spec} cannot run"
        if os.environ.get("ARGMAP_NEEDS_NODE"):
            pytest.fail(absent)
        pytest.skip(absent)
    prefix = REPO / ".cache" / name
    path = prefix / "node_modules" / wanted
    if not path.exists():
        subprocess.run(
            ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", spec],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return path
