"""YAML files -> validated models, with the file, line and column of every value kept.

Each file is read in one pass over libyaml's events (`yaml.CSafeLoader`'s parser) that builds
plain data and guards it as it goes (duplicate keys, unknown tags, alias bombs, nesting depth);
the pydantic models then validate the whole file in one call. Validation errors are mapped back
to the node their `loc` names, so every problem is reported at `path:line:col`. A `Document`
keeps the file's text and composes its node tree only when a position is asked for: a map that
checks clean never pays for positions.
"""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping, Union, get_args, get_origin

import yaml
from yaml.composer import ComposerError
from pydantic import BaseModel, ValidationError

from argmap.diagnostics import Diagnostic, Loc, did_you_mean, display_path
from argmap.model import ClaimFile, Manifest

MANIFEST_NAME = "map.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
#: A file larger than this is refused before parsing: maps are written by hand.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: Alias expansion beyond this many nodes per node written is a "billion laughs" bomb.
MAX_ALIAS_EXPANSION = 10_000
#: Mappings and lists nest a few levels in a map; far deeper is an attack on the parser (libyaml's
#: composer, used for positions, recurses in C once per level).
MAX_DEPTH = 100
_SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp")
)
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
MapLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                list("tTfF"))


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
        """The file's node tree, composed on first use (the file parsed once already, so it can)."""
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

    def loc(self, path: tuple = (), key: bool = False) -> Loc:
        """Where `path` is written; a claim field inherited from `defaults` points at the default."""
        node = self.node(path, key)
        if len(path) >= 3 and path[0] == "claims" and path[2] in DEFAULTED_FIELDS:
            if _child(self.node(path[:2]), path[2], False) is None:
                node = self.node(("defaults", path[2]), key) or node
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
    files = sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
    return sorted(files, key=lambda p: (p.name != MANIFEST_NAME or p.parent != folder, str(p)))


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
    in_memory = {path.resolve(): (path, text) for path, text in (texts or {}).items()}
    files = map_files(folder)
    on_disk = {p.resolve() for p in files}
    files += sorted(path for key, (path, _) in in_memory.items() if key not in on_disk)
    if not files:
        raise MapNotFound(f"{folder}: no *.yaml files here; `argmap init {folder}` starts a map")
    result = LoadResult(folder)
    with no_cycle_collection():
        for path in files:
            path, text = in_memory.get(path.resolve(), (path, None))
            doc, diags = load_file(path, is_manifest=path.resolve() == (folder / MANIFEST_NAME).resolve(), text=text)
            result.documents.append(doc)
            result.diagnostics.extend(diags)
    if not (folder / MANIFEST_NAME).is_file():
        result.diagnostics.append(
            Diagnostic("Y006", f"the map has no {MANIFEST_NAME}: title, authors, sources and positions go there",
                       Loc(display_path(folder / MANIFEST_NAME)))
        )
    return result


def load_file(path: Path, is_manifest: bool, text: str | None = None) -> tuple[Document, list[Diagnostic]]:
    """Load one file; `text`, when given, is its content instead of what is on disk."""
    doc = Document(path, display_path(path))
    text, problem = (text, None) if text is not None else _read_text(path)
    if problem:
        return doc, [Diagnostic("Y005", problem, Loc(doc.name))]
    try:
        parsed = _Builder(doc.name).build(text)
    except yaml.MarkedYAMLError as exc:
        return doc, [_syntax_error(doc.name, exc)]
    except yaml.YAMLError as exc:
        return doc, [Diagnostic("Y001", f"YAML syntax error: {exc}", Loc(doc.name))]
    doc.text = text
    if parsed is None:
        return doc, [Diagnostic("Y005", "the file is empty", Loc(doc.name, 1, 1))]
    data, found = parsed
    if any(d.code != "Y002" for d in found):
        return doc, found
    model = Manifest if is_manifest else ClaimFile
    if not isinstance(data, dict):
        what = "map.yaml" if is_manifest else "a claim file"
        found.append(Diagnostic("Y011", f"{what} must be a mapping of keys to values, not a {type(data).__name__}",
                                doc.loc()))
        return doc, found
    if not is_manifest:
        _apply_defaults(data)
    try:
        doc.model = model.model_validate(data)
    except ValidationError as exc:
        found += _validation_diagnostics(doc, model, exc)
    return doc, found


