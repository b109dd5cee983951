"""The bundled debate map (`arguments/`): coverage, quotes, reported speech, and the links an
expert reading of both texts asks for.

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
from argmap.render import views
from argmap.rules.logic import walk_supports
from argmap.schema import json_schema, modeline
from tests.conftest import REPO, run

MAP = REPO / "arguments"
BODY_PARAGRAPHS = [f"¶{n}" for n in range(1, 9)]


@pytest.fixture(scope="module")
def amap() -> ArgumentMap:
    loaded = load_map(MAP)
    assert not loaded.diagnostics
    return build(loaded)


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    """Every claim's grounded status, as `argmap evaluate` gives it."""
    result = run("evaluate", MAP, "--format", "json")
    assert result.exit_code == 0, result.output
    return {c["id"]: c["label"] for c in json.loads(result.output)["claims"]}


def claims(amap: ArgumentMap):
    return [entry.item for entry in amap.claims.values()]


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
    assert agreed == {
        "bondaz-nine-closures",
        "bondaz-strategy-changing",
        "bondaz-retreat-from-engagement",
        "bondaz-2020-break",
        "bondaz-few-partners",
        "bondaz-selective-withdrawal",
        "bondaz-isolation-chosen",
        "bondaz-china-lifeline",
        "commentators-dire-economy",
    }
    # The concession supports common ground, not the de-risking label.
    assert {inf.target for inf in amap.outgoing["bondaz-strategy-changing"]} == {"bondaz-retreat-from-engagement"}


def test_each_shared_claim_is_built_on_by_frank(amap):
    """Every claim Frank shares with Bondaz feeds an argument of Frank's own, or one he reports."""
    for claim in claims(amap):
        if "frank" in claim.agreed_by and claim.kind.value != "concession":
            uses = {
                amap.claim(t).author
                for inf in amap.outgoing[claim.id]
                if inf.kind == "support"
                for t in amap.claims_of(inf.target)
            }
            assert "frank" in uses or claim.author == "commentators", claim.id


def test_the_forecast_reaches_the_thesis_chain(amap):
    """The October forecast, borne out by the closures, leads by supports to a thesis of Bondaz."""
    assert "bondaz-nine-closures" in {
        p for inf in amap.supporters("bondaz-decoupling-prediction") for p in inf.premises
    }
    reached = set(walk_supports(amap, ["bondaz-decoupling-prediction"], True, {}))
    assert {c for c in reached if amap.claim(c).kind.value == "thesis"} == {"bondaz-flexibility"}
    # The thesis chain summarises (theses and their direct reasons); the thesis's focus view shows the path.
    assert {"bondaz-decoupling-prediction", "bondaz-nine-closures"} <= set(
        views.focus(amap, "bondaz-flexibility", 2).nodes()
    )


def attacks_on(amap: ArgumentMap, target: str) -> list:
    return [inf for inf in amap.inferences.values() if inf.is_attack and inf.target == target]


def test_the_recommendation_meets_the_shrinking_levers(amap):
    recommendation = amap.claim("frank-avoid-isolation-opportunities")
    assert (recommendation.kind.value, recommendation.reported_by) == ("recommendation", "univie")
    premises = {p for inf in attacks_on(amap, recommendation.id) for p in inf.premises}
    assert {"bondaz-europe-levers", "bondaz-isolation-chosen-message"} <= premises


def test_the_alliance_attack_is_narrowed_to_moscow_and_china_supports_the_offset(amap):
    attacked = {
        inf.target for inf in amap.inferences.values() if inf.is_attack and "bondaz-china-only-ally" in inf.premises
    }
    assert attacked == {"frank-new-alliance"}
    assert "Moscow" in amap.claim("frank-new-alliance").text
    assert "bondaz-china-lifeline" in {p for inf in amap.supporters("frank-alliance-offsets") for p in inf.premises}
    assert "Russian neighbour and its Chinese ally" in amap.claim("bondaz-frontal-opposition").text


