"""`argmap diff` between folders and between git revisions, as text and as Markdown."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.conftest import run, write_map

OLD = {
    "c.yaml": """\
    defaults: {author: ann, source: ann-2024, position: "yes"}
    claims:
      - {id: plant, kind: thesis, text: The town should plant trees.}
      - {id: cool, kind: evidence, text: Trees cool streets., supports: [plant]}
      - {id: old, text: To be removed.}
    """
}
NEW = {
    "c.yaml": """\
    defaults: {author: ann, source: ann-2024, position: "yes"}
    claims:
      - {id: plant, kind: thesis, text: The town should plant many trees.}
      - {id: cool, kind: premise, text: Trees cool streets., supports: [{to: plant, mapper: true}]}
      - {id: cost, author: ben, source: ben-2024, position: "no", text: Trees cost money., rebuts: [plant]}
    """
}
EXPECTED_CHANGES = [
    "+ claim cost (c.yaml:5): Trees cost money.",
    "- claim old (c.yaml:5): To be removed.",
    "~ claim plant (c.yaml:3): The town should plant many trees.",
    '    text: "The town should plant trees." -> "The town should plant many trees."',
    "~ claim cool (c.yaml:4): Trees cool streets.",
    '    kind: "evidence" -> "premise"',
    "+ relation the rebuttal of plant by cost (c.yaml:5)",
    "~ relation the support from cool to plant (c.yaml:4)",
    "    mapper: false -> true",
]


def test_diff_of_two_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "a", OLD)
    write_map(tmp_path / "b", NEW)
    result = run("diff", "a", "b")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:2] == [
        "argmap diff a -> b",
        "claims: 1 added, 1 removed, 2 changed; relations: 1 added, 1 changed; status: 1 changed",
    ]
    assert [line for line in lines if line[:1] in "+-~ " and line] == [
        *EXPECTED_CHANGES,
        "~ status plant: holds -> fails: The town should plant many trees.",
    ]
    assert run("diff", "a", "b", "--exit-code").exit_code == 1
    same = run("diff", "a", "a", "--exit-code")
    assert same.exit_code == 0 and same.output.splitlines()[1] == "no differences"


def test_diff_as_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "a", OLD)
    write_map(tmp_path / "b", NEW)
    md = run("diff", "a", "b", "--format", "markdown").output
    assert md.startswith(
        "### argmap diff: `a` → `b`\n\n| | added | removed | changed |\n|---|---:|---:|---:|\n"
        "| claims | 1 | 1 | 2 |\n| relations | 1 | 0 | 1 |\n"
    )
    assert "- **added** `cost`: Trees cost money. (`c.yaml:5`)\n" in md
    assert '  | text | "The town should plant trees." | "The town should plant many trees." |\n' in md
    assert "- **changed** the support from cool to plant (`c.yaml:4`)\n" in md


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.mark.parametrize("filters", [True, False], ids=["tar-filters", "no-tar-filters"])
def test_diff_of_git_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filters: bool) -> None:
    if not filters:  # as on Debian 12's Python 3.11.2, older than tarfile's extraction filters
        monkeypatch.delattr(tarfile, "data_filter", raising=False)
    repo = tmp_path / "repo"
    write_map(repo / "arguments", OLD)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "old")
    write_map(repo / "arguments", NEW)
    _git(repo, "commit", "-qam", "new")
    monkeypatch.chdir(repo)
    for args in (("HEAD~1", "HEAD"), ("HEAD~1:arguments", "HEAD:arguments"), ("HEAD~1", "arguments")):
        result = run("diff", *args)
        assert result.exit_code == 0, result.output
        assert [line for line in result.output.splitlines() if line[:1] in "+-~ " and line][
            : len(EXPECTED_CHANGES)
        ] == EXPECTED_CHANGES, args
    assert run("diff", "HEAD~1", "HEAD").output.startswith("argmap diff HEAD~1:arguments -> HEAD:arguments\n")
    (repo / "sub").mkdir()
    write_map(repo / "sub" / "m", OLD)
    monkeypatch.chdir(repo / "sub")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "sub")
    assert run("diff", "HEAD", "m", "--path", "m").output.splitlines()[1] == "no differences"
    bad = run("diff", "HEAD~9", "HEAD")
    assert bad.exit_code == 2 and "HEAD~9:arguments:" in bad.output and "Traceback" not in bad.output


def test_extraction_without_filters_keeps_files_inside(tmp_path: Path) -> None:
    from argmap.revisions import _extract_files

    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        for name, kind in (
            ("m/map.yaml", tarfile.REGTYPE),
            ("../escaped.txt", tarfile.REGTYPE),
            ("m/link.yaml", tarfile.SYMTYPE),
        ):
            member = tarfile.TarInfo(name)
            member.type, member.size, member.linkname = kind, 3 if kind == tarfile.REGTYPE else 0, "/etc/passwd"
            tar.addfile(member, io.BytesIO(b"a: 1"[: member.size]))
    data.seek(0)
    into = tmp_path / "into"
    into.mkdir()
    with tarfile.open(fileobj=data) as tar:
        _extract_files(tar, into)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["into", "into/m", "into/m/map.yaml"]


def test_diff_shows_a_status_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "a", OLD)
    write_map(tmp_path / "b", NEW)
    # In b, cost rebuts plant and nothing attacks cost: plant goes from holding to failing.
    assert "~ status plant: holds -> fails: The town should plant many trees." in run("diff", "a", "b").output
    md = run("diff", "a", "b", "--format", "markdown").output
    assert "| `plant` | holds | **fails** | The town should plant many trees. |" in md
