"""Which claims stand and which quotes are verified, as `show`, `list`, `stats` and `diff` report them.

Evaluation (`argmap.semantics`) and quote verification (`argmap.quotes`) are stages of their
own; this module is the one place the browsing commands ask them, reduced to one verdict per claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.semantics.verdict import CHALLENGED, MAPPER_DECIDES, STATUSES

if TYPE_CHECKING:  # the graph pulls in pydantic; `argmap --help` lists `--status` choices from here
    from argmap.graph import ArgumentMap
    from argmap.render.annotate import Annotations, ColorBy
    from argmap.semantics.evaluation import Evaluation
    from argmap.semantics.verdict import ClaimVerdict

#: What `list --status` filters on: a status (see `argmap.semantics.verdict`), or a mark.
LABELS = (*STATUSES, CHALLENGED, MAPPER_DECIDES)
#: How `show`, `stats` and `diff` name the evaluation they report.
STATUS_NOTE = "across the preferred readings"


def statuses(amap: ArgumentMap) -> dict[str, ClaimVerdict]:
    """Claim id -> its verdict under the default evaluation (preferred readings, mapper compared)."""
    from argmap.semantics.verdict import verdicts

    return verdicts(amap).claims


def annotate(
    amap: ArgumentMap, evaluation: Evaluation | None, color_by: ColorBy = "author", badges: str = "full"
) -> Annotations:
    """What a rendering shows of the evaluation: each claim's status and marks (see
    `argmap.render.annotate.Annotations`), and the quote checks, drawn as `color_by` and `badges` say."""
    from argmap.render.annotate import Annotations
    from argmap.semantics.verdict import verdicts

    if evaluation is None:
        return Annotations(color_by=color_by, badges=badges, quote_status=quote_statuses(amap))
    found = verdicts(amap, evaluation.semantics, evaluation=evaluation).claims
    return Annotations(
        labels={cid: v.status for cid, v in found.items()},
        challenged=frozenset(cid for cid, v in found.items() if v.challenged),
        without_mapper={cid: v.without_mapper for cid, v in found.items() if v.without_mapper},
        quote_status=quote_statuses(amap),
        color_by=color_by,
        badges=badges,
    )


def quote_statuses(amap: ArgumentMap) -> dict[str, str]:
    """Claim id -> "verified", "recorded" (against the record), "unrecorded", "not-found", "no-text" or "no-quote"."""
    from argmap.quotes import verify_quotes

    return {cid: check.status for cid, check in verify_quotes(amap).items()}
