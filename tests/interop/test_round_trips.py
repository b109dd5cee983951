"""argmap -> AIF -> argmap and argmap -> JSON -> argmap keep claims, relations and linked premises."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from argmap.check import check_map
from argmap.interop import aif, jsonfmt
from argmap.interop.draft import Draft
from argmap.interop.writer import write_map
from tests.conftest import REPO, run
from tests.interop.graphs import load, normalised
from tests.interop.maps import drafts, write_draft

FORMATS = {"aif": aif, "json": jsonfmt}
BUNDLED = REPO / "arguments"


def round_trip(folder: Path, fmt: str, work: Path) -> Path:
    result = check_map(folder)
    assert not result.failed(), [str(d) for d in result.diagnostics]
    exported = work / f"map.{fmt}"
    exported.write_text(FORMATS[fmt].write(result.amap), encoding="utf-8")
    imported = FORMATS[fmt].read(exported)
    assert not imported.failed, imported.diagnostics
    write_map(work / "back", imported)
    assert not check_map(work / "back").failed()
    return work / "back"


def assert_same_map(original: Path, back: Path, fmt: str) -> None:
    before, after = load(original), load(back)
    assert normalised(after) == normalised(before)
    assert {c: e.item.text for c, e in after.claims.items()} == {c: e.item.text for c, e in before.claims.items()}
    assert {c: e.item.author for c, e in after.claims.items()} == {c: e.item.author for c, e in before.claims.items()}
    assert _linked(after, fmt) == _linked(before, fmt)
    if fmt == "json":  # JSON keeps everything
        assert [e.item for e in after.claims.values()] == [e.item for e in before.claims.values()]
        assert after.manifest == before.manifest


def _linked(amap, fmt: str) -> dict:
    """Linked arguments keep their ids and premise order; JSON keeps one-premise arguments' ids too."""
    return {a: e.item.premises for a, e in amap.arguments.items() if len(e.item.premises) > 1 or fmt == "json"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=30, deadline=None)
@given(draft=drafts())
def test_generated_maps_survive_a_round_trip(fmt: str, draft: Draft) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        original = write_draft(draft, work / "original")
        assert_same_map(original, round_trip(original, fmt, work), fmt)


@pytest.mark.skipif(not (BUNDLED / "map.yaml").exists(), reason="the bundled map arguments/ is not in this checkout")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_bundled_map_survives_a_round_trip_through_the_cli(fmt: str, tmp_path: Path) -> None:
    exported = tmp_path / f"map.{fmt}"
    assert run("export", fmt, BUNDLED, "-o", exported).exit_code == 0
    result = run("import", fmt, exported, "-o", tmp_path / "back")
    assert result.exit_code == 0, result.output
    amap = load(BUNDLED)
    # A contrary is one relation, written once (its mirror is not counted).
    written = sum(not inf.mirror for inf in amap.inferences.values())
    assert result.output.splitlines()[-1].endswith(f"{len(amap.claims)} claims, {written} relations")
    assert_same_map(BUNDLED, tmp_path / "back", fmt)
