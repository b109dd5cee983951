"""The security review's cases (issue 19), each through the CLI: a map's text reaches DOT, SVG,
HTML, Mermaid, Markdown and the terminal as text only, and a map `check` passes renders."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import run, write_map

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

INJECTION = '<b> URL="javascript:alert(1)" label=<PWNED>'
HTML_LIKE = "<i>a</i> b <c>"


def _map(tmp_path: Path, text: str, note: str = "A note.") -> Path:
    claims = (
        "claims:\n  - {id: plant, author: ann, source: ann-2024, kind: thesis, text: The town should plant trees.}\n"
        f"  - id: odd\n    author: ben\n    source: ben-2024\n    text: {text}\n    note: {note}\n"
        "    supports: [plant]\n"
    )
    return write_map(tmp_path / "m", {"claims.yaml": claims})


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@needs_dot
@pytest.mark.parametrize("text", [INJECTION, HTML_LIKE, "<<TABLE>> \\N \\G \\L \\", 'a\\" ] [x=<y>', "]", "]]"])
def test_claim_text_shaped_like_dot_html_renders_as_text(tmp_path: Path, text: str) -> None:
    folder = _map(tmp_path, _quoted(text), note=_quoted(text))
    assert run("check", folder).exit_code == 0
    result = run("render", folder, "-o", tmp_path / "out", "--format", "svg,dot")
    assert result.exit_code == 0, result.output
    dot = (tmp_path / "out" / "map.dot").read_text(encoding="utf-8")
    assert "tooltip=<" not in dot and 'URL="javascript' not in dot.replace('\\"', "")
    svg = (tmp_path / "out" / "map.svg").read_text(encoding="utf-8")
    tree = ET.fromstring(svg)
    links = [el for el in tree.iter() if any(k.endswith("href") for k in el.attrib)]
    assert links == [], "no claim may give itself a link"
    assert "PWNED" not in {el.text for el in tree.iter()}, "no claim may set another label"
    # The claim's box shows the text as written, over as many lines as it takes.
    box = next(el for el in tree.iter() if el.get("id") == "claim-odd")
    shown = " ".join(" ".join(el.text or "" for el in box.iter() if el.tag.endswith("}text")).split())
    assert " ".join(text.split()) in shown


@pytest.mark.parametrize("escape, name", [("\\a", "0007"), ("\\e", "001B"), ("\\0", "0000"), ("\\x9b", "009B")])
def test_control_characters_are_refused_at_check_with_a_place(tmp_path: Path, escape: str, name: str) -> None:
    folder = _map(tmp_path, f'"Ring{escape} the bell"')
    result = run("check", folder)
    assert result.exit_code == 1
    assert f"m/claims.yaml:6:11: Y013 error the text holds the control character U+{name}" in result.output
    rendered = run("render", folder, "-o", tmp_path / "out")
    assert rendered.exit_code == 1 and "Y013" in rendered.output and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "//evil.example",
        "vbscript:msgbox(1)",
    ],
)
def test_source_urls_other_than_http_https_mailto_are_refused(tmp_path: Path, url: str) -> None:
    manifest = (
        "argmap: 1\ntitle: T\nauthors: [{id: ann, name: Ann}]\n"
        f"sources:\n  - {{id: s, author: ann, title: S, url: {_quoted(url)}}}\n"
    )
    folder = write_map(tmp_path / "m", {"map.yaml": manifest, "c.yaml": "claims:\n  - {id: a, text: A., source: s}\n"})
    result = run("check", folder)
    assert result.exit_code == 1
    assert "m/map.yaml:5:" in result.output and "Y011" in result.output and "http, https or mailto" in result.output
    assert run("render", folder, "-o", tmp_path / "out").exit_code == 1


@needs_dot
def test_the_html_page_lets_only_argmaps_own_script_run(tmp_path: Path) -> None:
    folder = _map(tmp_path, _quoted(INJECTION))
    assert run("render", folder, "-o", tmp_path / "out", "--format", "html").exit_code == 0
    page = (tmp_path / "out" / "map.html").read_text(encoding="utf-8")
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page)[1]
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp)


BIDI = "\u202egnp.exe\u202c"
OSC = "\x1b]0;owned\x07\x1b[2J"


def _bidi_map(tmp_path: Path, name: str = "m") -> Path:
    claims = (
        "claims:\n  - {id: plant, author: ann, source: ann-2024, kind: thesis, text: The town should plant trees.}\n"
        f'  - id: odd\n    author: ben\n    source: ben-2024\n    text: "Safe {BIDI} text"\n'
        f'    note: "a {BIDI} note"\n    supports: [plant]\n'
    )
    return write_map(tmp_path / name, {"claims.yaml": claims})


@pytest.mark.parametrize(
    "args",
    [
        ["list", "m"],
        ["list", "m", "--format", "json"],
        ["show", "odd", "m"],
        ["diff", "old", "m"],
        ["diff", "old", "m", "--format", "markdown"],
        ["explain", "odd", "m"],
        ["check", "m"],
    ],
)
def test_map_text_reaches_the_terminal_with_bidi_controls_visible(tmp_path: Path, monkeypatch, args) -> None:
    monkeypatch.chdir(tmp_path)
    _bidi_map(tmp_path)
    write_map(
        tmp_path / "old",
        {
            "claims.yaml": "claims:\n  - {id: plant, author: ann, source: ann-2024, "
            "kind: thesis, text: The town should plant trees.}\n"
        },
    )
    result = run(*args)
    assert result.exit_code in (0, 1), result.output
    assert "\u202e" not in result.output and "\u202c" not in result.output
    if args[0] in ("list", "show", "diff"):  # Markdown escapes the backslash: it shows as \u202e
        assert re.search(r"\\{1,2}u202egnp\.exe\\{1,2}u202c", result.output)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "m"],
        ["show", "plant", "m"],
        ["diff", "m", "m"],
        ["stats", "m"],
        ["explain", "plant", "m"],
        ["evaluate", "m"],
    ],
)
def test_terminal_escapes_in_map_text_never_reach_the_terminal(tmp_path: Path, monkeypatch, args) -> None:
    monkeypatch.chdir(tmp_path)
    escaped = OSC.encode("unicode_escape").decode("ascii").replace("\\x1b", "\\e")
    _map(tmp_path, f'"Title {escaped}"')
    result = run(*args)
    assert result.exit_code == 2 and "Y013" in result.output
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.output)


def test_a_file_name_with_an_escape_is_shown_escaped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path / "m", {"x\x1b[2Jy.yaml": "claims:\n  - {id: a, author: ann, source: ann-2024, text: A.}\n"})
    for args in (["list", "m", "--format", "json"], ["show", "a", "m"]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and re.search(r"x\\(x1b|u001b)\[2Jy\.yaml", result.output)


@needs_dot
def test_an_author_named_only_by_blank_characters_renders(tmp_path: Path) -> None:
    """Found by the property test: a name of a line separator and spaces crashed the speaker line."""
    manifest = 'argmap: 1\ntitle: T\nauthors: [{id: a, name: "\\u2028   "}]\nsources: [{id: s, author: a, title: S}]\n'
    folder = write_map(
        tmp_path / "m",
        {"map.yaml": manifest, "c.yaml": "claims:\n  - {id: t, kind: thesis, author: a, source: s, text: T.}\n"},
    )
    assert run("check", folder).exit_code == 0
    result = run("render", folder, "-o", tmp_path / "out", "--format", "svg")
    assert result.exit_code == 0, result.output
    # The separator follows the kind with a non-breaking space, which a browser keeps.
    assert ">\u00a0· a</text>" in (tmp_path / "out" / "map.svg").read_text(encoding="utf-8"), (
        "the author's id stands in"
    )
