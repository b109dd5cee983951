"""YAML files -> validated models, with the file, line and column of every value kept.

Each file is composed by libyaml (`yaml.CSafeLoader`) into a node tree, guarded (duplicate keys,
unknown tags, alias bombs), constructed into plain data and validated by the pydantic models.
Validation errors are mapped back to the node their `loc` names, so every problem is reported at
`path:line:col`. The node tree is kept in a `Document` so later stages can locate any value.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from argmap.diagnostics import Diagnostic, Loc, did_you_mean, display_path
from argmap.model import ClaimFile, Manifest

MANIFEST_NAME = "map.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
#: A file larger than this is refused before parsing: maps are written by hand.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: Alias expansion beyond this many nodes per node written is a "billion laughs" bomb.
MAX_ALIAS_EXPANSION = 10_000
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
    """One input file: its node tree (for positions) and its validated model."""

    path: Path
    name: str
    root: yaml.Node | None = None
    model: Manifest | ClaimFile | None = None

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
        doc.root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return doc, [_syntax_error(doc.name, exc)]
    except yaml.YAMLError as exc:
        return doc, [Diagnostic("Y001", f"YAML syntax error: {exc}", Loc(doc.name))]
    if doc.root is None:
        return doc, [Diagnostic("Y005", "the file is empty", Loc(doc.name, 1, 1))]
    found = list(_guard(doc))
    if any(d.code != "Y002" for d in found):
        return doc, found
    data = MapLoader("").construct_document(doc.root)
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


def _guard(doc: Document) -> Iterator[Diagnostic]:
    """Refuse what safe construction would accept but a map must not contain."""
    sizes: dict[int, int] = {}
    written = 0
    stack = [doc.root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        written += 1
        if node.tag not in _SAFE_TAGS:
            yield Diagnostic("Y003", f"tag {node.tag!r} is not allowed: maps hold plain data only",
                             _mark_loc(doc.name, node))
            return
        if isinstance(node, yaml.MappingNode):
            yield from _duplicate_keys(doc.name, node)
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    expanded = _expanded_size(doc.root, sizes)
    if expanded > MAX_ALIAS_EXPANSION + 100 * written:
        yield Diagnostic("Y004", f"aliases expand to {expanded:,} values from {written:,} written: refused as an alias bomb",
                         _mark_loc(doc.name, doc.root))


def _expanded_size(root: yaml.Node, sizes: dict[int, int]) -> int:
    """Values after alias expansion, counted without expanding (aliases are shared node objects)."""
    order, stack = [], [root]
    while stack:
        node = stack.pop()
        if id(node) in sizes:
            continue
        sizes[id(node)] = -1
        order.append(node)
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    for node in reversed(order):
        children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else (
            node.value if isinstance(node, yaml.SequenceNode) else [])
        sizes[id(node)] = 1 + sum(max(sizes[id(c)], 1) for c in children)
    return sizes[id(root)]


def _duplicate_keys(name: str, node: yaml.MappingNode) -> Iterator[Diagnostic]:
    first: dict[str, yaml.Node] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
            continue
        if key.value in first:
            line = first[key.value].start_mark.line + 1
            yield Diagnostic("Y002", f"duplicate key {key.value!r} (first at line {line}); YAML would keep only the last",
                             _mark_loc(name, key))
        else:
            first[key.value] = key


def _mark_loc(name: str, node: yaml.Node) -> Loc:
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
