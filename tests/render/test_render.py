"""`argmap render` as users run it: real files, parsed and checked."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.check import check_map
from argmap.render import dot, style, views
from argmap.render.annotate import Annotations
from tests.conftest import REPO, run
from tests.render.conftest import NASTY, SVG, claim_groups, svg_root, texts

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
pytestmark = needs_dot
ALL_CLAIMS = {"plant", "cool", "nasty", "shade", "health", "costly", "ann-says", "not-summer", "roots"}


@pytest.fixture
def rendered(tree_map: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = run("render", tree_map, "-o", out)
    assert result.exit_code == 0, result.output
    return out


STEMS = [
    "map",
    "thesis-chain",
    "clash-plant",
    "focus-plant-2",
    "focus-costly-2",
    "position-yes",
    "position-no",
    "author-ann",
    "author-ben",
]


def test_render_writes_every_view_in_every_format_asked_for(rendered_once: Path):
    for stem in STEMS:
        for suffix in ("svg", "png", "pdf", "dot", "html", "mmd"):
            assert (rendered_once / f"{stem}.{suffix}").stat().st_size > 0, f"{stem}.{suffix}"
    assert sorted(json.loads((rendered_once / "argmap-render.json").read_text())["files"]) == sorted(
        f"{s}.{x}" for s in STEMS for x in ("svg", "png", "pdf", "dot", "html", "mmd")
    )


def test_by_default_render_writes_what_readers_open(rendered: Path):
    assert sorted(p.name for p in rendered.iterdir()) == sorted(
        ["argmap-render.json", *(f"{s}.{x}" for s in STEMS for x in ("png", "html", "mmd"))]
    )


def test_a_default_render_of_the_bundled_map_stays_under_3_mb(tmp_path: Path):
    """Issue 12: a committed output/ a reader can clone. Every view has its page; a PNG only
    where a screen shows it legibly (up to 30 claims), the larger views are read in their page."""
    out = tmp_path / "out"
    result = run("render", REPO / "arguments", "-o", out)
    assert result.exit_code == 0, result.output
    size = sum(p.stat().st_size for p in out.iterdir())
    assert size < 3_000_000, f"{size:,} bytes"
    amap = check_map(REPO / "arguments").amap
    for view in views.default_views(amap):
        assert (out / f"{view.name}.html").is_file() and (out / f"{view.name}.mmd").is_file(), view.name
        assert (out / f"{view.name}.png").is_file() == (len(view.nodes()) <= 30), view.name
    assert not list(out.glob("*.pdf")) and not (out / "map.png").exists()
    assert "map: 85 claims, no PNG or PDF" in result.output


def test_svg_has_one_node_per_claim_coloured_by_author(rendered_once: Path):
    groups = claim_groups(svg_root(rendered_once / "map.svg"))
    assert set(groups) == ALL_CLAIMS
    ann, ben = style.PALETTES[0], style.PALETTES[1]
    for cid, g in groups.items():
        author = "ben" if cid in {"costly", "not-summer", "roots"} else "ann"
        assert f"author-{author}" in g.get("class").split()
        shape = next(e for e in g.iter() if e.tag in (f"{SVG}polygon", f"{SVG}path", f"{SVG}ellipse"))
        assert shape.get("fill") == (ben if author == "ben" else ann).fill
    assert "kind-thesis" in groups["plant"].get("class").split()
    assert "kind-question" in groups["not-summer"].get("class").split()


def test_color_by_position_fills_and_explains_by_position(tree_map: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("render", tree_map, "-o", out, "--format", "svg", "--color-by", "position").exit_code == 0
    root = svg_root(out / "map.svg")
    assert "position-no" in claim_groups(root)["ann-says"].get("class").split()
    legend = texts(root.find(f"{SVG}g"))
    assert "fill colour: Position: Yes" in legend and "fill colour: Position: No" in legend


def test_the_visual_language_is_in_the_svg(rendered_once: Path):
    root = svg_root(rendered_once / "map.svg")
    groups = claim_groups(root)
    assert "Ann, as reported by Ben" in texts(groups["ann-says"])
    # `argmap render` wires the evaluation and the quote check into every view.
    assert "quote verified in source" in texts(groups["plant"]) and "paraphrase" in texts(groups["costly"])
    assert all({"HOLDS", "CONTESTED", "FAILS"} & set(texts(g).split()) for g in groups.values())
    edges = {
        e.findtext(f"{SVG}title"): e.get("class").split()
        for e in root.iter(f"{SVG}g")
        if "edge" in (e.get("class") or "").split()
    }
    # A plain support or rebuttal is one edge from the reason to its target, coloured by kind.
    assert "support" in edges["nasty->plant"] and "rebut" in edges["costly->plant"]
    assert {"rebut", "mapper"} <= set(edges["roots->shade"])
    hubs = {
        g.get("id").removeprefix("inference-"): g.get("class").split()
        for g in root.iter(f"{SVG}g")
        if "inference" in (g.get("class") or "").split()
    }
    # Nodes only where they carry something: the linked argument's premises meet at one, and the
    # undercut lands on the node of "cool supports plant".
    linked = next(n for n, c in hubs.items() if "linked" in c)
    assert {"shade->" + linked, "health->" + linked, linked + "->plant"} <= set(edges)
    cool = next(title.split("->")[1] for title in edges if title.startswith("cool->"))
    assert sorted(hubs) == sorted([linked, cool]) and f"{cool}->plant" in edges
    assert "undercut" in edges[f"not-summer->{cool}"]
    # Every arrow points up: a reason below what it is for or against, so the thesis nothing else
    # is argued from is on the top row, and Ben's thesis, a reason against Ann's, sits under it.
    nodes = {g.findtext(f"{SVG}title"): g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()}
    middles = {name: _middle(g) for name, g in nodes.items()}
    assert all(middles[head] < middles[tail] for tail, _, head in (t.partition("->") for t in edges)), edges
    assert middles["plant"] == min(middles.values()) and middles["costly"] > middles["plant"]
    legend = texts(root.find(f"{SVG}g"))
    # The undercut comes from a question: it is drawn as a challenge.
    for words in (
        "How to read this map",
        "fill colour: Ann",
        "challenges",
        "mapper",
        "THESIS",
        "renders ID",
        "linked: premises",
    ):
        assert words in legend
    assert "renders plant" in texts(groups["ann-says"])
    title = texts(root.find(f"{SVG}g"))
    assert "Fixture map" in title and "Ann's essay" in title


def _middle(group) -> float:
    """The y of a node's centre: Graphviz centres the nodes of one rank on one line, whatever
    their heights (SVG's y grows downwards)."""
    outline = next(e for e in group.iter() if e.tag in (f"{SVG}polygon", f"{SVG}path", f"{SVG}ellipse"))
    if outline.tag == f"{SVG}ellipse":
        return float(outline.get("cy"))
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", outline.get("points") or outline.get("d"))]
    ys = numbers[1::2]
    return (min(ys) + max(ys)) / 2


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


def test_text_is_escaped_in_every_format(rendered_once: Path):
    lines = NASTY.split()
    svg_words = texts(claim_groups(svg_root(rendered_once / "map.svg"))["nasty"])
    assert " ".join(lines) in " ".join(svg_words.split())
    assert not list(svg_root(rendered_once / "map.svg").iter(f"{SVG}script"))
    page = _Tags()
    page.feed((rendered_once / "map.html").read_text(encoding="utf-8"))
    assert page.tags.count("script") == 2, "only argmap's data and code scripts"
    data = json.loads(page.scripts[0])
    assert data["claims"]["nasty"]["text"] == NASTY
    mermaid = (rendered_once / "map.mmd").read_text(encoding="utf-8")
    label = next(line for line in mermaid.splitlines() if "Trees #60;script" in line)
    assert label.count('"') == 2 and "<script" not in label and "{a|b}" not in label
    source = (rendered_once / "map.dot").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in source and "\\\\N" in source


def test_png_and_pdf_are_valid(rendered_once: Path):
    png = (rendered_once / "map.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 500 and height > 300
    pdf = (rendered_once / "map.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 5000


def test_pngs_are_screen_sized_and_pdfs_one_a3_page(tree_map: Path, tmp_path: Path):
    from argmap.render import measure, outputs

    out = tmp_path / "out"
    # A thousand-character claim makes the whole map far larger than a screen or a page.
    (tree_map / "long.yaml").write_text(
        "defaults: {author: ann, source: ann-2024, position: yes}\nclaims:\n"
        + "".join(f"  - {{id: long{n}, text: {'word ' * 200}, supports: [plant]}}\n" for n in range(12)),
        encoding="utf-8",
    )
    assert run("render", tree_map, "-o", out, "--format", "png,pdf").exit_code == 0
    for png in out.glob("*.png"):
        data = png.read_bytes()
        width, height = struct.unpack(">II", data[16:24])
        assert max(width, height) <= outputs.SCREEN_PX, png.name
        assert data[25] == 3, "a palette PNG"
    a3 = sorted(x * 72 for x in measure.A3)
    for pdf in out.glob("*.pdf"):
        data = pdf.read_bytes()
        assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 1, pdf.name
        box = [float(x) for x in re.search(rb"/MediaBox \[([^\]]*)\]", data).group(1).split()]
        assert all(side <= paper + 1 for side, paper in zip(sorted(box[2:]), a3, strict=False)), (pdf.name, box)
    big = struct.unpack(">II", (out / "map.png").read_bytes()[16:24])
    assert max(big) == outputs.SCREEN_PX


def test_rendering_is_deterministic(tree_map: Path, tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("render", tree_map, "-o", first).exit_code == 0
    assert run("render", tree_map, "-o", second, "--force").exit_code == 0
    for path in sorted(first.iterdir()):
        if path.suffix in {".dot", ".svg", ".html", ".mmd", ".json"}:
            assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_a_second_render_rewrites_nothing(tree_map: Path, rendered: Path):
    result = run("render", tree_map, "-o", rendered)
    assert "0 written, 27 unchanged" in result.output


def test_check_is_clean_after_render_and_names_stale_missing_and_edited_files(tree_map: Path, rendered: Path):
    fresh = run("render", tree_map, "-o", rendered, "--check")
    assert fresh.exit_code == 0 and "is current" in fresh.output
    (rendered / "author-ben.png").unlink()
    (rendered / "map.mmd").write_text("flowchart BT\n", encoding="utf-8")
    ben = tree_map / "ben.yaml"
    ben.write_text(ben.read_text().replace("Ann wants trees everywhere.", "Ann wants trees in every street."))
    stale = run("render", tree_map, "-o", rendered, "--check")
    assert stale.exit_code == 1
    assert f"{rendered / 'author-ben.png'}: missing" in stale.output
    assert f"{rendered / 'map.html'}: stale" in stale.output
    assert f"{rendered / 'author-ben.html'}: stale" in stale.output  # Ben's words for Ann's claim
    assert f"{rendered / 'map.mmd'}: stale" in stale.output
    for untouched in ("thesis-chain.png", "position-yes.png", "clash-plant.png", "author-ann.png"):
        assert untouched not in stale.output


def test_a_view_no_longer_drawn_is_stale_then_removed_and_nothing_else_is(tree_map: Path, rendered: Path):
    """A thesis renamed takes its focus view's name with it: the old files would linger in output/
    (and in review) unless render removes them; a --focus view and a file put there by hand stay."""
    assert run("render", tree_map, "-o", rendered, "--focus", "cool", "--depth", "1").exit_code == 0
    (rendered / "notes.html").write_text("mine", encoding="utf-8")
    ben = tree_map / "ben.yaml"
    ben.write_text(ben.read_text().replace("id: costly", "id: too-costly"))
    check = run("render", tree_map, "-o", rendered, "--check")
    assert check.exit_code == 1
    assert f"{rendered / 'focus-costly-2.html'}: its view is no longer drawn" in check.output
    assert f"{rendered / 'focus-too-costly-2.html'}: missing" in check.output
    assert "focus-cool-1" not in check.output and "notes.html" not in check.output
    again = run("render", tree_map, "-o", rendered)
    assert again.exit_code == 0, again.output
    assert f"removed {rendered / 'focus-costly-2.png'} (its view is no longer drawn)" in again.output
    assert ", 3 removed" in again.output  # its HTML, Mermaid and PNG
    assert not list(rendered.glob("focus-costly-2.*"))
    assert (rendered / "focus-cool-1.html").is_file() and (rendered / "notes.html").read_text() == "mine"
    assert run("render", tree_map, "-o", rendered, "--check").exit_code == 0


@pytest.mark.parametrize(
    "manifest",
    [
        # A hostile manifest (it is committed with output/): views and files that lead outside.
        {
            "files": {"../outside.html": "x", "sub/inner.html": "x", "notes.txt": "x"},
            "views": ["../outside", "sub/inner", "notes"],
        },
        {"files": {"map.html": "x"}, "views": "map"},  # views not a list
        {"files": ["map.html"], "views": ["map"]},  # files not a table
    ],
)
def test_a_hostile_or_broken_manifest_makes_render_delete_nothing(
    tree_map: Path, tmp_path: Path, manifest: dict[str, object]
):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    kept = [tmp_path / "outside.html", out / "sub" / "inner.html", out / "notes.txt"]
    for path in kept:
        path.write_text("keep", encoding="utf-8")
    (out / "argmap-render.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run("render", tree_map, "-o", out)
    assert result.exit_code == 0, result.output
    assert "removed" not in result.output
    assert all(path.read_text() == "keep" for path in kept)


def test_check_ignores_graphviz_bytes(tree_map: Path, tmp_path: Path):
    """Another Graphviz version lays out differently; only argmap's own source counts."""
    rendered = tmp_path / "all"
    assert run("render", tree_map, "-o", rendered, "--format", "svg,dot").exit_code == 0
    (rendered / "map.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    assert run("render", tree_map, "-o", rendered, "--format", "svg,dot", "--check").exit_code == 0
    (rendered / "map.dot").write_text("digraph {}\n", encoding="utf-8")
    edited = run("render", tree_map, "-o", rendered, "--format", "svg,dot", "--check")
    assert edited.exit_code == 1 and "map.dot: edited since it was rendered" in edited.output


def test_check_calls_drawings_stale_when_the_way_layouts_are_chosen_changes(
    tree_map: Path, rendered: Path, monkeypatch: pytest.MonkeyPatch
):
    """The same graphs measured another way may be drawn from another layout."""
    from argmap.render import outputs

    monkeypatch.setattr(outputs, "CHOOSER", "another measure")
    stale = run("render", tree_map, "-o", rendered, "--check")
    assert stale.exit_code == 1
    assert f"{rendered / 'map.html'}: stale" in stale.output
    assert f"{rendered / 'map.mmd'}" not in stale.output  # Mermaid has no layout to choose


def test_focus_renders_a_neighbourhood(tree_map: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run("render", tree_map, "-o", out, "--focus", "cool", "--depth", "1", "--format", "svg,dot")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["argmap-render.json", "focus-cool-1.dot", "focus-cool-1.svg"]
    groups = claim_groups(svg_root(out / "focus-cool-1.svg"))
    assert set(groups) == {"cool", "plant"}
    assert "focus" in groups["cool"].get("class").split()
    unknown = run("render", tree_map, "-o", out, "--focus", "nope")
    assert unknown.exit_code == 2 and "no claim 'nope'" in unknown.output


def test_views_select_what_their_names_say(tree_map: Path):
    amap = check_map(tree_map).amap
    chain = views.thesis_chain(amap)
    # Reported speech neither supports nor attacks: it is the one claim outside the chain.
    assert set(chain.claims) == ALL_CLAIMS - {"ann-says"}
    ben = next(v for v in views.by_author(amap) if v.name == "author-ben")
    # What Ben's text says: his claims and his rendering of Ann.
    assert set(ben.claims) == {"costly", "not-summer", "roots", "ann-says"}
    assert set(ben.context) == {"plant", "cool", "shade"}


def test_status_and_quote_marks_are_drawn_when_given(tree_map: Path):
    amap = check_map(tree_map).amap
    ann = Annotations(
        labels={"plant": "fails", "costly": "holds", "cool": "contested", "roots": "undecided"},
        challenged=frozenset({"cool"}),
        without_mapper={"plant": "holds"},
        quote_status={"plant": "verified", "cool": "not-found"},
    )
    svg = dot.build(amap, views.whole(amap), ann).pipe(format="svg")
    from xml.etree import ElementTree

    groups = claim_groups(ElementTree.fromstring(svg))
    assert "status-fails" in groups["plant"].get("class").split() and "FAILS" in texts(groups["plant"]).split()
    assert "status-holds" in groups["costly"].get("class").split()
    assert {"status-contested", "challenged"} <= set(groups["cool"].get("class").split())
    assert "CONTESTED" in texts(groups["cool"]) and "? challenged" in texts(groups["cool"])
    assert "status-undecided" in groups["roots"].get("class").split() and "UNDECIDED" in texts(groups["roots"])
    assert "mapper-decides" in groups["plant"].get("class").split()
    assert "the mapper's links decide (else holds)" in texts(groups["plant"])
    legend = texts(ElementTree.fromstring(svg).find(f"{SVG}g"))
    assert "not from the world" in legend and "contested: holds in some readings" in legend
    assert "quote verified in source" in texts(groups["plant"])
    assert "quote NOT found in source" in texts(groups["cool"])
    assert "status-" not in groups["shade"].get("class")


def test_large_maps_switch_to_sfdp_and_say_so(tree_map: Path):
    amap = check_map(tree_map).amap
    graph = dot.build(amap, views.whole(amap), Annotations(large_map_nodes=5))
    assert graph.engine == "sfdp" and "subgraph cluster" not in graph.source
    assert graph.pipe(format="svg").startswith(b"<?xml")


def test_a_map_with_errors_is_not_rendered(make_map, tmp_path: Path):
    folder = make_map({"c.yaml": "claims:\n  - {id: a, text: A, supports: [missing]}\n"})
    result = run("render", folder, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "not rendered" in result.output
    assert not (tmp_path / "out").exists()


def _cli(*args: str, path_dirs: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PATH": os.pathsep.join(path_dirs)}
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, env=env, cwd=REPO)


def test_doctor_renders_a_one_claim_map():
    result = _cli("doctor", path_dirs=os.environ["PATH"].split(os.pathsep))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: svg" in result.stdout and "ok: png" in result.stdout and "ok: pdf" in result.stdout


def test_without_graphviz_doctor_says_how_to_install_and_render_still_writes_dot(tree_map: Path, tmp_path: Path):
    no_dot = [str(Path(sys.executable).parent)]
    doctor = _cli("doctor", path_dirs=no_dot)
    assert doctor.returncode == 1 and "apt-get install graphviz" in doctor.stdout
    out = tmp_path / "out"
    render = _cli("render", str(tree_map), "-o", str(out), "--format", "svg,dot,mermaid", path_dirs=no_dot)
    assert render.returncode == 1 and "apt-get install graphviz" in render.stderr
    assert (out / "map.dot").is_file() and (out / "map.mmd").is_file() and not (out / "map.svg").exists()


def test_render_marks_statuses_challenges_and_the_mappers_decisions(rendered_once: Path):
    groups = claim_groups(svg_root(rendered_once / "map.svg"))
    assert {"status-fails", "challenged"} <= set(groups["plant"].get("class").split())
    assert "? challenged" in texts(groups["plant"]) and "FAILS" in texts(groups["plant"]).split()
    assert {"status-fails", "mapper-decides"} <= set(groups["shade"].get("class").split())
    assert "the mapper's links decide (else holds)" in texts(groups["shade"])
    assert "status-holds" in groups["cool"].get("class").split()


def test_a_contrary_is_one_link_with_two_heads(make_map, tmp_path: Path):
    folder = make_map({"claims.yaml": "claims:\n  - {id: a, text: A., contradicts: [b]}\n  - {id: b, text: B.}\n"})
    amap = check_map(folder).amap
    source = dot.build(amap, views.whole(amap), Annotations()).source
    # One edge, not one each way: a bar at both ends, and the legend says what it means.
    assert source.count('class="relation rebut contrary"') == 1 and source.count("->") == 1
    assert "dir=both" in source and source.count("arrowtail=tee") == 1
    assert "contradicts: the two claims attack each other" in source.replace("<BR/>", " ")


@pytest.mark.parametrize(
    ("badges", "badge", "word"), [("full", True, True), ("small", False, True), ("off", False, False)]
)
def test_badges_can_be_turned_down(tree_map: Path, tmp_path: Path, badges: str, badge: bool, word: bool):
    out = tmp_path / badges
    assert run("render", tree_map, "-o", out, "--format", "svg", "--badges", badges).exit_code == 0
    groups = claim_groups(svg_root(out / "map.svg"))
    words = texts(groups["cool"]).split()
    assert ("HOLDS" in words) is badge
    assert ("holds" in words) is (word and not badge)
    assert "status-holds" in groups["cool"].get("class").split()


def test_a_blank_title_renders(make_map, tmp_path: Path):
    # Found by the page's property test: Graphviz refuses bold text that is only white space.
    folder = make_map({"map.yaml": "argmap: 1\ntitle: '\n\n  '\n", "claims.yaml": "claims:\n  - {id: a, text: A.}\n"})
    result = run("render", folder, "-o", tmp_path / "out", "--format", "svg")
    assert result.exit_code == 0, result.output
    assert "Argument map" in texts(svg_root(tmp_path / "out" / "map.svg"))


def test_the_command_line_offers_the_formats_of_the_table():
    """`argmap.render.FORMATS` is what `--format` offers without importing Graphviz; the table in
    outputs is what makes each file."""
    from argmap import render
    from argmap.render import outputs

    assert tuple(outputs.FORMATS) == render.FORMATS
    assert set(render.DEFAULT_FORMATS) <= set(render.FORMATS)
    assert [f for f, how in outputs.FORMATS.items() if how.picture] == ["png", "pdf"]


def test_check_lays_nothing_out(tree_map: Path, rendered: Path):
    """Render chooses each view's layout among several when it writes; `--check` compares
    digests of every graph it would try, so it needs no Graphviz and stays quick."""
    no_dot = [str(Path(sys.executable).parent)]
    check = _cli("render", str(tree_map), "-o", str(rendered), "--check", path_dirs=no_dot)
    assert check.returncode == 0 and "is current" in check.stdout, check.stdout + check.stderr
