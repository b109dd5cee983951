"""Where values are written, for many places of one file at once, without composing its node tree.

Composing a file's whole node tree (what `Document.loc` does, and keeps for the next question)
costs about three times a pass over libyaml's events; a check that reports a dozen warnings in a
dozen files, or `argmap list` that shows every claim's place, would pay that for every file. This
pass follows the events once, records the start of every node on the way to a place asked for,
skips every other subtree by counting its events, and stops once every place asked for is found.
The answers are those `Document.loc` gives; a file with an alias (where a composed node stands
at its anchor, not where the alias is written) is left to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, cast

import yaml
import yaml_rs

from argmap.diagnostics import FieldPath, Loc

if TYPE_CHECKING:
    from argmap.loader import Document

#: A place asked for: the path of mapping keys and list indices, and whether the key is meant.
Request = tuple[FieldPath, bool]
#: A node's start: line and column, from 0.
Mark = tuple[int, int]
#: Where nodes start, by path (a path through a key that is a collection holds `_COMPLEX`).
Marks = dict[tuple[object, ...], Mark]


class _HasAlias(Exception):
    """An alias: its node is the anchored one, which only the composed tree says."""


def locate_all(places: list[tuple[Document, FieldPath, bool]]) -> list[Loc]:
    """The `Loc` of each (document, path, key), with one pass per document."""
    by_doc: dict[int, list[int]] = {}
    for i, (doc, _, _) in enumerate(places):
        by_doc.setdefault(id(doc), []).append(i)
    found: list[Loc] = [Loc("")] * len(places)
    for indices in by_doc.values():
        doc = places[indices[0]][0]
        for i, loc in zip(indices, locate(doc, [(places[i][1], places[i][2]) for i in indices]), strict=False):
            found[i] = loc
    return found


def locate(doc: Document, requests: list[Request]) -> list[Loc]:
    """The `Loc` of each request, as `doc.loc(path, key)` gives it."""
    from argmap.loader import DEFAULTED_FIELDS, Document, MapLoader

    # A kind of document that finds its nodes its own way (a snippet for `add`) answers itself.
    if doc.text is None or not requests or type(doc) is not Document:
        return [doc.loc(path, key) for path, key in requests]
    wanted: set[tuple[object, ...]] = set()
    for path, _ in requests:
        wanted.update(_prefixes(path))
        if _defaulted(path, DEFAULTED_FIELDS):
            # where Document.loc looks: the claim's own field, a field of the deepest node on the
            # way to the claim, and the default
            wanted.update(_prefixes(("defaults", path[2])))
            wanted.update({("claims", path[2]), (path[2],)})
    try:
        # only a file yaml-rs read can be cut: its text holds nothing `fastload.unsure` doubts
        sliced = _sliced(doc.text, wanted, requests) if doc.fast else None
        values, keys = sliced or _marks(MapLoader(doc.text), wanted, requests)
    except _HasAlias:
        return [doc.loc(path, key) for path, key in requests]
    return [_answer(doc.name, values, keys, path, key, _defaulted(path, DEFAULTED_FIELDS)) for path, key in requests]


def _sliced(text: str, wanted: set[tuple[object, ...]], requests: list[Request]) -> tuple[Marks, Marks] | None:
    """The marks `_marks` finds in the whole text, found by a pass that starts at the first claim
    asked about, or None when that start is not proved (then the whole text is passed over).

    Every place asked for must lie in a claim (`claims`, index, ...). A pass over the head of the
    file finds the root, the `claims` list and the `defaults` up to the first claim. Each item
    starts on a line that holds `- ` at the list's column, and such a line starts an item unless it
    lies inside a multi-line quoted scalar or flow collection (block and plain scalars in an item
    are indented further). So the first claim asked about, item k, starts on the k-th such line
    after the list's start or later. yaml-rs parses the text before that line (an open quote or
    bracket would fail at its end) and finds `claims` its last key, a list of j <= k items: so the
    line is item j's start; later cuts are proved from the cut before (`_item_starts`). The pass
    from a cut reads the items as a list of its own, whose marks are shifted back by the lines cut
    off. The caller cuts only a file yaml-rs read (no anchors, aliases, tags, directives, several
    documents, tabs or byte-order mark); CR line ends, or defaults after the list, fall back here.
    docs/performance.md gives the argument; tests/test_fastload.py compares both passes."""
    from argmap.loader import MapLoader

    # item 0 is next to the head: nothing to gain
    if any(not _in_item(path, 1) for path, _ in requests) or "\r" in text:
        return None
    items = sorted({cast(int, path[1]) for path, _ in requests})
    defaults = {path for path in wanted if path[:1] == ("defaults",)}
    head_wanted = {(), ("claims",), ("claims", 0), *defaults}
    values, keys = _marks(MapLoader(text), head_wanted, [(("claims", 0), False)], stop=("claims", 0))
    if ("claims",) not in values or (defaults and ("defaults",) not in values):
        return None  # no list, or the defaults follow it
    cuts = _item_starts(text, values[("claims",)], items)
    if not cuts:
        return None
    for n, (line, offset, first) in enumerate(cuts):
        last = cuts[n + 1][2] - 1 if n + 1 < len(cuts) else items[-1]
        group = [(path, key) for path, key in requests if first <= cast(int, path[1]) <= last]
        end = cuts[n + 1][1] if n + 1 < len(cuts) else len(text)
        try:
            found = _marks(
                MapLoader(text[offset:end]),
                {("claims",), *(_shift(path, -first) for path in wanted if _in_item(path, first, last))},
                [(cast(FieldPath, _shift(path, -first)), key) for path, key in group],
                stop=("claims", last - first + 1),
                root=("claims",),
            )
        except yaml.YAMLError:  # the list ended before every place asked for was met
            return None
        for into, marks in zip((values, keys), found, strict=True):
            into.update({_shift(path, first): (at[0] + line, at[1]) for path, at in marks.items() if len(path) > 1})
    return (values, keys) if all(("claims", i) in values for i in items) else None


def _in_item(path: tuple[object, ...], first: int, last: int | None = None) -> bool:
    """Whether `path` lies in a claim from `first` to `last`."""
    if len(path) < 2 or path[0] != "claims" or type(path[1]) is not int:
        return False
    return first <= path[1] and (last is None or path[1] <= last)


def _shift(path: tuple[object, ...], by: int) -> tuple[object, ...]:
    """A path into a claim, its index moved by `by`."""
    return ("claims", cast(int, path[1]) + by, *path[2:])


def _item_starts(text: str, start: Mark, items: list[int]) -> list[tuple[int, int, int]]:
    """Where proved starts of the `claims` list's items are (line, offset in the text, index): for
    each item asked for (ascending), its own or an earlier item's; from the first that cannot be
    proved on, a cut's pass reads on to the items after it. Empty when the first is unproved.

    The first cut is proved by parsing the text before it; each later one by parsing the text
    from the cut before it, which starts an item, so that the items are read as a list of their
    own: its end has no quote or bracket open either, and it counts the items between."""
    line0, column = start
    offset = 0
    for _ in range(line0):
        offset = text.index("\n", offset) + 1
    if text[offset + column : offset + column + 2] not in ("- ", "-\n") or text[offset : offset + column].strip(" "):
        return []
    lines = _item_lines(text, offset, column)
    cuts: list[tuple[int, int, int]] = []
    taken = -1  # the candidate lines read so far, less one
    line, done, index = line0, 0, 0
    for k in items:
        cut = next(islice(lines, k - taken - 1, None), None)
        taken = k
        if cut is None:
            break
        read = _items_before(text[done:cut], not cuts)
        if read is None or not 0 < index + read <= k:
            if not cuts:
                return []
            continue  # the cut before reads on to this item
        line += text.count("\n", max(done, offset), cut)
        done, index = cut, index + read
        cuts.append((line, done, index))
    return cuts


def _item_lines(text: str, offset: int, column: int) -> Iterator[int]:
    """The offsets of the lines from `offset` (a line's start) on that hold `- `, or a `-` that
    ends the line, at `column`."""
    needle = "\n" + " " * column + "-"
    start = offset
    while True:
        if text[start + column : start + column + 2] in ("- ", "-\n", "-"):
            yield start
        at = text.find(needle, start)
        if at == -1:
            return
        start = at + 1


def _items_before(text: str, head: bool) -> int | None:
    """How many `claims` items `text` holds, read from the top of the file (`head`) or from an
    item's start; None when yaml-rs refuses it (an open quote or bracket at its end, anything
    else) or it does not end inside the list."""
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:
        return None
    if head:
        if type(data) is not dict or list(data)[-1:] != ["claims"]:
            return None
        data = data["claims"]
    return len(data) if type(data) is list else None


def _defaulted(path: FieldPath, fields: tuple[str, ...]) -> bool:
    return len(path) >= 3 and path[0] == "claims" and path[2] in fields


def _prefixes(path: FieldPath) -> Iterable[FieldPath]:
    return (path[:i] for i in range(len(path) + 1))


def _answer(name: str, values: Marks, keys: Marks, path: FieldPath, key: bool, defaulted: bool) -> Loc:
    mark = _deepest(values, keys, path, key)
    if defaulted:
        # The claim (or the deepest node on the way to it) does not hold the field: the default does.
        depth = next(i for i in (2, 1, 0) if path[:i] in values or i == 0)
        if (*path[:depth], path[2]) not in values:
            mark = _deepest(values, keys, ("defaults", path[2]), key) or mark
    if mark is None:
        return Loc(name)
    return Loc(name, mark[0] + 1, mark[1] + 1)


def _deepest(values: Marks, keys: Marks, path: FieldPath, key: bool) -> Mark | None:
    """The mark of the node at `path`, or of the deepest node on the way."""
    mark = values.get(())
    for i in range(1, len(path) + 1):
        # the key of a list item is the item
        use_key = key and i == len(path) and not isinstance(path[-1], int)
        found = (keys if use_key else values).get(path[:i])
        if found is None:
            break
        mark = found
    return mark


def _marks(
    loader: yaml.CSafeLoader,
    wanted: set[tuple[object, ...]],
    requests: list[Request],
    stop: tuple[object, ...] | None = None,
    root: tuple[object, ...] = (),
) -> tuple[Marks, Marks]:
    """The start (line, column) of every node whose path is in `wanted`, and of its key, up to
    the node at `stop` (not included), if that is met; the document's root has the path `root`."""
    values: Marks = {}
    keys: Marks = {}
    #: Paths with something wanted below them: only their contents are looked into.
    parents = {path[:-1] for path in wanted if path}
    missing = set(requests)
    try:
        get_event = loader.get_event
        event = get_event()
        while not isinstance(event, _NODES):
            if type(event) is yaml.StreamEndEvent:
                return values, keys
            event = get_event()
        stack: list[_Frame] = []
        while True:
            kind = type(event)
            if kind is yaml.AliasEvent:
                raise _HasAlias
            mark = cast(yaml.Mark, cast(yaml.Event, event).start_mark)  # libyaml marks every event
            frame = stack[-1] if stack else None
            if frame is not None and frame.mapping and frame.key is _KEY:
                frame.key = cast(yaml.ScalarEvent, event).value if kind is yaml.ScalarEvent else _COMPLEX
                where = (*frame.path, frame.key)
                if where in wanted and where not in keys:
                    keys[where] = (mark.line, mark.column)
                    missing.discard((cast(FieldPath, where), True))
                if kind is not yaml.ScalarEvent:
                    _skip(get_event)
            else:
                path: tuple[object, ...]
                if frame is None:
                    path = root
                elif frame.mapping:
                    path, frame.key = (*frame.path, frame.key), _KEY
                else:
                    path = (*frame.path, frame.index)
                    frame.index += 1
                if path == stop:
                    return values, keys
                first = path in wanted and path not in values  # a key written twice: the first counts
                if first:
                    values[path] = (mark.line, mark.column)
                    missing.discard((cast(FieldPath, path), False))
                if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    if first and path in parents:
                        stack.append(_Frame(path, kind is yaml.MappingStartEvent))
                    else:
                        _skip(get_event)
            if not stack or (not missing and _complete(values, requests)):
                return values, keys
            event = get_event()
            while type(event) is yaml.MappingEndEvent or type(event) is yaml.SequenceEndEvent:
                stack.pop()
                if not stack:
                    return values, keys
                event = get_event()
    finally:
        loader.dispose()


