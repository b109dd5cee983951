"""Property tests: the engine against Dung's definitions, by brute force on small frameworks.

The oracle enumerates every subset of at most 8 arguments and applies the definitions as
written; the engine (linear grounded labelling, SAT enumeration) must agree with it, and the
lattice facts must hold: grounded is complete and the least complete extension, every
preferred extension is complete and a maximal admissible set, every stable one is preferred.
"""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics.extensions import complete, preferred, sceptical_labels, stable
from argmap.semantics.framework import Framework
from argmap.semantics.grounded import IN, OUT, UNDEC, grounded


@st.composite
def frameworks(draw, max_size: int = 8) -> Framework:
    n = draw(st.integers(0, max_size))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    attacks = draw(st.lists(st.sampled_from(pairs), max_size=3 * n)) if pairs else []
    return Framework([f"a{i}" for i in range(n)], attacks)


def attacked_by(af: Framework, s: frozenset[int]) -> set[int]:
    return {b for a in s for b in af.targets[a]}


def defends(af: Framework, s: frozenset[int], a: int) -> bool:
    return all(b in attacked_by(af, s) for b in af.attackers[a])


def conflict_free(af: Framework, s: frozenset[int]) -> bool:
    return not (attacked_by(af, s) & s)


def admissible(af: Framework, s: frozenset[int]) -> bool:
    return conflict_free(af, s) and all(defends(af, s, a) for a in s)


def oracle(af: Framework) -> dict[str, set[frozenset[int]]]:
    subsets = [frozenset(c) for k in range(len(af) + 1) for c in combinations(range(len(af)), k)]
    adm = {s for s in subsets if admissible(af, s)}
    co = {s for s in adm if all(a in s for a in range(len(af)) if defends(af, s, a))}
    return {
        "AD": adm,
        "CO": co,
        "PR": {s for s in adm if not any(s < t for t in adm)},
        "ST": {s for s in subsets if conflict_free(af, s) and attacked_by(af, s) | s == set(range(len(af)))},
        "GR": {min(co, key=len)},
    }


def found(enumerate_) -> set[frozenset[int]]:
    return {frozenset(e) for e in enumerate_}


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_engine_agrees_with_the_definitions(af: Framework) -> None:
    expected = oracle(af)
    assert {frozenset(grounded(af).extension())} == expected["GR"]
    assert found(complete(af)) == expected["CO"]
    assert found(preferred(af)) == expected["PR"]
    assert found(stable(af)) == expected["ST"]


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_lattice_facts(af: Framework) -> None:
    ground = frozenset(grounded(af).extension())
    co, pr, st_ = found(complete(af)), found(preferred(af)), found(stable(af))
    assert ground in co
    assert all(ground <= e for e in co)
    assert pr <= co and st_ <= pr
    assert all(admissible(af, e) and not any(e < other for other in co) for e in pr)


@settings(max_examples=200, deadline=None)
@given(frameworks())
def test_grounded_labelling_is_a_complete_labelling(af: Framework) -> None:
    labels = grounded(af).labels
    for a in range(len(af)):
        attackers = [labels[b] for b in af.attackers[a]]
        if labels[a] == IN:
            assert all(x == OUT for x in attackers)
        elif labels[a] == OUT:
            assert IN in attackers
        else:
            assert UNDEC in attackers and IN not in attackers


@settings(max_examples=200, deadline=None)
@given(frameworks())
def test_sceptical_labels_summarise_the_extensions(af: Framework) -> None:
    extensions = list(preferred(af))
    labels = sceptical_labels(af, extensions)
    for a in range(len(af)):
        assert (labels[a] == IN) == all(a in e for e in extensions)
        assert (labels[a] == OUT) == all(a in attacked_by(af, frozenset(e)) for e in extensions)


def test_long_chain_alternates_without_recursion() -> None:
    n = 200_001
    af = Framework([str(i) for i in range(n)], ((i, i + 1) for i in range(n - 1)))
    labels = grounded(af).labels
    assert labels[::2] == [IN] * (n // 2 + 1)
    assert labels[1::2] == [OUT] * (n // 2)


@settings(max_examples=300, deadline=None)
@given(af=frameworks(), semantics=st.sampled_from(["preferred", "stable"]))
def test_acceptance_part_by_part_is_acceptance_over_the_whole(af: Framework, semantics: str) -> None:
    """`accept` solves each undecided part alone and multiplies; enumerating the whole must agree."""
    from argmap.semantics.evaluation import accept

    whole = [set(e) for e in (preferred if semantics == "preferred" else stable)(af)]
    found = accept(af, semantics)
    assert found.total == len(whole)
    assert found.node_counts == [sum(a in e for e in whole) for a in range(len(af))]
    assert found.node_labels == sceptical_labels(af, [list(e) for e in whole])
    for a in range(len(af)):
        for accepted in (True, False):
            example = found.reading(a, accepted)
            if any((a in e) == accepted for e in whole):
                assert example in whole and (a in example) == accepted
            else:
                assert example is None
