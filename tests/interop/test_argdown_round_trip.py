"""argmap -> Argdown -> argmap loses nothing: the Argdown CLI reads argmap's export, argmap reads
the CLI's JSON back, and the map is the one exported: every claim with every field, every
relation with its kind, premises, target (an undercut's target being the attacked relation),
mapper flag and note, every argument's id, and the manifest. On the bundled map, on all 112
microtexts, and through `argmap import argdown FILE.argdown` itself."""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from argmap.interop import argdown_json, microtext
from argmap.interop.writer import write_map
from tests.conftest import REPO, npm_package, run
from tests.interop.corpora import MICROTEXTS
from tests.interop.graphs import load

BUNDLED = REPO / "arguments"
RELATIONS = ("supports", "rebuts", "contradicts", "undercuts")  # compared as relations, whichever side writes them


@pytest.fixture(scope="module")
def argdown_cli() -> Path:
    return npm_package("argdown-cli", "@argdown/cli", ".bin/argdown")


def full_form(folder: Path) -> tuple[dict, dict, Counter]:
    """(manifest, claims, relations) of the map in `folder`, as data that compares by value.

    Claim texts are compared with runs of white space made one space: Argdown statements are
    one line. Relations are compared as a multiset, each named by what it joins, so an undercut
    of a support compares equal whatever id each side gave that support; a contrary is one link
    between two claims, whichever side of it is written."""
    amap = load(folder)
    manifest = amap.manifest.model_dump(mode="json", exclude_defaults=True)
    claims = {}
    for cid, entry in amap.claims.items():
        fields = entry.item.model_dump(mode="json", exclude_defaults=True, exclude=set(RELATIONS))
        claims[cid] = fields | {"text": " ".join(fields["text"].split())}

    def relation(inf_id: str) -> tuple:
        inf = amap.inferences[inf_id]
        if inf.contrary:  # one link, whichever of its two sides the file writes and an undercut names
            return "contrary", frozenset((inf.premises[0], inf.target)), inf.mapper, inf.note, inf.challenge
        target = relation(inf.target) if inf.kind == "undercut" else inf.target
        argument = amap.arguments[inf_id].item if inf_id in amap.arguments else None
        return (
            inf.kind,
            tuple(sorted(inf.premises)),
            target,
            inf.mapper,
            inf.note,
            inf.contrary,
            inf.challenge,
            argument and argument.id,
            argument and tuple(sorted(argument.suppress.items())),
        )

    return manifest, claims, Counter(map(relation, amap.inferences))


def _round_trip(cli: Path, maps: dict[str, Path], work: Path) -> dict[str, Path]:
    """Export each map, let the Argdown CLI read them all in one run (Node starts slowly), and
    import its JSON; returns the imported maps by name."""
    exported = work / "argdown"
    for name, folder in maps.items():
        result = run("export", "argdown", folder, "-o", exported / f"{name}.argdown")
        assert result.exit_code == 0, result.output
    done = subprocess.run(
        [str(cli), "json", str(exported / "*.argdown"), str(work / "json")], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0 and "error" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    back = {}
    for name in maps:
        imported = argdown_json.read(work / "json" / f"{name}.json")
        assert imported.diagnostics == [], (name, imported.diagnostics)
        write_map(work / "back" / name, imported)
        back[name] = work / "back" / name
    return back


def _assert_lossless(original: Path, back: Path) -> None:
    manifest, claims, relations = full_form(original)
    manifest_back, claims_back, relations_back = full_form(back)
    assert manifest_back == manifest
    assert claims_back == claims
    assert relations_back == relations


@pytest.mark.npm
def test_bundled_map_survives_argdown(argdown_cli: Path, tmp_path: Path) -> None:
    back = _round_trip(argdown_cli, {"bundled": BUNDLED}, tmp_path)
    _assert_lossless(BUNDLED, back["bundled"])
    _, claims, relations = full_form(back["bundled"])
    assert len(claims) > 70 and sum(relations.values()) > 80  # the map of 2026-12: 76 claims, 82 relations
    assert {k for fields in claims.values() for k in fields} >= {
        "kind",
        "author",
        "source",
        "quote",
        "locator",
        "position",
        "tags",
        "reported_by",
        "reports",
        "note",
    }


@pytest.mark.npm
@pytest.mark.slow
def test_every_microtext_survives_argdown(argdown_cli: Path, tmp_path: Path) -> None:
    maps = {}
    for xml in MICROTEXTS:
        imported = microtext.read(xml)
        assert not imported.failed, xml
        write_map(tmp_path / "maps" / xml.stem, imported)
        maps[xml.stem] = tmp_path / "maps" / xml.stem
    back = _round_trip(argdown_cli, maps, tmp_path)
    undercuts = 0
    for name, folder in maps.items():
        _assert_lossless(folder, back[name])
        undercuts += sum(n for rel, n in full_form(folder)[2].items() if rel[0] == "undercut")
    assert len(maps) == 112
    assert undercuts == 63  # none of them turned into a rebuttal


@pytest.mark.npm
def test_import_argdown_runs_the_cli(argdown_cli: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", f"{argdown_cli.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.chdir(tmp_path)
    assert run("export", "argdown", BUNDLED, "-o", "bundled.argdown").exit_code == 0
    result = run("import", "argdown", "bundled.argdown", "-o", "back")
    bundled = load(BUNDLED)
    relations = sum(not inf.mirror for inf in bundled.inferences.values())  # a contrary is one relation
    counts = f"{len(bundled.claims)} claims, {relations} relations"
    assert result.output.splitlines()[-1] == f"bundled.argdown -> back: {counts}"
    assert result.exit_code == 0
    _assert_lossless(BUNDLED, tmp_path / "back")
    # Argdown's own syntax errors come back at their place
    Path("broken.argdown").write_text("[a]: A.\n  +> <b\n\n(1) x\n", encoding="utf-8")
    refused = run("import", "argdown", "broken.argdown", "-o", "broken")
    assert refused.exit_code == 1
    assert "broken.argdown:4:6: X001 error Argdown: Incomplete premise-conclusion-structure" in refused.output


def test_import_argdown_without_the_cli_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    (tmp_path / "a.argdown").write_text("[a]: A.\n", encoding="utf-8")
    result = run("import", "argdown", tmp_path / "a.argdown", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "npm install -g @argdown/cli" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


CONTRARIES = {
    "claims.yaml": """\
    claims:
      - {id: a, text: A., author: ann, source: ann-2024, contradicts: [b, {to: c, note: not both, mapper: true}]}
      - {id: b, text: B., author: ann, source: ann-2024}
      - {id: c, text: C., author: ben, source: ben-2024}
      - {id: d, text: D., author: ben, source: ben-2024, rebuts: [{to: a, challenge: true}], supports: [b]}
      - {id: q, kind: question, text: Q?, author: ben, source: ben-2024, undercuts: [{from: b, to: a}]}
"""
}


@pytest.mark.npm
def test_contraries_and_challenges_survive_argdown(argdown_cli: Path, make_map, tmp_path: Path) -> None:
    folder = make_map(CONTRARIES)
    back = _round_trip(argdown_cli, {"contraries": folder}, tmp_path)
    _assert_lossless(folder, back["contraries"])
    relations = full_form(back["contraries"])[2]
    assert relations[("contrary", frozenset("ab"), False, None, False)] == 2
    assert relations[("contrary", frozenset("ac"), True, "not both", False)] == 2
    assert sum(n for rel, n in relations.items() if rel[0] == "rebut" and rel[6]) == 1  # the written challenge
