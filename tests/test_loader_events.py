"""The loader's single pass over libyaml's events: what it refuses, and where it says so."""

from __future__ import annotations

import pytest

from argmap.check import check_map
from tests.conftest import run

CLAIM = "claims:\n  - {id: a, text: A., author: ann, source: ann-2024}\n"


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        (CLAIM + "---\nclaims: []\n", "claims.yaml:3:1", "but found another document"),
        ("claims:\n  - *nowhere\n", "claims.yaml:2:5", "found undefined alias 'nowhere'"),
        ("claims: " + "[" * 150 + "]" * 150 + "\n", "claims.yaml:1:", "nested more than 100 levels deep"),
        (
            "claims:\n  - &a {id: a, text: A.}\n  - &a {id: b, text: B.}\n",
            "claims.yaml:3:5",
            "found duplicate anchor 'a'",
        ),
    ],
)
def test_syntax_problems_found_while_reading_events(make_map, monkeypatch, text, place, message) -> None:
    folder = make_map({"claims.yaml": text})
    monkeypatch.chdir(folder)
    result = run("check", ".", "--no-color")
    line = next(line for line in result.output.splitlines() if " Y001 " in line)
    assert line.startswith(place) and message in line, result.output
    assert result.exit_code == 1


def test_a_key_that_is_a_list_is_a_located_error(make_map, monkeypatch) -> None:
    monkeypatch.chdir(make_map({"claims.yaml": "claims:\n  - id: a\n    text: A.\n    [x]: y\n"}))
    result = run("check", ".", "--no-color")
    assert "claims.yaml:4:5: Y011 error a key must be text, not a list" in result.output
    assert result.exit_code == 1


def test_a_value_the_resolver_reads_but_cannot_build_is_a_located_error(make_map, monkeypatch) -> None:
    monkeypatch.chdir(make_map({"claims.yaml": CLAIM + "  - {id: b, text: B., note: !!int twelve}\n"}))
    result = run("check", ".", "--no-color")
    assert "claims.yaml:3:29: Y011 error 'twelve' is not a valid int; quote it if it is text" in result.output


def test_values_are_constructed_as_yaml_1_2_plain_data(make_map) -> None:
    folder = make_map({"claims.yaml": CLAIM + "  - {id: no, text: '3', locator: 3, tags: [on, 'off']}\n"})
    result = check_map(folder)
    claim = result.amap.claim("no")
    assert (claim.text, claim.locator, claim.tags) == ("3", "¶3", ("on", "off"))
    assert result.amap.manifest.sources[0].text == "ann.txt"


def test_a_clean_map_never_composes_a_node_tree(make_map) -> None:
    """Positions are found by composing a file again, only when a diagnostic needs one."""
    folder = make_map({"claims.yaml": CLAIM + "  - {id: b, text: B., author: ann, source: ann-2024, supports: [a]}\n"})
    result = check_map(folder)
    assert not result.diagnostics
    assert all(e.where.doc._root is None for e in result.amap.claims.values())
    supports = result.amap.claims["b"].where.loc("supports", 0)
    assert (supports.line, supports.col) == (3, 65)