def _read_text(path: Path) -> tuple[str, str | None]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return "", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; maps are written by hand"
        raw = path.read_bytes()
    except OSError as exc:
        return "", f"cannot read the file: {os.strerror(exc.errno) if exc.errno else exc}"
    if b"\0" in raw:
        return "", "this is a binary file, not YAML text"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", f"not valid UTF-8 (line {line}, byte {exc.start}); save the file as UTF-8"


def _compose(text: str) -> yaml.Node | None:
    loader = MapLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _syntax_error(name: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        problem = f"{problem} ({exc.context} at line {exc.context_mark.line + 1})"
    if mark is None:
        return Diagnostic("Y001", f"YAML syntax error: {problem}", Loc(name))
    return Diagnostic("Y001", f"YAML syntax error: {problem}", Loc(name, mark.line + 1, mark.column + 1))


_STR = "tag:yaml.org,2002:str"
_CONSTRUCTORS = MapLoader.yaml_constructors
#: First character of a plain scalar -> the (tag, pattern) pairs that may resolve it; a plain
#: scalar whose first character has none is text, which most are.
_RESOLVERS = MapLoader.yaml_implicit_resolvers
_NO_KEY = object()
#: What the builder returns once a forbidden tag has stopped it.
_REFUSED = object()


class _Builder:
    """libyaml's events -> plain data in one pass, guarded as it is built.

    It does what composing, guarding and SafeConstructor did in three walks over a node tree:
    resolve each scalar's tag (only plain scalars whose first character may start a number, a
    date, a boolean or null are matched against the resolvers), refuse tags other than plain
    data (Y003) and nesting deeper than MAX_DEPTH, report keys written twice (Y002), and count
    what aliases would expand to without expanding them (Y004). An alias is the anchored value
    itself, shared, as SafeConstructor makes it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[Diagnostic] = []
        self.constructor = MapLoader("")

    def build(self, text: str) -> tuple[Any, list[Diagnostic]] | None:
        """The file's data and what the guards found; None for a file with no document."""
        loader = MapLoader(text)
        try:
            loader.get_event()  # stream start
            if loader.check_event(yaml.StreamEndEvent):
                return None
            start = loader.get_event()
            data = self._document(loader)
            if data is _REFUSED:
                return None, self.found
            loader.get_event()  # document end
            if not loader.check_event(yaml.StreamEndEvent):
                raise ComposerError("expected a single document in the stream", start.start_mark,
                                    "but found another document", loader.get_event().start_mark)
            return data, self.found
        finally:
            loader.dispose()

    def _document(self, loader: MapLoader) -> Any:
        anchors: dict[str, tuple[Any, int]] = {}
        #: Open collections: [container, expanded size so far, pending key or _NO_KEY, key -> line
        #: (mappings only), anchor, start mark].
        stack: list[list] = []
        written = 0
        first_event = None
        get_event = loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                written += 1
                value, size, opened = self._scalar(event), 1, None
                if value is _REFUSED:
                    return _REFUSED
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value, size, _, _, anchor, opened = stack.pop()
                size += 1
                if anchor is not None:
                    anchors[anchor] = (value, size)
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
                (value, size), opened = anchors[event.anchor], None
            else:  # the start of a mapping or a sequence
                written += 1
                if len(stack) >= MAX_DEPTH:
                    raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
                if not self._safe_tag(event):
                    return _REFUSED
                container = {} if kind is yaml.MappingStartEvent else []
                if event.anchor is not None:
                    self._anchor(anchors, event, container)
                stack.append([container, 0, _NO_KEY, {} if kind is yaml.MappingStartEvent else None, event.anchor,
                              event.start_mark])
                if first_event is None:
                    first_event = event
                continue
            if not stack:
                first_event = first_event or event
                if size > MAX_ALIAS_EXPANSION + 100 * written:
                    self.found.append(Diagnostic(
                        "Y004", f"aliases expand to {size:,} values from {written:,} written: refused as an alias bomb",
                        _mark_loc(self.name, first_event)))
                return value
            if kind is yaml.ScalarEvent and event.anchor is not None:
                self._anchor(anchors, event, value)
            top = stack[-1]
            top[1] += size
            lines = top[3]
            if lines is None:
                top[0].append(value)
            elif top[2] is _NO_KEY:
                top[2] = self._key(value, opened or event.start_mark, lines)
            else:
                top[0][top[2]] = value
                top[2] = _NO_KEY

    def _key(self, key: Any, mark: yaml.Mark, lines: dict) -> Any:
        line = mark.line + 1
        if isinstance(key, (dict, list)):
            self.found.append(Diagnostic("Y011", "a key must be text, not a " + ("mapping" if isinstance(key, dict)
                                                                                  else "list"),
                                         Loc(self.name, line, mark.column + 1)))
            return object()  # a placeholder: the file is not validated
        if key in lines:
            self.found.append(Diagnostic(
                "Y002", f"duplicate key {key!r} (first at line {lines[key]}); YAML would keep only the last",
                Loc(self.name, line, mark.column + 1)))
        else:
            lines[key] = line
        return key

    def _anchor(self, anchors: dict, event: yaml.Event, value: Any) -> None:
        if event.anchor in anchors:
            raise ComposerError(None, None, f"found duplicate anchor {event.anchor!r}", event.start_mark)
        anchors[event.anchor] = (value, 1)  # a collection's size is known at its end

    def _safe_tag(self, event: yaml.Event) -> bool:
        tag = event.tag
        if tag is None or tag == "!" or tag in _SAFE_TAGS:
            return True
        self.found.append(Diagnostic("Y003", f"tag {tag!r} is not allowed: maps hold plain data only",
                                     _mark_loc(self.name, event)))
        return False

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value
            for resolved, pattern in _RESOLVERS.get(value[:1], ()):
                if pattern.match(value):
                    tag = resolved
                    break
            else:
                return value
        if tag == _STR:
            return value
        if not self._safe_tag(event):
            return _REFUSED
        try:  # PyYAML raises several kinds of error for a value its resolver matched but cannot build
            return _CONSTRUCTORS[tag](self.constructor, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark))
        except (yaml.YAMLError, ValueError, LookupError, AttributeError, TypeError):
            self.found.append(Diagnostic("Y011", f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}; quote it if it is text",
                                         _mark_loc(self.name, event)))
            return value


