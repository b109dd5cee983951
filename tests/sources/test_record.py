"""The verification record: quotes stay verified where their texts are absent, and the record
is refreshed and proved current by `argmap sources lock [--check]`."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run
from tests.sources.test_search_and_formats import CLAIMS, TEXT


@pytest.fixture
def locked(make_map, tmp_path):
    """A map locked with its text at hand, then the text moved to `texts/` (as in a clone)."""
    folder = make_map({"claims.yaml": CLAIMS})
    result = run("sources", "lock", folder)
    assert result.exit_code == 0 and "written (ann-2024 2 quotes)" in result.output, result.output
    texts = tmp_path / "texts"
    texts.mkdir()
    (folder / "ann.txt").rename(texts / "ann.txt")
    return folder, texts


def test_record_is_small_sorted_json(locked) -> None:
    folder, _ = locked
    record = json.loads((folder / "sources.lock").read_text())
    assert list(record["sources"]) == ["ann-2024"]  # ben-2024 has no text: nothing to record
    entry = record["sources"]["ann-2024"]
    assert entry["text"] == "ann.txt" and entry["digest"].startswith("sha256:")
    assert {cid: q["place"] for cid, q in entry["quotes"].items()} == {"cool": "line 3", "plant": "line 3"}
    assert (folder / "sources.lock").read_text() == json.dumps(record, indent=2, sort_keys=True) + "\n"


def test_absent_text_verifies_against_the_record(locked) -> None:
    folder, _ = locked
    result = run("check", folder)
    assert result.exit_code == 0, result.output
    assert "; 2 quotes verified against the record (sources.lock)" in result.output
    assert json.loads(run("check", folder, "--format", "json").output)["summary"]["quotes_recorded"] == 2
    assert "[verified against the record]" in run("show", "cool", folder).output
    assert "2 verified (2 against the record), 0 unverified" in run("stats", folder).output


def test_an_edited_quote_is_a_warning_and_an_error_under_strict(locked) -> None:
    folder, _ = locked
    claims = folder / "claims.yaml"
    claims.write_text(claims.read_text().replace("Trees cool streets in summer", "Trees cool roads in summer"))
    result = run("check", folder)
    assert result.exit_code == 0
    assert (
        "Q007 warning quote '“Trees cool roads in summer”' is not in the verification record of 'ann-2024'"
        in result.output
    )
    assert "; 1 quote verified against the record" in result.output
    assert run("check", folder, "--strict").exit_code == 1


def test_typography_edits_keep_a_quote_recorded(locked) -> None:
    folder, _ = locked
    claims = folder / "claims.yaml"
    claims.write_text(claims.read_text().replace("“Trees cool streets in summer”", "trees  cool streets in SUMMER"))
    assert "2 quotes verified against the record" in run("check", folder).output


def test_text_present_is_verified_itself_and_a_stale_record_never_fails(locked) -> None:
    folder, texts = locked
    (texts / "ann.txt").write_text(TEXT.replace("plant trees", "plant many trees"), encoding="utf-8")
    result = run("check", folder, "--sources", texts, "--strict")
    assert result.exit_code == 1 and "Q002" in result.output  # the text itself decides
    claims = folder / "claims.yaml"
    claims.write_text(claims.read_text().replace("The town should plant trees.", "The town should plant many trees."))
    result = run("check", folder, "--sources", texts, "--strict", "--no-color")
    assert result.exit_code == 0, result.output
    assert (
        "map.yaml:7:59: Q008 info sources.lock no longer matches the text of 'ann-2024' (the text changed)"
        in result.output
    )


def test_lock_check_fails_on_a_stale_record_until_refreshed(locked) -> None:
    folder, texts = locked
    assert run("sources", "lock", "--check", folder, "--sources", texts).exit_code == 0
    claims = folder / "claims.yaml"
    claims.write_text(claims.read_text().replace("The town should plant trees.", "The town should plant"))
    result = run("sources", "lock", "--check", folder, "--sources", texts)
    assert result.exit_code == 1
    assert "sources.lock: stale (ann-2024); write it with `argmap sources lock" in result.output
    before = (folder / "sources.lock").read_text()
    assert "written" in run("sources", "lock", folder, "--sources", texts).output
    assert (folder / "sources.lock").read_text() != before
    assert run("sources", "lock", "--check", folder, "--sources", texts).exit_code == 0
    assert "unchanged" in run("sources", "lock", folder, "--sources", texts).output


def test_lock_without_the_text_keeps_its_entry(locked) -> None:
    folder, _ = locked
    before = (folder / "sources.lock").read_bytes()
    result = run("sources", "lock", folder)
    assert "ann-2024: text absent; its entry is kept as recorded, not checked" in result.output
    assert (folder / "sources.lock").read_bytes() == before


def test_missing_or_broken_record(locked) -> None:
    folder, _ = locked
    (folder / "sources.lock").write_text('{"argmap-sources": 1, "sources": [}')
    result = run("check", folder, "--no-color")
    assert "Q008 info sources.lock:1:35: not JSON" in result.output
    assert "Q004 error" in result.output  # nothing vouches for the absent text now
    (folder / "sources.lock").unlink()
    assert run("sources", "lock", "--check", folder).exit_code == 1


def test_render_is_the_same_with_the_text_or_the_record(locked, tmp_path) -> None:
    folder, texts = locked
    assert run("render", folder, "-o", tmp_path / "record", "--format", "dot,html,mermaid").exit_code == 0
    assert (
        run("render", folder, "-o", tmp_path / "text", "--format", "dot,html,mermaid", "--sources", texts).exit_code
        == 0
    )
    for name in ("map.dot", "map.html", "map.mmd"):
        assert (tmp_path / "record" / name).read_bytes() == (tmp_path / "text" / name).read_bytes(), name
    assert "quote verified in source" in (tmp_path / "record" / "map.dot").read_text()


def test_a_quote_edited_with_the_text_at_hand_makes_the_record_stale(locked) -> None:
    folder, texts = locked
    claims = folder / "claims.yaml"
    claims.write_text(claims.read_text().replace("“Trees cool streets in summer”", "Trees cool streets"))
    result = run("check", folder, "--sources", texts, "--strict", "--no-color")
    assert result.exit_code == 0, result.output
    assert "Q008 info sources.lock no longer matches the text of 'ann-2024' (quotes changed: cool)" in result.output
