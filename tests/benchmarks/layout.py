"""How readable a rendered view is, measured on the SVG Graphviz wrote: edge crossings and size.

The measure itself is argmap's (`argmap.render.measure`, which render uses to choose among a
few layouts of each view): crossings are pairs of edges that share no end node and whose drawn
paths meet; the print size is a claim's 11 pt text once the drawing is scaled to fit A3.

    python -m tests.benchmarks.layout output/                    # a Markdown table of every view
    python -m tests.benchmarks.layout DIR --argdown CACHE        # and Argdown's layout of the same map
    python -m tests.benchmarks.layout --record                   # refresh the figures the tests guard
    python -m tests.benchmarks.layout DIR --bound                # crossings between rows: dot's, and the least possible

`--bound` reads the DOT files of a render (`argmap render --format dot,svg`): `dot` draws a view
on rows (ranks) and an edge that spans several rows passes each row between its ends; the order of
nodes and passing points on the rows fixes which edges cross between adjacent rows. It prints, per
view, the pairs of edges (sharing no end) that cross between rows in the order `dot` chose, and
the least number any order of the same rows has, solved exactly with python-sat's RC2 (MaxSAT):
how much better `dot`'s rows could be drawn by ordering alone.

The same function guards the recorded figures (tests/render/test_layout.py): the bundled map,
rendered as SVG, measured view by view.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from functools import cached_property
from itertools import combinations, pairwise
from pathlib import Path

from argmap.render.measure import Measure, crossings
from argmap.render.measure import measure as measure_svg

__all__ = ["RECORD", "Measure", "bundled_figures", "crossings", "measure"]

HEADER = "| view | claims | nodes | edges | crossings | size | text on A3 |\n|---|---:|---:|---:|---:|---|---:|"


def row(name: str, m: Measure) -> str:
    scaled = (
        f" (its `size` scaled {m.width_in / m.scale:.0f} x {m.height_in / m.scale:.0f} in by {m.scale:g})"
        if m.scale < 1
        else ""
    )
    return (
        f"| {name} | {m.claims} | {m.nodes} | {m.edges} | {m.crossings} | "
        f"{m.width_in:.0f} x {m.height_in:.0f} in{scaled} | {m.a3_text_pt} pt |"
    )


def measure(svg: Path) -> Measure:
    return measure_svg(svg.read_bytes())


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


@dataclass
class Layered:
    """A drawing as rows of nodes, bottom to top, each row left to right; an edge as the chain of
    nodes and points it passes on consecutive rows."""

    rows: list[list[str]]
    chains: list[list[str]]
    ends: list[frozenset[str]]

    def crossings(self, rows: list[list[str]] | None = None) -> int:
        """Pairs of edges sharing no end that cross between two adjacent rows in this order (or `rows`)."""
        place = {n: i for row in rows or self.rows for i, n in enumerate(row)}
        return sum(
            any((place[a] - place[c]) * (place[b] - place[d]) < 0 for (a, b), (c, d) in ways)
            for ways in self._meetings.values()
        )

    @cached_property
    def _meetings(self) -> dict[tuple[int, int], list[tuple[tuple[str, str], tuple[str, str]]]]:
        """For each pair of edges sharing no end, their segments between the same two rows (found
        once: `crossings` and `least_crossings` both ask)."""
        row_of = {n: r for r, row in enumerate(self.rows) for n in row}
        by_row: dict[int, list[tuple[int, str, str]]] = {}
        for i, chain in enumerate(self.chains):
            for low, high in pairwise(chain):
                by_row.setdefault(row_of[low], []).append((i, low, high))
        met: dict[tuple[int, int], list[tuple[tuple[str, str], tuple[str, str]]]] = {}
        for segments in by_row.values():
            for (i, a, b), (j, c, d) in combinations(segments, 2):
                if not self.ends[i] & self.ends[j]:
                    met.setdefault((i, j), []).append(((a, b), (c, d)))
        return met

    def least_crossings(self) -> int:
        """The fewest crossing pairs any order of the same rows has: MaxSAT, one variable per pair
        of nodes on a row (true: the first in `rows` is left), transitivity as hard clauses, and a
        soft clause per pair of edges that their segments keep the same order on both rows."""
        from pysat.examples.rc2 import RC2
        from pysat.formula import WCNF

        place = {n: i for row in self.rows for i, n in enumerate(row)}
        ids: dict[tuple[str, str], int] = {}

        def left(a: str, b: str) -> int:
            return -left(b, a) if place[a] > place[b] else ids.setdefault((a, b), len(ids) + 1)

        wcnf = WCNF()
        for row in self.rows:
            for a, b, c in combinations(row, 3):
                wcnf.append([-left(a, b), -left(b, c), left(a, c)])
                wcnf.append([left(a, b), left(b, c), -left(a, c)])
        meetings = [[(left(a, c), left(b, d)) for (a, b), (c, d) in ways] for ways in self._meetings.values()]
        top = len(ids)
        for ways in meetings:
            top += 1
            for below, above in ways:
                wcnf.extend([[-below, above, top], [below, -above, top]])
            wcnf.append([-top], weight=1)
        with RC2(wcnf) as solver:
            solver.compute()
            return int(solver.cost)


def layered(dot_source: str) -> Layered:
    """How `dot` lays the view out: rows by the height of their nodes, and where each edge passes
    the rows between its ends (read off the control points of its path)."""
    laid = json.loads(
        subprocess.run(["dot", "-Tjson"], input=dot_source.encode(), capture_output=True, check=True).stdout
    )
    nodes = [o for o in laid.get("objects", []) if "pos" in o]
    xy = {o["name"]: tuple(float(v) for v in o["pos"].split(",")) for o in nodes}
    heights = sorted({y for _, y in xy.values()})
    rows: list[list[tuple[float, str]]] = [[] for _ in heights]
    for name, (x, y) in xy.items():
        rows[heights.index(y)].append((x, name))
    names = {o["_gvid"]: o["name"] for o in laid.get("objects", [])}
    chains, ends = [], []
    for e in laid.get("edges", []):
        if e.get("style") == "invis":
            continue
        ends.append(frozenset({names[e["tail"]], names[e["head"]]}))
        low, high = sorted(ends[-1], key=lambda n: xy[n][1]) if len(ends[-1]) == 2 else (names[e["tail"]],) * 2
        path = [
            tuple(float(v) for v in t.split(","))
            for t in e["pos"].replace(";", " ").split()
            if "," in t and t[1] != ","
        ]
        chain = [low]
        for r in range(heights.index(xy[low][1]) + 1, heights.index(xy[high][1])):
            point = f"~{e['_gvid']}~{r}"
            rows[r].append((_x_at(path, heights[r]), point))
            chain.append(point)
        chains.append([*chain, high])
    return Layered([[name for _, name in sorted(row)] for row in rows], chains, ends)


def _x_at(path: list[tuple[float, ...]], y: float) -> float:
    for (x0, y0), (x1, y1) in pairwise(path):
        if y0 != y1 and min(y0, y1) <= y <= max(y0, y1):
            return x0 + (x1 - x0) * (y - y0) / (y1 - y0)
    return min(path, key=lambda p: abs(p[1] - y))[0]


def bound_row(name: str, drawn: Measure, graph: Layered) -> str:
    return f"| {name} | {drawn.crossings} | {graph.crossings()} | {graph.least_crossings()} |"


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
    parser.add_argument(
        "--bound", action="store_true", help="Crossings between rows in dot's order and the least possible (*.dot)."
    )
    args = parser.parse_args(argv)
    if args.record:
        record()
        return
    if args.bound:
        print("| view | crossings drawn | between rows, dot's order | between rows, least possible |")
        print("|---|---:|---:|---:|")
        for source in sorted(args.folder.glob("*.dot")):
            print(bound_row(source.stem, measure(source.with_suffix(".svg")), layered(source.read_text("utf-8"))))
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
        print(row(name, m))


if __name__ == "__main__":
    main()
