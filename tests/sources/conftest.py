"""Every test here runs with the user's own ARGMAP_SOURCES unset and a fetch cache of its own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def cache(monkeypatch, tmp_path) -> Path:
    monkeypatch.delenv("ARGMAP_SOURCES", raising=False)
    monkeypatch.setenv("ARGMAP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"
