"""Which claims stand and which quotes are verified, as `show`, `list`, `stats` and `diff` report them.

Evaluation (`argmap.semantics`) and quote verification (`argmap.quotes`) are stages of their
own; this module is the one place the browsing commands ask them, reduced to one word per claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` lists `--status` choices from here
    from argmap.graph import ArgumentMap

LABELS = ("IN", "OUT", "UNDEC")


def statuses(amap: ArgumentMap) -> dict[str, str]:
    """Claim id -> "IN", "OUT" or "UNDEC" under grounded semantics (inferences left out)."""
    from argmap.semantics import evaluate

    labels = evaluate(amap, semantics="grounded").labels
    return {cid: labels[cid] for cid in amap.claims if cid in labels}


def quote_statuses(amap: ArgumentMap) -> dict[str, str]:
    """Claim id -> "verified", "recorded" (against the record), "unrecorded", "not-found", "no-text" or "no-quote"."""
    from argmap.quotes import verify_quotes

    return {cid: check.status for cid, check in verify_quotes(amap).items()}
