"""The event pass: libyaml's events -> plain data in one pass, guarded as it is built."""

from __future__ import annotations

from typing import Any, cast

import yaml
from yaml.composer import ComposerError

from argmap.diagnostics import Diagnostic, Loc
from argmap.loader.dialect import (
    CONSTRUCTORS,
    MAP,
    MAX_ALIAS_EXPANSION,
    MAX_DEPTH,
    MAX_TEXT_CHARS,
    RESOLVERS,
    SEQ,
    STR,
    TAG_WORDS,
    MapLoader,
    Problem,
    clip,
    kind_name,
    not_text,
    value_problem,
)
from argmap.rules.input import AliasBomb, DuplicateKey, WrongValue
from argmap.safety import CONTROL

#: A mapping's slot for its next key, while that key is still to come.
_NO_KEY = object()
#: What stands for a value the guards refused (the file is then not validated).
_REFUSED = object()
#: What stands for a key refused because it is not text: the value under it is not looked into.
_NOT_TEXT = object()
#: anchor -> (value, expanded size, where); the size is None while the value is still open.
Anchors = dict[str, tuple[Any, int | None, yaml.Mark]]


class _Open:
    """A mapping or list being built: its contents so far and what the guards need to know of it."""

    __slots__ = ("anchor", "key", "keys", "mark", "quiet", "refused", "size", "value")

    def __init__(self, value: dict[str, Any] | list[Any], anchor: str | None, mark: yaml.Mark, quiet: bool) -> None:
        self.value = value
        #: Values inside it once aliases are expanded.
        self.size = 0
        #: A mapping's key waiting for its value.
        self.key: Any = _NO_KEY
        #: A mapping's keys so far -> the line each is written on; None for a list.
        self.keys: dict[str, int] | None = {} if isinstance(value, dict) else None
        self.anchor = anchor
        self.mark = mark
        #: Inside a refused value, where nothing more is reported.
        self.quiet = quiet
        #: What it stands for once closed, when it is refused.
        self.refused: Any = None