def _complete(values: Marks, requests: list[Request]) -> bool:
    """Whether every claim field asked for was met in its claim (else its default is needed)."""
    return all(len(path) < 3 or path[0] != "claims" or path[:3] in values for path, _ in requests)


def _skip(get_event: Callable[[], yaml.Event | None]) -> None:
    """Consume the rest of a collection whose start was just read (most of what a pass reads:
    each step counts)."""
    depth = 1
    while depth:
        step = _DEPTH.get(type(get_event()))
        if step is None:
            raise _HasAlias
        depth += step


#: How each kind of event inside a collection changes the depth of nesting; an alias has no entry.
_DEPTH: dict[type[yaml.Event | None], int] = {
    yaml.ScalarEvent: 0,
    yaml.MappingStartEvent: 1,
    yaml.SequenceStartEvent: 1,
    yaml.MappingEndEvent: -1,
    yaml.SequenceEndEvent: -1,
}


_NODES = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
#: A mapping awaits its next key.
_KEY = object()
#: A key that is a collection: no path names it.
_COMPLEX = object()


class _Frame:
    """An open collection looked into: its path, whether a mapping, the next index, the key."""

    __slots__ = ("index", "key", "mapping", "path")

    def __init__(self, path: tuple[object, ...], mapping: bool) -> None:
        self.path = path
        self.mapping = mapping
        self.index = 0
        self.key: object = _KEY
