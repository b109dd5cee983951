"""The Mermaid output is read by Mermaid itself (the npm package, in headless Chromium), as
GitHub and GitLab read it: every view parses, and a claim full of markup renders as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import npm_package
from tests.render.test_html_browser import CHROMIUM, sync_api

pytestmark = [
    pytest.mark.browser,
    pytest.mark.npm,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def mermaid_page():
    script = npm_package("mermaid", "mermaid@11", "mermaid/dist/mermaid.min.js")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        tab = browser.new_page()
        tab.set_content("<!doctype html><html><body><div id='out'></div></body></html>")
        tab.add_script_tag(path=str(script))
        tab.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield tab
        browser.close()


def test_every_view_parses_and_renders_with_mermaid(mermaid_page, rendered_once: Path):
    views = sorted(rendered_once.glob("*.mmd"))
    assert views
    for view in views:
        svg = mermaid_page.evaluate(
            "async (src) => { await mermaid.parse(src); return (await mermaid.render('v', src)).svg; }",
            view.read_text(encoding="utf-8"),
        )
        assert svg.startswith("<svg"), view.name


def test_markup_in_a_claim_renders_as_text(mermaid_page, rendered_once: Path):
    source = (rendered_once / "map.mmd").read_text(encoding="utf-8")
    shown = mermaid_page.evaluate(
        "async (src) => { const out = document.getElementById('out');"
        " out.innerHTML = (await mermaid.render('m', src)).svg;"
        " return {text: out.textContent, scripts: out.querySelectorAll('script').length}; }",
        source,
    )
    assert shown["scripts"] == 0
    assert "<script>alert(1)</script>" in shown["text"]
    assert '"shade" {a|b}' in shown["text"]


def test_labels_wrap_once_at_mermaids_width_and_keep_their_size(mermaid_page, rendered_once: Path):
    source = (rendered_once / "map.mmd").read_text(encoding="utf-8")
    # argmap breaks a label only between header, text and footer; Mermaid wraps the text.
    label = next(line for line in source.splitlines() if "Are summers hot enough here" in line)
    assert label.count("<br/>") == 2 and "Are summers hot enough here for shade to matter?" in label
    shown = mermaid_page.evaluate(
        "async (src) => { const out = document.getElementById('out');"
        " out.innerHTML = (await mermaid.render('w', src)).svg;"
        " const svg = out.querySelector('svg');"
        " const label = [...out.querySelectorAll('foreignObject div')].find("
        "   d => d.textContent.includes('Are summers hot enough'));"
        " return {maxWidth: getComputedStyle(label).maxWidth, height: label.getBoundingClientRect().height,"
        "         svgWidth: svg.getAttribute('width'), style: svg.getAttribute('style') || ''}; }",
        source,
    )
    assert shown["maxWidth"] == "220px"
    # Header, the wrapped text and the footer: more than three lines of about 24 px.
    assert shown["height"] > 4 * 18
    assert "max-width" not in shown["style"] and float(shown["svgWidth"]) > 300


def test_a_contrary_parses_with_a_cross_at_both_ends(mermaid_page, tmp_path: Path):
    from tests.conftest import run, write_map

    folder = write_map(
        tmp_path / "m",
        {
            "claims.yaml": "claims:\n  - {id: a, text: A., contradicts: [b]}\n"
            "  - {id: b, text: B., contradicts: [{to: c, mapper: true}]}\n"
            "  - {id: c, text: C.}\n"
        },
    )
    assert run("render", folder, "-o", tmp_path / "out", "--format", "mermaid").exit_code == 0
    source = (tmp_path / "out" / "map.mmd").read_text(encoding="utf-8")
    assert "c1 x--- i1" in source and "c2 x-.- i2" in source
    svg = mermaid_page.evaluate(
        "async (src) => { await mermaid.parse(src); return (await mermaid.render('c', src)).svg; }", source
    )
    assert svg.startswith("<svg")
