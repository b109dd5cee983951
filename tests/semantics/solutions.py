"""Reading ICCMA solution files back, to compare `argmap solve` with the reference solvers."""

from __future__ import annotations

import re

from argmap.semantics.iccma import sorted_extensions


def parse_extensions(text: str) -> list[list[str]]:
    """Read a solution file's `[[a1,a3],[a2]]` back, sorted as `argmap solve` sorts them."""
    inner = text.strip()
    if not (inner.startswith("[") and inner.endswith("]")):
        raise ValueError(f"not a list of extensions: {text[:40]!r}")
    groups = re.findall(r"\[([^\[\]]*)\]", inner[1:-1])
    return sorted_extensions([name.strip() for name in group.split(",") if name.strip()] for group in groups)
