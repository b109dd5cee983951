"""How readable a drawing is, measured on the SVG Graphviz wrote: edge crossings and size.

A crossing is a pair of edges that share no end node and whose drawn paths meet at least once
(Bézier curves flattened into short segments); an edge drawn across a box is one whose path
enters the box of a node other than its ends (`splines=curved` and `splines=line` draw them).
Size is the drawing's width and height in inches, as Graphviz declares it in points;
`a3_text_pt` is the type size a claim's text (11 pt) has when the drawing is scaled down to fit an
A3 page, in either orientation.

`render` uses it to choose among a few layouts of one view (`best`); the layout benchmark
(tests/benchmarks/layout.py) and the regression guard in the tests measure every view with it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from xml.etree import ElementTree

SVG = "{http://www.w3.org/2000/svg}"
#: A3 in inches, short side first.
A3 = (11.69, 16.54)
#: The size of a claim's text in every view (dot.py's node fontsize).
TEXT_PT = 11.0
#: The smallest printed size of a claim's text a small view must keep on A3.
LEGIBLE_PT = 8.0
#: Views of up to this many claims must print legibly on one A3 page.
PRINTED_CLAIMS = 30
#: How far inside a node's bounds (in points) an edge counts as drawn across it: `dot` routes
#: edges along a box's side, a few points inside the bounds of a shape with cut or pointed corners.
MARGIN = 5.0
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
Point = tuple[float, float]
Edge = tuple[frozenset[str], list[Point]]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Measure:
    claims: int
    nodes: int
    edges: int
    crossings: int
    width_in: float
    height_in: float
    #: What Graphviz scaled the drawing by to meet a `size` (1 when it did not).
    scale: float = 1.0
    #: Edges drawn across the box of a node that is not one of their ends.
    across: int = 0

    @property
    def a3_text_pt(self) -> float:
        """The claim text's printed size when the drawing is scaled to fit an A3 page (never enlarged)."""
        short, long_ = sorted((self.width_in, self.height_in))
        return round(TEXT_PT * self.scale * min(1.0, A3[0] / short, A3[1] / long_), 1)

    @property
    def prints_legibly(self) -> bool:
        """Whether the view meets its print target: claim text of LEGIBLE_PT on A3 (large views have none)."""
        return self.claims > PRINTED_CLAIMS or self.a3_text_pt >= LEGIBLE_PT


def measure(svg: bytes) -> Measure:
    root = ElementTree.fromstring(svg)
    groups = list(root.iter(f"{SVG}g"))
    nodes = [g for g in groups if "node" in _classes(g)]
    edges = [e for e in (_edge(g) for g in groups if "edge" in _classes(g)) if e is not None]
    boxes = dict(found for found in (_node_box(g) for g in nodes) if found is not None)
    return Measure(
        claims=sum("claim" in _classes(g) for g in nodes),
        nodes=len(nodes),
        edges=len(edges),
        crossings=crossings(edges),
        width_in=round(_points(root.get("width")) / 72, 1),
        height_in=round(_points(root.get("height")) / 72, 1),
        scale=_scale(root),
        across=across(edges, boxes),
    )


def best(measures: Sequence[Measure]) -> int:
    """The index of the layout to draw: one that prints legibly if any does, then one with no
    edge across a box, then the fewest crossings, then the smallest area; the earliest of equals."""
    return min(
        range(len(measures)),
        key=lambda i: (
            not measures[i].prints_legibly,
            measures[i].across > 0,
            measures[i].crossings,
            measures[i].width_in * measures[i].height_in,
        ),
    )


def crossings(edges: Sequence[Edge]) -> int:
    boxes = [_box(path) for _, path in edges]
    count = 0
    for a, b in combinations(range(len(edges)), 2):
        (ends_a, path_a), (ends_b, path_b) = edges[a], edges[b]
        if ends_a & ends_b or not _overlap(boxes[a], boxes[b]):
            continue
        count += any(_segments_cross(p, q, r, s) for p, q in pairwise(path_a) for r, s in pairwise(path_b))
    return count


