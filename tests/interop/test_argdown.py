"""The Argdown export is read by the Argdown CLI itself, without errors and with the same structure."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.check import check_map
from argmap.interop import argdown, argdown_json
from argmap.interop.writer import write_map
from tests.conftest import REPO, npm_package, run
from tests.interop.maps import drafts, write_draft
from tests.interop.test_argdown_round_trip import full_form

BUNDLED = REPO / "arguments"


@pytest.fixture(scope="session")
def argdown_cli() -> Path:
    return npm_package("argdown-cli", "@argdown/cli", ".bin/argdown")


def _parse(cli: Path, files: list[Path], out: Path) -> dict[str, dict]:
    """Run `argdown json` once over all files; returns each file's JSON by stem."""
    done = subprocess.run(
        [str(cli), "json", str(files[0].parent / "*.argdown"), str(out)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and "error" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    return {f.stem: json.loads((out / f"{f.stem}.json").read_text(encoding="utf-8")) for f in files}


def _expected(folder: Path) -> dict:
    amap = check_map(folder).amap
    as_argument = argdown.argument_inferences(amap)
    attacks = [i for i in as_argument if amap.inferences[i].kind != "support"]
    supports = [i for i in as_argument if amap.inferences[i].kind == "support"]
    return {
        "claims": {c: e.item.text for c, e in amap.claims.items()},
        # an attacking argument concludes a statement of its own
        "statements": len(amap.claims) + len(attacks),
        "arguments": len(as_argument),
        # Argdown lists no relation for an argument whose conclusion is the supported claim,
        # and one contradiction `><` for a contrary's two rebuttals
        "relations": len(amap.inferences)
        - len(supports)
        - sum(argdown.drawn_by_other_side(i, as_argument) for i in amap.inferences.values()),
    }


def _assert_same(parsed: dict, expected: dict) -> None:
    assert len(parsed["statements"]) == expected["statements"]
    assert len(parsed["arguments"]) == expected["arguments"]
    assert len(parsed["relations"]) == expected["relations"]
    for cid, text in expected["claims"].items():
        written = [m["text"] for m in parsed["statements"][cid]["members"] if not m.get("isReference")]
        assert len(written) == 1 and written[0].startswith(text), (cid, written, text)


GENERATED: list[Path] = []


# Hypothesis draws the maps; the CLI then reads them all in one run, as Node starts slowly.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(draft=drafts())
def _collect(tmp_path: Path, draft) -> None:
    GENERATED.append(write_draft(draft, tmp_path / f"generated-{len(GENERATED)}"))


@pytest.mark.npm
def test_argdown_cli_reads_the_export(argdown_cli: Path, tmp_path: Path) -> None:
    _collect(tmp_path)
    maps = {f"generated-{n}": folder for n, folder in enumerate(GENERATED)}
    if (BUNDLED / "map.yaml").exists():
        maps["bundled"] = BUNDLED
    exported = []
    for name, folder in maps.items():
        result = run("export", "argdown", folder, "-o", tmp_path / "argdown" / f"{name}.argdown")
        assert result.exit_code == 0, result.output
        exported.append(tmp_path / "argdown" / f"{name}.argdown")
    parsed = _parse(argdown_cli, exported, tmp_path / "json")
    for name, folder in maps.items():
        _assert_same(parsed[name], _expected(folder))
        # and what Argdown read comes back whole, hostile texts and all
        imported = argdown_json.read(tmp_path / "json" / f"{name}.json")
        assert imported.diagnostics == [], imported.diagnostics
        write_map(tmp_path / "back" / name, imported)
        back, original = full_form(tmp_path / "back" / name), full_form(folder)
        assert back[:2] == original[:2], name
        assert back[2] == original[2], (name, back[2] - original[2], original[2] - back[2])
