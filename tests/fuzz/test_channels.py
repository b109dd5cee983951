"""Property: whatever a map's texts, ids, names, URLs and notes hold, every output channel keeps
them text (issue 19). Hypothesis writes maps from a hostile alphabet (markup of every output
language, control and bidi characters, `javascript:` and `data:` URLs, DOT and Mermaid syntax,
YAML escapes); every command runs on them and every format is rendered, and:

- a map `check` passes renders (Graphviz succeeds); a map with errors renders nothing;
- the SVG parses as XML and the HTML page as HTML; no `javascript:`/`data:` link, no event
  handler attribute, no script but argmap's own (its hash is the page's CSP);
- Mermaid labels cannot end early: no raw quote, bracket or `click` line;
- terminal output (text, JSON, GitHub annotations) has no raw control or bidi character;
- in headless Chromium the page runs no script of the map's and every click stays inert.

Bounded in an ordinary run (CHANNEL_EXAMPLES, BROWSER_EXAMPLES); `tests/fuzz/run_long.sh -k channels`
runs thousands (ARGMAP_FUZZ_EXAMPLES=5000: 3,333 maps, 1,250 of them in Chromium).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from tests.conftest import run
from tests.fuzz.profiles import FUZZ

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

#: Pieces of hostile text: each output language's markup, terminal and bidi controls, URLs.
HOSTILE = [
    # DOT and Graphviz HTML-like labels, escString escapes
    "<",
    ">",
    "<b>",
    "</TABLE>>",
    '<<TABLE><TR><TD HREF="javascript:alert(1)">x</TD></TR></TABLE>>',
    ' URL="javascript:window.pwned=1" ',
    "label=<PWNED>",
    '"]; evil [label="x',
    "\\N",
    "\\G",
    "\\l",
    "\\",
    "}",
    "{",
    "->",
    "--",
    ";",
    # HTML, SVG, JavaScript
    "<script>window.pwned=1</script>",
    "<img src=x onerror=window.pwned=1>",
    "<svg onload=window.pwned=1>",
    "</script><script>window.pwned=1</script>",
    "&amp;",
    "&#60;",
    "&lt;",
    "<!--",
    "]]>",
    "'",
    '"',
    "`",
    "javascript:window.pwned=1",
    "data:text/html,<script>window.pwned=1</script>",
    "\u2028",
    # Mermaid
    '"]',
    "[",
    "]",
    "((",
    "))",
    "|",
    "%%",
    "click c1 call alert(1)",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "#60;",
    "-->",
    "classDef x",
    '\nclick c1 href "javascript:alert(1)"\n',
    # Markdown
    "**",
    "_",
    "~~",
    "[x](javascript:window.pwned=1)",
    "![x](data:image/png;base64,AAAA)",
    "#",
    "\n---\n",
    "|-|",
    # terminal: ESC sequences, bidi controls, invisible characters, line breaks
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\x07",
    "\x00",
    "\x9b",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\r",
    "\n",
    "\t",
    "\x85",
    # YAML-looking text (it is dumped quoted; the loader must keep it text)
    "&a ",
    "*a",
    "!!python/object/apply:os.system ['true']",
    ": ",
    "- ",
    "? ",
    "'",
    "%YAML",
    # plain words and other scripts
    "word",
    " ",
    "é",
    "中文",
    "\U0001f600",
]
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

pieces = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=3)), min_size=1, max_size=6).map("".join)
#: Some texts shaped as a whole like a Graphviz HTML-like string, `<...>`.
texts = st.one_of(pieces, pieces.map(lambda t: f"<{t}>"))
clean_texts = texts.map(lambda t: CONTROLS.sub("", t) or "x")
ids = st.one_of(
    st.from_regex(r"[a-z0-9][a-z0-9._-]{0,8}", fullmatch=True),
    st.sampled_from(["node", "graph", "edge", "subgraph", "strict", "1", "1.5", "é", "страх", "中文"]),
)
SAFE_URLS = [
    'https://example.org/?q=<script>&x="y"',
    'https://example.org/"onmouseover="window.pwned=1',
    "mailto:a@example.org",
    "http://example.org/'><svg onload=window.pwned=1>",
    "https://e.org/\u202e",
]
REFUSED_URLS = [
    "javascript:window.pwned=1",
    "JAVASCRIPT:window.pwned=1",
    " javascript:window.pwned=1",
    "data:text/html,<script>window.pwned=1</script>",
    "vbscript:x",
    "file:///etc/passwd",
    "//x.org",
]


@st.composite
def hostile_maps(draw, refusable: bool | None = None) -> dict[str, str]:
    """map.yaml and claims.yaml of a map whose every free text is hostile.

    Most maps hold no control character and no refused URL, so that they pass `check` and are
    rendered; the others (`refusable`) must be refused, by Y013 and Y011."""
    refusable = draw(st.integers(0, 4)) == 0 if refusable is None else refusable
    text = lambda: draw(texts if refusable else clean_texts)  # noqa: E731
    url = lambda: draw(st.sampled_from(SAFE_URLS + (REFUSED_URLS if refusable else [])))  # noqa: E731
    who = draw(st.lists(ids, min_size=1, max_size=2, unique=True))
    authors = [{"id": a, "name": text(), "url": url()} for a in who]
    sources = [
        {"id": f"s{n}", "author": a, "title": text(), "url": url(), "publisher": text()} for n, a in enumerate(who)
    ]
    positions = [{"id": "p", "label": text(), "description": text()}]
    manifest = {
        "argmap": 1,
        "title": text(),
        "description": text(),
        "authors": authors,
        "sources": sources,
        "positions": positions,
    }
    cids = draw(st.lists(ids, min_size=2, max_size=4, unique=True))
    claims = []
    for n, cid in enumerate(cids):
        author = draw(st.sampled_from(range(len(who))))
        claim = {
            "id": cid,
            "text": text(),
            "author": who[author],
            "source": f"s{author}",
            "position": "p",
            "note": text(),
            "locator": text(),
            "tags": draw(st.lists(ids, max_size=2, unique=True)),
        }
        if n == 0:
            claim["kind"] = "thesis"
        else:
            claim["supports" if n % 2 else "rebuts"] = [{"to": cids[0], "note": text(), "mapper": n == 3}]
        claims.append(claim)
    return {"map.yaml": _dumped(manifest), "claims.yaml": _dumped({"claims": claims})}


def _dumped(doc: dict) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000)


#: The review's own case (issue 19, item 1) and a `javascript:` source link: always among the examples.
REVIEW_CASE = {
    "map.yaml": _dumped(
        {
            "argmap": 1,
            "title": "T",
            "authors": [{"id": "a", "name": "A"}],
            "sources": [{"id": "s", "author": "a", "title": "S", "url": "https://example.org/"}],
        }
    ),
    "claims.yaml": _dumped(
        {
            "claims": [
                {"id": "t", "kind": "thesis", "author": "a", "source": "s", "text": "Plant trees."},
                {
                    "id": "x",
                    "author": "a",
                    "source": "s",
                    "supports": ["t"],
                    "text": '<b> URL="javascript:window.pwned=1" label=<PWNED>',
                },
            ]
        }
    ),
}


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def raw_characters(output: str) -> list[str]:
    """Characters a terminal would act on or hide: anything not printable but the line feed."""
    return sorted({c for c in output if c != "\n" and not c.isprintable()})


class _Page(HTMLParser):
    """What an HTML page links to and runs: hrefs, event handlers, script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.handlers: list[str] = []
        self.scripts: list[dict] = []
        self._in_script: dict | None = None
        self.csp = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.links += [v or "" for k, v in attrs if k.endswith("href") or k in ("src", "action", "formaction")]
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = values.get("content") or ""
        if tag == "script":
            self._in_script = {"type": values.get("type"), "text": ""}
            self.scripts.append(self._in_script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script["text"] += data


SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.I)
#: argmap's own links to the other views of a render: a page beside this one, named after a view
#: (an id holds no `:` or `/`, so no scheme and no other folder), with a claim's id after `#`.
VIEW_LINK = re.compile(r"^[\w.-]+\.html(#[^:/]*)?$")


