"""Where source texts are found (the map's folder, --sources, ARGMAP_SOURCES), what a map may
never make argmap read, and quotes checked in HTML and PDF copies the tests make themselves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run
from tests.sources.documents import html, pdf

CLAIMS = """\
    claims:
      - {id: plant, kind: thesis, text: Plant trees., author: ann, source: ann-2024, quote: The town should plant trees.}
      - {id: cool, text: Trees cool., author: ann, source: ann-2024, quote: "“Trees cool streets in summer”",
         supports: [plant]}
"""
TEXT = "Ann's essay\n\nThe town should plant trees. Trees cool streets in summer.\n"


@pytest.fixture
def textless_map(make_map, tmp_path):
    """A map whose ann.txt is not in its folder but in a folder beside it, `texts/`."""
    folder = make_map({"claims.yaml": CLAIMS})
    (folder / "ann.txt").unlink()
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "ann.txt").write_text(TEXT, encoding="utf-8")
    return folder, texts


def test_text_absent_is_reported_with_where_to_give_it(textless_map) -> None:
    folder, _ = textless_map
    result = run("check", folder)
    assert result.exit_code == 1
    assert (
        "Q004 error source text 'ann.txt' is not in the map's folder; give its folder with --sources DIR "
        "or ARGMAP_SOURCES"
    ) in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["stats"],
        ["list"],
        ["show", "cool"],
        ["evaluate"],
        ["explain", "cool"],
        ["render", "--format", "dot"],
        ["export", "json"],
        ["diff", "{map}"],
    ],
)
def test_every_command_that_reads_texts_takes_sources(textless_map, command, monkeypatch, tmp_path) -> None:
    folder, texts = textless_map
    monkeypatch.chdir(tmp_path)
    args = [a.replace("{map}", str(folder)) for a in command]
    result = run(*args[:1], *args[1:], folder, "--sources", texts)
    assert result.exit_code == 0, result.output
    if command == ["stats"]:
        assert "2 verified, 0 unverified" in result.output
    if command == ["show", "cool"]:
        assert "[verified]" in result.output


def test_add_verifies_the_new_quote_in_a_sources_folder(textless_map) -> None:
    folder, texts = textless_map
    result = run(
        "add",
        folder,
        "--sources",
        texts,
        "--text",
        "Shade.",
        "--author",
        "ann",
        "--source",
        "ann-2024",
        "--quote",
        "Trees heat streets",
        "--supports",
        "plant",
    )
    assert result.exit_code == 1 and "Q002" in result.output  # checked against the text: not found


def test_environment_variable_and_order(textless_map, monkeypatch, tmp_path) -> None:
    folder, texts = textless_map
    monkeypatch.setenv("ARGMAP_SOURCES", os.pathsep.join([str(tmp_path / "nowhere"), str(texts)]))
    assert run("check", folder).exit_code == 0
    # The map's folder comes first: a copy there is the one read.
    (folder / "ann.txt").write_text("Something else entirely.\n", encoding="utf-8")
    result = run("check", folder)
    assert result.exit_code == 1 and result.output.count("Q002") == 2


def test_allow_paths_no_longer_opens_a_file_outside(make_map, tmp_path) -> None:
    """The review's case: `text: /etc/passwd` with `allow_paths: [/etc]` printed its lines."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = make_map(
        {
            "map.yaml": f"""\
        argmap: 1
        title: T
        authors: [{{id: ann, name: Ann}}]
        sources: [{{id: s, author: ann, title: S, text: {secret / "passwd"}}}]
        allow_paths: [{secret}, /etc]
    """,
            "claims.yaml": "claims:\n  - {id: a, text: A., author: ann, source: s, quote: 'root:y:0:0'}\n",
        }
    )
    result = run("check", folder)
    assert "root:x" not in result.output
    assert "Q005 error source text" in result.output and "is an absolute path" in result.output
    assert "Q006 warning `allow_paths` is no longer honoured" in result.output
    assert "--sources DIR or ARGMAP_SOURCES" in result.output
    # A relative path that climbs out is refused too, whatever the map allows.
    (folder / "map.yaml").write_text(
        (folder / "map.yaml").read_text().replace(str(secret / "passwd"), "../secret/passwd")
    )
    result = run("check", folder, "--sources", secret)
    assert "root:x" not in result.output and "climbs out of the folder with `..`" in result.output