def across(edges: Sequence[Edge], boxes: dict[str, Box]) -> int:
    """How many edges pass through the box (MARGIN inside its bounds) of a node other than their ends."""
    inner = {name: (x0 + MARGIN, y0 + MARGIN, x1 - MARGIN, y1 - MARGIN) for name, (x0, y0, x1, y1) in boxes.items()}
    count = 0
    for ends, path in edges:
        bounds = _box(path)
        near = [box for name, box in inner.items() if name not in ends and _overlap(bounds, box)]
        count += any(_enters(p, q, box) for box in near for p, q in pairwise(path))
    return count


def _enters(p: Point, q: Point, box: Box) -> bool:
    """Whether segment pq has a point strictly inside the box."""
    x0, y0, x1, y1 = box
    if any(x0 < x < x1 and y0 < y < y1 for x, y in (p, q)):
        return True
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return any(_segments_cross(p, q, a, b) for a, b in pairwise([*corners, corners[0]]))


def _node_box(g: ElementTree.Element) -> tuple[str, Box] | None:
    """A node's name and the box around its outline (its first polygon or ellipse)."""
    title = g.find(f"{SVG}title")
    shape = next((e for e in g if e.tag in (f"{SVG}polygon", f"{SVG}ellipse")), None)
    if title is None or not title.text or shape is None:
        return None
    if shape.tag == f"{SVG}ellipse":
        cx, cy, rx, ry = (float(shape.get(k) or 0) for k in ("cx", "cy", "rx", "ry"))
        return html.unescape(title.text), (cx - rx, cy - ry, cx + rx, cy + ry)
    numbers = [float(n) for n in _NUMBER.findall(shape.get("points") or "")]
    return html.unescape(title.text), _box(list(zip(numbers[::2], numbers[1::2], strict=False)))


def _scale(root: ElementTree.Element) -> float:
    graph = root.find(f"{SVG}g")
    found = re.search(r"scale\(([\d.]+)", graph.get("transform") or "") if graph is not None else None
    return float(found.group(1)) if found else 1.0


def _classes(g: ElementTree.Element) -> list[str]:
    return (g.get("class") or "").split()


def _points(value: str | None) -> float:
    return float((value or "0").removesuffix("pt").removesuffix("px"))


def _edge(g: ElementTree.Element) -> Edge | None:
    """An edge's ends and its whole drawn line. With `concentrate`, dot draws an edge that shares
    a trunk with others as several paths that meet end to end (the trunk, then the rest after the
    split); read as one line, every piece counts."""
    title, paths = g.find(f"{SVG}title"), list(g.iter(f"{SVG}path"))
    if title is None or not paths or not title.text:
        return None
    text = html.unescape(title.text)
    tail, _, head = text.partition("->" if "->" in text else "--")
    return frozenset({tail, head}), [point for path in paths for point in _flatten(path.get("d") or "")]


def _flatten(d: str) -> list[Point]:
    """A Graphviz edge path (M then cubic C segments) as a polyline of 8 steps per curve."""
    numbers = [float(n) for n in _NUMBER.findall(d)]
    pts = list(zip(numbers[::2], numbers[1::2], strict=False))
    if not pts:
        return []
    line = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = line[-1], pts[i], pts[i + 1], pts[i + 2]
        for step in range(1, 9):
            t = step / 8
            u = 1 - t
            line.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return line


def _box(path: list[Point]) -> Box:
    xs, ys = [p[0] for p in path] or [0.0], [p[1] for p in path] or [0.0]
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _orient(p: Point, q: Point, r: Point) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _segments_cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    """A proper crossing: each segment's ends lie strictly on both sides of the other."""
    d1, d2, d3, d4 = _orient(r, s, p), _orient(r, s, q), _orient(p, q, r), _orient(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0
