"""The documentation: the site builds strictly (a broken link or anchor fails it), the README stays
short and keeps its set-up commands, its quick start runs as written, and the pages that describe
files (the architecture figure, the dependency table) say what those files hold."""

from __future__ import annotations

import html
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO, cli_env

README = (REPO / "README.md").read_text(encoding="utf-8")
#: The README's two set-up commands, proved on a bare Debian machine: they must not change.
SET_UP = [
    "apt-get update && apt-get install -y graphviz python3-venv && python3 -m venv .venv && "
    ". .venv/bin/activate && pip install -e . && argmap render",
    "apt-get update && apt-get install -y graphviz chromium python3-venv && python3 -m venv .venv && "
    ". .venv/bin/activate && pip install -e '.[test]' && python -m pytest",
]


def _build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        env={**cli_env(), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_site_builds_strictly_and_loads_nothing_from_elsewhere(tmp_path: Path) -> None:
    built = _build(REPO, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Quick start" in home and 'href="rules.html"' in home  # the README, its links made the site's
    assert "<code>--format text|json|github|sarif</code>" in home  # GitHub's escaped pipes, bare here
    assert (site / "output" / "thesis-chain.png").is_file() and (site / "architecture.svg").is_file()
    assert (site / "CONTRIBUTING.html").is_file()
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link|img)\b[^>]*(?:src|href)="(?:https?:)?//', text), page.name


def _copy_of_the_docs(dest: Path) -> Path:
    """The files the site is built from, and the repository files the README shows."""
    shutil.copytree(REPO / "docs", dest / "docs")
    for name in ("mkdocs.yml", "README.md", "CONTRIBUTING.md"):
        shutil.copy2(REPO / name, dest / name)
    for shown in re.findall(r"\]\((output/[^)#\s]+)", README):
        (dest / shown).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / shown, dest / shown)
    return dest


def test_a_broken_link_or_anchor_or_a_page_left_out_fails_the_build(tmp_path: Path) -> None:
    root = _copy_of_the_docs(tmp_path / "repo")
    (root / "docs" / "orphan.md").write_text("# A page the navigation does not list\n", encoding="utf-8")
    with (root / "docs" / "format.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the checks](checks.md#no-such-section) and [a page](gone.md).\n")
    with (root / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("\nSee [rule Z999](docs/rules.md#Z999).\n")
    built = _build(root, tmp_path / "site")
    assert built.returncode == 1
    assert "'format.md' contains a link 'checks.md#no-such-section'" in built.stderr
    assert "'format.md' contains a link 'gone.md'" in built.stderr
    assert "'index.md' contains a link 'rules.md#Z999'" in built.stderr
    assert 'not included in the "nav" configuration:\n  - orphan.md' in built.stderr


def test_the_readme_is_short_and_keeps_its_set_up_commands() -> None:
    assert len(README.splitlines()) <= 200, "the README is an entrance: move the detail into a docs/ page"
    assert re.findall(r"^    (apt-get update && .*)$", README, re.M) == SET_UP


def test_the_readme_quick_start_runs_as_written(tmp_path: Path) -> None:
    block = re.search(r"^## Quick start\n(?:.*\n)*?((?:    argmap .*\n)+)", README, re.M)
    commands = [shlex.split(line, comments=True) for line in block[1].splitlines()]
    assert [c[:2] for c in commands] == [["argmap", "init"], ["argmap", "check"], ["argmap", "render"]]
    outputs = []
    for command in commands:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", *command[1:]],
            cwd=tmp_path,
            env=cli_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, " ".join(command) + "\n" + done.stdout + done.stderr
        outputs.append(done.stdout)
    assert "claims checked: no problems" in outputs[1]
    assert (tmp_path / "output" / "map.png").stat().st_size > 0  # "into output/ beside it"


def test_the_architecture_figure_is_drawn_from_its_dot_file() -> None:
    """Every line of every label in docs/architecture.dot is a text of the committed SVG: edit
    the DOT file and forget `dot -Tsvg docs/architecture.dot -o docs/architecture.svg`, and this fails."""
    dot = (REPO / "docs" / "architecture.dot").read_text(encoding="utf-8")
    svg = (REPO / "docs" / "architecture.svg").read_text(encoding="utf-8")
    labels = [line.strip() for label in re.findall(r'label="([^"]*)"', dot) for line in label.split("\\n")]
    texts = [html.unescape(t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert labels and sorted(labels) == sorted(texts)
    assert "loader" in labels and "pydantic models" in labels and "renderers and exporters" in labels


def _name(requirement: str) -> str:
    return re.split(r"[<>=\[;\s]", requirement, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def test_every_dependency_has_one_row_with_its_reason() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    wanted = {_name(r) for r in required} - {"argmap"}
    page = (REPO / "docs" / "dependencies.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([^|]+?) \| (.+) \|$", page, re.M)
    named = [
        _name(package)
        for first, reason in rows
        if first != "package" and reason.strip()
        for package in re.sub(r"\(.*?\)|`", "", first).strip().split(", ")
    ]
    assert len(named) == len(set(named)), "a dependency has two rows"
    assert wanted <= set(named), f"no row for {sorted(wanted - set(named))}"
