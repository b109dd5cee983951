"""A map as it was at a git revision, extracted into a folder so that the loader can read it.

`REV:PATH` names the map folder PATH at revision REV; a bare `REV` uses the default path. Paths
are relative to the working folder, as `git archive` reads them when run from a subfolder.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class RevisionProblem(Exception):
    """Git is missing, the folder is no repository, or the revision or path does not exist."""


def is_revision_spec(spec: str) -> bool:
    """A side of a diff is a git revision unless it names an existing folder."""
    return not Path(spec).is_dir()


def split_spec(spec: str, default_path: str) -> tuple[str, str]:
    """`REV:PATH` -> (REV, PATH); `REV` -> (REV, default_path)."""
    rev, colon, path = spec.partition(":")
    return (rev, path) if colon and path else (rev or spec, default_path)


def checkout(spec: str, default_path: str, into: Path) -> tuple[Path, str]:
    """The folder of the map one side of a diff names, and what to call it: an existing folder
    as given; else the map folder of revision `REV:PATH` (or `REV` at `default_path`), extracted
    under `into`. Raises `RevisionProblem`."""
    if not is_revision_spec(spec):
        return Path(spec), spec
    rev, path = split_spec(spec, default_path)
    return extract(rev, path, into), f"{rev}:{path}"


def extract(rev: str, path: str, into: Path) -> Path:
    """Write the files of folder `path` at revision `rev` under `into`; returns the map folder."""
    try:
        archive = subprocess.run(["git", "archive", "--format=tar", rev, "--", path], capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionProblem("git is not installed; give two folders instead") from None
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip().removeprefix("fatal: ")
        raise RevisionProblem(f"{rev}:{path}: {message}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:
            _extract_files(tar, into)
    return into / path


def _extract_files(tar: tarfile.TarFile, into: Path) -> None:
    """Regular files only, each inside `into`: Pythons before 3.11.4 (Debian 12 has 3.11.2) lack
    extraction filters, and unfiltered extraction would follow links and names out of `into`."""
    root = into.resolve()
    for member in tar:
        target = (into / member.name).resolve()
        content = tar.extractfile(member) if member.isfile() else None
        if content is not None and target.is_relative_to(root):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.read())
