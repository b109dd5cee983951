"""The layout of the bundled map, measured on its SVGs (tests/benchmarks/layout.py), guarded
against getting much worse than the recorded figures; and the targets of issue 13."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argmap.render import measure as measuring
from tests.benchmarks.layout import RECORD, Layered, Measure, bundled_figures, crossings, layered, measure

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict[str, Measure]:
    return bundled_figures(tmp_path_factory.mktemp("layout"))


def recorded() -> dict[str, Measure]:
    return {name: Measure(**m) for name, m in json.loads(RECORD.read_text(encoding="utf-8")).items()}


def test_no_view_is_much_worse_than_recorded(figures):
    """Run `python -m tests.benchmarks.layout --record` after a change that is meant to move these."""
    before = recorded()
    assert set(figures) == set(before), "views came or went: record the figures again"
    for name, now in figures.items():
        was = before[name]
        assert now.crossings <= max(was.crossings + 3, was.crossings * 1.25), (name, now, was)
        assert now.width_in * now.height_in <= was.width_in * was.height_in * 1.25 + 4, (name, now, was)
        assert now.a3_text_pt >= min(8.0, was.a3_text_pt - 0.5), (name, now, was)


def test_no_view_draws_an_edge_across_a_claim_box(figures):
    assert {name: m.across for name, m in figures.items() if m.across} == {}


def test_the_summary_views_meet_issue_13s_targets(figures):
    """The thesis chain and every clash view: at most 25 claims and 5 crossings each."""
    summaries = {name: m for name, m in figures.items() if name == "thesis-chain" or name.startswith("clash-")}
    assert "thesis-chain" in summaries and len(summaries) > 2, sorted(figures)
    for name, m in summaries.items():
        assert m.claims <= 25 and m.crossings <= 5, (name, m)


def test_every_view_of_up_to_30_claims_prints_at_8_pt_on_a3(figures):
    small = {name: m for name, m in figures.items() if m.claims <= 30}
    assert {"thesis-chain", "clash-common-ground"} <= set(small), sorted(small)
    assert all(m.a3_text_pt >= 8.0 for m in small.values()), {n: m.a3_text_pt for n, m in small.items()}


def test_the_whole_map_is_laid_out_with_fewer_crossings_than_argdowns(figures):
    # Issue 13 asks for at most 41; the best layout Graphviz gave the map of 85 claims has 52,
    # every piece of a merged edge counted (docs/rendering.md has every variant measured). Argdown's layout of the same map, measured
    # the same day, has 115 (without its groups) to 1,339 (as exported, with them).
    assert figures["map"].crossings <= 52, figures["map"]


def test_a_focus_view_per_thesis_is_rendered_by_default(figures):
    assert len([name for name in figures if name.startswith("focus-")]) == 4


def test_render_draws_the_best_layout_of_those_it_tries(figures):
    from argmap.check import check_map
    from argmap.render import dot, views
    from argmap.status import annotate
    from tests.benchmarks.layout import REPO

    result = check_map(REPO / "arguments")
    amap = result.amap
    ann = annotate(amap, result.evaluation)
    tried = [measuring.measure(g.pipe(format="svg")) for g in dot.layouts(amap, views.whole(amap), ann)]
    assert len(tried) == len(dot.STAGGER_ROWS) * len(dot.EDGE_STYLES)
    assert figures["map"] == tried[measuring.best(tried)]
    assert figures["map"].crossings == min(m.crossings for m in tried) < tried[0].crossings


def test_the_choice_prefers_a_legible_print_then_fewer_crossings_then_less_paper():
    small = dict(claims=10, nodes=12, edges=12)
    legible = Measure(**small, crossings=3, width_in=10, height_in=10)
    tangled_small = Measure(**small, crossings=0, width_in=40, height_in=40)
    neat = Measure(**small, crossings=1, width_in=12, height_in=12)
    neater = Measure(**small, crossings=1, width_in=11, height_in=11)
    assert measuring.best([tangled_small, legible]) == 1
    assert measuring.best([legible, neat, neater]) == 2
    through_a_box = Measure(**small, crossings=0, width_in=10, height_in=10, across=1)
    assert measuring.best([through_a_box, legible]) == 1
    large = dict(claims=80, nodes=90, edges=120)
    assert (
        measuring.best(
            [
                Measure(**large, crossings=9, width_in=40, height_in=30),
                Measure(**large, crossings=8, width_in=50, height_in=30),
            ]
        )
        == 1
    )


def test_the_measure_counts_crossings_of_edges_that_share_no_end():
    cross = [(frozenset({"a", "b"}), [(0.0, 0.0), (10.0, 10.0)]), (frozenset({"c", "d"}), [(0.0, 10.0), (10.0, 0.0)])]
    touching = [
        (frozenset({"a", "b"}), [(0.0, 0.0), (10.0, 10.0)]),
        (frozenset({"a", "d"}), [(0.0, 10.0), (10.0, 0.0)]),
    ]
    apart = [(frozenset({"a", "b"}), [(0.0, 0.0), (10.0, 0.0)]), (frozenset({"c", "d"}), [(0.0, 5.0), (10.0, 5.0)])]
    assert (crossings(cross), crossings(touching), crossings(apart)) == (1, 0, 0)


def test_the_measure_counts_every_piece_of_an_edge_dot_merged_into_a_trunk():
    # With concentrate=true dot draws a merged edge as its trunk, then the rest after the split:
    # here only the second piece crosses the other edge.
    def edge(title: str, *paths: str) -> str:
        return f'<g class="edge"><title>{title}</title>' + "".join(f'<path d="{d}"/>' for d in paths) + "</g>"

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="100pt"><g>'
        + edge("a&#45;&gt;b", "M0,0C0,10 0,20 0,30", "M0,30C10,40 20,50 30,60")
        + edge("c&#45;&gt;d", "M0,60C10,50 20,40 40,30")
        + "</g></svg>"
    )
    assert measuring.measure(svg.encode()).crossings == 1


def test_the_measure_counts_edges_drawn_across_a_box_other_than_their_ends():
    boxes = {"a": (-10.0, -10.0, 10.0, 10.0), "b": (90.0, -10.0, 110.0, 10.0), "c": (40.0, -10.0, 60.0, 10.0)}
    straight = (frozenset({"a", "b"}), [(0.0, 0.0), (100.0, 0.0)])
    around = (frozenset({"a", "b"}), [(0.0, 0.0), (50.0, 30.0), (100.0, 0.0)])
    grazing = (frozenset({"a", "b"}), [(0.0, 0.0), (50.0, 8.0), (100.0, 0.0)])  # within the margin
    assert [measuring.across([e], boxes) for e in (straight, around, grazing)] == [1, 0, 0]


def test_an_edge_drawn_straight_through_a_box_is_seen_in_graphviz_svg():
    import graphviz

    g = graphviz.Digraph(engine="neato")
    g.attr(splines="line")
    for name, y in (("a", 0), ("c", 100), ("b", 200)):
        g.node(name, shape="box", pos=f"0,{y}")
    g.edge("a", "b")
    g.edge("a", "c")
    svg = g.pipe(format="svg", neato_no_op=2)
    assert measuring.measure(svg).across == 1
    g.body[-2] = g.body[-2].replace("\ta -> b", '\ta -> b [pos="0,0 -80,66 -80,133 0,200"]')
    assert measuring.measure(g.pipe(format="svg", neato_no_op=2)).across == 0


def test_the_measure_reads_graphviz_svg(tmp_path: Path):
    import graphviz

    g = graphviz.Digraph()
    g.attr(size="2,2")  # drawn larger than this: Graphviz scales it down
    for a, b in (("a", "d"), ("b", "c"), ("a", "x")):
        g.edge(a, b)
    g.attr(rankdir="LR")
    with g.subgraph() as same:
        same.attr(rank="same")
        same.node("a"), same.node("b")
    with g.subgraph() as same:
        same.attr(rank="same")
        same.node("c"), same.node("d")
    (tmp_path / "g.svg").write_bytes(g.pipe(format="svg"))
    m = measure(tmp_path / "g.svg")
    assert (m.nodes, m.edges) == (5, 3) and m.width_in <= 2 and m.height_in <= 2 and m.scale < 1


def test_the_least_crossings_between_rows_are_solved_exactly():
    # Two rows of two: a-d and b-c cross as drawn and need not; with all four edges, one pair must.
    crossed = Layered([["a", "b"], ["c", "d"]], [["a", "d"], ["b", "c"]], [frozenset("ad"), frozenset("bc")])
    assert (crossed.crossings(), crossed.least_crossings()) == (1, 0)
    chains = [["a", "c"], ["a", "d"], ["b", "c"], ["b", "d"]]
    complete = Layered([["a", "b"], ["c", "d"]], chains, [frozenset(c) for c in chains])
    assert (complete.crossings(), complete.least_crossings()) == (1, 1)
    assert complete.crossings([["b", "a"], ["c", "d"]]) == 1


def test_a_long_edge_passes_every_row_between_its_ends():
    graph = layered("digraph { rankdir=BT; a -> b; b -> c; a -> c; x -> c }")
    assert [len(row) for row in graph.rows] == [1, 3, 1]  # a; b, x and the point of a -> c; c
    assert sorted(len(chain) for chain in graph.chains) == [2, 2, 2, 3]
    assert graph.crossings() == graph.least_crossings() == 0
