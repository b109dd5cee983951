"""Which map a folder belongs to: commands run without PATH, and the language server, look upward."""

from __future__ import annotations

from pathlib import Path

#: Where a repository keeps its map; a folder holding `arguments/map.yaml` means that map.
DEFAULT_MAP = "arguments"


def map_folder(start: Path) -> Path | None:
    """The nearest folder, from `start` upward, that holds map.yaml, or that holds
    arguments/map.yaml (then its arguments/); None when there is none."""
    from argmap.loader import MANIFEST_NAME  # the loader pulls in pydantic; `argmap --help` need not

    here = start.resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / DEFAULT_MAP):
            if (candidate / MANIFEST_NAME).is_file():
                return candidate
    return None
