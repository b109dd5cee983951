"""YAML files -> validated models, with the file, line and column of every value kept.

Each file is read in one pass over libyaml's events (`yaml.CSafeLoader`'s parser) that builds
plain data and guards it as it goes (tags, keys, text lengths, values that do not construct,
duplicate keys, alias bombs, nesting depth); the pydantic models then validate the whole file in
one call. Validation errors are mapped back to the node their `loc` names, so every problem is
reported at `path:line:col`. A `Document` keeps the file's text and composes its node tree only
when a position is asked for: a map that checks clean never pays for positions.

Most files never reach that pass: `argmap.fastload` reads a file with yaml-rs when cheap checks
prove the data would be the same and no guard would fire; `argmap.places` finds many positions
of a file in one pass over its events.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import gc
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import ComposerError

from argmap.diagnostics import Diagnostic, Loc, did_you_mean, display_path
from argmap.model import ClaimFile, Manifest
from argmap.safety import CONTROL

MANIFEST_NAME = "map.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
#: A file larger than this is refused before parsing: maps are written by hand.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: Alias expansion beyond this many nodes per node written is a "billion laughs" bomb.
MAX_ALIAS_EXPANSION = 10_000
#: Mappings and lists nest a few levels in a map; far deeper is an attack on the parser (libyaml's
#: composer, which positions use, recurses in C once per level and crashed near 100,000).
MAX_DEPTH = 100
#: Longest text value: a claim is one proposition, a quote the shortest passage that carries it.
MAX_TEXT_CHARS = 20_000
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_YAML + t for t in ("null", "bool", "int", "float", "str", "timestamp"))
_NODE_TAGS = {yaml.ScalarNode: _SCALAR_TAGS, yaml.SequenceNode: {_YAML + "seq"}, yaml.MappingNode: {_YAML + "map"}}
_SAFE_TAGS = _SCALAR_TAGS | {_YAML + "seq", _YAML + "map"}
#: What YAML 1.1 resolves the keys `<<` and `=` to.
_KEY_ONLY_TAGS = frozenset({_YAML + "merge", _YAML + "value"})
#: How a problem names what it found, in the words of YAML rather than Python.
_KIND_NAMES = {
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
#: Fields a claim may inherit from its file's `defaults`.
DEFAULTED_FIELDS = ("author", "source", "position", "kind")


class MapLoader(yaml.CSafeLoader):
    """libyaml with YAML 1.2's booleans: only true/false are booleans, so `id: no` stays text.

    YAML 1.1 reads yes, no, on, off, y and n as booleans (the "Norway problem"), which turns
    ids and labels written by hand into the wrong type."""


MapLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
MapLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class MapNotFound(Exception):
    """The path given is not a map at all: reported as a usage error (exit 2)."""


@dataclass
class Document:
    """One input file: its text, its validated model, and its node tree when positions are needed."""

    path: Path
    name: str
    model: Manifest | ClaimFile | None = None
    #: The file's text, once it has been read and parsed without a syntax error.
    text: str | None = None
    _root: yaml.Node | None = field(default=None, repr=False)

    @property
    def root(self) -> yaml.Node | None:
        """The file's node tree, composed on first use.

        libyaml's composer recurses once per nesting level, which is safe here: the file was
        read once already, and that pass refused nesting deeper than MAX_DEPTH."""
        if self._root is None and self.text is not None:
            self._root = _compose(self.text)
        return self._root

    def node(self, path: tuple, key: bool = False) -> yaml.Node | None:
        """The node at `path` (mapping keys and sequence indices), or the deepest one found."""
        node = self.root
        for i, part in enumerate(path):
            child = _child(node, part, key and i == len(path) - 1)
            if child is None:
                break
            node = child
        return node

    def written(self, path: tuple, key: bool = False) -> yaml.Node | None:
        """The node where `path`'s value is written: a claim field inherited from `defaults` is the default's."""
        node = self.node(path, key)
        if len(path) >= 3 and path[0] == "claims" and path[2] in DEFAULTED_FIELDS:
            if _child(self.node(path[:2]), path[2], False) is None:
                node = self.node(("defaults", path[2]), key) or node
        return node

    def loc(self, path: tuple = (), key: bool = False) -> Loc:
        """Where `path` is written; a claim field inherited from `defaults` points at the default."""
        node = self.written(path, key)
        if node is None:
            return Loc(self.name)
        return Loc(self.name, node.start_mark.line + 1, node.start_mark.column + 1)


def _child(node: yaml.Node | None, part: Any, key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == part:
                return k if key else v
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


@dataclass
class LoadResult:
    folder: Path
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def manifest(self) -> Document | None:
        return next((d for d in self.documents if isinstance(d.model, Manifest)), None)


def map_files(folder: Path) -> list[Path]:
    """The map's YAML files, in a stable order (manifest first)."""
    return _ordered(folder, [p for p, problem in _walk(folder) if problem is None])


