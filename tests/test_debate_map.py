"""The bundled debate map (`arguments/`) meets the bar of issue 3.

The map is read the way users read it: `argmap check` on the command line, and the loader and
graph for the structural questions the check does not ask. Quotes are verified by argmap's own
quote checker, and a copy of the map with every quote altered must fail `argmap check`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argmap.graph import ArgumentMap, build
from argmap.loader import load_map
from argmap.quotes import source_texts, verify_quotes
from argmap.schema import json_schema, modeline
from tests.conftest import REPO, run

MAP = REPO / "arguments"
BODY_PARAGRAPHS = [f"¶{n}" for n in range(1, 9)]


@pytest.fixture(scope="module")
def amap() -> ArgumentMap:
    loaded = load_map(MAP)
    assert not loaded.diagnostics
    return build(loaded)


def claims(amap: ArgumentMap):
    return [entry.item for entry in amap.claims.values()]


def holders(claim) -> set[str]:
    return {claim.author, *claim.agreed_by}


# -- the map checks clean, and its editor support is current --------------------------------

def test_check_exits_zero():
    result = run("check", MAP)
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


@pytest.mark.parametrize("which", ["map", "claims"])
def test_schemas_are_generated_from_the_models(which):
    assert (MAP / "schema" / f"{which}.schema.json").read_text(encoding="utf-8") == json_schema(which)


def test_every_file_starts_with_its_modeline():
    for path in sorted(MAP.glob("*.yaml")):
        which = "map" if path.name == "map.yaml" else "claims"
        assert path.read_text(encoding="utf-8").startswith(modeline(which)), path.name


# -- the bar: coverage and connection -------------------------------------------------------

def test_enough_claims_on_each_side(amap):
    bondaz = [c for c in claims(amap) if c.author == "bondaz" and c.source == "bondaz-2023"]
    frank = [c for c in claims(amap) if c.author == "frank"]
    assert len(bondaz) >= 35
    assert len(frank) >= 10


def test_every_body_paragraph_is_represented(amap):
    located = {c.locator for c in claims(amap) if c.source == "bondaz-2023"}
    assert set(BODY_PARAGRAPHS) <= located
    assert located <= set(BODY_PARAGRAPHS), "a locator outside the note's body"


def test_no_claim_is_connected_to_nothing(amap):
    connected = set()
    for inf in amap.inferences.values():
        connected.update(inf.premises)
        connected.update(amap.claims_of(inf.target))
    for claim in claims(amap):
        if claim.reports:
            connected.update({claim.id, claim.reports})
    assert [c.id for c in claims(amap) if c.id not in connected] == []


def test_every_undercut_attacks_an_inference_of_the_map(amap):
    undercuts = [inf for inf in amap.inferences.values() if inf.kind == "undercut"]
    assert undercuts
    assert all(inf.target in amap.inferences for inf in undercuts)


def test_the_main_reason_question_undercuts_the_new_cold_war_inference(amap):
    targets = {amap.inferences[inf.target].premises for inf in amap.outgoing["bondaz-main-reason-question"]}
    assert ("frank-rep-new-cold-war",) in targets


def test_every_thesis_has_support(amap):
    theses = [c.id for c in claims(amap) if c.kind.value == "thesis"]
    assert theses
    assert [t for t in theses if not amap.supporters(t)] == []


def test_both_positions_are_used(amap):
    assert {"decoupling", "de-risking"} <= {c.position for c in claims(amap)}


def test_agreement_is_written_once_and_shared(amap):
    agreed = {c.id for c in claims(amap) if "frank" in c.agreed_by}
    assert {"bondaz-nine-closures", "bondaz-strategy-changing", "bondaz-prioritise-partners"} <= agreed


# -- reported speech and paraphrase ------------------------------------------------------------

def test_a_claim_in_someone_elses_source_is_marked_as_reported(amap):
    for claim in claims(amap):
        source_author = amap.sources[claim.source].item.author
        if claim.author != source_author:
            assert claim.reported_by == source_author, claim.id


def test_every_claim_reported_by_bondaz_renders_a_claim_of_franks_article(amap):
    reported = [c for c in claims(amap) if c.reported_by == "bondaz"]
    assert len(reported) >= 5
    for claim in reported:
        assert claim.author == "frank" and claim.source == "bondaz-2023" and claim.quote, claim.id
        rendered = amap.claim(claim.reports)
        assert (rendered.author, rendered.source) == ("frank", "frank-2023"), claim.id


def test_franks_article_is_paraphrased_never_quoted(amap):
    own = [c for c in claims(amap) if c.source == "frank-2023"]
    assert own
    for claim in own:
        assert claim.quote is None, claim.id
        assert claim.locator and claim.locator.startswith("§"), claim.id
        assert "paraphrase" in claim.tags, claim.id


def test_no_author_attacks_a_claim_they_hold(amap):
    """Nobody holds two claims where one attacks the other, directly or through supports.

    If A supports B and B attacks C, A attacks C too. Holding a claim means being its author or
    being listed in `agreed_by`.
    """
    attacks = {(p, inf.target) for inf in amap.inferences.values() if inf.kind == "rebut" for p in inf.premises}
    supports = {(p, inf.target) for inf in amap.inferences.values() if inf.kind == "support" for p in inf.premises}
    while True:
        derived = {(a, c) for a, b in supports for b2, c in attacks if b == b2} - attacks
        if not derived:
            break
        attacks |= derived
    conflicts = [(a, c) for a, c in attacks if holders(amap.claim(a)) & holders(amap.claim(c))]
    assert conflicts == []


# -- quotes: verified by argmap's own checker, as `argmap check` does ----------------------------


def quoted(amap: ArgumentMap):
    return [c for c in claims(amap) if c.quote]


def bondaz_text_at_hand(amap: ArgumentMap) -> bool:
    """Whether Bondaz's text is found (ARGMAP_SOURCES names its folder, as .ci/run does where it
    has it); it may not be redistributed, so a clone verifies its quotes against sources.lock."""
    return source_texts(amap)["bondaz-2023"].status == "ok"


def test_every_quote_is_verified_against_its_source_or_the_record(amap):
    assert len(quoted(amap)) >= 45
    checks = verify_quotes(amap)
    expected = "verified" if bondaz_text_at_hand(amap) else "recorded"
    assert {c.id: checks[c.id].status for c in quoted(amap)} == {c.id: expected for c in quoted(amap)}


def test_check_reports_the_quotes_verified_against_the_record(monkeypatch, tmp_path):
    monkeypatch.delenv("ARGMAP_SOURCES", raising=False)
    monkeypatch.setenv("ARGMAP_CACHE", str(tmp_path / "cache"))
    result = run("check", MAP)
    assert result.exit_code == 0, result.output
    assert f"; {len(quoted(load_amap()))} quotes verified against the record (sources.lock)" in result.output


def load_amap() -> ArgumentMap:
    return build(load_map(MAP))


def test_the_record_is_current():
    """With the text at hand this proves sources.lock current; without, it keeps what it holds."""
    result = run("sources", "lock", "--check", MAP)
    assert result.exit_code == 0, result.output


def test_check_rejects_every_quote_with_one_word_changed(tmp_path, monkeypatch, amap):
    """A copy of the map with the longest word of every quote replaced: each one is reported, as
    not found in the text (Q002) where it is at hand, else as not in the record (Q007)."""
    copy = tmp_path / "arguments"
    shutil.copytree(MAP, copy)
    edits: dict[Path, list[tuple[int, int, str]]] = {}
    for entry in build(load_map(copy)).claims.values():
        if entry.item.quote:
            node = entry.where.doc.node(entry.where.path + ("quote",))
            edits.setdefault(entry.where.file, []).append((node.start_mark.index, node.end_mark.index,
                                                           max(entry.item.quote.split(), key=len)))
    for file, spans in edits.items():
        text = file.read_text(encoding="utf-8")
        for start, end, word in sorted(spans, reverse=True):
            text = text[:start] + text[start:end].replace(word, "mangoes", 1) + text[end:]
        file.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "arguments", "--format", "json", "--strict")
    codes = [d["code"] for d in json.loads(result.output)["diagnostics"]]
    assert result.exit_code == 1
    assert codes.count("Q002" if bondaz_text_at_hand(amap) else "Q007") == sum(map(len, edits.values())) >= 45
