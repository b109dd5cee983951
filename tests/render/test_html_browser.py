"""The HTML page in a real browser: Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the `test` extra")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed"),
]


@pytest.fixture(scope="module")
def page(rendered_once: Path):
    with sync_api.sync_playwright() as pw:
        # Never a downloaded browser: the system's Chromium, with no network.
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        tab = browser.new_page(viewport={"width": 1600, "height": 1000})
        requests: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto((rendered_once / "map.html").as_uri())
        yield tab, requests, errors
        browser.close()


def test_clicking_a_claim_shows_its_quote_source_and_relations(page, rendered_once: Path, tmp_path: Path):
    tab, requests, errors = page
    tab.click("#claim-plant")
    panel = tab.locator("#details")
    assert panel.locator("blockquote.quote").inner_text() == "The town should plant trees."
    text = panel.inner_text()
    assert "Ann, \u201cAnn's essay\u201d" in text and "\u00b61" in text
    assert "Supported by" in text and "Attacked by" in text and "Trees cost too much to maintain." in text
    classes = lambda cid: tab.get_attribute(f"#claim-{cid}", "class")  # noqa: E731
    assert "hl-support" in classes("cool") and "hl-support" in classes("shade")
    assert "hl-attack" in classes("costly")
    tab.screenshot(path=str(tmp_path / "clicked.png"))
    assert (tmp_path / "clicked.png").read_bytes().startswith(b"\x89PNG")
    assert errors == [] and all(url.startswith("file:") for url in requests)


def test_a_claim_with_markup_shows_as_text(page):
    tab, _, errors = page
    tab.click("#claim-nasty")
    assert "<script>alert(1)</script>" in tab.locator("#details p.text").inner_text()
    assert errors == []


def test_search_marks_the_matching_claims(page):
    tab, _, _ = page
    tab.fill("#search", "pavements")
    assert tab.locator("#count").inner_text() == "1 match"
    assert "match" in tab.get_attribute("#claim-roots", "class")


def test_the_panel_shows_the_status_for_a_lay_reader(page):
    tab, _, errors = page
    tab.click("#claim-plant")
    panel = tab.locator("#details")
    assert panel.locator("h2 .badge").inner_text() == "fails"
    assert "fails" in panel.locator("h2 .badge").get_attribute("class").split()
    text = panel.inner_text()
    assert "fails in every reading of the map" in text and "? challenged" in text
    assert "Are summers hot enough here for shade to matter? (challenges)" in text
    assert "a status follows from how the map encodes the debate, not from the world" in text
    tab.click("#claim-shade")
    text = panel.inner_text()
    assert "the mapper's links decide (else holds)" in text
    tab.click("#claim-cool")
    assert panel.locator("h2 .badge").inner_text() == "holds" and "holds in every reading" in panel.inner_text()
    assert errors == []


def test_the_panel_shows_a_contested_claim(page, tmp_path: Path):
    from tests.conftest import run, write_map

    folder = write_map(tmp_path / "m", {"claims.yaml": "claims:\n  - {id: a, text: A., contradicts: [b]}\n"
                                                        "  - {id: b, text: B.}\n"})
    assert run("render", folder, "-o", tmp_path / "out", "--format", "html").exit_code == 0
    tab = page[0].context.browser.new_page()
    tab.goto((tmp_path / "out" / "map.html").as_uri())
    tab.click("#claim-a")
    assert tab.locator("#details h2 .badge").inner_text() == "contested"
    assert "contested: holds in some readings, fails in others" in tab.locator("#details").inner_text()
    assert "status-contested" in tab.get_attribute("#claim-b", "class")
    tab.close()