def _ordered(folder: Path, files: list[Path]) -> list[Path]:
    return sorted(files, key=lambda p: (p.name != MANIFEST_NAME or p.parent != folder, str(p)))


def _walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Every `*.yaml` below `folder` that is not a folder, and every folder that cannot be listed.

    Broken links, FIFOs and unreadable files are listed so that they are reported, never skipped.
    Links to folders are not followed (a link loop would never end), and the walk keeps its own
    stack, so a deep tree cannot exhaust Python's."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                found = list(entries)
        except OSError as exc:
            yield current, f"cannot list the folder: {_os_reason(exc)}"
            continue
        for entry in found:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif path.suffix in YAML_SUFFIXES and not (entry.is_symlink() and path.is_dir()):
                yield path, None


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a map's objects are built.

    Maps are trees (data, models, graph entries hold no reference cycles), so reference counting
    frees everything; the collector would only walk the growing heap again and again, which
    costs more than half of the loading time of a 10,000-claim map."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_map(folder: Path | str, texts: Mapping[Path, str] | None = None) -> LoadResult:
    """Load every YAML file of the map at `folder`.

    `texts` gives files' contents in memory instead of on disk (a file not on disk yet is
    added): `argmap add` checks the map as it would be before writing anything."""
    folder = Path(folder)
    if not folder.exists():
        raise MapNotFound(f"{folder}: no such file or directory")
    if not folder.is_dir():
        raise MapNotFound(f"{folder}: a map is a folder of YAML files (with {MANIFEST_NAME})")
    # Absolute, not resolved, paths as keys: resolving a link loop raises.
    in_memory = {_absolute(path): (path, text) for path, text in (texts or {}).items()}
    walked = list(_walk(folder))
    files = _ordered(folder, [p for p, problem in walked if problem is None])
    on_disk = {_absolute(p) for p in files}
    files += sorted(path for key, (path, _) in in_memory.items() if key not in on_disk)
    if not walked and not files:
        raise MapNotFound(f"{folder}: no *.yaml files here; `argmap init {folder}` starts a map")
    result = LoadResult(folder)
    for path, problem in walked:
        if problem is not None:
            result.diagnostics.append(Diagnostic("Y005", problem, Loc(display_path(path))))
    manifest = folder / MANIFEST_NAME
    with no_cycle_collection():
        for path in files:
            path, text = in_memory.get(_absolute(path), (path, None))
            doc, diags = load_file(path, _absolute(path) == _absolute(manifest), text=text, folder=folder)
            result.documents.append(doc)
            result.diagnostics.extend(diags)
    if manifest.is_dir() and not manifest.is_symlink():
        result.diagnostics.append(
            Diagnostic("Y005", f"{MANIFEST_NAME} is a folder; the manifest must be a file", Loc(display_path(manifest)))
        )
    elif not os.path.lexists(manifest) and _absolute(manifest) not in in_memory:
        result.diagnostics.append(
            Diagnostic(
                "Y006",
                f"the map has no {MANIFEST_NAME}: title, authors, sources and positions go there",
                Loc(display_path(manifest)),
            )
        )
    return result


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def load_file(
    path: Path, is_manifest: bool, text: str | None = None, folder: Path | None = None
) -> tuple[Document, list[Diagnostic]]:
    """Load one file; `text`, when given, is its content instead of what is on disk.

    `folder` is the map's, which a linked file must not leave (default: the file's own)."""
    from argmap import fastload  # here, not above: it reads this module's resolvers

    doc = Document(path, display_path(path))
    try:
        if text is None:
            text = _read_text(path, folder or path.parent)
        data = fastload.parse(text)
        parsed = (data, []) if data is not fastload.FALLBACK else _Builder(doc.name).build(text)
    except _Unreadable as exc:
        return doc, [Diagnostic("Y005", str(exc), Loc(doc.name, exc.line, exc.col))]
    except yaml.MarkedYAMLError as exc:
        return doc, [_syntax_error(doc.name, exc)]
    except yaml.reader.ReaderError as exc:
        return doc, [_reader_error(doc.name, text, exc)]
    doc.text = text
    if parsed is None:
        return doc, [Diagnostic("Y005", "the file is empty", Loc(doc.name, 1, 1))]
    data, found = parsed
    if any(d.code != "Y002" for d in found):
        return doc, found
    model = Manifest if is_manifest else ClaimFile
    if not isinstance(data, dict):
        what = "map.yaml" if is_manifest else "a claim file"
        found.append(
            Diagnostic("Y011", f"{what} must be a mapping of keys to values, not {_kind_name(data)}", doc.loc())
        )
        return doc, found
    if not is_manifest:
        _apply_defaults(data)
    try:
        doc.model = model.model_validate(data)
    except ValidationError as exc:
        found += _validation_diagnostics(doc, model, exc)
    return doc, found


