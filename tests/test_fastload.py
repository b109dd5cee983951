"""The fast path (yaml-rs, `argmap.fastload`) and the libyaml pass give the same data and the same
diagnostics (codes, places, messages) on every input the suite has: the rule cases, the hostile
cases, fuzzed texts, interop maps, generated maps and the bundled map. And the fast path is taken
where nothing calls for the libyaml pass, so that this comparison is not empty."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import cast

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import fastload, places
from argmap.check import check_map
from argmap.loader import document, load_map, map_files
from argmap.loader.discovery import Unreadable, read_text
from argmap.loader.events import EventBuilder
from argmap.places import locate
from tests.benchmarks.generate import generate
from tests.conftest import REPO, run, write_map
from tests.fuzz.profiles import FUZZ
from tests.fuzz.test_fuzz import FIELDS, INSERTS, STRUCTURES, TOKENS, valid_maps
from tests.hostile.test_hostile import CASES as HOSTILE
from tests.hostile.test_hostile import write_case
from tests.interop.maps import drafts, write_draft
from tests.rules.test_rule_cases import _cases as rule_cases

#: Fuzzed texts are parsed, not checked, so five times the fuzz tests' examples fit (300 per test
#: in an ordinary run; `ARGMAP_FUZZ_PROFILE=long` for a long one, as tests/fuzz/run_long.sh).
MANY = settings(FUZZ, max_examples=FUZZ.max_examples * 5)


def _same(a, b) -> bool:
    """Equal data, types included (1 is not True), NaN equal to itself."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=False))
    return a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b))


def assert_same_parse(text: str) -> bool:
    """Whatever the fast path builds, the libyaml pass builds too, with nothing to report.

    Returns whether the fast path took the file."""
    fast = fastload.parse(text)
    if fast is fastload.FALLBACK:
        return False
    try:
        built = EventBuilder("f").build(text)
    except yaml.YAMLError as exc:  # the libyaml pass refuses what the fast path took
        raise AssertionError((text, exc)) from None
    assert built is not None, text
    data, found = built
    assert found == [], (text, found)
    assert _same(fast, data), (text, fast, data)
    return True


