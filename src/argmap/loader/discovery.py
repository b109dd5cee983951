"""Finding a map's files and reading each as text: links, pipes, sizes and encodings guarded."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path

MANIFEST_NAME = "map.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
#: A file larger than this is refused before parsing: maps are written by hand.
MAX_FILE_BYTES = 16 * 1024 * 1024


class Unreadable(Exception):
    """Why a file cannot be read as text, and where in it when that is known."""

    def __init__(self, problem: str, line: int = 0, col: int = 0) -> None:
        super().__init__(problem)
        self.line, self.col = line, col


def map_files(folder: Path) -> list[Path]:
    """The map's YAML files, in a stable order (manifest first)."""
    return ordered(folder, [p for p, problem in walk(folder) if problem is None])


def ordered(folder: Path, files: list[Path]) -> list[Path]:
    return sorted(files, key=lambda p: (p.name != MANIFEST_NAME or p.parent != folder, str(p)))


def walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Every `*.yaml` below `folder` that is not a folder, and every folder that cannot be listed.

    Broken links, FIFOs and unreadable files are listed so that they are reported, never skipped.
    Links to folders are not followed (a link loop would never end), and the walk keeps its own
    stack, so a deep tree cannot exhaust Python's."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                found = list(entries)
        except OSError as exc:
            yield current, f"cannot list the folder: {_os_reason(exc)}"
            continue
        for entry in found:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif path.suffix in YAML_SUFFIXES and not (entry.is_symlink() and path.is_dir()):
                yield path, None


def absolute(path: Path) -> Path:
    """Absolute, not resolved: resolving a link loop raises."""
    return Path(os.path.abspath(path))


def read_text(path: Path, folder: Path) -> str:
    """The file's text; raises `Unreadable`. At most MAX_FILE_BYTES + 1 bytes are read."""
    try:
        if path.is_symlink():
            target = os.readlink(path)
            if not path.exists():
                raise Unreadable(f"a link to {target}, which does not exist (or links back to itself)")
            if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
                raise Unreadable(f"a link to {target}, outside the map's folder: argmap reads only the map's own files")
        if not stat.S_ISREG(path.stat().st_mode):  # before opening: opening a FIFO waits for a writer
            raise Unreadable("not a regular file (a pipe, socket or device): argmap reads only plain files")
        with path.open("rb") as handle:
            too_big = os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES
            # Reading one byte more than allowed also cuts short a file that grows meanwhile.
            raw = b"" if too_big else handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {_os_reason(exc)}") from None
    if too_big:
        raise Unreadable(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; maps are written by hand")
    return decode(raw)


def decode(raw: bytes) -> str:
    """Text from a file's bytes, refused (`Unreadable`) when too large, binary or not UTF-8."""
    if len(raw) > MAX_FILE_BYTES:
        raise Unreadable(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; maps are written by hand")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Unreadable("UTF-16 text; save the file as UTF-8", 1, 1)
    nul = raw.find(b"\0")
    if nul in (0, 1) and len(raw) > 1 and (raw[0] == 0) != (raw[1] == 0):
        raise Unreadable("UTF-16 text (no byte-order mark); save the file as UTF-8", 1, 1)
    if nul >= 0:
        raise Unreadable("a NUL byte: this is a binary file, not YAML text", *_line_col(raw, nul))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"byte 0x{raw[exc.start]:02X} is not valid UTF-8; save the file as UTF-8", *_line_col(raw, exc.start)
        ) from None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, as editors count them) of byte `offset`."""
    start = raw.rfind(b"\n", 0, offset) + 1
    before = raw[start:offset].removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")
    return raw.count(b"\n", 0, offset) + 1, len(before) + 1


def _os_reason(exc: OSError) -> str:
    return os.strerror(exc.errno) if exc.errno else str(exc)