def _mark_loc(name: str, node: yaml.Node | yaml.Event) -> Loc:
    return Loc(name, node.start_mark.line + 1, node.start_mark.column + 1)


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
    for err in exc.errors(include_url=False):
        path = _node_path(model, err["loc"], err["type"])
        diag = _diagnostic(doc, model, err, path)
        found.setdefault((diag.loc, diag.code), diag)
    if not found:  # every branch of a union refused the value: say so once
        err = exc.errors(include_url=False)[0]
        path = _node_path(model, err["loc"], err["type"])
        found[()] = Diagnostic("Y011", f"{_where(path)}: not a valid value", doc.loc(path))
    return list(found.values())


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
        return Diagnostic("Y010", f"unknown field {field_name!r} in {_where(path[:-1])}{hint}", doc.loc(path, key=True))
    if kind == "missing":
        return Diagnostic("Y012", f"missing field {str(path[-1])!r} in {_where(path[:-1])}", doc.loc(path[:-1]))
    msg = _MESSAGES.get(kind, err["msg"])
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
    elif kind == "string_pattern_mismatch":
        msg = "not a valid id: use letters, digits, '-', '_' and '.', starting with a letter or digit"
    elif kind == "literal_error" or kind == "enum":
        msg = f"{err['input']!r} is not one of the allowed values: {err['ctx'].get('expected', '')}"
    return Diagnostic("Y011", f"{_where(path)}: {msg}", doc.loc(path))


def _where(path: tuple) -> str:
    if not path:
        return "the file"
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "".join(parts).lstrip(".")


def _allowed_fields(model: type[BaseModel], path: tuple) -> list[str]:
    """The field names a mapping at `path` may have, following the models' annotations."""
    candidates: list[Any] = [model]
    for part in path:
        candidates = _step(candidates, part) or []
    return [f.alias or n for ann in _expand(candidates) if isinstance(ann, type) and issubclass(ann, BaseModel)
            for n, f in ann.model_fields.items()]


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
