"""How readable a rendered view is, measured on the SVG Graphviz wrote: edge crossings and size.

The measure itself is argmap's (`argmap.render.measure`, which render uses to choose among a
few layouts of each view): crossings are pairs of edges that share no end node and whose drawn
paths meet; the print size is a claim's 11 pt text once the drawing is scaled to fit A3.

    python -m tests.benchmarks.layout output/                    # a Markdown table of every view
    python -m tests.benchmarks.layout DIR --argdown CACHE        # and Argdown's layout of the same map
    python -m tests.benchmarks.layout --record                   # refresh the figures the tests guard

The same function guards the recorded figures (tests/render/test_layout.py): the bundled map,
rendered as SVG, measured view by view.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
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
        print(row(name, m))


if __name__ == "__main__":
    main()
