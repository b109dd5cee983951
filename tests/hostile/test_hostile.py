"""The hostile-input corpus (`cases.yaml`) run through the CLI as a user runs it.

Most cases run in-process with click's runner (fast, and any exception fails the test); cases
marked `process: true` run in a real subprocess under a memory limit, and their wall time and
peak memory are measured and bounded. `GENERATORS` write what a YAML file cannot hold.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_MANIFEST, BASE_SOURCE_TEXT, REPO, run

CASES = yaml.load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
#: Address space allowed to a subprocess case: far above a map's needs, far below a bomb's.
MEMORY_LIMIT = 1024 * 1024 * 1024

GENERATORS: dict[str, Callable[..., None]] = {}


def generator(fn: Callable[..., None]) -> Callable[..., None]:
    GENERATORS[fn.__name__] = fn
    return fn


@generator
def raw(m: Path, name: str, text: str, encoding: str = "utf-8") -> None:
    (m / name).write_bytes(text.encode(encoding))


@generator
def random_bytes(m: Path, name: str, size: int) -> None:
    (m / name).write_bytes(random.Random(size).randbytes(size))


@generator
def png(m: Path) -> None:
    (m / "diagram.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))


@generator
def nested(m: Path, depth: int, open: str, close: str, prefix: str = "claims: ") -> None:
    (m / "claims.yaml").write_text(prefix + open * depth + "x" + close * depth + "\n", encoding="utf-8")


@generator
def long_comment(m: Path, chars: int) -> None:
    (m / "claims.yaml").write_text(f"# {'x' * chars}\nclaims:\n  - id: a\n    txt: b\n", encoding="utf-8")


@generator
def long_text(m: Path, chars: int) -> None:
    (m / "claims.yaml").write_text(f"claims:\n  - id: a\n    text: {'w' * chars}\n", encoding="utf-8")


@generator
def long_key(m: Path, chars: int, explicit: bool = False) -> None:
    key = f"? {'k' * chars}\n    :" if explicit else f"{'k' * chars}:"
    (m / "claims.yaml").write_text(f"claims:\n  - id: a\n    {key} b\n", encoding="utf-8")


@generator
def big_int(m: Path, digits: int) -> None:
    (m / "claims.yaml").write_text(f"claims:\n  - id: a\n    text: t\n    locator: {'9' * digits}\n", encoding="utf-8")


@generator
def sparse(m: Path, mb: int) -> None:
    with open(m / "claims.yaml", "wb") as handle:
        handle.truncate(mb * 1024 * 1024)


@generator
def over_limit(m: Path) -> None:
    from argmap.loader import MAX_FILE_BYTES

    line = b"# " + b"x" * 1021 + b"\n"
    (m / "claims.yaml").write_bytes(b"claims: []\n" + line * (MAX_FILE_BYTES // len(line) + 1))


@generator
def laughs(m: Path, levels: int, width: int) -> None:
    rows = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    rows += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    (m / "claims.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")


@generator
def quadratic(m: Path, size: int) -> None:
    big = ", ".join(["x"] * size)
    (m / "claims.yaml").write_text(f"a: &a [{big}]\nb: [{', '.join(['*a'] * size)}]\n", encoding="utf-8")


@generator
def no_yaml(m: Path) -> None:
    for p in m.iterdir():
        p.unlink()
    (m / "notes.txt").write_text("no map here\n")


@generator
def manifest_folder(m: Path) -> None:
    (m / "map.yaml").unlink()
    (m / "map.yaml").mkdir()
    (m / "claims.yaml").write_text("claims: []\n")


@generator
def symlink_loops(m: Path) -> None:
    (m / "sub").mkdir()
    (m / "sub" / "up").symlink_to("..")
    (m / "here").symlink_to(".")
    (m / "self.yaml").symlink_to("self.yaml")


@generator
def broken_link(m: Path) -> None:
    (m / "gone.yaml").symlink_to("deleted.yaml")


@generator
def outside_link(m: Path) -> None:
    secret = m.parent / "secret.yaml"
    secret.write_text("password-hunter2: 1\n")
    (m / "leak.yaml").symlink_to(secret)


@generator
def fifo(m: Path) -> None:
    os.mkfifo(m / "pipe.yaml")


@generator
def non_utf8_name(m: Path) -> None:
    with open(os.path.join(os.fsencode(m), b"\xff.yaml"), "wb") as handle:
        handle.write(b"claims: [\n")


@generator
def escape_name(m: Path) -> None:
    (m / "\x1b[2J.yaml").write_text("claims: [\n")


@generator
def deep_tree(m: Path, depth: int) -> None:
    folder = m
    for _ in range(depth):
        folder = folder / "d"
    folder.mkdir(parents=True)
    (folder / "claims.yaml").write_text("claims:\n  - id: a\n    txt: b\n")


@generator
def broken_manifest_link(m: Path) -> None:
    for p in m.iterdir():
        p.unlink()
    (m / "map.yaml").symlink_to("/nonexistent/map.yaml")


@generator
def sources_file(m: Path) -> None:
    for p in m.iterdir():
        p.unlink()
    (m / "sources").write_text("a file where init wants a folder\n")


def write_case(case: dict, m: Path) -> None:
    m.mkdir()
    files = dict(case.get("files", {}))
    if case.get("manifest", True) and "map.yaml" not in files:
        files["map.yaml"] = BASE_MANIFEST
        files["ann.txt"] = BASE_SOURCE_TEXT
    for name, text in files.items():
        if name.endswith(".yaml"):
            text = text.replace("\n", case.get("newline", "\n"))
            text = ("\ufeff" if case.get("bom") else "") + text
        (m / name).write_bytes(text.encode("utf-8"))
    if "make" in case:
        GENERATORS[case["make"]](m, **case.get("args", {}))


#: Runs argv[3:] in a grandchild under the address-space limit argv[1] and writes its CPU seconds
#: and peak memory to the file argv[2]. The child of this test process starts with the test
#: process's peak (Linux carries it across exec); a grandchild forked from the small launcher
#: starts afresh, so the peak measured is argmap's own.
LAUNCHER = """
import os, resource, signal, sys
limit, report, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
pid = os.fork()
if pid == 0:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.execv(command[0], command)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as out:
    out.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
