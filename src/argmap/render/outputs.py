"""The files a render writes, what each is made from, and whether those on disk are current.

Each file is recorded in `argmap-render.json` beside it with a digest of what argmap itself
produced for it: the DOT source (plus the format) for Graphviz's SVG, PNG and PDF, the page
around the SVG for HTML, the text itself for DOT and Mermaid. `--check` compares those digests,
never Graphviz's bytes, so another Graphviz version does not make `output/` look stale.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import graphviz

from argmap.files import atomic_write
from argmap.graph import ArgumentMap
from argmap.render import dot, html, measure, mermaid
from argmap.render.annotate import Annotations
from argmap.render.views import View

#: PNG resolution and the most pixels on either side; the PNG's colours go through gd's palette,
#: which keeps a view's PNG near a tenth of cairo's own RGBA file.
PNG_DPI = 72
SCREEN_PX = 1600
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
    #: The views drawn, by name.
    views: list[str] = field(default_factory=list)
    #: Whether these are all the map's views (a whole render, not one --focus view): only then
    #: does a view the last whole render drew and this one does not mean the view is gone.
    complete: bool = False
    #: One line per view drawn otherwise than asked (laid out for a large map, or without a picture), to tell the user.
    notes: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: Files not made because Graphviz's `dot` is missing.
    skipped: list[str] = field(default_factory=list)
    #: Files of views a whole render drew before and no longer draws, deleted.
    removed: list[str] = field(default_factory=list)


def graphviz_available() -> bool:
    return shutil.which("dot") is not None


def filename(view: View, fmt: str) -> str:
    return f"{view.name}.{FORMATS[fmt].suffix}"


def plan(amap: ArgumentMap, views: list[View], formats: list[str], ann: Annotations, complete: bool = False) -> Plan:
    result = Plan(views=[view.name for view in views], complete=complete)
    for view in views:
        drawn = Drawn(amap, view, ann, dot.layouts(amap, view, ann), views)
        first = drawn.graphs[0]
        if first.engine != "dot":
            result.notes.append(
                f"large map: {view.name}: {len(first.body)} DOT statements, laid out with {first.engine} and no "
                "clusters (dot would take minutes on a map this large)"
            )
        pictured = [f for f in formats if not FORMATS[f].picture or len(view.nodes()) <= measure.PRINTED_CLAIMS]
        if len(pictured) < len(formats):
            result.notes.append(
                f"{view.name}: {len(view.nodes())} claims, no PNG or PDF (more than {measure.PRINTED_CLAIMS} do not "
                f"fit a screen or an A3 page): read its HTML page, or draw it with --format svg"
            )
        result.files += [FORMATS[fmt].plan(drawn, filename(view, fmt)) for fmt in pictured]
    return result


@dataclass(frozen=True)
class Drawn:
    """A view and the graphs it may be drawn from; the one to draw is chosen when a file first
    needs it (so that `--check` lays nothing out), once, whichever thread asks."""

    amap: ArgumentMap
    view: View
    ann: Annotations
    graphs: Sequence[graphviz.Digraph]
    #: Every view rendered with this one, for the HTML page's list of views.
    index: Sequence[View]
    _choice: list[tuple[graphviz.Digraph, bytes | None]] = field(default_factory=list, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @property
    def tried(self) -> str:
        """What the digests name: every layout tried and the code that chooses among them, not the
        layout chosen; another Graphviz may choose another, and output/ is current as long as
        argmap's graphs and its way of choosing are."""
        return "\0".join([CHOOSER, *(g.source for g in self.graphs)])

    def chosen(self) -> tuple[graphviz.Digraph, bytes | None]:
        with self._lock:
            if not self._choice:
                self._choice.append(_choose(self.graphs))
            return self._choice[0]

    @property
    def graph(self) -> graphviz.Digraph:
        return self.chosen()[0]

    def svg(self) -> bytes:
        graph, svg = self.chosen()
        return svg if svg is not None else _pipe(graph, "svg")


#: The measure's own code: a change to how layouts are measured or compared can change which is
#: drawn, so it makes every drawing's digest change (`--check` then calls output/ stale).
CHOOSER = hashlib.sha256(Path(measure.__file__).read_text(encoding="utf-8").replace("\r\n", "\n").encode()).hexdigest()


def _choose(graphs: Sequence[graphviz.Digraph]) -> tuple[graphviz.Digraph, bytes | None]:
    """The graph to draw, with its SVG: the one `measure.best` picks among those laid out (the
    first, without SVG, where there is no choice or no Graphviz)."""
    if len(graphs) == 1 or not graphviz_available():
        return graphs[0], None
    # The first layout must succeed (a failure there is argmap's or Graphviz's bug, said as such);
    # another one Graphviz fails on (`concentrate` can) is left out of the choice.
    tried = [(graphs[0], _pipe(graphs[0], "svg")), *((g, _try(g)) for g in graphs[1:])]
    usable = [(g, svg) for g, svg in tried if svg is not None]
    return usable[measure.best([measure.measure(svg) for _, svg in usable])]


def _try(graph: graphviz.Digraph) -> bytes | None:
    try:
        return _pipe(graph, "svg")
    except RenderError:
        return None


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _svg(drawn: Drawn, name: str) -> Planned:
    return Planned(name, _digest("svg", drawn.tried), drawn.svg)


