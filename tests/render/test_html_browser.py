"""The HTML page in a real browser: Debian's headless Chromium driven by Playwright, with real
clicks, wheel turns, drags and key presses, asserting what the reader then sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the `test` extra")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed"),
]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        # Never a downloaded browser: the system's Chromium, with no network.
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


class Page:
    """One tab on a rendered page, with the requests and errors it saw."""

    def __init__(self, browser, folder: Path) -> None:
        self.tab = browser.new_page(viewport={"width": 1200, "height": 800})
        self.folder = folder
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.tab.on("request", lambda r: self.requests.append(r.url))
        self.tab.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, name: str) -> Page:
        file, _, fragment = name.partition("#")
        self.tab.goto((self.folder / file).as_uri() + (f"#{fragment}" if fragment else ""))
        return self

    def box(self, selector: str) -> dict:
        return self.tab.locator(selector).bounding_box()

    def centre(self, selector: str) -> tuple[float, float]:
        b = self.box(selector)
        return b["x"] + b["width"] / 2, b["y"] + b["height"] / 2

    def off_centre(self, selector: str) -> float:
        """How far the element's centre is from the map pane's centre, in pixels."""
        (x, y), (mx, my) = self.centre(selector), self.centre("#map")
        return max(abs(x - mx), abs(y - my))

    def classes(self, cid: str) -> list[str]:
        return (self.tab.get_attribute(f"#claim-{cid}", "class") or "").split()

    def panel(self) -> str:
        return self.tab.locator("#details").inner_text()


@pytest.fixture
def page(browser, rendered_once: Path):
    opened = Page(browser, rendered_once)
    yield opened
    assert opened.errors == []
    assert all(url.startswith("file:") for url in opened.requests), "the page fetched something"
    opened.tab.close()


def test_clicking_a_claim_shows_its_quote_source_and_relations(page, tmp_path: Path):
    tab = page.open("map.html").tab
    tab.click("#claim-plant")
    panel = tab.locator("#details")
    assert panel.locator("blockquote.quote").inner_text() == "The town should plant trees."
    text = panel.inner_text()
    assert "Ann, \u201cAnn's essay\u201d" in text and "\u00b61" in text
    assert "Supported by" in text and "Attacked by" in text and "Trees cost too much to maintain." in text
    assert "hl-support" in page.classes("cool") and "hl-support" in page.classes("shade")
    assert "hl-attack" in page.classes("costly")
    assert tab.evaluate("location.hash") == "#plant"
    tab.screenshot(path=str(tmp_path / "clicked.png"))
    assert (tmp_path / "clicked.png").read_bytes().startswith(b"\x89PNG")


def test_a_claim_with_markup_shows_as_text(page):
    tab = page.open("map.html").tab
    tab.click("#claim-nasty")
    assert "<script>alert(1)</script>" in tab.locator("#details p.text").inner_text()


def test_the_wheel_zooms_around_the_pointer(page):
    tab = page.open("map.html").tab
    before = page.box("#claim-plant")
    x, y = page.centre("#claim-plant")
    tab.mouse.move(x, y)
    tab.mouse.wheel(0, -400)
    after = page.box("#claim-plant")
    assert after["width"] > before["width"] * 1.5
    # The point under the pointer stays under it.
    assert abs(page.centre("#claim-plant")[0] - x) < 3 and abs(page.centre("#claim-plant")[1] - y) < 3
    tab.mouse.wheel(0, 800)
    assert page.box("#claim-plant")["width"] < before["width"]
    # Ctrl + wheel is how a trackpad's pinch arrives.
    width = page.box("#claim-plant")["width"]
    tab.keyboard.down("Control")
    tab.mouse.wheel(0, -60)
    tab.keyboard.up("Control")
    assert page.box("#claim-plant")["width"] > width * 1.3


def test_dragging_moves_the_map_and_selects_nothing(page):
    tab = page.open("map.html").tab
    before = page.box("#claim-roots")
    x, y = page.centre("#claim-roots")
    tab.mouse.move(x, y)
    tab.mouse.down()
    tab.mouse.move(x - 60, y + 40, steps=5)
    tab.mouse.move(x - 120, y + 80, steps=5)
    tab.mouse.up()
    after = page.box("#claim-roots")
    assert abs(after["x"] - (before["x"] - 120)) < 2 and abs(after["y"] - (before["y"] + 80)) < 2
    assert "sel" not in page.classes("roots")
    assert "Click a claim" in page.panel()


def test_fit_shows_the_whole_drawing_on_both_axes(page):
    tab = page.open("map.html").tab
    tab.mouse.move(*page.centre("#map"))
    tab.mouse.wheel(0, -1500)
    assert page.box("svg")["width"] > page.box("#map")["width"]
    tab.click("#fit")
    drawing, pane = page.box("svg"), page.box("#map")
    assert drawing["x"] >= pane["x"] - 1 and drawing["y"] >= pane["y"] - 1
    assert drawing["x"] + drawing["width"] <= pane["x"] + pane["width"] + 1
    assert drawing["y"] + drawing["height"] <= pane["y"] + pane["height"] + 1
    # It fills the pane along one axis at least.
    assert drawing["width"] > pane["width"] - 2 or drawing["height"] > pane["height"] - 2


def test_a_deep_link_opens_with_the_claim_centred_and_its_panel_shown(page):
    page.open("map.html#roots")
    assert page.off_centre("#claim-roots") < 3
    assert "Roots break pavements." in page.panel() and "sel" in page.classes("roots")
    page.open("map.html#claim-shade")
    assert page.off_centre("#claim-shade") < 3 and "Shade keeps people outside." in page.panel()


def test_a_relation_in_the_panel_brings_its_other_end_into_view(page):
    tab = page.open("map.html#plant").tab
    tab.mouse.move(*page.centre("#map"))
    tab.mouse.wheel(0, -1200)
    tab.locator("#details a[data-claim='costly']").click()
    assert page.off_centre("#claim-costly") < 3
    assert "sel" in page.classes("costly") and "Trees cost too much to maintain." in page.panel()
    assert tab.evaluate("location.hash") == "#costly"


def test_a_claim_outside_a_view_opens_in_the_whole_map(page):
    tab = page.open("author-ben.html#plant").tab
    outside = tab.locator("#details a.outside", has_text="Time outside is good for health.")
    assert outside.get_attribute("href") == "map.html#health"
    outside.click()
    tab.wait_for_url("**/map.html#health")
    assert page.off_centre("#claim-health") < 3 and "Time outside is good for health." in page.panel()
    # Any claim of a smaller view opens in the whole map, with all its relations drawn.
    page.open("thesis-chain.html#cool")
    tab.locator("#details a", has_text="See it in the whole map").click()
    tab.wait_for_url("**/map.html#cool")
    assert page.off_centre("#claim-cool") < 3 and not tab.locator("#details a.outside").count()


def test_the_keyboard_reaches_every_claim_and_search(page):
    tab = page.open("map.html").tab
    tab.focus("#claim-plant")
    tab.keyboard.press("Tab")
    second = tab.evaluate("document.activeElement.id")
    assert second.startswith("claim-") and second != "claim-plant"
    assert page.off_centre(f"#{second}") < 3, "a claim reached by Tab is brought into view"
    tab.keyboard.press("Enter")
    assert "sel" in page.classes(second.removeprefix("claim-"))
    tab.keyboard.press("Escape")
    assert "sel" not in page.classes(second.removeprefix("claim-")) and tab.evaluate("location.hash") == ""
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "search"
    tab.keyboard.type("trees")
    assert tab.locator("#count").inner_text() == "5 matches"
    current = lambda: tab.evaluate("document.querySelector('g.claim.current').id")  # noqa: E731
    first = current()
    assert page.off_centre(f"#{first}") < 3
    tab.keyboard.press("Enter")
    assert current() != first and page.off_centre(f"#{current()}") < 3
    assert tab.locator("#count").inner_text() == "2 of 5 matches"
    tab.keyboard.press("Escape")
    assert tab.input_value("#search") == "" and not tab.locator("g.claim.match").count()


def test_search_marks_the_matching_claims(page):
    tab = page.open("map.html").tab
    tab.fill("#search", "pavements")
    assert tab.locator("#count").inner_text() == "1 match"
    assert "match" in page.classes("roots")


def test_every_page_lists_every_view(page, rendered_once: Path):
    tab = page.open("thesis-chain.html").tab
    tab.click("#views summary")
    links = tab.locator("#views a")
    names = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert names == [
        f"{stem}.html"
        for stem in (
            "map",
            "thesis-chain",
            "clash-plant",
            "focus-plant-2",
            "focus-costly-2",
            "position-yes",
            "position-no",
            "author-ann",
            "author-ben",
        )
    ]
    assert all((rendered_once / name).is_file() for name in names)
    assert tab.locator("#views a[aria-current=page]").get_attribute("href") == "thesis-chain.html"
    tab.locator("#views a", has_text="The clash").click()
    tab.wait_for_url("**/clash-plant.html")


def test_the_panel_shows_the_status_for_a_lay_reader(page):
    tab = page.open("map.html").tab
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


def test_the_panel_shows_a_contested_claim(page, tmp_path: Path):
    from tests.conftest import run, write_map

    folder = write_map(
        tmp_path / "m", {"claims.yaml": "claims:\n  - {id: a, text: A., contradicts: [b]}\n  - {id: b, text: B.}\n"}
    )
    assert run("render", folder, "-o", tmp_path / "out", "--format", "html").exit_code == 0
    tab = Page(page.tab.context.browser, tmp_path / "out").open("map.html").tab
    tab.click("#claim-a")
    assert tab.locator("#details h2 .badge").inner_text() == "contested"
    assert "contested: holds in some readings, fails in others" in tab.locator("#details").inner_text()
    assert "status-contested" in tab.get_attribute("#claim-b", "class")
    tab.close()
