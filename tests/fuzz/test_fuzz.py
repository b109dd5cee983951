"""Property: whatever the files hold, `argmap check` reports problems and exits 0 or 1; it never
raises. The loader is fuzzed with arbitrary text and bytes, YAML-like token soup and random
structures; `check` with valid generated maps broken by random mutations."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import BASE_MANIFEST, BASE_SOURCE_TEXT, run
from tests.fuzz.profiles import FUZZ

FIELDS = [
    "claims",
    "arguments",
    "defaults",
    "id",
    "text",
    "kind",
    "author",
    "source",
    "supports",
    "rebuts",
    "undercuts",
    "from",
    "to",
    "argument",
    "premises",
    "mapper",
    "note",
    "quote",
    "locator",
    "tags",
    "suppress",
    "title",
    "authors",
    "sources",
    "positions",
    "rules",
    "name",
    "date",
    "argmap",
]
TOKENS = [
    *FIELDS,
    "[",
    "]",
    "{",
    "}",
    ": ",
    ":",
    ",",
    "- ",
    "-",
    "\n",
    "  ",
    "\t",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!int ",
    "!!seq ",
    "!!map ",
    "!!null ",
    "!!timestamp ",
    "!!bool ",
    "!!float ",
    "!!set ",
    "!!python/object/apply:os.system ",
    "!x ",
    "!",
    "=",
    "?",
    "? ",
    "'",
    '"',
    "\\",
    "#",
    "---",
    "...",
    "|",
    ">",
    "~",
    "<<",
    "%YAML 1.2\n",
    "1",
    "3.5",
    "true",
    "no",
    "2023-02-30",
    "ann",
    "\ufeff",
    "\r\n",
    "\u202e",
    "\u2028",
    "\x85",
    "é",
    "\\e",
    "\\x41",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    m = tmp_path / "m"
    m.mkdir()
    (m / "map.yaml").write_text(BASE_MANIFEST, encoding="utf-8")
    (m / "ann.txt").write_text(BASE_SOURCE_TEXT, encoding="utf-8")
    return m


def check_survives(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)
    result = run("check", "m", "--format", "text", "--no-color")  # an exception propagates and fails
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


FILE = st.sampled_from(["claims.yaml", "map.yaml"])


@FUZZ
@given(name=FILE, text=st.text())
def test_loader_survives_any_text(folder: Path, name: str, text: str) -> None:
    check_survives(folder, name, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(name=FILE, data=st.binary(max_size=512))
def test_loader_survives_any_bytes(folder: Path, name: str, data: bytes) -> None:
    check_survives(folder, name, data)


@FUZZ
@given(name=FILE, tokens=st.lists(st.sampled_from(TOKENS), max_size=60))
def test_loader_survives_yaml_token_soup(folder: Path, name: str, tokens: list[str]) -> None:
    check_survives(folder, name, "".join(tokens).encode("utf-8"))


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["ann", "yes", "thesis", "a", "b", "¶3", "2023-12"]),
    st.dates(),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=25,
)


@FUZZ
@given(name=FILE, data=st.dictionaries(st.sampled_from(FIELDS), STRUCTURES, max_size=5))
def test_loader_survives_random_structures(folder: Path, name: str, data: dict) -> None:
    check_survives(folder, name, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


# -- check on mutated valid maps --------------------------------------------------------------------


@st.composite
def valid_maps(draw) -> dict:
    """A claim file that checks clean: claims whose relations point only at earlier claims."""
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True), min_size=1, max_size=8, unique=True))
    claims = []
    for i, cid in enumerate(ids):
        claim = {"id": cid, "text": f"Claim {cid}.", "kind": draw(st.sampled_from(["premise", "evidence", "thesis"]))}
        targets = draw(st.lists(st.sampled_from(ids[:i]), max_size=2, unique=True)) if i else []
        if targets and draw(st.booleans()):
            claim["supports"] = [targets.pop()]
        if targets:
            claim["rebuts"] = [{"to": targets.pop(), "mapper": draw(st.booleans())}]
        claims.append(claim)
    doc = {"defaults": {"author": "ann", "source": "ann-2024"}, "claims": claims}
    if len(ids) >= 3:
        doc["arguments"] = [{"id": "linked-arg", "premises": ids[1:3], "supports": ids[0]}]
    return doc


def _paths(data, prefix=()):
    """Every path to a value in `data`, the root excluded."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


def _parent(doc, path):
    for part in path[:-1]:
        doc = doc[part]
    return doc


MUTATIONS = ["delete", "duplicate", "retype", "swap-ids", "dangle", "rename-key"]
RETYPED = st.one_of(
    SCALARS, st.lists(SCALARS, max_size=2), st.dictionaries(st.sampled_from(FIELDS), SCALARS, max_size=2)
)


def mutate(draw, doc: dict) -> None:
    paths = list(_paths(doc))
    path = draw(st.sampled_from(paths))
    parent, last = _parent(doc, path), path[-1]
    op = draw(st.sampled_from(MUTATIONS))
    if op == "delete":
        del parent[last]
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif op == "retype":
        parent[last] = draw(RETYPED)
    elif op == "swap-ids":
        claims = doc.get("claims")
        with_ids = [c for c in claims if isinstance(c, dict) and "id" in c] if isinstance(claims, list) else []
        if len(with_ids) >= 2:
            a, b = draw(st.permutations(with_ids))[:2]
            a["id"], b["id"] = b["id"], a["id"]
    elif op == "dangle" and isinstance(parent[last], str):
        parent[last] = parent[last] + "-gone"
    elif op == "rename-key" and isinstance(parent, dict):
        parent[draw(st.sampled_from(FIELDS))] = parent.pop(last)


INSERTS = ["!!python/object/apply:os.system ", "!custom ", "&x ", "*x ", "!!str ", "<<: *x\n", "\t", "'", "[", "- "]


@FUZZ
@given(doc=valid_maps(), data=st.data())
def test_check_survives_mutated_valid_maps(folder: Path, doc: dict, data) -> None:
    (folder / "claims.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    before = run("check", "m", "--format", "text", "--no-color")
    # Map rules may judge a generated map (an unsupported thesis...); its input must be clean.
    assert before.exit_code in (0, 1) and ": Y0" not in before.output, before.output
    for _ in range(data.draw(st.integers(1, 4))):
        if list(_paths(doc)):
            mutate(data.draw, doc)
    text = yaml.safe_dump(doc, sort_keys=False)
    if data.draw(st.booleans()):  # a tag, anchor or stray character dropped into the text
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(INSERTS)) + text[at:]
    check_survives(folder, "claims.yaml", text.encode("utf-8"))