def _png(drawn: Drawn, name: str) -> Planned:
    return Planned(
        name,
        _digest("png", drawn.tried, repr((PNG_DPI, SCREEN_PX))),
        lambda: _pipe(for_screen(drawn.graph), "png", "cairo", "gd"),
    )


def _pdf_page(drawn: Drawn, name: str) -> Planned:
    return Planned(name, _digest("pdf", drawn.tried, repr(measure.A3)), lambda: _pdf(drawn.graph))


def _dot(drawn: Drawn, name: str) -> Planned:
    # DOT is written on demand: choosing its layout here is the one thing `--check` lays out.
    text = drawn.graph.source.encode("utf-8")
    return Planned(name, _digest("dot", drawn.tried), lambda: text, text)


def _html(drawn: Drawn, name: str) -> Planned:
    amap, view, ann, index = drawn.amap, drawn.view, drawn.ann, drawn.index
    # The page around an empty SVG, and how the SVG is trimmed into it.
    return Planned(
        name,
        _digest("html", drawn.tried, html.page(amap, view, ann, "", index), html.TRIM.pattern),
        lambda: html.page(amap, view, ann, drawn.svg().decode("utf-8"), index).encode("utf-8"),
    )


def _mermaid(drawn: Drawn, name: str) -> Planned:
    text = mermaid.render(drawn.amap, drawn.view, drawn.ann).encode("utf-8")
    return Planned(name, hashlib.sha256(text).hexdigest(), lambda: text, text)


@dataclass(frozen=True)
class Format:
    """One output form: its file's suffix and how the file is planned for a drawn view."""

    suffix: str
    plan: Callable[[Drawn, str], Planned]
    #: A fixed-size picture: made only for a view a screen or an A3 page holds legibly.
    picture: bool = False


#: Every output form by the name `--format` takes, in the order files are written (the names are
#: `argmap.render.FORMATS`, which the command line reads without importing Graphviz).
FORMATS: dict[str, Format] = {
    "svg": Format("svg", _svg),
    "png": Format("png", _png, picture=True),
    "pdf": Format("pdf", _pdf_page, picture=True),
    "dot": Format("dot", _dot),
    "html": Format("html", _html),
    "mermaid": Format("mmd", _mermaid),
}


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
    paper = measure.A3 if height >= width else measure.A3[::-1]
    page = graph.copy()
    page.attr("graph", size=f"{paper[0] - 2 * PDF_MARGIN:g},{paper[1] - 2 * PDF_MARGIN:g}", margin=f"{PDF_MARGIN:g}")
    return _pipe(page, "pdf")


def _pipe(graph: graphviz.Digraph, fmt: str, renderer: str | None = None, formatter: str | None = None) -> bytes:
    try:
        return bytes(graph.pipe(format=fmt, renderer=renderer, formatter=formatter, quiet=True))
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        said = next((line for line in detail if line.startswith("Error:")), detail[-1] if detail else str(exc))
        raise RenderError(f"Graphviz failed on {graph.name} ({fmt}): {said}") from None


@dataclass
class Manifest:
    """What `argmap-render.json` in a folder says: each file's digest, and the views of the last
    whole render (empty where there is none, or none readable)."""

    files: dict[str, str] = field(default_factory=dict)
    views: list[str] = field(default_factory=list)


def read_manifest(out_dir: Path) -> Manifest:
    try:
        body = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        files = dict(body["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()
    views = body.get("views")
    return Manifest(files, [v for v in views if isinstance(v, str)] if isinstance(views, list) else [])


def gone(planned: Plan, manifest: Manifest, out_dir: Path) -> list[str]:
    """The files argmap wrote for views the last whole render drew and this whole render does not
    (a view renamed or no longer made). Only argmap's own files, by its manifest: a file of a
    --focus render, or one put there by hand, is never taken for one."""
    if not planned.complete:
        return []
    vanished = set(manifest.views) - set(planned.views)
    suffixes = {form.suffix for form in FORMATS.values()}

    def made_for_a_vanished_view(name: str) -> bool:
        # The manifest is committed with output/ and may arrive by pull request: only a file
        # named as argmap names one, in the folder itself, is ever deleted.
        stem, _, suffix = name.rpartition(".")
        return stem in vanished and suffix in suffixes and "/" not in name and "\\" not in name

    return sorted(name for name in manifest.files if made_for_a_vanished_view(name) and (out_dir / name).is_file())


def write(planned: Plan, out_dir: Path, force: bool = False) -> Outcome:
    """Write every planned file whose digest changed (all of them with `force`), in parallel."""
    before, outcome = read_manifest(out_dir), Outcome()
    manifest = dict(before.files)
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
    for name in gone(planned, before, out_dir):
        (out_dir / name).unlink()
        del manifest[name]
        outcome.removed.append(name)
    views = planned.views if planned.complete else before.views
    body = {
        "about": "argmap render: a digest of what argmap produced for each file; `argmap render --check` compares them",
        "files": dict(sorted(manifest.items())),
        "views": sorted(views),
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
        elif manifest.files.get(p.name) != p.digest:
            problems.append((p.name, "stale"))
        elif p.text is not None and path.read_bytes() != p.text:
            problems.append((p.name, "edited since it was rendered"))
    return problems + [
        (name, "its view is no longer drawn (`argmap render` removes it)") for name in gone(planned, manifest, out_dir)
    ]
