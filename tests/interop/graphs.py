"""Maps reduced to what a format must keep: claims and the structure of their relations."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from argmap.graph import ArgumentMap, build
from argmap.loader import load_map


def load(folder: Path) -> ArgumentMap:
    return build(load_map(folder))


def text(amap: ArgumentMap, cid: str) -> str:
    return " ".join(amap.claim(cid).text.split())


def normalised(amap: ArgumentMap, names: dict[str, str] | None = None) -> tuple[Counter, Counter]:
    """(claims, relations), each a multiset, claims named by id or by `names[id]`.

    A relation is (kind, premises, target), an undercut's target being the attacked relation's own
    tuple, so two maps compare equal whatever ids their arguments got."""

    def claim(cid: str) -> str:
        return names[cid] if names else cid

    def relation(inf_id: str) -> tuple:
        inf = amap.inferences[inf_id]
        target = relation(inf.target) if inf.kind == "undercut" else claim(inf.target)
        return "contrary" if inf.contrary else inf.kind, frozenset(map(claim, inf.premises)), target

    return Counter(map(claim, amap.claims)), Counter(map(relation, amap.inferences))


def kinds(amap: ArgumentMap) -> Counter:
    return Counter(inf.kind for inf in amap.inferences.values())
