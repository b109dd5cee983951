"""Writing files so that a crash, a kill or Ctrl-C never leaves one half-written."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
from pathlib import Path


def atomic_write(path: Path | str, data: str | bytes) -> bool:
    """Write `data` to `path` through a temporary file in the same folder, fsync, rename.

    Readers see the old content or the new, never a mix. The temporary file's name holds the
    writer's pid, so that a later write can remove what a killed writer left behind.
    Returns False, and touches nothing, when the file already holds exactly `data`."""
    return bool(atomic_write_all({Path(path): data}))


def atomic_write_all(files: dict[Path, str | bytes]) -> list[Path]:
    """Write several files as `atomic_write` does one; returns those whose content changed.

    Every new content is written and synced before the first rename, so an interruption
    while writing leaves every file as it was, and the renames follow one another at once."""
    pending: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            tmp = _prepared(Path(path), data.encode("utf-8") if isinstance(data, str) else data)
            if tmp is not None:
                pending.append((tmp, Path(path)))
        for tmp, path in pending:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in pending:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    for folder in {path.parent for _, path in pending}:
        _fsync_folder(folder)
    return [path for _, path in pending]


def _prepared(path: Path, raw: bytes) -> str | None:
    """A synced temporary file beside `path` holding `raw`; None when `path` holds it already."""
    try:
        if path.read_bytes() == raw:
            return None
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp's 0600 would otherwise replace the file's own mode
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files beside `path` whose writer no longer runs; return them."""
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what a plain `open()` would give a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable: it lives in the folder's entry table."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
