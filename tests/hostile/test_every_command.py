"""Hostile input meets every command, not only `check`: each refuses it with a located message
and exit 1 or 2, never a traceback, and nothing in the input is ever executed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.cli import COMMANDS
from argmap.interop import IMPORTERS
from tests.conftest import run, write_map

BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)
)

#: File name -> content of the one bad file added to a good map, and where it must be reported.
HOSTILE_FILES = {
    "unsafe-tag": (
        "claims:\n  - id: x\n    text: !!python/object/apply:os.system ['touch {pwned}']\n",
        "m/bad.yaml:3:11",
        "Y003",
    ),
    "syntax": ("claims:\n  - {id: x, text: [unclosed}\n", "m/bad.yaml:2:", "Y001"),
    "binary": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "m/bad.yaml", "Y005"),
    "alias-bomb": (BOMB, "m/bad.yaml:1:1", "Y004"),
    "not-utf8": ("claims:\n  - {id: x, text: caf\xe9}\n".encode("latin-1"), "m/bad.yaml:2:", "Y005"),
}

#: How each command that reads a map is run on the map `m` (a good claim `plant` is in it).
MAP_COMMANDS = {
    "check": ["check", "m"],
    "render": ["render", "m", "-o", "out"],
    "add": ["add", "m", "--to", "m/good.yaml", "--text", "Trees need water.", "--supports", "plant"],
    "show": ["show", "plant", "m"],
    "list": ["list", "m"],
    "stats": ["stats", "m"],
    "evaluate": ["evaluate", "m"],
    "explain": ["explain", "plant", "m"],
    "diff": ["diff", "m", "m"],
    "export": ["export", "json", "m"],
    "sources": ["sources", "lock", "m"],
    "rename": ["rename", "plant", "plant-trees", "m"],
    "remove": ["remove", "plant", "m"],
}
#: Commands that read no map: each has its own hostile-input tests, named here.
OTHER_INPUTS = {
    "init": "tests/hostile/cases.yaml (init into a file, a link, an unwritable place)",
    "import": "tests/interop/test_import_problems.py and test_import_of_hostile_files below",
    "solve": "test_solve_refuses_hostile_frameworks below",
    "rules": "takes no input but a rule code",
    "schema": "takes no input but a choice",
    "doctor": "renders a map of its own",
    "serve": "runs until stopped; lists a file's problems on its page (tests/test_serve.py, a file that cannot be read)",
    "lsp": "runs until stopped; sends a file's problems as diagnostics (tests/test_lsp.py)",
}
GOOD = "defaults: {author: ann, source: ann-2024}\nclaims:\n  - {id: plant, kind: thesis, text: Plant trees.}\n"


def test_every_command_is_covered() -> None:
    assert set(COMMANDS) == set(MAP_COMMANDS) | set(OTHER_INPUTS)


@pytest.mark.parametrize("hostile", sorted(HOSTILE_FILES))
@pytest.mark.parametrize("command", sorted(MAP_COMMANDS))
def test_command_refuses_hostile_map(command: str, hostile: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    content, place, code = HOSTILE_FILES[hostile]
    pwned = tmp_path / "pwned"
    m = write_map(tmp_path / "m", {"good.yaml": GOOD})
    good_before = (m / "good.yaml").read_bytes()
    data = content.replace("{pwned}", str(pwned)) if isinstance(content, str) else content
    (m / "bad.yaml").write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    result = run(*MAP_COMMANDS[command])
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code in (1, 2), output
    assert "Traceback" not in output
    assert place in output and code in output, output
    assert not pwned.exists()
    assert (m / "good.yaml").read_bytes() == good_before
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("garbage.apx", "arg(a).\natt(a,\n", "garbage.apx:2"),
        ("binary.apx", b"\0\1\2\xff\xfe", "binary.apx"),
        ("missing-header.af", "1 2\n", "missing-header.af:1"),
        ("unknown-argument.tgf", "a\n#\na b\n", "unknown-argument.tgf:3"),
    ],
)
def test_solve_refuses_hostile_frameworks(name: str, content, message: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_bytes(content.encode() if isinstance(content, str) else content)
    result = run("solve", name, "--task", "EE-PR")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", sorted(IMPORTERS))
@pytest.mark.parametrize("content", [b"\0\1\2\xff", b"", b"{" * 100_000, "<a>" * 10 + "&bomb;"])
def test_import_of_hostile_files(fmt: str, content, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in.file").write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run("import", fmt, "in.file", "-o", "out")
    output = result.output
    assert result.exit_code in (1, 2), output
    assert "Traceback" not in output and "in.file" in output
    assert not (tmp_path / "out" / "map.yaml").exists()
    assert os.listdir(tmp_path) == ["in.file"] or not any((tmp_path / "out").rglob("*.yaml"))
