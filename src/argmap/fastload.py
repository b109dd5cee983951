"""The fast path of the loader: yaml-rs builds a file's data, when that data is provably the same.

yaml-rs (Rust, YAML 1.2) parses about ten times faster than libyaml's event pass, but reads
some scalars otherwise than the loader (which keeps YAML 1.1's numbers and dates and YAML 1.2's
booleans), drops unknown tags silently and knows no positions. So a file takes this path only
when cheap checks prove that yaml-rs gives exactly the data the libyaml pass would, with no guard
of that pass firing; any doubt sends the file through the libyaml pass, which also finds and
reports every problem. The checks:

- a scan of the text for what yaml-rs cannot judge as libyaml does: anchors, aliases and tags
  where a value can start, directives and document markers, tabs (libyaml refuses some that
  yaml-rs takes), backslashes (an escape may write a control character, refused as Y013),
  characters libyaml refuses or counts as line breaks where YAML 1.2 does not;
- in a file where yaml-rs built a number, each number-like plain scalar where a value can start
  is read by both resolvers (once per distinct spelling): `012`, `1e3`, `0o17` differ between
  YAML 1.1 and 1.2 (where yaml-rs built text, the walk below judges it);
- a walk of the data: no text that YAML 1.1 would read as a number, date or merge key (it may have
  been written plain), no key that is not text or longer than libyaml allows, no text over
  MAX_TEXT_CHARS, no nesting deeper than MAX_DEPTH, and no text that is one line break (what
  yaml-rs 0.1.6 makes of an empty block scalar at the end of a file, where libyaml reads "").

A false alarm costs only speed; `tests/test_fastload.py` checks on every map, hostile case and
fuzzed input of the suite that both paths give the same data and diagnostics.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import yaml_rs

from argmap.loader.dialect import MAX_DEPTH, MAX_TEXT_CHARS, RESOLVERS, YAML_TAG
from argmap.loader.events import EventBuilder

#: Set False to send every file through the libyaml pass (the differential test compares both).
enabled = True

#: What stands for "take the libyaml pass": a file's data may be None itself.
FALLBACK = object()
#: libyaml refuses implicit keys over 1,024 characters of source; quotes and escapes make the
#: text shorter than its source, so longer keys are left to it.
MAX_FAST_KEY = 512

#: Where a node can start (after a line break, `: `, `,`, `[`, `{`, `- `, `? `), a number-like
#: plain scalar; two patterns, each led by one character class, which the regular expression
#: engine scans for quickly. Matches inside longer texts are false alarms.
_START = r"((?:[0-9]|[-+.][^\s,\[\]{}#:])[^\s,\[\]{}#:]*)"
_AFTER_INDICATOR = re.compile(r"[:,\[{\n\r][ \t]*" + _START)
_AFTER_ENTRY = re.compile(r"[-?][ \t]+" + _START)
#: An anchor, alias or tag where a node can start.
_PROPERTY = re.compile(r"(?:[:,\[{\n\r][ \t]*|[-?][ \t]+)[&*!]")
#: Characters libyaml refuses (control characters, surrogates, U+FFFE/FFFF), reads as a
#: byte-order mark, or counts as line breaks where YAML 1.2 does not.
_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
#: A line whose indentation and compact indicators (`- - - x`) run this long may nest block
#: collections hundreds of levels deep: yaml-rs 0.1.6 recurses once per block level and crashes
#: the interpreter (SIGSEGV) near 20,000 levels, so such a file goes to the libyaml pass, which
#: refuses it at MAX_DEPTH. Each block level needs a column of its own (a list under a key may
#: share its key's), so shorter runs bound nesting far below that; yaml-rs itself refuses flow
#: nesting deeper than a few hundred levels.
_DEEP_LINE = re.compile(r"\n[ \t?:-]{300}")
#: Directives and document markers (a stream of several documents, or one marked explicitly).
_MARKERS = ("%", "---", "...")
_LINE_MARKERS = tuple("\n" + marker for marker in _MARKERS)
_NOT_TEXT_TAGS = frozenset(YAML_TAG + t for t in ("null", "bool", "str"))
#: First character of a text -> the YAML 1.1 patterns that would read it, written plain, as
#: something other than text (numbers, dates, merge keys); booleans and null agree with 1.2.
_SUSPECT = {
    first: tuple(pattern for tag, pattern in resolvers if tag not in _NOT_TEXT_TAGS)
    for first, resolvers in RESOLVERS.items()
}
_SUSPECT = {first: patterns for first, patterns in _SUSPECT.items() if patterns}
#: Number-like spelling -> whether both resolvers read it alike (bounded: a map is no dictionary).
_AGREES: dict[str, bool] = {}
_MAX_AGREES = 10_000


def parse(text: str) -> Any:
    """The file's data as the libyaml pass would build it, or FALLBACK."""
    if not enabled or unsure(text):
        return FALLBACK
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal: the libyaml pass says what is wrong, and where
        return FALLBACK
    numbers: list[bool] = []
    # An empty file and a lone `~` both give None: only the libyaml pass tells them apart.
    if type(data) is not dict or not _plain(data, 1, set(), numbers):
        return FALLBACK
    # A number's spelling decides whether YAML 1.1 and 1.2 read it alike: looked at only in a
    # file that has numbers (a text either reads alike or is suspect, which the walk saw).
    if numbers and not _numbers_agree(text):
        return FALLBACK
    return data


