"""`atomic_write` under SIGKILL: a real process writing a large file slowly through the helper is
killed at spread-out moments; the target always holds the old or the complete new content, and a
later write leaves no temporary file behind."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from argmap.files import atomic_write
from tests.conftest import REPO

#: The child writes NEW through the helper, in chunks with pauses, so that a kill lands mid-write.
WRITER = """
import os, sys, time
import argmap.files as files

real_fdopen = os.fdopen

class Slow:
    def __init__(self, handle): self.handle = handle
    def __enter__(self): return self
    def __exit__(self, *exc): return self.handle.__exit__(*exc)
    def write(self, data):
        print("writing", flush=True)
        for i in range(0, len(data), 1 << 16):
            self.handle.write(data[i:i + (1 << 16)])
            time.sleep(0.002)
    def flush(self): self.handle.flush()
    def fileno(self): return self.handle.fileno()

files.os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
files.atomic_write(sys.argv[1], bytes([int(sys.argv[2])]) * int(sys.argv[3]))
print("done", flush=True)
"""
SIZE = 4 * 1024 * 1024
OLD = b"old content\n" * 1000


def _write_in_child(target: Path, fill: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(fill), str(SIZE)], stdout=subprocess.PIPE, env=env, text=True
    )


def test_killed_writer_leaves_old_or_new_content(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_bytes(OLD)
    rng = random.Random(9)
    outcomes = []
    for attempt in range(8):
        proc = _write_in_child(target, fill=65 + attempt)
        assert proc.stdout.readline() == "writing\n"
        time.sleep(rng.uniform(0, 0.2))  # the write takes about 0.15 s: early, middle, late or after
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        content = target.read_bytes()
        new = bytes([65 + attempt]) * SIZE
        assert content in (OLD, new), f"half-written: {len(content)} bytes"
        outcomes.append("new" if content == new else "old")
        if content == new:
            target.write_bytes(OLD)
    assert "old" in outcomes, outcomes  # at least one kill landed before the rename
    leftovers = list(tmp_path.glob(".claims.yaml.*.tmp"))
    assert leftovers, "killed writers leave their temporary files"
    assert atomic_write(target, b"final\n")
    assert target.read_bytes() == b"final\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]


def test_write_keeps_the_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text("old\n")
    target.chmod(0o644)
    atomic_write(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_running_writers_temporary_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    live = tmp_path / f".claims.yaml.{os.getpid()}.abc.tmp"  # this process is alive
    live.write_text("in flight")
    atomic_write(target, "new\n")
    assert live.exists()