class EventBuilder:
    """libyaml's events -> plain data in one pass, guarded as it is built.

    It does what composing, guarding and SafeConstructor did in three walks over a node tree:
    resolve each scalar's tag (only plain scalars whose first character may start a number, a
    date, a boolean or null are matched against the resolvers); refuse tags other than plain
    data (Y003); refuse a tag on the wrong kind of value, a key that is not text, a merge key,
    text longer than MAX_TEXT_CHARS and a value its tag cannot build (Y011); report keys written
    twice (Y002); stop at nesting deeper than MAX_DEPTH; and count what aliases would expand to
    without expanding them, or find an alias inside the value it names (Y004). An alias is the
    anchored value itself, shared, as SafeConstructor makes it.

    Only plain data is ever constructed. A refused value is kept as a placeholder, since the
    file is not validated then; inside it, and under a key that is not text, nothing more is
    reported."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[Diagnostic] = []
        self.constructor = MapLoader("")
        #: Where a value starts that an alias inside it names: the first one found.
        self.endless: yaml.Mark | None = None

    def build(self, text: str) -> tuple[Any, list[Diagnostic]] | None:
        """The file's data and what the guards found; None for a file with no document."""
        loader = MapLoader(text)
        try:
            loader.get_event()  # stream start
            if loader.check_event(yaml.StreamEndEvent):
                return None
            start = _mark(loader.get_event())
            data = self._document(loader, _mark(loader.peek_event()))
            loader.get_event()  # document end
            if not loader.check_event(yaml.StreamEndEvent):
                raise ComposerError(
                    "expected a single document in the stream",
                    start,
                    "but found another document",
                    _mark(loader.get_event()),
                )
            return data, self.found
        finally:
            loader.dispose()

    def _document(self, loader: MapLoader, root_mark: yaml.Mark) -> Any:
        anchors: Anchors = {}
        stack: list[_Open] = []
        written = 0
        get_event = loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            top = stack[-1] if stack else None
            if type(event) is yaml.ScalarEvent:
                written += 1
                value, size = self._scalar(event, top), 1
                if event.anchor is not None:
                    self._anchor(anchors, event, value, size)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                top = stack[-1] if stack else None
                value, size = done.value if done.refused is None else done.refused, done.size + 1
                if done.anchor is not None:
                    anchors[done.anchor] = (value, size, done.mark)
            elif type(event) is yaml.AliasEvent:
                value, size = self._alias(event, anchors)
            else:  # the start of a mapping or a list
                event = cast(yaml.CollectionStartEvent, event)
                written += 1
                if len(stack) >= MAX_DEPTH:
                    raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", _mark(event))
                stack.append(self._open(event, top, anchors))
                continue
            if top is None:
                self._check_expansion(size, written, root_mark)
                return value
            top.size += size
            container = top.value
            if type(container) is list:
                container.append(value)
            elif top.key is _NO_KEY:
                top.key = self._key(value, _mark(event), top)
            else:
                container[top.key] = value
                top.key = _NO_KEY

    def _scalar(self, event: yaml.ScalarEvent, top: _Open | None) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = STR
            if event.implicit[0]:
                for resolved, pattern in RESOLVERS.get(value[:1], ()):
                    if pattern.match(value):
                        tag = resolved
                        break
        if tag == STR and len(value) <= MAX_TEXT_CHARS and not CONTROL.search(value):
            return value
        is_key = _awaits_key(top)
        found = value_problem(yaml.ScalarNode, tag, value, is_key)
        if found is None:
            try:  # PyYAML raises several kinds of error for a value its resolver matched but cannot build
                return CONSTRUCTORS[tag](self.constructor, yaml.ScalarNode(tag, value, _mark(event), None))
            except (yaml.YAMLError, ValueError, LookupError, AttributeError, TypeError):
                found = WrongValue.code, f"{clip(value)!r} is not a valid {TAG_WORDS[tag]}; quote it if it is text"
        self._report(found, _mark(event), top)
        return _NOT_TEXT if is_key and not_text(tag) else _REFUSED

    def _open(self, event: yaml.CollectionStartEvent, top: _Open | None, anchors: Anchors) -> _Open:
        mapping = type(event) is yaml.MappingStartEvent
        default = MAP if mapping else SEQ
        tag = event.tag if event.tag is not None and event.tag != "!" else default
        opened = _Open({} if mapping else [], event.anchor, _mark(event), _quiet(top))
        is_key = _awaits_key(top)
        if tag != default or is_key:
            found = value_problem(yaml.MappingNode if mapping else yaml.SequenceNode, tag, None, is_key)
            if found:
                self._report(found, _mark(event), top)
                opened.quiet = True
                opened.refused = _NOT_TEXT if is_key and not_text(tag) else _REFUSED
        if event.anchor is not None:
            self._anchor(anchors, event, opened.value, None)
        return opened

    def _key(self, key: Any, mark: yaml.Mark, top: _Open) -> Any:
        if type(key) is not str:
            if key is _REFUSED or key is _NOT_TEXT:  # reported where it is written
                return key
            # An alias brought it: the anchored value was fine as a value.
            self._report((WrongValue.code, f"a key must be text, not {kind_name(key)}"), mark, top)
            return _NOT_TEXT
        keys = cast(dict[str, int], top.keys)  # a mapping's
        if key in keys:
            self._report(
                (
                    DuplicateKey.code,
                    f"duplicate key {clip(key)!r} (first at line {keys[key]}); YAML would keep only the last",
                ),
                mark,
                top,
            )
        else:
            keys[key] = mark.line + 1
        return key

    def _alias(self, event: yaml.AliasEvent, anchors: Anchors) -> tuple[Any, int]:
        if event.anchor is None or event.anchor not in anchors:
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", _mark(event))
        value, size, mark = anchors[event.anchor]
        if size is None:  # the anchored value is still open: it would contain itself
            self.endless = self.endless or mark
            return _REFUSED, 1
        return value, size

    @staticmethod
    def _anchor(anchors: Anchors, event: yaml.NodeEvent, value: Any, size: int | None) -> None:
        anchor = cast(str, event.anchor)  # asked only of an anchored node
        if anchor in anchors:
            first = anchors[anchor][2].line + 1
            raise ComposerError(None, None, f"found duplicate anchor {anchor!r} (first at line {first})", _mark(event))
        anchors[anchor] = (value, size, _mark(event))

    def _report(self, problem: Problem, mark: yaml.Mark, top: _Open | None) -> None:
        if not _quiet(top):
            self.found.append(Diagnostic(problem[0], problem[1], _loc(self.name, mark)))

    def _check_expansion(self, size: int, written: int, root_mark: yaml.Mark) -> None:
        if self.endless is not None:
            self.found.append(
                Diagnostic(
                    AliasBomb.code,
                    "an alias refers to a value that contains it: a structure without end",
                    _loc(self.name, self.endless),
                )
            )
        elif size > MAX_ALIAS_EXPANSION + 100 * written:
            self.found.append(
                Diagnostic(
                    AliasBomb.code,
                    f"aliases expand to {size:,} values from {written:,} written: refused as an alias bomb",
                    _loc(self.name, root_mark),
                )
            )


def _awaits_key(top: _Open | None) -> bool:
    return top is not None and top.keys is not None and top.key is _NO_KEY


def _quiet(top: _Open | None) -> bool:
    """Whether the next value is inside a refused value or under a key that is not text."""
    return top is not None and (top.quiet or top.key is _NOT_TEXT)


def _mark(event: yaml.Event | None) -> yaml.Mark:
    """Where an event starts: libyaml marks every event (with a C mark of the same fields)."""
    return cast(yaml.Mark, cast(yaml.Event, event).start_mark)


def _loc(name: str, mark: yaml.Mark) -> Loc:
    return Loc(name, mark.line + 1, mark.column + 1)