def unsure(text: str) -> bool:
    """Whether the text holds something only the libyaml pass can judge."""
    if text.startswith(_MARKERS) or any(marker in text for marker in _LINE_MARKERS) or _CHARACTERS.search(text):
        return True
    if "\t" in text:  # libyaml refuses tabs in places where yaml-rs takes them (`-\tb`)
        return True
    if "\\" in text:  # an escape may write a control character, which the libyaml pass refuses (Y013)
        return True
    text = "\n" + text  # the start of the file is where a node can start too
    if _DEEP_LINE.search(text):
        return True
    return ("&" in text or "*" in text or "!" in text) and _PROPERTY.search(text) is not None


def _numbers_agree(text: str) -> bool:
    """Whether every number-like plain scalar where a node can start reads alike in YAML 1.1 and 1.2."""
    text = "\n" + text
    starts = set(_AFTER_INDICATOR.findall(text))
    starts.update(_AFTER_ENTRY.findall(text))
    return all(_agrees(start) for start in starts)


#: ASCII digits without a leading zero, few enough for a 64-bit integer: YAML 1.1 (whose float,
#: sexagesimal and date patterns all need a `.`, `:` or `-`) and yaml-rs both read that decimal
#: integer, so no parse is needed (`test_plain_decimals_agree_without_a_parse`).
_PLAIN_DECIMAL = re.compile(r"0|[1-9][0-9]{0,17}")


def _agrees(spelling: str) -> bool:
    if _PLAIN_DECIMAL.fullmatch(spelling):
        return True
    agrees = _AGREES.get(spelling)
    if agrees is None:
        agrees = _same(_reference(spelling), _fast(spelling))
        if len(_AGREES) < _MAX_AGREES:
            _AGREES[spelling] = agrees
    return agrees


def _reference(spelling: str) -> Any:
    try:
        built = EventBuilder("").build(f"k: {spelling}\n")
    except Exception:
        return FALLBACK
    return built[0]["k"] if built and not built[1] else FALLBACK


def _fast(spelling: str) -> Any:
    try:
        data = yaml_rs.loads(f"k: {spelling}\n", parse_datetime=False)
    except Exception:
        return FALLBACK
    return data["k"] if type(data) is dict else FALLBACK


def _same(a: Any, b: Any) -> bool:
    if a is FALLBACK or b is FALLBACK or type(a) is not type(b):
        return False
    return a == b or (type(a) is float and math.isnan(a) and math.isnan(b))


def _suspect(value: str) -> bool:
    """Whether YAML 1.1 reads `value`, written plain, as something other than text."""
    return any(p.match(value) for p in _SUSPECT[value[0]])


def _plain(value: dict[Any, Any] | list[Any], depth: int, keys: set[str], numbers: list[bool]) -> bool:
    """Whether `value` holds nothing the libyaml pass would refuse or read otherwise, but for
    numbers, of which `numbers` gets an entry when there are any.

    `keys` are the keys already found fine (a map repeats a handful of field names)."""
    if depth > MAX_DEPTH:
        return False
    if type(value) is dict:
        for key in value:
            if key not in keys:
                if type(key) is not str or len(key) > MAX_FAST_KEY or key == "\n":
                    return False
                if key[:1] in _SUSPECT and _suspect(key):
                    return False
                keys.add(key)
        items: Iterable[Any] = value.values()
    else:
        items = value
    longest = MAX_TEXT_CHARS
    for item in items:
        kind = type(item)
        if kind is str:
            # "\n": an empty block scalar at the end of a file, which libyaml reads as ""
            if len(item) > longest or item == "\n" or (item[:1] in _SUSPECT and _suspect(item)):
                return False
        elif kind is dict or kind is list:
            if not _plain(item, depth + 1, keys, numbers):
                return False
        elif kind is int or kind is float:
            if not numbers:
                numbers.append(True)
        elif kind is not bool and item is not None:
            return False
    return True