def test_symlink_leaving_a_sources_folder_is_refused(textless_map, tmp_path) -> None:
    folder, texts = textless_map
    (texts / "ann.txt").unlink()
    outside = tmp_path / "outside.txt"
    outside.write_text(TEXT, encoding="utf-8")
    (texts / "ann.txt").symlink_to(outside)
    result = run("check", folder, "--sources", texts)
    assert "Q005" in result.output and "is a symlink that leads out of that folder; it is not read" in result.output
    assert "Q002" not in result.output


def test_sources_folder_must_exist(textless_map, tmp_path) -> None:
    folder, _ = textless_map
    result = run("check", folder, "--sources", tmp_path / "missing")
    assert result.exit_code == 2 and "does not exist" in result.output


def _formatted(make_map, name: str, data: bytes, quotes: dict[str, str]) -> Path:
    claims = "claims:\n" + "".join(
        f"  - {{id: {cid}, text: T., author: ann, source: ann-2024, quote: '{q}'}}\n" for cid, q in quotes.items()
    )
    folder = make_map({"claims.yaml": claims})
    manifest = folder / "map.yaml"
    manifest.write_text(manifest.read_text().replace("text: ann.txt", f"text: {name}"), encoding="utf-8")
    (folder / name).write_bytes(data)
    return folder


def test_quotes_in_an_html_copy(make_map) -> None:
    page = html(
        [
            "The town should <em>plant</em> trees.",
            "Trees cool streets in summer.",
            "Water them in &ldquo;dry&rdquo; weeks.",
        ]
    )
    folder = _formatted(
        make_map,
        "essay.html",
        page,
        {
            "a": "The town should plant trees.",
            "b": "water them in “dry” weeks",
            "c": "Trees cool roads in summer",
            "hidden": "Trees heat streets",
        },
    )  # only in the page's script and a comment: not the text
    result = run("check", folder, "--no-color")
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert [line.split(": ")[1].split(" ")[0] for line in lines if " Q002 " in line] == ["Q002", "Q002"]
    # Blocks count from the top of the page: the navigation is ¶1, the heading ¶2.
    assert "closest passage (" in result.output and ", ¶4): Trees cool streets" in result.output
    assert "Home About" not in result.output


def test_quotes_in_a_pdf_copy(make_map) -> None:
    document = pdf(
        [
            ["Ann's essay", "The town should plant trees."],
            ["Trees cool streets in summer,", "and shade (the best kind) is free."],
        ]
    )
    folder = _formatted(
        make_map,
        "essay.pdf",
        document,
        {
            "a": "The town should plant trees.",
            "b": "Trees cool streets in summer, and shade (the best kind) is free",
            "c": "shade (the worst kind) is free",
        },
    )
    result = run("check", folder, "--no-color")
    assert result.exit_code == 1
    assert result.output.count("Q002") == 1
    assert "closest passage (" in result.output and ", p. 2): " in result.output
    assert "the best kind" in result.output


def test_pdf_without_text_and_broken_pdf_are_clear(make_map) -> None:
    folder = _formatted(make_map, "essay.pdf", pdf([[]]), {"a": "x"})
    assert "the PDF has no text layer" in run("check", folder).output
    (folder / "essay.pdf").write_bytes(b"%PDF-1.7\nnot really a PDF")
    result = run("check", folder)
    assert "Q004" in result.output and "cannot be read as PDF" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("name", ["a" * 300 + "/x.txt", "x\\0y.txt", "sub/" * 200 + "x.txt"])
def test_names_no_file_system_can_look_up_are_reported(make_map, name) -> None:
    folder = _formatted(make_map, "placeholder.txt", b"", {"a": "x"})
    manifest = folder / "map.yaml"
    manifest.write_text(manifest.read_text().replace("text: placeholder.txt", f'text: "{name}"'), encoding="utf-8")
    result = run("check", folder, "--no-color")
    # A NUL is a control character, refused with the text that holds it (Y013) before any lookup.
    code = "Y013 error the text holds the control character U+0000" if "\\0" in name else "Q004 error source text"
    assert result.exit_code == 1 and code in result.output and "Traceback" not in result.output
