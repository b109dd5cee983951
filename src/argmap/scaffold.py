"""`argmap init`: a small, valid starter map that anyone can grow into their own."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from argmap.files import atomic_write
from argmap.loader import MANIFEST_NAME
from argmap.schema import SCHEMA_FILES, json_schema

STARTER_FILES = ("map.yaml", "claims.yaml", "sources/alice-2024.txt")


class MapExists(Exception):
    pass


def write_starter(directory: Path) -> list[Path]:
    # lexists: a link, even a broken one, is somebody's file too.
    present = [str(directory / name) for name in (MANIFEST_NAME, *STARTER_FILES) if os.path.lexists(directory / name)]
    if present:
        raise MapExists(f"{present[0]} exists already; init never overwrites a map")
    starter = resources.files("argmap") / "starter"
    written = []
    for name in STARTER_FILES:
        written.append(directory / name)
        atomic_write(directory / name, (starter / name).read_bytes())
    written += write_schemas(directory)
    written.append(ignore_lock(directory))
    return written


def ignore_lock(directory: Path) -> Path:
    """Keep `argmap add`'s lock file out of version control: a line in the map folder's .gitignore."""
    from argmap.authoring import LOCK_NAME

    path = directory / ".gitignore"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    if LOCK_NAME not in text.splitlines():
        atomic_write(path, text + ("\n" if text and not text.endswith("\n") else "") + LOCK_NAME + "\n")
    return path


def write_schemas(directory: Path) -> list[Path]:
    """The JSON Schemas the files' modelines point to; rewritten only when they changed."""
    paths = []
    for which, name in SCHEMA_FILES.items():
        atomic_write(directory / name, json_schema(which))
        paths.append(directory / name)
    return paths
