"""Which claims stand and which quotes are verified, as `show`, `list`, `stats` and `diff` report them.

Evaluation (`argmap.semantics`) and quote verification (`argmap.quotes`) are stages of their
own; this module is the one place the browsing commands ask them. Quote verification is not
part of every build yet: without it `quote_statuses` answers None and the commands say so.
"""

from __future__ import annotations

import importlib

from argmap.graph import ArgumentMap

LABELS = ("IN", "OUT", "UNDEC")


def statuses(amap: ArgumentMap) -> dict[str, str]:
    """Claim id -> "IN", "OUT" or "UNDEC" under grounded semantics (inferences left out)."""
    from argmap.semantics import evaluate

    labels = evaluate(amap, semantics="grounded").labels
    return {cid: labels[cid] for cid in amap.claims if cid in labels}


def quote_statuses(amap: ArgumentMap) -> dict[str, str] | None:
    """Claim id -> "verified", "not-found", "no-text" or "no-quote", or None without quote verification."""
    try:
        quotes = importlib.import_module("argmap.quotes")
    except ModuleNotFoundError as exc:
        if exc.name != "argmap.quotes":  # the stage exists but something it needs is missing: a real error
            raise
        return None
    return {cid: result.status for cid, result in quotes.verify_quotes(amap).items()}