if os.WIFSIGNALED(status):
    signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
    os.kill(os.getpid(), os.WTERMSIG(status))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_subprocess(args: list[str], case: dict, folder: Path) -> tuple[int, str, str, float, float]:
    """Run argmap in a child process under a memory limit: exit code, output, CPU seconds, peak MiB.

    CPU time, not wall time, is bounded, so that a busy machine does not fail the test; a child
    still running after four times its bound in wall time is killed (a hang)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    deadline = case["max_seconds"] * 4
    report = folder / "usage"
    with open(folder / "stdout", "w+b") as out, open(folder / "stderr", "w+b") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(MEMORY_LIMIT), str(report), sys.executable, "-m", "argmap", *args],
            stdout=out,
            stderr=err,
            env=env,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=deadline)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"argmap still running after {deadline} s")
        seconds, peak_kib = map(float, report.read_text(encoding="utf-8").split())
        out.seek(0), err.seek(0)
        return (
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            peak_kib / 1024,
        )


def argv(case: dict) -> list[str]:
    command = case.get("command", ["check", "{map}", "--format", "text", "--no-color"])
    return [part.replace("{map}", "m") for part in command]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_case(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_case(case, tmp_path / "m")
    before = {name: (tmp_path / "m" / name).read_bytes() for name in case.get("unchanged", [])}
    if case.get("process"):
        code, out, err, seconds, peak_mb = run_subprocess(argv(case), case, tmp_path)
        assert seconds < case["max_seconds"], f"took {seconds:.1f} s of CPU time"
        assert peak_mb < case["max_mb"], f"peak memory {peak_mb:.0f} MiB"
    else:
        result = run(*argv(case))
        code, out, err = result.exit_code, result.stdout, result.stderr
    shown = out + err
    assert "Traceback" not in shown
    assert code == case.get("exit", 1), shown
    if "code" in case:
        where = f"m/{case['at']}" if "at" in case else "m/"
        reported = [line for line in out.splitlines() if f": {case['code']} " in line and line.startswith(where)]
        if "at" in case:
            reported = [line for line in reported if line.split(f": {case['code']} ")[0] == where]
        assert reported, shown
        assert any(case.get("message", "") in line for line in reported), shown
    else:
        assert case.get("message", "") in shown
    for name in case.get("absent", []):
        assert not (tmp_path / name).exists(), f"{name} was created: a tag was constructed"
    for name, data in before.items():
        assert (tmp_path / "m" / name).read_bytes() == data, f"{name} was changed"


def test_corpus_is_large_and_distinct() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)) >= 50


def _without_root_override() -> list[str]:
    """A command prefix under which permission bits apply: root reads a chmod-000 file anyway.

    As root, the child runs without the two capabilities that bypass them (setpriv, util-linux)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root, and without setpriv chmod 000 cannot make a file unreadable")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_unreadable_input_is_reported(what: str, tmp_path: Path) -> None:
    m = tmp_path / "m"
    write_case({"files": {"claims.yaml": "claims: [{id: a, text: t}]\n"}}, m)
    target = m / "claims.yaml" if what == "file" else m / "private"
    if what == "folder":
        target.mkdir()
        (target / "more.yaml").write_text("claims: []\n")
    target.chmod(0)
    try:
        proc = subprocess.run(
            [*_without_root_override(), sys.executable, "-m", "argmap", "check", "m", "--no-color"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        )
    finally:
        target.chmod(0o755)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1, proc.stdout + proc.stderr
    expected = "cannot read the file" if what == "file" else "cannot list the folder"
    assert f"m/{target.name}: Y005 error {expected}: Permission denied" in proc.stdout
