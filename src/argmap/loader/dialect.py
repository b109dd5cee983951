"""The YAML argmap reads, and the guards on it: which tags, values and sizes a map may hold.

A map is YAML 1.1 as libyaml reads it (numbers, dates), with YAML 1.2's booleans, plain data only
(no tags beyond the core types), text keys, no merge keys, bounded nesting, text and alias
expansion; every refusal is a diagnostic whose code is one of the input rules (`rules/input.py`).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import yaml

from argmap.diagnostics import Diagnostic, Loc
from argmap.rules.input import ControlCharacter, UnsafeTag, WrongValue, YamlSyntax
from argmap.safety import CONTROL

#: Alias expansion beyond this many nodes per node written is a "billion laughs" bomb.
MAX_ALIAS_EXPANSION = 10_000
#: Mappings and lists nest a few levels in a map; far deeper is an attack on the parser (libyaml's
#: composer, which positions use, recurses in C once per level and crashed near 100,000).
MAX_DEPTH = 100
#: Longest text value: a claim is one proposition, a quote the shortest passage that carries it.
MAX_TEXT_CHARS = 20_000
YAML_TAG = "tag:yaml.org,2002:"
STR = YAML_TAG + "str"
SEQ = YAML_TAG + "seq"
MAP = YAML_TAG + "map"
_SCALAR_TAGS = frozenset(YAML_TAG + t for t in ("null", "bool", "int", "float", "str", "timestamp"))
_NODE_TAGS: dict[type[yaml.Node], frozenset[str]] = {
    yaml.ScalarNode: _SCALAR_TAGS,
    yaml.SequenceNode: frozenset({SEQ}),
    yaml.MappingNode: frozenset({MAP}),
}
_SAFE_TAGS = _SCALAR_TAGS | {SEQ, MAP}
#: What YAML 1.1 resolves the keys `<<` and `=` to.
_KEY_ONLY_TAGS = frozenset({YAML_TAG + "merge", YAML_TAG + "value"})
#: How a problem names what it found, in the words of YAML rather than Python.
_KIND_NAMES: dict[type, str] = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "nothing (an empty value)",
    _dt.date: "a date",
    _dt.datetime: "a date",
}
TAG_WORDS = {
    YAML_TAG + "int": "int",
    YAML_TAG + "float": "number",
    YAML_TAG + "bool": "boolean",
    YAML_TAG + "timestamp": "date",
    YAML_TAG + "null": "null",
    YAML_TAG + "value": "value key",
}
_NODE_NAMES: dict[type[yaml.Node], str] = {
    yaml.ScalarNode: "a single value",
    yaml.SequenceNode: "a list",
    yaml.MappingNode: "a mapping",
}
#: What libyaml counts as a line break, so that positions agree with its own.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: A problem found in a value: its rule's code and the message.
Problem = tuple[str, str]


class MapLoader(yaml.CSafeLoader):
    """libyaml with YAML 1.2's booleans: only true/false are booleans, so `id: no` stays text.

    YAML 1.1 reads yes, no, on, off, y and n as booleans (the "Norway problem"), which turns
    ids and labels written by hand into the wrong type."""


MapLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != YAML_TAG + "bool"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
MapLoader.add_implicit_resolver(YAML_TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
#: Tag -> how SafeConstructor builds a scalar of it.
CONSTRUCTORS: dict[str | None, Callable[[MapLoader, yaml.ScalarNode], Any]] = MapLoader.yaml_constructors
#: First character of a plain scalar -> the (tag, pattern) pairs that may resolve it; a plain
#: scalar whose first character has none is text, which most are.
RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = MapLoader.yaml_implicit_resolvers


def compose(text: str) -> yaml.Node | None:
    """The node tree of a file that was read once already (so nesting is bounded)."""
    loader = MapLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def not_text(key_tag: str) -> bool:
    """A key tagged so is no text (an unknown tag is left to Y003)."""
    return key_tag != STR and (key_tag in _SAFE_TAGS or key_tag in _KEY_ONLY_TAGS)


def value_problem(node: type[yaml.Node], tag: str, text: str | None, is_key: bool) -> Problem | None:
    """What is wrong with a value of kind `node` (a scalar with `text`) tagged `tag`, if anything."""
    if is_key and not_text(tag):
        return WrongValue.code, _key_problem(node, tag, text)
    if tag not in _SAFE_TAGS:
        return UnsafeTag.code, f"the tag {_short_tag(tag)} is not allowed: maps hold plain data only"
    if tag not in _NODE_TAGS[node]:
        return WrongValue.code, f"the tag {_short_tag(tag)} cannot mark {_NODE_NAMES[node]}"
    if text is not None and len(text) > MAX_TEXT_CHARS:
        return WrongValue.code, (
            f"a value of {len(text):,} characters; argmap accepts up to {MAX_TEXT_CHARS:,} "
            "(a claim is one proposition, a quote the shortest passage that carries it)"
        )
    control = CONTROL.search(text) if text is not None and tag == STR and not is_key else None
    if control:
        code = ord(control[0])
        return ControlCharacter.code, (
            f"the text holds the control character U+{code:04X} ({char_name(code)}), written as an "
            "escape; control characters have no place in prose and would break the diagrams: remove it"
        )
    return None


def _key_problem(node: type[yaml.Node], tag: str, text: str | None) -> str:
    """Every key of the format is text; `<<` merge keys (YAML 1.1 only) are not part of it."""
    if tag == YAML_TAG + "merge":
        return "merge keys (`<<: *anchor`) are not supported: write the fields out, or use `defaults:`"
    if node is not yaml.ScalarNode:
        return f"a key must be text, not {_NODE_NAMES[node]}"
    if tag in TAG_WORDS:
        return f"the key {clip(text or '')!r} is read as {TAG_WORDS[tag]}; keys are text: quote it"
    return f"the tag {_short_tag(tag)} cannot mark a key; keys are text"


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(YAML_TAG) if tag.startswith(YAML_TAG) else tag


def clip(text: str, width: int = 60) -> str:
    """A value short enough to quote in a one-line message."""
    return text if len(text) <= width else text[: width - 1] + "…"


def kind_name(value: object) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


def char_name(code: int) -> str:
    return unicodedata.name(chr(code), "a control character")


def syntax_error(name: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if problem.startswith("exceeded maximum nesting depth") and mark is not None:
        # libyaml 0.2.6 (PyYAML 6.0.4's wheels) scans ahead and stops deep flow nesting at its own
        # limit before the loader's event pass reaches MAX_DEPTH: the same refusal, said one way.
        return Diagnostic(
            YamlSyntax.code,
            f"nested more than {MAX_DEPTH} levels deep (libyaml stopped at its own limit)",
            Loc(name, mark.line + 1, mark.column + 1),
        )
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        problem = f"{problem} ({exc.context} at line {exc.context_mark.line + 1})"
    if problem.startswith("mapping values are not allowed"):
        problem += "; text with ': ' in it must be quoted, as in text: \"Note: ...\""
    if mark is None:
        return Diagnostic(YamlSyntax.code, f"YAML syntax error: {problem}", Loc(name))
    return Diagnostic(YamlSyntax.code, f"YAML syntax error: {problem}", Loc(name, mark.line + 1, mark.column + 1))


def reader_error(name: str, text: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    """A character YAML forbids (a control character): libyaml gives only a byte offset."""
    lines = _LINE_BREAKS.split(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    line, col = len(lines), len(lines[-1]) + 1
    char = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return Diagnostic(
        YamlSyntax.code,
        f"YAML syntax error: the character U+{char:04X} ({char_name(char)}) is not allowed "
        "in YAML; write it as an escape inside double quotes",
        Loc(name, line, col),
    )
