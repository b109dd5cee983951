"""`argmap add` as a writer meets it: the addition's own mistakes are the addition's, comments and
defaults ride along, one mistake gives one problem, and hostile snippets or target files are refused."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.graph import build
from argmap.loader import load_map
from argmap.quotes import source_texts
from tests.conftest import REPO, cli_env, run, write_map
from tests.test_cli_add import ANN, BEN


@pytest.fixture
def amap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_map(tmp_path / "m", {"ann.yaml": ANN, "ben.yaml": BEN})


def snippet(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_a_typo_in_the_snippet_is_the_snippets_not_the_maps(amap: Path, tmp_path: Path) -> None:
    before = (amap / "ann.yaml").read_bytes()
    s = snippet(tmp_path, "id: shade\ntext: Shade helps.\nsuports: [plant]\n")
    for force in ((), ("--force",)):
        result = run("add", "m", "--to", "ann.yaml", "--from", s, *force)
        assert result.exit_code == 1, result.output
        assert (
            "s.yaml:3:1: Y010 error unknown field 'suports' in claims[0] (claim 'shade'); did you mean 'supports'?"
            in result.output
        )
        assert "the map has input errors" not in result.output
        assert (amap / "ann.yaml").read_bytes() == before  # --force never writes what would not read back


def test_a_bad_id_option_names_the_option(amap: Path) -> None:
    result = run("add", "m", "--to", "ann.yaml", "--text", "Y.", "--id", "bad id!")
    assert result.exit_code == 1, result.output
    assert "--id: not a valid id (holds U+0020 SPACE)" in result.output
    assert "the map has input errors" not in result.output


def test_locators_read_one_way_from_options_and_snippets(amap: Path, tmp_path: Path) -> None:
    assert (
        run(
            "add", "m", "--to", "ann.yaml", "--id", "o", "--text", "O.", "--supports", "plant", "--locator", "1"
        ).exit_code
        == 0
    )
    s = snippet(
        tmp_path,
        "- {id: p, text: P., supports: [plant], locator: 1}\n- {id: q, text: Q., supports: [plant], locator: '2'}\n",
    )
    assert run("add", "m", "--to", "ann.yaml", "--from", s).exit_code == 0
    for ident, shown in (("o", "¶1"), ("p", "¶1"), ("q", "¶2")):
        lines = run("show", ident, "m").output.splitlines()
        assert any(re.fullmatch(rf"\s+source\s+.*, {shown}", line) for line in lines), (ident, lines)


def test_every_comment_of_a_snippet_is_kept(amap: Path, tmp_path: Path) -> None:
    s = snippet(
        tmp_path,
        "# why these two\nclaims:\n  # the first\n  - id: x2  # trailing\n    text: X two.\n"
        "    # inner\n    supports: [plant]\n  # the second\n  - id: x3\n    text: X three.\n"
        "    supports: [plant]\n",
    )
    assert run("add", "m", "--to", "ann.yaml", "--from", s).exit_code == 0
    written = (amap / "ann.yaml").read_text()
    for comment in ("# why these two", "# the first", "# trailing", "# inner", "# the second"):
        assert comment in written, comment
    assert written.index("# why these two") < written.index("# the first") < written.index("id: x2")
    assert written.index("# the second") < written.index("id: x3")
    # A single claim and a list keep theirs too.
    s = snippet(tmp_path, "# a lone claim\nid: x4\ntext: X four.\nsupports: [plant]\n")
    assert run("add", "m", "--to", "ann.yaml", "--from", s).exit_code == 0
    assert "  # a lone claim\n  - id: x4\n" in (amap / "ann.yaml").read_text()


def test_a_new_file_gets_the_snippets_defaults_block(amap: Path, tmp_path: Path) -> None:
    s = snippet(
        tmp_path,
        "defaults:\n  author: ben\n  source: ben-2024\nclaims:\n  - id: dear\n    text: Trees are dear.\n"
        "    rebuts: [plant]\n",
    )
    assert run("add", "m", "--to", "new.yaml", "--from", s).exit_code == 0
    assert (amap / "new.yaml").read_text() == (
        "defaults:\n  author: ben\n  source: ben-2024\n\nclaims:\n"
        "  - id: dear\n    text: Trees are dear.\n    rebuts: [plant]\n"
    )
    # An existing file has its own defaults: the snippet's go into each claim, after its id.
    s = snippet(
        tmp_path,
        "defaults: {author: ben, source: ben-2024}\nclaims:\n  - {id: dearer, text: Dearer., rebuts: [plant]}\n",
    )
    assert run("add", "m", "--to", "ann.yaml", "--from", s).exit_code == 0
    assert (
        "  - {id: dearer, author: ben, source: ben-2024, text: Dearer., rebuts: [plant]}"
        in (amap / "ann.yaml").read_text()
    )


def test_one_duplicate_id_gives_one_problem(amap: Path, tmp_path: Path) -> None:
    s = snippet(tmp_path, "id: cool\nkind: evidence\ntext: A second cool.\nrebuts: [plant]\n")
    result = run("add", "m", "--to", "ann.yaml", "--from", s)
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if re.match(r"\S+:\d+:\d+: [A-Z]\d{3} ", line)]
    assert len(problems) == 1 and " R001 error duplicate claim id 'cool'" in problems[0], result.output


def test_an_unknown_author_is_one_problem_with_did_you_mean(amap: Path) -> None:
    result = run("add", "m", "--to", "ann.yaml", "--text", "Shade helps.", "--author", "anne", "--supports", "plant")
    problems = [line for line in result.output.splitlines() if re.match(r"\S+:\d+:\d+: [A-Z]\d{3} ", line)]
    assert len(problems) == 1, result.output
    assert "R005 error unknown author 'anne': declare it in map.yaml; did you mean 'ann'?" in problems[0]


def test_on_a_terminal_add_asks_which_file(amap: Path) -> None:
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: argmap on a terminal
        os.execve(
            sys.executable,
            [sys.executable, "-m", "argmap", "add", "m", "--text", "Shade helps.", "--supports", "plant"],
            cli_env(),
        )
    output = _read_until(fd, b"Add to which file?")
    assert b"1) ann.yaml" in output and b"2) ben.yaml" in output
    os.write(fd, b"2\n")
    output += _read_until(fd, b"added shade-helps")
    os.waitpid(pid, 0)
    assert "id: shade-helps" in (amap / "ben.yaml").read_text()


def _read_until(fd: int, wanted: bytes, timeout: float = 20) -> bytes:
    out, deadline = b"", time.monotonic() + timeout
    while wanted not in out and time.monotonic() < deadline:
        try:
            out += os.read(fd, 4096)
        except OSError:
            break
    assert wanted in out, out
    return out


def test_documented_add_example_adds_a_verified_claim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example of docs/authoring.md, on a copy of the bundled map: its quote is Bondaz's words. Where his
    text is at hand (ARGMAP_SOURCES, as .ci/run sets it) the quote is verified in it; a clone
    without the text can only say that the record does not hold the new quote yet."""
    page = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    command = re.search(r"^    (argmap add --to bondaz\.yaml .*?)\n    added (\S+)", page, re.M | re.S)
    args = shlex.split(command[1].replace("\\\n", " "))[1:]
    shutil.copytree(REPO / "arguments", tmp_path / "arguments")
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert f"added {command[2]} (generated id)" in result.output
    shown = run("show", command[2]).output
    text_at_hand = source_texts(build(load_map(tmp_path / "arguments")))["bondaz-2023"].status == "ok"
    assert ("[verified]" if text_at_hand else "[not in the record; source text absent]") in shown, shown