class _Snippet(Document):
    """Entries written outside the map (`argmap add --from`), in one of three shapes: a claim
    file's content, a list of claims, or one claim. They are validated as a claim file, and
    each position is looked up in the snippet as written."""

    #: How many leading parts of a claim-file path the snippet's shape leaves out.
    strip: int = 0

    def node(self, path: tuple, key: bool = False) -> yaml.Node | None:
        if self.strip and path[: self.strip] == ("claims", 0)[: self.strip]:
            path = path[self.strip :]
        return super().node(path, key)


def load_snippet(raw: bytes, name: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a snippet with every guard a map file gets and validate it; returns its text (None
    when it cannot be read) and the problems found, at their place in the snippet."""
    doc = _Snippet(Path(name), name)
    try:
        doc.text = _decode(raw)
        parsed = _Builder(name).build(doc.text)
    except _Unreadable as exc:
        return None, [Diagnostic("Y005", str(exc), Loc(name, exc.line, exc.col))]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(name, exc)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_error(name, doc.text, exc)]
    if parsed is None:
        return None, [Diagnostic("Y005", "the snippet is empty", Loc(name, 1, 1))]
    data, found = parsed
    if isinstance(data, list):
        data, doc.strip = {"claims": data}, 1
    elif isinstance(data, dict) and not data.keys() & {"claims", "arguments", "defaults"}:
        data, doc.strip = {"claims": [data]}, 2
    if found:
        return None, found
    if not isinstance(data, dict):
        return None, [
            Diagnostic(
                "Y011",
                f"expected a claim file's content, a list of claims or one claim, not {_kind_name(data)}",
                doc.loc(),
            )
        ]
    # An entry may come without an id: `argmap add` makes one.
    checked = {
        key: [{"id": "generated", **item} if isinstance(item, dict) else item for item in value]
        if isinstance(value, list)
        else value
        for key, value in data.items()
    }
    _apply_defaults(checked)
    try:
        ClaimFile.model_validate(checked)
    except ValidationError as exc:
        return doc.text, _validation_diagnostics(doc, ClaimFile, exc)
    return doc.text, []


class _Unreadable(Exception):
    """Why a file cannot be read as text, and where in it when that is known."""

    def __init__(self, problem: str, line: int = 0, col: int = 0) -> None:
        super().__init__(problem)
        self.line, self.col = line, col


def _read_text(path: Path, folder: Path) -> str:
    """The file's text; raises `_Unreadable`. At most MAX_FILE_BYTES + 1 bytes are read."""
    try:
        if path.is_symlink():
            target = os.readlink(path)
            if not path.exists():
                raise _Unreadable(f"a link to {target}, which does not exist (or links back to itself)")
            if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
                raise _Unreadable(
                    f"a link to {target}, outside the map's folder: argmap reads only the map's own files"
                )
        if not stat.S_ISREG(path.stat().st_mode):  # before opening: opening a FIFO waits for a writer
            raise _Unreadable("not a regular file (a pipe, socket or device): argmap reads only plain files")
        with path.open("rb") as handle:
            too_big = os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES
            # Reading one byte more than allowed also cuts short a file that grows meanwhile.
            raw = b"" if too_big else handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _Unreadable(f"cannot read the file: {_os_reason(exc)}") from None
    if too_big:
        raise _Unreadable(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; maps are written by hand")
    return _decode(raw)


def _decode(raw: bytes) -> str:
    """Text from a file's bytes, refused (`_Unreadable`) when too large, binary or not UTF-8."""
    if len(raw) > MAX_FILE_BYTES:
        raise _Unreadable(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; maps are written by hand")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Unreadable("UTF-16 text; save the file as UTF-8", 1, 1)
    nul = raw.find(b"\0")
    if nul in (0, 1) and len(raw) > 1 and (raw[0] == 0) != (raw[1] == 0):
        raise _Unreadable("UTF-16 text (no byte-order mark); save the file as UTF-8", 1, 1)
    if nul >= 0:
        raise _Unreadable("a NUL byte: this is a binary file, not YAML text", *_line_col(raw, nul))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unreadable(
            f"byte 0x{raw[exc.start]:02X} is not valid UTF-8; save the file as UTF-8", *_line_col(raw, exc.start)
        ) from None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, as editors count them) of byte `offset`."""
    start = raw.rfind(b"\n", 0, offset) + 1
    before = raw[start:offset].removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")
    return raw.count(b"\n", 0, offset) + 1, len(before) + 1


def _os_reason(exc: OSError) -> str:
    return os.strerror(exc.errno) if exc.errno else str(exc)


def _compose(text: str) -> yaml.Node | None:
    loader = MapLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _syntax_error(name: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if problem.startswith("exceeded maximum nesting depth"):
        # libyaml 0.2.6 (PyYAML 6.0.4's wheels) scans ahead and stops deep flow nesting at its own
        # limit before the loader's event pass reaches MAX_DEPTH: the same refusal, said one way.
        return Diagnostic(
            "Y001",
            f"nested more than {MAX_DEPTH} levels deep (libyaml stopped at its own limit)",
            Loc(name, mark.line + 1, mark.column + 1),
        )
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        problem = f"{problem} ({exc.context} at line {exc.context_mark.line + 1})"
    if problem.startswith("mapping values are not allowed"):
        problem += "; text with ': ' in it must be quoted, as in text: \"Note: ...\""
    if mark is None:
        return Diagnostic("Y001", f"YAML syntax error: {problem}", Loc(name))
    return Diagnostic("Y001", f"YAML syntax error: {problem}", Loc(name, mark.line + 1, mark.column + 1))


#: What libyaml counts as a line break, so that positions agree with its own.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _reader_error(name: str, text: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    """A character YAML forbids (a control character): libyaml gives only a byte offset."""
    lines = _LINE_BREAKS.split(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    line, col = len(lines), len(lines[-1]) + 1
    char = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return Diagnostic(
        "Y001",
        f"YAML syntax error: the character U+{char:04X} ({_char_name(char)}) is not allowed "
        "in YAML; write it as an escape inside double quotes",
        Loc(name, line, col),
    )


def _char_name(code: int) -> str:
    return unicodedata.name(chr(code), "a control character")


_STR = _YAML + "str"
_SEQ = _YAML + "seq"
_MAP = _YAML + "map"
_CONSTRUCTORS = MapLoader.yaml_constructors
#: First character of a plain scalar -> the (tag, pattern) pairs that may resolve it; a plain
#: scalar whose first character has none is text, which most are.
_RESOLVERS = MapLoader.yaml_implicit_resolvers
#: A mapping's slot for its next key, while that key is still to come.
_NO_KEY = object()
#: What stands for a value the guards refused (the file is then not validated).
_REFUSED = object()
#: What stands for a key refused because it is not text: the value under it is not looked into.
_NOT_TEXT = object()
_TAG_WORDS = {
    _YAML + "int": "int",
    _YAML + "float": "number",
    _YAML + "bool": "boolean",
    _YAML + "timestamp": "date",
    _YAML + "null": "null",
    _YAML + "value": "value key",
}
_NODE_NAMES = {yaml.ScalarNode: "a single value", yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping"}


class _Open:
    """A mapping or list being built: its contents so far and what the guards need to know of it."""

    __slots__ = ("anchor", "key", "keys", "mark", "quiet", "refused", "size", "value")

    def __init__(self, value: dict | list, anchor: str | None, mark: yaml.Mark, quiet: bool) -> None:
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


class _Builder:
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
            start = loader.get_event()
            data = self._document(loader, loader.peek_event().start_mark)
            loader.get_event()  # document end
            if not loader.check_event(yaml.StreamEndEvent):
                raise ComposerError(
                    "expected a single document in the stream",
                    start.start_mark,
                    "but found another document",
                    loader.get_event().start_mark,
                )
            return data, self.found
        finally:
            loader.dispose()

    def _document(self, loader: MapLoader, root_mark: yaml.Mark) -> Any:
        #: anchor -> (value, expanded size, where); the size is None while the value is still open.
        anchors: dict[str, tuple[Any, int | None, yaml.Mark]] = {}
        stack: list[_Open] = []
        written = 0
        get_event = loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            top = stack[-1] if stack else None
            if kind is yaml.ScalarEvent:
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
            elif kind is yaml.AliasEvent:
                value, size = self._alias(event, anchors)
            else:  # the start of a mapping or a list
                written += 1
                if len(stack) >= MAX_DEPTH:
                    raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
                stack.append(self._open(event, top, anchors))
                continue
            if top is None:
                self._check_expansion(size, written, root_mark)
                return value
            top.size += size
            if top.keys is None:
                top.value.append(value)
            elif top.key is _NO_KEY:
                top.key = self._key(value, event, top)
            else:
                top.value[top.key] = value
                top.key = _NO_KEY

    def _scalar(self, event: yaml.ScalarEvent, top: _Open | None) -> Any:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            tag = _STR
            if event.implicit[0]:
                for resolved, pattern in _RESOLVERS.get(value[:1], ()):
                    if pattern.match(value):
                        tag = resolved
                        break
        if tag == _STR and len(value) <= MAX_TEXT_CHARS and not CONTROL.search(value):
            return value
        is_key = _awaits_key(top)
        problem = _problem(yaml.ScalarNode, tag, value, is_key)
        if problem is None:
            try:  # PyYAML raises several kinds of error for a value its resolver matched but cannot build
                return _CONSTRUCTORS[tag](
                    self.constructor, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
                )
            except (yaml.YAMLError, ValueError, LookupError, AttributeError, TypeError):
                problem = "Y011", f"{_clip(value)!r} is not a valid {_TAG_WORDS[tag]}; quote it if it is text"
        self._report(problem, event.start_mark, top)
        return _NOT_TEXT if is_key and _not_text(tag) else _REFUSED

    def _open(self, event: yaml.Event, top: _Open | None, anchors: dict) -> _Open:
        mapping = type(event) is yaml.MappingStartEvent
        default = _MAP if mapping else _SEQ
        tag = event.tag if event.tag not in (None, "!") else default
        opened = _Open({} if mapping else [], event.anchor, event.start_mark, _quiet(top))
        is_key = _awaits_key(top)
        if tag != default or is_key:
            problem = _problem(yaml.MappingNode if mapping else yaml.SequenceNode, tag, None, is_key)
            if problem:
                self._report(problem, event.start_mark, top)
                opened.quiet = True
                opened.refused = _NOT_TEXT if is_key and _not_text(tag) else _REFUSED
        if event.anchor is not None:
            self._anchor(anchors, event, opened.value, None)
        return opened

    def _key(self, key: Any, event: yaml.Event, top: _Open) -> Any:
        if type(key) is not str:
            if key is _REFUSED or key is _NOT_TEXT:  # reported where it is written
                return key
            # An alias brought it: the anchored value was fine as a value.
            self._report(("Y011", f"a key must be text, not {_kind_name(key)}"), event.start_mark, top)
            return _NOT_TEXT
        if key in top.keys:
            self._report(
                (
                    "Y002",
                    f"duplicate key {_clip(key)!r} (first at line {top.keys[key]}); YAML would keep only the last",
                ),
                event.start_mark,
                top,
            )
        else:
            top.keys[key] = event.start_mark.line + 1
        return key

    def _alias(self, event: yaml.AliasEvent, anchors: dict) -> tuple[Any, int]:
        if event.anchor not in anchors:
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        value, size, mark = anchors[event.anchor]
        if size is None:  # the anchored value is still open: it would contain itself
            self.endless = self.endless or mark
            return _REFUSED, 1
        return value, size

    @staticmethod
    def _anchor(anchors: dict, event: yaml.Event, value: Any, size: int | None) -> None:
        if event.anchor in anchors:
            first = anchors[event.anchor][2].line + 1
            raise ComposerError(
                None, None, f"found duplicate anchor {event.anchor!r} (first at line {first})", event.start_mark
            )
        anchors[event.anchor] = (value, size, event.start_mark)

    def _report(self, problem: tuple[str, str], mark: yaml.Mark, top: _Open | None) -> None:
        if not _quiet(top):
            self.found.append(Diagnostic(problem[0], problem[1], _loc(self.name, mark)))

    def _check_expansion(self, size: int, written: int, root_mark: yaml.Mark) -> None:
        if self.endless is not None:
            self.found.append(
                Diagnostic(
                    "Y004",
                    "an alias refers to a value that contains it: a structure without end",
                    _loc(self.name, self.endless),
                )
            )
        elif size > MAX_ALIAS_EXPANSION + 100 * written:
            self.found.append(
                Diagnostic(
                    "Y004",
                    f"aliases expand to {size:,} values from {written:,} written: refused as an alias bomb",
                    _loc(self.name, root_mark),
                )
            )


def _awaits_key(top: _Open | None) -> bool:
    return top is not None and top.keys is not None and top.key is _NO_KEY


def _quiet(top: _Open | None) -> bool:
    """Whether the next value is inside a refused value or under a key that is not text."""
    return top is not None and (top.quiet or top.key is _NOT_TEXT)


def _not_text(key_tag: str) -> bool:
    """A key tagged so is no text (an unknown tag is left to Y003)."""
    return key_tag != _STR and (key_tag in _SAFE_TAGS or key_tag in _KEY_ONLY_TAGS)


def _problem(node: type[yaml.Node], tag: str, text: str | None, is_key: bool) -> tuple[str, str] | None:
    """What is wrong with a value of kind `node` (a scalar with `text`) tagged `tag`, if anything."""
    if is_key and _not_text(tag):
        return "Y011", _key_problem(node, tag, text)
    if tag not in _SAFE_TAGS:
        return "Y003", f"the tag {_short_tag(tag)} is not allowed: maps hold plain data only"
    if tag not in _NODE_TAGS[node]:
        return "Y011", f"the tag {_short_tag(tag)} cannot mark {_NODE_NAMES[node]}"
    if text is not None and len(text) > MAX_TEXT_CHARS:
        return "Y011", (
            f"a value of {len(text):,} characters; argmap accepts up to {MAX_TEXT_CHARS:,} "
            "(a claim is one proposition, a quote the shortest passage that carries it)"
        )
    control = CONTROL.search(text) if text is not None and tag == _STR and not is_key else None
    if control:
        code = ord(control[0])
        return "Y013", (
            f"the text holds the control character U+{code:04X} ({_char_name(code)}), written as an "
            "escape; control characters have no place in prose and would break the diagrams: remove it"
        )
    return None


def _key_problem(node: type[yaml.Node], tag: str, text: str | None) -> str:
    """Every key of the format is text; `<<` merge keys (YAML 1.1 only) are not part of it."""
    if tag == _YAML + "merge":
        return "merge keys (`<<: *anchor`) are not supported: write the fields out, or use `defaults:`"
    if node is not yaml.ScalarNode:
        return f"a key must be text, not {_NODE_NAMES[node]}"
    if tag in _TAG_WORDS:
        return f"the key {_clip(text)!r} is read as {_TAG_WORDS[tag]}; keys are text: quote it"
    return f"the tag {_short_tag(tag)} cannot mark a key; keys are text"


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag


def _clip(text: str, width: int = 60) -> str:
    """A value short enough to quote in a one-line message."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _loc(name: str, mark: yaml.Mark) -> Loc:
    return Loc(name, mark.line + 1, mark.column + 1)


def _kind_name(value: Any) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _apply_defaults(data: dict) -> None:
    """Fill each claim's missing fields from the file's `defaults` (positions still point there)."""
    defaults, claims = data.get("defaults"), data.get("claims")
    if not isinstance(defaults, dict) or not isinstance(claims, list):
        return
    inherited = {k: v for k, v in defaults.items() if k in DEFAULTED_FIELDS}
    for i, claim in enumerate(claims):
        if isinstance(claim, dict):
            claims[i] = {**inherited, **claim}


# -- validation errors -> diagnostics ---------------------------------------------------------


def _validation_diagnostics(doc: Document, model: type[BaseModel], exc: ValidationError) -> list[Diagnostic]:
    found: dict[tuple, Diagnostic] = {}
    misplaced = _misplaced_claims(doc, model, exc.errors(include_url=False))
    for path in misplaced:
        found[path] = Diagnostic(
            "Y010",
            f"{_where(path)}{_named(doc, path)} has a text: it looks like a claim, "
            "and claims go under `claims:`, not `arguments:`",
            doc.loc(path),
        )
    for err in exc.errors(include_url=False):
        path = _node_path(model, err["loc"], err["type"])
        if path[:2] in misplaced:
            continue  # one problem for a claim in the wrong list, not one per field
        diag = _diagnostic(doc, model, err, path)
        found.setdefault((diag.loc, diag.code), diag)
    if not found:  # every branch of a union refused the value: say so once
        err = exc.errors(include_url=False)[0]
        path = _node_path(model, err["loc"], err["type"])
        found[()] = Diagnostic("Y011", f"{_where(path)}: not a valid value", doc.loc(path))
    return list(found.values())


def _misplaced_claims(doc: Document, model: type[BaseModel], errors: list[dict]) -> set[tuple]:
    """The entries under `arguments:` that have a `text`: claims written in the wrong list."""
    if model is not ClaimFile:
        return set()
    return {
        tuple(err["loc"][:2])
        for err in errors
        if err["type"] == "extra_forbidden" and err["loc"][:1] == ("arguments",) and err["loc"][2:] == ("text",)
    }


def _named(doc: Document, path: tuple) -> str:
    """' (claim 'x')' when `path` lies inside a claim or argument whose id is written: the place alone is a number."""
    if len(path) < 2 or path[0] not in ("claims", "arguments") or not isinstance(path[1], int):
        return ""
    node = _child(doc.node(path[:2]), "id", False)
    if not isinstance(node, yaml.ScalarNode) or not node.value:
        return ""
    return f" ({path[0][:-1]} {_clip(node.value)!r})"


def _node_path(model: type[BaseModel], loc: tuple, kind: str) -> tuple:
    """Keep the parts of a pydantic `loc` that name fields, keys and indices; drop union-branch labels."""
    path: list = []
    candidates: list[Any] = [model]
    *inner, last = loc
    for part in inner:
        step = _step(candidates, part)
        if step is None:
            continue
        path.append(part)
        candidates = step
    if _step(candidates, last) is not None or kind in ("extra_forbidden", "missing"):
        path.append(last)
    return tuple(path)


def _step(candidates: list[Any], part: Any) -> list[Any] | None:
    """The annotations reached from `candidates` through `part`, or None when `part` is no field."""
    reached: list[Any] = []
    for ann in _expand(candidates):
        origin = get_origin(ann)
        if isinstance(part, str) and isinstance(ann, type) and issubclass(ann, BaseModel):
            info = _field_by_name(ann, part)
            if info is not None:
                reached.append(info.annotation)
        elif isinstance(part, str) and origin is dict:
            reached.append(get_args(ann)[1])
        elif isinstance(part, int) and origin is list:
            reached.append(get_args(ann)[0])
    return reached or None


_MESSAGES = {
    "dict_type": "expected a mapping (`key: value` lines)",
    "model_type": "expected a mapping (`key: value` lines)",
    "model_attributes_type": "expected a mapping (`key: value` lines)",
    "list_type": "expected a list (`[a, b]` or `- ` items)",
    "string_type": "expected text (quote it if YAML reads it as a number, date or boolean)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
}


def _diagnostic(doc: Document, model: type[BaseModel], err: dict, path: tuple) -> Diagnostic:
    kind = err["type"]
    if kind == "extra_forbidden":
        field_name = str(path[-1])
        allowed = _allowed_fields(model, path[:-1])
        hint = did_you_mean(field_name, allowed) or (f"; allowed: {', '.join(sorted(allowed))}" if allowed else "")
        return Diagnostic(
            "Y010",
            f"unknown field {field_name!r} in {_where(path[:-1])}{_named(doc, path)}{hint}",
            doc.loc(path, key=True),
        )
    if kind == "missing":
        return Diagnostic(
            "Y012", f"missing field {str(path[-1])!r} in {_where(path[:-1])}{_named(doc, path)}", doc.loc(path[:-1])
        )
    msg = _MESSAGES.get(kind, err["msg"])
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
    elif kind == "string_pattern_mismatch":
        msg = f"not a valid id{_id_problem(err['input'])}: use letters, digits, '-', '_' and '.', starting with a letter or digit"
    elif kind == "literal_error" or kind == "enum":
        expected = err["ctx"].get("expected", "")
        hint = did_you_mean(str(err["input"]), re.findall(r"'([^']*)'", expected))
        msg = f"{_clip(str(err['input']))!r} is not one of the allowed values" + (hint or f": {expected}")
    return Diagnostic("Y011", f"{_where(path)}{_named(doc, path)}: {msg}", doc.loc(path))


def _id_problem(value: str) -> str:
    """Which character makes `value` no id, named by code point since it may be invisible."""
    for i, char in enumerate(value):
        word = unicodedata.category(char)[0] in "LMN"
        if not (word or (i and char in "_.-")):
            return f" ({'starts with' if i == 0 else 'holds'} U+{ord(char):04X} {_char_name(ord(char))})"
    return ""


def _where(path: tuple) -> str:
    if not path:
        return "the file"
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" if p.isprintable() else f"[{_clip(p)!r}]" for p in path]
    return "".join(parts).lstrip(".")


def _allowed_fields(model: type[BaseModel], path: tuple) -> list[str]:
    """The field names a mapping at `path` may have, following the models' annotations."""
    candidates: list[Any] = [model]
    for part in path:
        candidates = _step(candidates, part) or []
    return [
        f.alias or n
        for ann in _expand(candidates)
        if isinstance(ann, type) and issubclass(ann, BaseModel)
        for n, f in ann.model_fields.items()
    ]


def _field_by_name(model: type[BaseModel], name: str):
    for n, f in model.model_fields.items():
        if (f.alias or n) == name:
            return f
    return None


def _expand(annotations: list[Any]) -> list[Any]:
    """Unwrap Optional/Union/Annotated so the member types can be inspected."""
    out: list[Any] = []
    for ann in annotations:
        while hasattr(ann, "__metadata__"):
            ann = ann.__origin__
        if get_origin(ann) in (Union, type(int | None)):
            out += _expand(list(get_args(ann)))
        else:
            out.append(ann)
    return out