def assert_page_is_inert(page: str) -> None:
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    assert [link for link in parsed.links if not (SAFE_LINK.match(link.strip()) or VIEW_LINK.match(link.strip()))] == []
    assert parsed.handlers == []
    code = [s for s in parsed.scripts if s["type"] != "application/json"]
    assert len(code) == 1, "argmap's script is the page's one script"
    digest = base64.b64encode(hashlib.sha256(code[0]["text"].encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in parsed.csp and "unsafe-inline'" not in parsed.csp.split("style-src")[0]


def assert_svg_is_inert(svg: str) -> None:
    tree = ET.fromstring(svg)
    for element in tree.iter():
        for name, value in element.attrib.items():
            assert not name.split("}")[-1].startswith("on"), name
            if name.endswith("href"):
                assert SAFE_LINK.match(value.strip()), value
        assert element.tag.split("}")[-1] not in ("script", "foreignObject")


MERMAID_LINE = re.compile(
    r'^(---|title: ".*"|config:|  flowchart:|    wrappingWidth: \d+|    useMaxWidth: false|flowchart BT|  \w+\["[^"\[\]]*"\]|  \w+\(\("[^"]*"\)\)|  [\w-]+ .*|%% .*)$'
)


def assert_mermaid_is_inert(source: str) -> None:
    for line in source.splitlines():
        assert MERMAID_LINE.match(line), line
        assert not line.strip().startswith("click"), line
        if line.startswith("title: "):
            assert isinstance(json.loads(line[len("title: ") :]), str)


def commands(m: str, base: str, ident: str) -> list[list[str]]:
    return [
        ["check", m, "--no-color"],
        ["check", m, "--format", "json"],
        ["check", m, "--format", "github"],
        ["check", m, "--format", "sarif"],
        ["list", m],
        ["list", m, "--format", "json"],
        ["show", ident, m],
        ["stats", m],
        ["stats", m, "--format", "json"],
        ["evaluate", m],
        ["explain", ident, m],
        ["diff", base, m],
        ["diff", base, m, "--format", "markdown"],
        ["export", "json", m],
        ["export", "aif", m],
        ["export", "argdown", m],
    ]


def _edit_and_round_trip(root: Path, files: dict[str, str], ident: str) -> None:
    """`add` a hostile claim to a copy of the map, then `export` it to JSON and `import` it back."""
    copy = write(root / "added", files)
    text = yaml.safe_load(files["claims.yaml"])["claims"][-1]["text"]
    results = [run("add", copy, "--to", copy / "claims.yaml", "--text", text, "--supports", ident, "--id", "new")]
    results.append(run("export", "json", root / "m", "-o", root / "m.json"))
    if (root / "m.json").exists():
        results.append(run("import", "json", root / "m.json", "-o", root / "back"))
    for result in results:
        assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output, result.output
        assert raw_characters(result.output) == [], result.output
    if results[-1].exit_code == 0 and len(results) == 3:
        assert run("check", root / "back").exit_code in (0, 1)


#: Examples per run: 40 and 15 in the `ci` profile; the `long` one scales them up alike.
CHANNEL_EXAMPLES = FUZZ.max_examples * 2 // 3
BROWSER_EXAMPLES = max(1, FUZZ.max_examples // 4)


@pytest.mark.slow
@needs_dot
@settings(FUZZ, max_examples=CHANNEL_EXAMPLES)
@given(files=hostile_maps())
@example(files=REVIEW_CASE)
def test_hostile_text_stays_text_in_every_channel(tmp_path_factory, files: dict[str, str]) -> None:
    root = tmp_path_factory.mktemp("hostile")
    folder = write(root / "m", files)
    base = write(root / "base", {"map.yaml": files["map.yaml"], "claims.yaml": "claims: []\n"})
    ident = yaml.safe_load(files["claims.yaml"])["claims"][0]["id"]
    outputs = {args[0] + " " + " ".join(args[-2:]): run(*args) for args in commands(str(folder), str(base), ident)}
    for name, result in outputs.items():
        assert result.exit_code in (0, 1, 2), (name, result.output)
        assert "Traceback" not in result.output, name
        if name.startswith("export argdown"):  # Argdown has no escapes: raw, but to a pipe only
            assert not CONTROLS.search(result.output), (name, result.output)
        else:
            assert raw_characters(result.output) == [], (name, result.output)
    for fmt in ("json", "sarif"):
        json.loads(outputs[f"check --format {fmt}"].output)
    _edit_and_round_trip(root, files, ident)
    failed = outputs["check --format json"].output
    errors = any(d["severity"] == "error" for d in json.loads(failed)["diagnostics"])
    out = root / "out"
    rendered = run("render", folder, "-o", out, "--format", "svg,dot,html,mermaid")
    if errors:
        assert rendered.exit_code == 1 and not out.exists(), rendered.output
        event(
            "refused: "
            + ",".join(sorted({d["code"] for d in json.loads(failed)["diagnostics"] if d["severity"] == "error"}))
        )
        return
    event("rendered")
    assert rendered.exit_code == 0, rendered.output  # a map `check` passes renders: Graphviz succeeded
    for svg in out.glob("*.svg"):
        assert_svg_is_inert(svg.read_text(encoding="utf-8"))
    for page in out.glob("*.html"):
        assert_page_is_inert(page.read_text(encoding="utf-8"))
    for mmd in out.glob("*.mmd"):
        assert_mermaid_is_inert(mmd.read_text(encoding="utf-8"))


# -- the page in a browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the `test` extra")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
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


@pytest.mark.slow
@pytest.mark.browser
@needs_dot
@settings(FUZZ, max_examples=BROWSER_EXAMPLES)
@given(files=hostile_maps(refusable=False))
@example(files=REVIEW_CASE)
def test_the_page_runs_no_script_of_the_map_and_clicks_stay_inert(browser, tmp_path_factory, files) -> None:
    root = tmp_path_factory.mktemp("page")
    folder = write(root / "m", files)
    out = root / "out"
    if run("render", folder, "-o", out, "--format", "svg,html").exit_code != 0:
        assert run("check", folder).exit_code == 1, "a map `check` passes renders"
        event("refused")
        return  # refused for a rule's error: the other property test checks which
    event("rendered")
    page_url = (out / "map.html").as_uri()
    tab = browser.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        tab.goto(page_url)
        for claim in range(tab.locator("g.claim").count()):
            tab.locator("g.claim").nth(claim).click(force=True, timeout=5000)
            hrefs = tab.eval_on_selector_all("#details a", "links => links.map(a => a.getAttribute('href'))")
            # A source's page is never followed here, only its scheme checked; a link to another
            # claim (`#id`) runs argmap's own handler, which redraws the panel and names the claim
            # after the page's address.
            assert [h for h in hrefs if h is not None and not SAFE_LINK.match(h)] == []
            if any(h and h.startswith("#") for h in hrefs):
                tab.locator("#details a[href^='#']").first.dispatch_event("click")
            assert tab.url.split("#")[0] == page_url, "a click navigated away"
        for n in range(tab.locator("g.inference").count()):
            tab.locator("g.inference").nth(n).click(force=True, timeout=5000)
        # Every element with text of the map is clicked too, but a source's own page (http, https,
        # mailto, checked above) is not followed.
        tab.eval_on_selector_all(
            "svg a, svg text, #details :not(a[href])",
            "els => els.forEach(e => e.dispatchEvent(new MouseEvent('click', {bubbles: true})))",
        )
        assert tab.url.split("#")[0] == page_url
        assert tab.evaluate("window.pwned") is None, "a script of the map ran"
        assert dialogs == []
    finally:
        tab.close()
