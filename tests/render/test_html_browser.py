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