def test_the_two_alliance_claims_share_a_status(labels):
    assert labels["frank-rep-alliance-offsets"] == labels["frank-alliance-offsets"] == "IN"


def test_long_term_and_depth_are_attacked_as_the_texts_allow(amap, labels):
    """The epistemic claims ("still too early", "might provide", "not sufficient") undercut; the
    alternatives (flexibility, "for the moment") rebut Frank's long-term thesis."""
    for epistemic in ("bondaz-too-early", "bondaz-two-trends", "frank-economy-long-standing"):
        kinds = {inf.kind for inf in amap.outgoing[epistemic] if inf.is_attack}
        assert kinds == {"undercut"}, epistemic
    rebutters = {p for inf in attacks_on(amap, "frank-derisking-strategy") if inf.kind == "rebut" for p in inf.premises}
    assert {"bondaz-flexibility", "bondaz-for-the-moment"} <= rebutters
    assert amap.claim("bondaz-flexibility").kind.value == "thesis"
    assert "still too early" in amap.claim("bondaz-too-early").text
    assert "might provide a better understanding" in amap.claim("bondaz-two-trends").text


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
    own = [c for c in claims(amap) if c.source in ("frank-2023", "univie-2023")]
    assert own
    for claim in own:
        assert claim.quote is None, claim.id
        assert claim.locator and claim.locator.startswith(("§", "fn.", "¶")), claim.id
        assert "paraphrase" in claim.tags, claim.id
        assert claim.locator.startswith("¶") == (claim.source == "univie-2023"), claim.id
    summarised = [c for c in own if c.source == "univie-2023"]
    assert summarised and all(c.reported_by == "univie" and "summary" in c.tags for c in summarised)


#: Bondaz's renderings whose wording differs from Frank's own, and the words that differ.
REWORDED = {
    "frank-rep-fundamental-change": "fundamental change",
    "frank-rep-derisking-strategy": "long-term",
    "frank-rep-avoid-risks": "quotation marks",
    "frank-rep-alliance-offsets": "firm",
}


def test_reported_pairs_are_flagged_where_the_wording_differs(amap, labels):
    reported = {c.id: c for c in claims(amap) if c.reported_by == "bondaz"}
    flagged = {cid for cid, c in reported.items() if "reworded" in c.tags}
    assert flagged == set(REWORDED)
    for cid, words in REWORDED.items():
        assert words in reported[cid].note.lower(), cid
    # A rendering that gets another status than the claim it renders must say why.
    differ = {cid for cid, c in reported.items() if labels[cid] != labels[c.reports]}
    assert differ and differ <= flagged


def test_no_author_attacks_a_claim_they_hold(amap):
    """L001 and L002 are silent, although the shared facts feed both authors' arguments: Frank
    agrees with the closures that lead to Bondaz's thesis, and answers only for his own inferences."""
    result = run("check", MAP, "--format", "json")
    codes = {d["code"] for d in json.loads(result.output)["diagnostics"]}
    assert not codes & {"L001", "L002"}
    reached = set(walk_supports(amap, ["bondaz-nine-closures"], True, {}))
    assert "bondaz-flexibility" in reached and "frank-derisking-strategy" in reached


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
            node = entry.where.doc.node((*entry.where.path, "quote"))
            edits.setdefault(entry.where.file, []).append(
                (node.start_mark.index, node.end_mark.index, max(entry.item.quote.split(), key=len))
            )
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


def test_every_view_of_the_map_renders(tmp_path):
    """The whole map is one of the graphs on which Graphviz 2.43's newrank ranking fails ("trouble
    in init_rank") while the "renders" arrows leave the ranking alone; render lays it out again
    with them ranked instead of giving up."""
    result = run("render", MAP, "-o", tmp_path, "--format", "svg")
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg.count('class="node') >= 85 and "still too early" in svg
