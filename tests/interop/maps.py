"""Generated maps for round trips: linked arguments, rebuttals, undercuts, undercuts of undercuts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from argmap.interop.draft import Draft, Relation
from argmap.interop.writer import write_map

#: Texts that YAML, JSON, AIF and Argdown each treat specially.
TEXTS = (
    st.text(st.sampled_from(list("abc XYZ.,:;#[]<>@*_-+/\\'\"{}()~=|!?%&é€–")), min_size=1, max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@st.composite
def drafts(draw) -> Draft:
    n = draw(st.integers(2, 8))
    draft = Draft(Path("generated"), title=draw(TEXTS))
    draft.authors = {"ann": "Ann Lee", "ben": "Ben"}
    for i in range(n):
        draft.claims[f"c{i}"] = {
            "text": draw(TEXTS),
            "author": draw(st.sampled_from([None, "ann", "ben"])),
            "tags": draw(st.lists(st.sampled_from(["key", "two.words", "x_y"]), unique=True)),
        }
    index = st.integers(0, n - 1)
    seen = set()
    for kind, premises, target in draw(
        st.lists(
            st.tuples(
                st.sampled_from(["support", "rebut"]), st.lists(index, min_size=1, max_size=3, unique=True), index
            ),
            max_size=10,
        )
    ):
        # supports run from higher to lower numbers, so they never form a circle
        if target in premises or (kind == "support" and min(premises) < target):
            continue
        # a claim may not both support and rebut the same claim (rule S105)
        if any((other, p, target) in seen for p in premises for other in ("support", "rebut") if other != kind):
            continue
        key = (kind, frozenset(premises), target)
        if key not in seen:
            seen.add(key)
            seen.update((kind, p, target) for p in premises)
            rid = f"r{len(draft.relations)}"
            draft.relations[rid] = Relation(rid, kind, [f"c{p}" for p in premises], f"c{target}")
    for a, b in draw(st.lists(st.tuples(index, index), max_size=3)):
        # a contrary: a rebuttal both ways, so only between claims no other relation joins
        if a != b and not any((kind, p, t) in seen for kind in ("support", "rebut") for p, t in ((a, b), (b, a))):
            seen.update((kind, p, t) for kind in ("support", "rebut") for p, t in ((a, b), (b, a)))
            rid = f"r{len(draft.relations)}"
            draft.relations[rid] = Relation(rid, "rebut", [f"c{a}"], f"c{b}", contrary=True)
    for premises, pick in draw(
        st.lists(st.tuples(st.lists(index, min_size=1, max_size=2, unique=True), st.integers(0, 100)), max_size=4)
    ):
        if draft.relations:
            targets = list(draft.relations)
            rid = f"r{len(draft.relations)}"
            draft.relations[rid] = Relation(rid, "undercut", [f"c{p}" for p in premises], targets[pick % len(targets)])
    return draft


def write_draft(draft: Draft, folder: Path) -> Path:
    imported = draft.finish()
    assert not imported.failed, imported.diagnostics
    write_map(folder, imported)
    return folder
