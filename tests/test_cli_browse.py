"""`argmap show`, `list` and `stats` as users see them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run, write_map

FILES = {
    "ann.yaml": """\
        defaults: {author: ann, source: ann-2024, position: "yes"}
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
            tags: [climate]
            supports: [plant]
        """,
    "ben.yaml": """\
        defaults: {author: ben, source: ben-2024, position: "no"}
        claims:
          - id: cost
            text: Trees cost money.
            rebuts: [plant]
          - id: winter
            kind: question
            text: What about winter?
            undercuts:
              - {from: cool, to: plant, mapper: true}
        """,
}


@pytest.fixture
def amap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_map(tmp_path / "m", FILES)


def test_show_a_claim_with_everything_around_it(amap: Path) -> None:
    result = run("show", "plant", "m")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:7] == [
        "plant: The town should plant trees.",
        "  kind        thesis",
        "  author      Ann (ann)",
        "  source      Ann's essay (ann-2024), ¶1",
        '  quote       "The town should plant trees." [verified]',
        "  position    Yes (yes)",
        "  status      fails, challenged (across the preferred readings)",
    ]
    assert lines[-7:] == [
        "",
        "supported by:",
        "  - cool: Trees cool streets in summer.  (m/ann.yaml:13:16)",
        "    - undercut by winter: What about winter? [mapper's reading] [challenge]  (m/ben.yaml:10:9)",
        "",
        "rebutted by:",
        "  - cost: Trees cost money.  (m/ben.yaml:5:14)",
    ]
    assert "  written at  m/ann.yaml:3:5" in lines


def test_show_what_a_claim_attacks(amap: Path) -> None:
    result = run("show", "winter", "m")
    assert result.output.splitlines()[-3:] == [
        "",
        "undercuts:",
        "  - the support from cool to plant [mapper's reading] [challenge]  (m/ben.yaml:10:9)",
    ]
    assert "  quote       none (a paraphrase)" in result.output


def test_show_unknown_id_suggests_the_closest(amap: Path) -> None:
    result = run("show", "plnt", "m")
    assert result.exit_code == 2
    assert result.output == "Error: no claim or argument 'plnt' in m; did you mean 'plant'?\n"


def test_list_and_its_filters(amap: Path) -> None:
    everything = run("list", "m")
    assert everything.exit_code == 0
    rows = [line.split()[:3] for line in everything.output.splitlines()]
    assert rows == [
        ["plant", "thesis", "ann"],
        ["cool", "evidence", "ann"],
        ["cost", "premise", "ben"],
        ["winter", "question", "ben"],
    ]
    assert everything.output.splitlines()[0].endswith("The town should plant trees.")

    def ids(*args: str) -> list[str]:
        return [row["id"] for row in json.loads(run("list", "m", "--format", "json", *args).output)]

    assert ids("--author", "ben") == ["cost", "winter"]
    assert ids("--kind", "evidence", "--kind", "thesis") == ["plant", "cool"]
    assert ids("--tag", "climate") == ["cool"]
    assert ids("--position", "yes", "--kind", "thesis") == ["plant"]
    unknown = run("list", "m", "--author", "nobody")  # an author the map lacks is a mistake, not an empty answer
    assert unknown.exit_code == 2 and "--author: no author 'nobody' in the map" in unknown.output


def test_list_by_status(amap: Path) -> None:
    result = run("list", "m", "--status", "fails")
    # cost rebuts plant unattacked: plant fails, everything else holds (cool's support is challenged, not cool).
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == ["plant"]


def test_stats(amap: Path) -> None:
    result = run("stats", "m")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "claims        4 in 2 files",
        "arguments     0, 0 linked (two or more premises)",
        "relations     3: rebut 1, support 1, undercut 1; 0 linked, 1 the mapper's reading",
        "per author    ann 2, ben 2",
        "per kind      evidence 1, premise 1, question 1, thesis 1",
        "per position  no 2, yes 2",
        "quotes        2 verified, 0 unverified (0 not found, 0 without a source text), 2 paraphrase (no quote)",
        "status        holds 3, fails 1 (across the preferred readings)",
    ]


def test_stats_counts_unverified_quotes(amap: Path) -> None:
    (amap / "more.yaml").write_text(
        "defaults: {author: ann, position: 'yes'}\n"
        "claims:\n"
        "  - {id: elms, source: ann-2024, text: Elms., quote: Elms are best., supports: [plant]}\n"
        "  - {id: oaks, source: ben-2024, text: Oaks., quote: Oaks are best., rebuts: [plant]}\n"
    )
    counts = json.loads(run("stats", "m", "--format", "json").stdout)
    assert counts["quotes"] == {"no-quote": 2, "verified": 2, "not-found": 1, "no-text": 1}
    assert counts["authors"] == {"ann": 4, "ben": 2}
    assert "2 verified, 2 unverified (1 not found, 1 without a source text)" in run("stats", "m").stdout


def test_stats_counts_as_linked_only_arguments_of_two_or_more_premises(amap: Path) -> None:
    (amap / "args.yaml").write_text(
        "arguments:\n"
        "  - {id: one, premises: [cool], supports: plant}\n"
        "  - {id: two, premises: [cool, cost], rebuts: plant}\n"
    )
    lines = run("stats", "m").stdout.splitlines()
    assert lines[1] == "arguments     2, 1 linked (two or more premises)"
    assert "; 1 linked, " in lines[2]
    counts = json.loads(run("stats", "m", "--format", "json").stdout)
    assert (counts["arguments"], counts["linked_arguments"], counts["linked"]) == (2, 1, 1)


def test_a_dangling_reference_does_not_stop_browsing(amap: Path) -> None:
    (amap / "bad.yaml").write_text("claims:\n  - {id: bad, text: B., supports: [nowhere]}\n")
    result = run("list", "m")
    assert result.exit_code == 0
    assert "bad " in result.output


def test_a_file_that_cannot_be_read_stops_browsing_with_its_place(amap: Path) -> None:
    (amap / "bad.yaml").write_text("claims:\n  - {id: bad, text: [B.}\n")
    for command in (["list", "m"], ["stats", "m"], ["show", "plant", "m"], ["diff", "m", "m"]):
        result = run(*command)
        assert result.exit_code == 2, command
        assert "m/bad.yaml:2:" in result.output and "Y001" in result.output, command