def outcome(folder: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    """The validated models of every file, and what `check` reports."""
    monkeypatch.setattr(fastload, "enabled", fast)
    models = [(doc.name, doc.model) for doc in load_map(folder).documents]
    return models, [(d.code, str(d.loc), d.message) for d in check_map(folder).diagnostics]


def assert_same_check(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both paths: the same data for every file, and `check` reports the same at the same places."""
    for path in map_files(folder):
        try:
            text = read_text(path, folder)
        except Unreadable:
            continue  # refused before any parser sees it
        assert_same_parse(text)
    assert outcome(folder, True, monkeypatch) == outcome(folder, False, monkeypatch)


@pytest.mark.parametrize(("code", "case"), list(rule_cases()))
def test_rule_cases_agree(code: str, case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_map(tmp_path / "m", case["files"], manifest=case.get("manifest", True))
    assert_same_check(tmp_path / "m", monkeypatch)


#: Cases that load a map with `check` (a folder without YAML files has nothing to compare).
CHECKED = [c for c in HOSTILE if ("command" not in c or c["command"][0] == "check") and c.get("make") != "no_yaml"]


@pytest.mark.parametrize("case", CHECKED, ids=[c["name"] for c in CHECKED])
def test_hostile_cases_agree(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_case(case, tmp_path / "m")
    assert_same_check(tmp_path / "m", monkeypatch)
    assert_same_places_in_files(tmp_path / "m")


def test_generated_and_bundled_maps_agree_on_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for folder in (generate(600, tmp_path / "g", seed=5), REPO / "arguments"):
        assert_same_check(folder, monkeypatch)
    # Nothing in a generated map calls for the libyaml pass.
    monkeypatch.setattr(fastload, "enabled", True)
    taken = [assert_same_parse(p.read_text(encoding="utf-8")) for p in map_files(tmp_path / "g")]
    assert taken and all(taken)


@MANY
@given(
    tokens=st.lists(
        st.sampled_from(
            [
                *TOKENS,
                "- ",
                "\n  ",
                ": ",
                "012",
                "1e3",
                "-.5",
                "0o17",
                "1:20",
                "1_000",
                "2023-12-13",
                "0x1F",
                "+1",
                ".inf",
                "3.5",
                "\u2029",
                "\r",
            ]
        ),
        max_size=60,
    )
)
def test_token_soup_agrees(tokens: list[str]) -> None:
    assert_same_parse("".join(tokens))


#: Pieces of YAML lines: indentation, indicators with each kind of white space after them,
#: keys and values of every style, so that whitespace and indentation rules are exercised.
_SPACES = st.sampled_from(["", " ", "  ", "    ", "\t", " \t", "\t "])
_VALUES = st.sampled_from(
    [
        "a",
        "b c",
        "012",
        "1e3",
        "-.5",
        "3.5",
        "12",
        "~",
        "no",
        "true",
        "'q ''x'''",
        '"d\\te\\/"',
        '"x\\\n  y"',
        "[a, b]",
        "{k: v}",
        "[a, {k: [b]}]",
        "|",
        ">-",
        "|2",
        "#c",
        "",
        "- a",
        "k2: v",
        "'multi\n  line'",
        "x:y",
        "?",
        "-",
        ":",
        "2023-12-13",
        "@x",
        "`x",
        "x #c",
    ]
)
_LINES = st.lists(
    st.tuples(
        _SPACES,
        st.sampled_from(["", "- ", "-\t", "? ", ": ", "- - ", "-"]),
        st.sampled_from(["", "k: ", "k:\t", "k:", "'k': ", '"k":', "id: ", "text: "]),
        _VALUES,
    ),
    min_size=1,
    max_size=12,
)


@MANY
@given(lines=_LINES, newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_yaml_lines_agree(lines: list[tuple[str, str, str, str]], newline: str) -> None:
    assert_same_parse("".join(a + b + c + d + newline for a, b, c, d in lines))


@MANY
@given(text=st.text())
def test_any_text_agrees(text: str) -> None:
    assert_same_parse(text)


@MANY
@given(
    data=st.dictionaries(st.sampled_from(FIELDS), STRUCTURES, max_size=5),
    style=st.sampled_from([None, False, True]),
    width=st.sampled_from([20, 80, 10_000]),
)
def test_dumped_structures_agree(data: dict, style, width: int) -> None:
    assert_same_parse(yaml.safe_dump(data, allow_unicode=True, default_flow_style=style, width=width))


@MANY
@given(doc=valid_maps(), at=st.integers(0, 10_000), insert=st.sampled_from([*INSERTS, ""]))
def test_mutated_maps_agree(doc: dict, at: int, insert: str) -> None:
    text = yaml.safe_dump(doc, sort_keys=False)
    at %= len(text) + 1
    assert_same_parse(text[:at] + insert + text[at:])
    assert_same_places_in_text(text[:at] + insert + text[at:])


@settings(max_examples=40, deadline=None)
@given(draft=drafts())
def test_interop_maps_agree(draft, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = write_draft(draft, tmp_path_factory.mktemp("interop"))
    for path in map_files(folder):
        assert_same_parse(path.read_text(encoding="utf-8"))


#: Spellings on both sides of `fastload._PLAIN_DECIMAL`: plain decimals of every length a 64-bit
#: integer holds, and what a judgement without a parse could wrongly take for one (leading zeros,
#: signs, underscores, digits beyond 64 bits, digits of other scripts).
_DECIMAL_SPELLINGS = (
    [str(n) for n in range(0, 130)]
    + ["9" * k for k in range(1, 24)]
    + ["1" + "0" * k for k in range(1, 24)]
    + [str(2**63 - 1), str(2**63), str(2**64), "00", "007", "012", "+12", "-12", "1_000", "12_", "0x1f", "0b11"]
    + ["١٢", "１２", "²", "12٣"]
)


@pytest.mark.parametrize("spelling", _DECIMAL_SPELLINGS)
def test_plain_decimals_agree_without_a_parse(spelling: str) -> None:
    """A spelling judged without a parse (a plain decimal) is one both parsers read alike, and
    every other spelling is still read by both: the quick judgement is the parsed one."""
    parsed = fastload._same(fastload._reference(spelling), fastload._fast(spelling))
    assert fastload._agrees(spelling) is parsed, spelling
    if fastload._PLAIN_DECIMAL.fullmatch(spelling):
        assert parsed, spelling


def test_what_the_fast_path_leaves_to_libyaml() -> None:
    """Each thing yaml-rs reads otherwise, or cannot judge, sends the file to the libyaml pass."""
    plain = "claims:\n  - id: a\n    text: t\n"
    assert fastload.parse(plain) == {"claims": [{"id": "a", "text": "t"}]}
    for value in ("012", "1e3", "-.5", "0o17", "1:20", "2023-12-13", "!custom x", "&a x", "*a", "!!str x"):
        assert fastload.parse(plain + f"    locator: {value}\n") is fastload.FALLBACK, value
    for text in (
        "%YAML 1.2\n---\n" + plain,
        plain + "---\nb: 1\n",
        plain + "    note: a\u2028b\n",
        plain + '    note: "\\e" \x07\n',
        plain + "  " + "- " * 400 + "x\n",
        "",
        "~\n",
        "- a\n",
        plain + "    " + "k" * 600 + ": v\n",
        plain + "    note: " + "w" * 20_001 + "\n",
        plain + "    text: u\n",
        plain + "<<: {a: b}\n",
        plain + "    note: |\n",
        plain + '    note: "ring\\a"\n',
        # `locator: 12` inside a quote, the real locator written `012` (YAML 1.1: 10): a scan for
        # numbers after `locator:` alone would be fooled (docs/performance.md, third round).
        plain + '    quote: "as said\n      locator: 12"\n    "locator": 012\n',
    ):
        assert fastload.parse(text) is fastload.FALLBACK, text[:80]
    # Spellings both read alike stay on the fast path; so do look-alikes inside texts.
    assert fastload.parse(plain + "    locator: 12\n    tags: [1.5, -3, 0x1F, .inf]\n")["claims"][0]["locator"] == 12
    assert fastload.parse(plain + "    note: at 12:30 a 0.5% rise, R&D, a *star*\n") is not fastload.FALLBACK


# -- places without a node tree ------------------------------------------------------------------


def _requests(data, prefix=()) -> Iterator[tuple[tuple, bool]]:
    """Every value's and key's path in `data`, and paths that lead nowhere or to a default."""
    yield from [(prefix, False), ((*prefix, "nowhere"), False), ((*prefix, 99), True)]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for part, value in items:
        yield (*prefix, part), True
        yield from _requests(value, (*prefix, part))
    if len(prefix) == 2 and prefix[0] == "claims":
        yield from [
            ((*prefix, name), key) for name in ("author", "source", "position", "kind") for key in (False, True)
        ]


def assert_same_places(folder: Path) -> None:
    """`places.locate` answers as `Document.loc` does: all places of a file at once, and each alone."""
    for doc in load_map(folder).documents:
        if doc.text is None:
            continue
        built = EventBuilder(doc.name).build(doc.text)
        # bounded: an alias bomb's data is far larger than its text
        requests = list(islice(_requests(built[0] if built else None), 3000))
        expected = [doc.loc(path, key) for path, key in requests]
        assert locate(doc, requests) == expected, doc.name
        for request, loc in list(zip(requests, expected, strict=False))[::7]:  # alone, the pass stops early
            assert locate(doc, [request]) == [loc], (doc.name, request)


def assert_same_item_places(doc: document.Document) -> int:
    """Places inside the claims (every value and key of each item, each item's places alone and
    with a later item's) found as `Document.loc` finds them, where `places.locate` may start its
    pass at the first claim asked about. Returns how many answers came from such a pass."""
    built = EventBuilder(doc.name).build(cast(str, doc.text))
    data = built[0] if built else None
    items = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return 0
    sliced = 0
    for i, item in enumerate(items[:60]):
        # bounded: an alias bomb's data is far larger than its text
        requests = list(islice(_requests(item, ("claims", i)), 400))
        if i + 2 <= len(items):  # two items, the second possibly past the end
            requests += [(("claims", i + 2, "id"), False), (("claims", i + 2), True)]
        expected = [doc.loc(path, key) for path, key in requests]
        wanted = {p for path, _ in requests for p in _prefixes(path)}
        sliced += doc.fast and places._sliced(cast(str, doc.text), wanted, requests) is not None
        assert locate(doc, requests) == expected, (doc.name, i)
        for request, loc in zip(requests[::5], expected[::5], strict=True):
            assert locate(doc, [request]) == [loc], (doc.name, request)
    return sliced


def _prefixes(path: tuple) -> list[tuple]:
    return [path[:n] for n in range(len(path) + 1)]


def assert_same_places_in_files(folder: Path) -> int:
    """`assert_same_item_places` on every file of a map that parses; how many answers were sliced."""
    return sum(assert_same_item_places(doc) for doc in load_map(folder).documents if doc.text is not None)


def assert_same_places_in_text(text: str) -> int:
    """`assert_same_item_places` on one file's text, when it is one document libyaml reads."""
    try:
        if EventBuilder("f").build(text) is None:
            return 0
    except yaml.YAMLError:
        return 0
    fast = fastload.parse(text) is not fastload.FALLBACK
    return assert_same_item_places(document.Document(Path("f.yaml"), "f.yaml", text=text, fast=fast))


def test_places_are_those_of_the_node_tree(tmp_path: Path) -> None:
    assert_same_places(generate(120, tmp_path / "g", seed=2))
    assert_same_places(REPO / "arguments")
    for i, param in enumerate(rule_cases()):
        case = param.values[1]
        assert_same_places(write_map(tmp_path / f"case{i}", case["files"], manifest=case.get("manifest", True)))
    texts = {
        "dup.yaml": "claims:\n  - id: a\n    text: t\n    text: u\n",
        "alias.yaml": "x: &a [1]\nclaims:\n  - *a\n",
        "flow.yaml": "claims: [{id: a, text: t, supports: [b, {to: c}]}]\n",
        "scalar.yaml": "just text\n",
        "complex.yaml": "? [a, b]\n: c\nclaims:\n  - id: a\n",
        "defaults.yaml": "defaults: {author: ann}\nclaims:\n- id: b\n",
    }
    assert_same_places(write_map(tmp_path / "odd", texts))


def test_places_found_from_a_claim_on_are_those_of_the_whole_file(tmp_path: Path) -> None:
    """A pass may start at the first claim asked about (docs/performance.md): in every item of
    every map of the suite, and of texts written to mislead it, its places are the whole file's."""
    assert assert_same_places_in_files(generate(300, tmp_path / "g", seed=3)) > 100
    assert assert_same_places_in_files(REPO / "arguments") > 50
    for i, param in enumerate(rule_cases()):
        case = param.values[1]
        assert_same_places_in_files(
            write_map(tmp_path / f"case{i}", case["files"], manifest=case.get("manifest", True))
        )
    item = "  - id: c{n}\n    text: t{n}\n"
    # lines that look like an item's start, at the items' column, inside multi-line quotes and
    # flow collections; items at another column; the defaults before and after the list
    misleading = {
        "double": item.format(n=0) + '    note: "a\n  - id: fake\n    text: x"\n' + item.format(n=1) + item.format(n=2),
        "single": item.format(n=0) + "    note: 'a\n\n  - id: fake\n  - z'\n" + item.format(n=1) + item.format(n=2),
        "flow": item.format(n=0) + "    tags: [a,\n  - b,\n  - c]\n" + item.format(n=1) + item.format(n=2),
        "flowmap": item.format(n=0) + "    links: {a: b,\n  - c: d}\n" + item.format(n=1) + item.format(n=2),
        "key": item.format(n=0) + '    "note\n  - x": y\n' + item.format(n=1) + item.format(n=2),
    }
    texts = {
        f"{name}-{where}.yaml": (head + "claims:\n" + body + tail)
        for name, body in misleading.items()
        for where, head, tail in (
            ("top", "defaults:\n  author: ann\n  kind: premise\n", "arguments:\n  - id: x\n"),
            ("end", "title: |\n  - id: c9\n", "defaults: {author: ann}\n"),
            ("flowdefaults", "defaults: {author: ann,\n  - kind: x}\n", ""),
        )
    }
    texts["indentless.yaml"] = "claims:\n" + "".join(item.format(n=n)[2:].replace("\n  ", "\n") for n in range(4))
    texts["deeper.yaml"] = "claims:\n" + "".join(f"    - id: c{n}\n      text: t{n}\n" for n in range(4))
    texts["blocktail.yaml"] = (
        "claims:\n" + "".join(item.format(n=n) for n in range(3)) + "notes: |\n  - id: c3\n  - x\n"
    )
    texts["comments.yaml"] = "claims:\n# - id: c0\n" + "".join(f"  # item {n}\n" + item.format(n=n) for n in range(4))
    folder = write_map(tmp_path / "misleading", texts)
    assert assert_same_places_in_files(folder) >= 6  # the lists without look-alike lines
    # yaml-rs refuses most of these files whole, so no cut is tried in them; the proof of a cut
    # must hold there too: each cut it takes is the start of the item it names
    proved = 0
    for doc in load_map(folder).documents:
        claims = doc.node(("claims",))
        if isinstance(claims, yaml.SequenceNode) and not doc.name.endswith("map.yaml"):
            start = (claims.start_mark.line, claims.start_mark.column)
            asked = [range(1, len(claims.value) + 2), *([k] for k in range(1, len(claims.value) + 2))]
            for items in asked:
                for line, _, index in places._item_starts(cast(str, doc.text), start, list(items)):
                    assert claims.value[index].start_mark.line == line, (doc.name, items, index)
                    proved += 1
    assert proved >= 20


def test_list_and_check_compose_no_node_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every claim's place in `list`, and every warning's in `check`, come from the event pass."""
    generate(600, tmp_path / "g", seed=4)
    composed: list[str] = []
    monkeypatch.setattr(document, "compose", lambda text: composed.append(text))
    monkeypatch.chdir(tmp_path)
    listed = run("list", "g", "--format", "json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert len(rows) == 600 and all(row["where"].startswith("g/claims/") for row in rows)
    # The places are right: each names the line where the claim's id is written.
    for row in rows[::37]:
        path, line, col = row["where"].rsplit(":", 2)
        assert (tmp_path / path).read_text(encoding="utf-8").splitlines()[int(line) - 1][
            int(col) - 1 :
        ] == f"id: {row['id']}"
    checked = run("check", "g", "--format", "json")
    assert checked.exit_code == 0 and '"line"' in checked.output, checked.output
    assert composed == []
