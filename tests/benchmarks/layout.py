"""How readable a rendered view is, measured on the SVG Graphviz wrote: edge crossings and size.

A crossing is a pair of edges that share no end node and whose drawn paths meet at least once
(Bézier curves flattened into short segments). Size is the drawing's width and height in
inches, as Graphviz declares it in points; the print size is the type size a claim's text
(11 pt) has when the drawing is scaled down to fit an A3 page, in either orientation.

    python -m tests.benchmarks.layout output/                    # a Markdown table of every view
    python -m tests.benchmarks.layout DIR --argdown CACHE        # and Argdown's layout of the same map
    python -m tests.benchmarks.layout --record                   # refresh the figures the tests guard

The same function guards the recorded figures (tests/render/test_layout.py): the bundled map,
rendered as SVG, measured view by view.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from itertools import combinations, pairwise
from pathlib import Path
from xml.etree import ElementTree

SVG = "{http://www.w3.org/2000/svg}"
#: A3 in inches, short side first.
A3 = (11.69, 16.54)
#: The size of a claim's text in every view (style.py's node fontsize).
TEXT_PT = 11.0
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
Point = tuple[float, float]


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

    @property
    def a3_text_pt(self) -> float:
        """The claim text's printed size when the drawing is scaled to fit an A3 page (never enlarged)."""
        short, long_ = sorted((self.width_in, self.height_in))
        return round(TEXT_PT * self.scale * min(1.0, A3[0] / short, A3[1] / long_), 1)

    def row(self, name: str) -> str:
        return (
            f"| {name} | {self.claims} | {self.nodes} | {self.edges} | {self.crossings} | "
            f"{self.width_in:.0f} x {self.height_in:.0f} in{self._scaled} | {self.a3_text_pt} pt |"
        )

    @property
    def _scaled(self) -> str:
        if self.scale >= 1:
            return ""
        return f" (its `size` scaled {self.width_in / self.scale:.0f} x {self.height_in / self.scale:.0f} in by {self.scale:g})"


HEADER = "| view | claims | nodes | edges | crossings | size | text on A3 |\n|---|---:|---:|---:|---:|---|---:|"


def measure(svg: Path) -> Measure:
    root = ElementTree.parse(svg).getroot()
    groups = [g for g in root.iter(f"{SVG}g")]
    nodes = [g for g in groups if "node" in _classes(g)]
    edges = [_edge(g) for g in groups if "edge" in _classes(g)]
    edges = [e for e in edges if e is not None]
    return Measure(
        claims=sum("claim" in _classes(g) for g in nodes),
        nodes=len(nodes),
        edges=len(edges),
        crossings=crossings(edges),
        width_in=round(_points(root.get("width")) / 72, 1),
        height_in=round(_points(root.get("height")) / 72, 1),
        scale=_scale(root),
    )


def _scale(root: ElementTree.Element) -> float:
    graph = root.find(f"{SVG}g")
    found = re.search(r"scale\(([\d.]+)", graph.get("transform") or "") if graph is not None else None
    return float(found.group(1)) if found else 1.0


def crossings(edges: list[tuple[frozenset[str], list[Point]]]) -> int:
    boxes = [_box(path) for _, path in edges]
    count = 0
    for a, b in combinations(range(len(edges)), 2):
        (ends_a, path_a), (ends_b, path_b) = edges[a], edges[b]
        if ends_a & ends_b or not _overlap(boxes[a], boxes[b]):
            continue
        count += any(_segments_cross(p, q, r, s) for p, q in pairwise(path_a) for r, s in pairwise(path_b))
    return count


def _classes(g: ElementTree.Element) -> list[str]:
    return (g.get("class") or "").split()


def _points(value: str | None) -> float:
    return float((value or "0").removesuffix("pt").removesuffix("px"))


def _edge(g: ElementTree.Element) -> tuple[frozenset[str], list[Point]] | None:
    title, path = g.find(f"{SVG}title"), next(g.iter(f"{SVG}path"), None)
    if title is None or path is None or not title.text:
        return None
    text = html.unescape(title.text)
    tail, _, head = text.partition("->" if "->" in text else "--")
    return frozenset({tail, head}), _flatten(path.get("d") or "")


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


def _box(path: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in path] or [0.0], [p[1] for p in path] or [0.0]
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _orient(p: Point, q: Point, r: Point) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _segments_cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    """A proper crossing: each segment's ends lie strictly on both sides of the other."""
    d1, d2, d3, d4 = _orient(r, s, p), _orient(r, s, q), _orient(p, q, r), _orient(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def measure_folder(folder: Path) -> dict[str, Measure]:
    return {svg.stem: measure(svg) for svg in sorted(folder.glob("*.svg"))}


REPO = Path(__file__).resolve().parents[2]
#: What tests/render/test_layout.py compares every render of the bundled map with.
RECORD = REPO / "tests" / "render" / "layout_figures.json"


def bundled_figures(work: Path) -> dict[str, Measure]:
    out = work / "svg"
    subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(REPO / "arguments"), "-o", str(out), "--format", "svg"],
        check=True,
        capture_output=True,
    )
    return measure_folder(out)


def record() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        figures = bundled_figures(Path(tmp))
    RECORD.write_text(
        json.dumps({name: asdict(m) for name, m in figures.items()}, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def argdown_layout(map_folder: Path, argdown: Path, work: Path) -> Measure:
    """Argdown's own map of the same debate: `argmap export argdown`, `argdown map -f dot`, `dot -Tsvg`."""
    source = work / "map.argdown"
    subprocess.run(
        [sys.executable, "-m", "argmap", "export", "argdown", str(map_folder), "-o", str(source)],
        check=True,
        capture_output=True,
    )
    subprocess.run([str(argdown), "map", "-f", "dot", str(source), str(work)], check=True, capture_output=True)
    dot_file = next(work.glob("*.dot"))
    svg = work / "argdown.svg"
    subprocess.run(["dot", "-Tsvg", str(dot_file), "-o", str(svg)], check=True)
    return measure(svg)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", help="A render's output folder (its *.svg files are measured).")
    parser.add_argument("--record", action="store_true", help=f"Measure the bundled map into {RECORD.name}.")
    parser.add_argument(
        "--argdown",
        type=Path,
        metavar="DIR",
        help="Add Argdown's layout of the map at --map, with @argdown/cli installed in DIR "
        "(by npm, once, as the benchmark does).",
    )
    parser.add_argument("--map", type=Path, default=Path("arguments"))
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON instead.")
    args = parser.parse_args(argv)
    if args.record:
        record()
        return
    figures = measure_folder(args.folder)
    if args.argdown:
        from tests.benchmarks.run import argdown_cli

        binary = argdown_cli(args.argdown)
        if binary is None:
            parser.error("Argdown's CLI could not be installed (Node and npm are needed)")
        with tempfile.TemporaryDirectory() as tmp:
            figures["argdown (same map)"] = argdown_layout(args.map, binary, Path(tmp))
    if args.json:
        print(json.dumps({name: asdict(m) for name, m in figures.items()}, indent=1, sort_keys=True))
        return
    print(HEADER)
    for name, m in figures.items():
        print(m.row(name))


if __name__ == "__main__":
    main()
