"""Which claims stand and which quotes are verified, as `show`, `list`, `stats` and `diff` report them.

Evaluation (`argmap.semantics`) and quote verification (`argmap.quotes`) are stages of their
own; this module is the one place the browsing commands ask them. A build without one of those
stages answers None here, and the commands say the information is not available.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from argmap.graph import ArgumentMap

LABELS = ("IN", "OUT", "UNDEC")
QUOTE_STATUSES = ("verified", "not-found", "no-text", "no-quote")


def statuses(amap: ArgumentMap) -> dict[str, str] | None:
    """Claim id -> "IN", "OUT" or "UNDEC" under grounded semantics, or None without evaluation."""
    semantics = _stage("argmap.semantics")
    if semantics is None:
        return None
    return dict(semantics.evaluate(amap, semantics="grounded").labels)


def quote_statuses(amap: ArgumentMap) -> dict[str, str] | None:
    """Claim id -> "verified", "not-found", "no-text" or "no-quote", or None without quote verification."""
    quotes = _stage("argmap.quotes")
    if quotes is None:
        return None
    return {cid: result.status for cid, result in quotes.verify_quotes(amap).items()}


def _stage(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:  # the stage exists but something it needs is missing: a real error
            raise
        return None
