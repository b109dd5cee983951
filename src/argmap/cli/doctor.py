"""`argmap doctor`: can this machine render? A self-test of the whole rendering path."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from argmap.cli.common import EXIT_OK, EXIT_PROBLEMS

PROBE_TEXT = "argmap doctor: this claim should appear in the SVG"
PROBE_MAP = {
    "map.yaml": "argmap: 1\ntitle: argmap doctor\nauthors: [{id: doctor, name: Doctor}]\n",
    "claims.yaml": f"claims:\n  - {{id: probe, author: doctor, kind: thesis, text: '{PROBE_TEXT}'}}\n",
}


def svg_text(svg: bytes) -> str:
    """The words an SVG shows, its wrapped lines joined by spaces."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)
    return " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))


@click.command()
def doctor() -> None:
    """Check that argmap can render here: render a one-claim map and look for its text in the SVG."""
    import graphviz

    from argmap.cli.render import INSTALL_GRAPHVIZ
    from argmap.render import outputs, views
    from argmap.render.annotate import Annotations

    click.echo(f"python package graphviz {graphviz.__version__}")
    if not outputs.graphviz_available():
        click.echo(
            f"FAIL: Graphviz's `dot` is not on PATH; {INSTALL_GRAPHVIZ}. "
            "Without it `argmap render` still writes DOT and Mermaid."
        )
        sys.exit(EXIT_PROBLEMS)
    click.echo("Graphviz dot {}".format(".".join(map(str, graphviz.version()))))
    with tempfile.TemporaryDirectory(prefix="argmap-doctor-") as tmp:
        folder = Path(tmp)
        for name, text in PROBE_MAP.items():
            (folder / name).write_text(text, encoding="utf-8")
        from argmap.check import check_map

        amap = check_map(folder).amap
        planned = outputs.plan(amap, [views.whole(amap)], ["svg", "png", "pdf"], Annotations())
        try:
            made = {p.name.rsplit(".", 1)[1]: p.make() for p in planned.files}
        except outputs.RenderError as exc:
            click.echo(f"FAIL: {exc}")
            sys.exit(EXIT_PROBLEMS)
    checks = {
        "svg": PROBE_TEXT in svg_text(made["svg"]),
        "png": made["png"].startswith(b"\x89PNG\r\n\x1a\n"),
        "pdf": made["pdf"].startswith(b"%PDF-"),
    }
    for fmt, ok in checks.items():
        click.echo(f"{'ok' if ok else 'FAIL'}: {fmt} ({len(made[fmt])} bytes)")
    if not all(checks.values()):
        click.echo("FAIL: Graphviz runs but does not render correctly; reinstall it. " + INSTALL_GRAPHVIZ)
        sys.exit(EXIT_PROBLEMS)
    click.echo("argmap can render SVG, PNG, PDF, DOT, HTML and Mermaid here")
    sys.exit(EXIT_OK)