# -- hostile snippets and target files (#19 item 6) -----------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id: x\ntext: \xff\n", "s.yaml:2:7: Y005 error byte 0xFF is not valid UTF-8"),
        ("id: x\ntext: X.\n".encode("utf-16"), "s.yaml:1:1: Y005 error UTF-16 text; save the file as UTF-8"),
        (b"id: x\ntext: X\x00.\n", "s.yaml:2:8: Y005 error a NUL byte"),
        (b"[" * 5000 + b"]" * 5000, "Y001 error nested more than 100 levels deep"),
    ],
)
def test_unreadable_snippets_are_refused_with_their_place(
    amap: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    result = run("add", "m", "--to", "ann.yaml", "--from", snippet(tmp_path, content))
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_merge_keys_in_a_snippet_are_refused_quickly(amap: Path, tmp_path: Path) -> None:
    anchors = "".join(f"  - &a{i} {{id: c{i}, text: C{i}.}}\n" for i in range(6000))
    merges = "".join(f"  - {{<<: *a{i}, id: d{i}}}\n" for i in range(6000))
    started = time.monotonic()
    result = run("add", "m", "--to", "ann.yaml", "--from", snippet(tmp_path, "claims:\n" + anchors + merges))
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and "merge" in result.output, result.output[:500]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"claims:\n  - id: a\n    text: A\x00.\n", "m/ann.yaml:3:12: Y005 error a NUL byte"),
        (b"claims: &x\n  - *x\n", "Y004 error an alias refers to a value that contains it"),
    ],
)
def test_an_unreadable_target_file_is_refused(amap: Path, content: bytes, message: str) -> None:
    (amap / "ann.yaml").write_bytes(content)
    result = run("add", "m", "--to", "ann.yaml", "--text", "X.", "--force")
    assert result.exit_code == 2, result.output
    assert "cannot add to this file until it reads as YAML" in result.output and message in result.output
    assert (amap / "ann.yaml").read_bytes() == content


def test_init_keeps_the_lock_file_out_of_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "m").exit_code == 0
    assert run("add", "m", "--text", "Shade helps.", "--supports", "plant-trees").exit_code == 0
    subprocess.run(["git", "init", "-q"], check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], capture_output=True, text=True, check=True
    ).stdout
    assert "m/claims.yaml" in status and ".argmap.lock" not in status
