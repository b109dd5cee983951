"""A small map that uses every part of the visual language, and helpers to read what was rendered."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import write_map

SVG = "{http://www.w3.org/2000/svg}"
#: Text that must come out as written in every format, and never as markup.
NASTY = 'Trees <script>alert(1)</script> & "shade" {a|b} back\\slash \\N cost\nless'

CLAIMS = """\
defaults: {author: ann, source: ann-2024, position: yes}
claims:
  - id: plant
    kind: thesis
    text: The town should plant trees.
    quote: The town should plant trees.
    locator: 1
  - id: cool
    kind: evidence
    text: Trees cool streets in summer.
    quote: Trees cool streets in summer.
    supports: [plant]
  - id: nasty
    text: NASTY_TEXT
    supports: [plant]
  - id: shade
    text: Shade keeps people outside.
  - id: health
    text: Time outside is good for health.
arguments:
  - id: health-argument
    premises: [shade, health]
    supports: plant
"""
BEN = """\
defaults: {author: ben, source: ben-2024, position: no}
claims:
  - id: costly
    kind: thesis
    text: Trees cost too much to maintain.
    rebuts: [plant]
  - id: ann-says
    author: ann
    reported_by: ben
    reports: plant
    text: Ann wants trees everywhere.
  - id: not-summer
    kind: question
    text: Are summers hot enough here for shade to matter?
    undercuts:
      - {from: cool, to: plant}
  - id: roots
    kind: evidence
    text: Roots break pavements.
    rebuts:
      - {to: shade, mapper: true}
"""


def write_tree_map(folder: Path) -> Path:
    return write_map(folder, {"ann.yaml": CLAIMS.replace("NASTY_TEXT", json.dumps(NASTY)), "ben.yaml": BEN})


@pytest.fixture
def tree_map(tmp_path: Path) -> Path:
    return write_tree_map(tmp_path / "map")


@pytest.fixture(scope="session")
def rendered_once(tmp_path_factory) -> Path:
    """The tree map rendered in every format once, for tests that only read the files."""
    from argmap.render import FORMATS
    from tests.conftest import run

    root = tmp_path_factory.mktemp("rendered")
    out = root / "out"
    result = run("render", write_tree_map(root / "map"), "-o", out, "--format", ",".join(FORMATS))
    assert result.exit_code == 0, result.output
    return out


def svg_root(path: Path) -> ElementTree.Element:
    return ElementTree.parse(path).getroot()


def claim_groups(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    """Claim id -> its <g> element, for every node with class `claim`."""
    return {
        g.get("id").removeprefix("claim-"): g for g in root.iter(f"{SVG}g") if "claim" in (g.get("class") or "").split()
    }


def texts(element: ElementTree.Element) -> str:
    return " ".join(t.text or "" for t in element.iter(f"{SVG}text"))
