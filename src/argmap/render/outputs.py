"""The files a render writes, what each is made from, and whether those on disk are current.

Each file is recorded in `argmap-render.json` beside it with a digest of what argmap itself
produced for it: the DOT source (plus the format) for Graphviz's SVG, PNG and PDF, the page
around the SVG for HTML, the text itself for DOT and Mermaid. `--check` compares those digests,
never Graphviz's bytes, so another Graphviz version does not make `output/` look stale.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import graphviz

from argmap.files import atomic_write
from argmap.graph import ArgumentMap
from argmap.render import dot, html, measure, mermaid
from argmap.render.dot import Annotations
from argmap.render.views import View

SUFFIXES = {"mermaid": "mmd"}
#: Fixed-size pictures: made only for views a screen or a page holds legibly (measure.PRINTED_CLAIMS).
PICTURES = ("png", "pdf")
#: PNG resolution and the most pixels on either side; the PNG's colours go through gd's palette,
#: which keeps a view's PNG near a tenth of cairo's own RGBA file.
PNG_DPI = 72
SCREEN_PX = 1600
#: The paper every PDF is scaled (down only) to fit, in inches, portrait.
A3 = (11.69, 16.54)
PDF_MARGIN = 0.4
MANIFEST = "argmap-render.json"


class RenderError(Exception):
    """Graphviz failed on a graph argmap built: a bug or a broken Graphviz, said in one line."""


@dataclass
class Planned:
    name: str
    digest: str
    make: Callable[[], bytes]
    #: The file's exact bytes when argmap makes them without Graphviz (DOT, Mermaid).
    text: bytes | None = None

    @property
    def needs_graphviz(self) -> bool:
        return self.text is None


@dataclass
class Plan:
    files: list[Planned] = field(default_factory=list)
    #: One line per view laid out for a large map, to tell the user.
    notes: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: Files not made because Graphviz's `dot` is missing.
    skipped: list[str] = field(default_factory=list)


def graphviz_available() -> bool:
    return shutil.which("dot") is not None


def filename(view: View, fmt: str) -> str:
    return f"{view.name}.{SUFFIXES.get(fmt, fmt)}"


def plan(amap: ArgumentMap, views: list[View], formats: list[str], ann: Annotations) -> Plan:
    result = Plan()
    candidates = [dot.layouts(amap, view, ann) for view in views]
    for view, graphs, (graph, svg) in zip(views, candidates, _chosen(candidates), strict=True):
        if graph.engine != "dot":
            result.notes.append(
                f"{view.name}: {len(graph.body)} DOT statements, laid out with {graph.engine} and no clusters "
                "(dot would take minutes on a map this large)"
            )
        # Digests name every layout tried, not the one Graphviz's measure chose: another Graphviz
        # may choose another, and output/ is current as long as argmap's graphs are.
        tried = "\0".join(g.source for g in graphs)
        pictured = [f for f in formats if f not in PICTURES or len(view.nodes()) <= measure.PRINTED_CLAIMS]
        if len(pictured) < len(formats):
            result.notes.append(
                f"{view.name}: {len(view.nodes())} claims, no PNG or PDF (more than {measure.PRINTED_CLAIMS} do not "
                f"fit a screen or an A3 page): read its HTML page, or draw it with --format svg"
            )
        for fmt in pictured:
            result.files.append(_planned(amap, Drawn(view, graph, tried, svg), ann, fmt, views))
    return result


@dataclass(frozen=True)
class Drawn:
    """A view with the graph chosen to draw it, what that choice was made from, and its SVG if made."""

    view: View
    graph: graphviz.Digraph
    tried: str
    svg: bytes | None


def _chosen(candidates: list[list[graphviz.Digraph]]) -> list[tuple[graphviz.Digraph, bytes | None]]:
    """Each view's graph to draw, with its SVG: the one `measure.best` picks among those laid out
    (the first, without SVG, where there is no choice or no Graphviz)."""
    if not graphviz_available():
        return [(graphs[0], None) for graphs in candidates]
    flat = [g for graphs in candidates for g in graphs[1:]]
    with ThreadPoolExecutor() as pool:
        drawn = dict(zip(map(id, flat), pool.map(_try, flat), strict=True))
    chosen: list[tuple[graphviz.Digraph, bytes | None]] = []
    for graphs in candidates:
        if len(graphs) == 1:
            chosen.append((graphs[0], None))
            continue
        # The first layout must succeed (a failure there is argmap's or Graphviz's bug, said as
        # such); another one Graphviz fails on (`concentrate` can) is left out of the choice.
        tried = [(g, _pipe(g, "svg") if n == 0 else drawn[id(g)]) for n, g in enumerate(graphs)]
        usable = [(g, svg) for g, svg in tried if svg is not None]
        chosen.append(usable[measure.best([measure.measure(svg) for _, svg in usable])])
    return chosen


def _try(graph: graphviz.Digraph) -> bytes | None:
    try:
        return _pipe(graph, "svg")
    except RenderError:
        return None


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _planned(amap: ArgumentMap, drawn: Drawn, ann: Annotations, fmt: str, index: list[View]) -> Planned:
    view, graph, tried = drawn.view, drawn.graph, drawn.tried
    name = filename(view, fmt)
    if fmt in ("dot", "mermaid"):
        text = (graph.source if fmt == "dot" else mermaid.render(amap, view, ann)).encode("utf-8")
        digest = _digest(fmt, tried) if fmt == "dot" else hashlib.sha256(text).hexdigest()
        return Planned(name, digest, lambda: text, text)
    svg = (lambda: drawn.svg) if drawn.svg is not None else functools.partial(_pipe, graph, "svg")
    if fmt == "html":
        # The page around an empty SVG, and how the SVG is trimmed into it.
        return Planned(
            name,
            _digest("html", tried, html.page(amap, view, ann, "", index), html.TRIM.pattern),
            lambda: html.page(amap, view, ann, svg().decode("utf-8"), index).encode("utf-8"),
        )
    if fmt == "svg":
        return Planned(name, _digest(fmt, tried), svg)
    if fmt == "png":
        return Planned(name, _digest(fmt, tried, for_screen(graph).source), functools.partial(_pipe, for_screen(graph), fmt, "cairo", "gd"))
    if fmt == "pdf":
        return Planned(name, _digest(fmt, tried, repr(A3)), functools.partial(_pdf, graph))
    raise ValueError(f"no such format: {fmt}")


def for_screen(graph: graphviz.Digraph) -> graphviz.Digraph:
    """The graph as a PNG draws it: 72 dpi (a claim's 11 pt text is 11 px), no wider or taller
    than SCREEN_PX (a larger drawing is scaled down to fit: read it in the HTML page)."""
    screen = graph.copy()
    side = SCREEN_PX / PNG_DPI
    screen.attr("graph", dpi=str(PNG_DPI), size=f"{side:g},{side:g}")
    return screen


def _pdf(graph: graphviz.Digraph) -> bytes:
    """One A3 page, in the drawing's own orientation; a larger drawing is scaled down to fit."""
    width, height = (float(x) for x in _pipe(graph, "plain").split(b"\n", 1)[0].split()[2:4])
    paper = A3 if height >= width else A3[::-1]
    page = graph.copy()
    page.attr("graph", size=f"{paper[0] - 2 * PDF_MARGIN:g},{paper[1] - 2 * PDF_MARGIN:g}", margin=f"{PDF_MARGIN:g}")
    return _pipe(page, "pdf")


def _pipe(graph: graphviz.Digraph, fmt: str, renderer: str | None = None, formatter: str | None = None) -> bytes:
    try:
        return graph.pipe(format=fmt, renderer=renderer, formatter=formatter, quiet=True)
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        said = next((line for line in detail if line.startswith("Error:")), detail[-1] if detail else str(exc))
        raise RenderError(f"Graphviz failed on {graph.name} ({fmt}): {said}") from None


def read_manifest(out_dir: Path) -> dict[str, str]:
    try:
        return dict(json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write(planned: Plan, out_dir: Path, force: bool = False) -> Outcome:
    """Write every planned file whose digest changed (all of them with `force`), in parallel."""
    manifest, outcome = read_manifest(out_dir), Outcome()
    can_layout = graphviz_available()
    todo = []
    for p in planned.files:
        if not force and manifest.get(p.name) == p.digest and (out_dir / p.name).is_file():
            outcome.unchanged.append(p.name)
        elif p.needs_graphviz and not can_layout:
            outcome.skipped.append(p.name)
        else:
            todo.append(p)
    # Each Graphviz call is its own process: threads keep every core busy.
    with ThreadPoolExecutor() as pool:
        for p, data in zip(todo, pool.map(lambda p: p.make(), todo), strict=False):
            atomic_write(out_dir / p.name, data)
            manifest[p.name] = p.digest
            outcome.written.append(p.name)
    body = {
        "about": "argmap render: a digest of what argmap produced for each file; `argmap render --check` compares them",
        "files": dict(sorted(manifest.items())),
    }
    atomic_write(out_dir / MANIFEST, json.dumps(body, indent=1) + "\n")
    return outcome


def stale(planned: Plan, out_dir: Path) -> list[tuple[str, str]]:
    """(file, why) for every planned file that is missing or not what a render would write now."""
    manifest, problems = read_manifest(out_dir), []
    for p in planned.files:
        path = out_dir / p.name
        if not path.is_file():
            problems.append((p.name, "missing"))
        elif manifest.get(p.name) != p.digest:
            problems.append((p.name, "stale"))
        elif p.text is not None and path.read_bytes() != p.text:
            problems.append((p.name, "edited since it was rendered"))
    return problems
