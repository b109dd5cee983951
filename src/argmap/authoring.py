"""Adding claims and arguments to a map (`argmap add`) without ever leaving it worse.

New entries are rendered as YAML text by ruamel.yaml (round-trip, so a snippet's own comments
ride along) and inserted after the last item of the target file's `claims:` or `arguments:`
sequence: every other byte of the file (comments, order, quoting, blank lines) stays as it was.
The whole map is checked as it would be, in memory, before anything is written; an addition
that brings a new error is refused. A lock on the map folder makes concurrent adds run one
after the other, so each sees the entries (and ids) of the one before.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import yaml
from filelock import FileLock, Timeout
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from argmap.check import CheckResult, check_map
from argmap.diagnostics import Diagnostic, Loc
from argmap.files import atomic_write
from argmap.loader import MANIFEST_NAME, YAML_SUFFIXES, MapLoader, map_files
from argmap.model import Severity
from argmap.reporters import text_lines
from argmap.schema import SCHEMA_FILES, modeline

SECTIONS = ("claims", "arguments")
#: One lock per map: an addition is checked against every file, so two must not interleave.
LOCK_NAME = ".argmap.lock"
LOCK_TIMEOUT = 60
#: Words left out of generated ids, so that they start with what the claim is about.
_STOP_WORDS = frozenset("a an the of to in on at and or is are was were be been that this it its for as by with"
                        .split())
_ID_WORDS, _ID_MAX = 5, 40
#: Positions inside messages ("first defined at a.yaml:3:5") move when lines are inserted.
_POSITION = re.compile(r":\d+:\d+|\bline \d+")

Sections = dict[str, list[CommentedMap]]


class AddProblem(Exception):
    """The addition cannot be made as asked (a bad snippet, an unusable target file)."""


# -- the new entries ----------------------------------------------------------------------


def _yaml() -> YAML:
    rt = YAML()  # round-trip: keeps a snippet's comments, key order and styles
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 4096  # a claim's text stays on one line
    return rt


def parse_snippet(text: str, name: str) -> Sections:
    """Entries from YAML: a claim file's content (`claims`, `arguments`, `defaults`), a list of claims, or one claim.

    A snippet's `defaults` are written into each of its claims: the target file has its own."""
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise AddProblem(f"{where}: YAML syntax error: {exc.problem or exc.context}") from None
    if isinstance(data, list):
        data = {"claims": data}
    elif isinstance(data, dict) and not data.keys() & {"claims", "arguments", "defaults"}:
        data = {"claims": [data]}
    if not isinstance(data, dict):
        raise AddProblem(f"{name}: expected a claim file's content, a list of claims or one claim")
    unknown = sorted(set(data) - {"claims", "arguments", "defaults"})
    if unknown:
        raise AddProblem(f"{name}: unknown top-level key {unknown[0]!r}; a snippet has claims, arguments, defaults")
    sections = {section: data.get(section) or [] for section in SECTIONS}
    for section, items in sections.items():
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise AddProblem(f"{name}: `{section}` must be a list of mappings, one per entry")
    for claim in sections["claims"]:
        for key, value in (data.get("defaults") or {}).items():
            if key not in claim:
                claim[key] = value
    if not any(sections.values()):
        raise AddProblem(f"{name}: the snippet holds no claims or arguments")
    return sections


def claim_from_options(fields: dict, mapper: bool = False) -> CommentedMap:
    """One claim from command-line values (field -> text or list of texts), in the README's field order.

    `undercuts` items are an argument id or `PREMISE->CONCLUSION`; `mapper` marks every link
    written as the mapper's reading."""
    claim = CommentedMap()
    for key, value in fields.items():
        if value in (None, (), []):
            continue
        if key in ("supports", "rebuts"):
            value = _flow([_flow_map({"to": v, "mapper": True}) if mapper else v for v in value])
        elif key == "undercuts":
            value = _flow([_undercut(v, mapper) for v in value])
        elif isinstance(value, (list, tuple)):
            value = _flow(list(value))
        claim[key] = _scalar(value)
    return claim


def _undercut(text: str, mapper: bool) -> str | CommentedMap:
    premise, arrow, conclusion = text.partition("->")
    if not arrow:
        return _flow_map({"argument": text, "mapper": True}) if mapper else text
    return _flow_map({"from": premise.strip(), "to": conclusion.strip()} | ({"mapper": True} if mapper else {}))


def _flow(items: list) -> CommentedSeq:
    seq = CommentedSeq(_scalar(v) for v in items)
    seq.fa.set_flow_style()
    return seq


def _flow_map(values: dict) -> CommentedMap:
    mapping = CommentedMap((k, _scalar(v)) for k, v in values.items())
    mapping.fa.set_flow_style()
    return mapping


def _scalar(value):
    """Quote text that argmap's loader would read as something else (a number, a date, null)."""
    if not isinstance(value, str):
        return value
    tag = MapLoader("").resolve(yaml.ScalarNode, value, (True, False))
    return value if tag == "tag:yaml.org,2002:str" else SingleQuotedScalarString(value)


def slug(text: str) -> str:
    """A readable id from a claim's first words: lower case, accents dropped, words joined by '-'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.findall(r"[^\W_]+", plain)
    kept = [w for w in words if w not in _STOP_WORDS] or words
    ident = ""
    for word in kept[:_ID_WORDS]:
        if ident and len(ident) + 1 + len(word) > _ID_MAX:
            break
        ident = f"{ident}-{word}" if ident else word[:_ID_MAX]
    return ident or "claim"


def assign_ids(sections: Sections, taken: set[str]) -> list[str]:
    """Give each entry written without an id a unique readable one; returns those ids in order."""
    taken = taken | {str(entry["id"]) for items in sections.values() for entry in items if "id" in entry}
    generated = []
    for section, items in sections.items():
        for entry in items:
            if "id" in entry:
                continue
            base = slug(str(entry.get("text") or "claim")) if section == "claims" else _argument_basis(entry)
            ident, n = base, 1
            while ident in taken:
                n += 1
                ident = f"{base}-{n}"
            entry.insert(0, "id", ident)
            taken.add(ident)
            generated.append(ident)
    return generated


def _argument_basis(entry: CommentedMap) -> str:
    target = entry.get("supports") or entry.get("rebuts")
    return f"{target}-argument" if isinstance(target, str) else "argument"


# -- inserting text -----------------------------------------------------------------------


def insert_entries(text: str, sections: Sections, name: str) -> str:
    """`text` with the new entries added after the last item of each section (or a new section at the end)."""
    for section, items in sections.items():
        if items:
            text = _insert_section(text, section, items, name)
    return text


def _insert_section(text: str, section: str, items: list[CommentedMap], name: str) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    key, value = _section_nodes(_compose(text, name), section, name)
    block = []
    if key is None:
        at, dash_col, separated = len(lines), 2, False
        if lines and lines[-1].strip():
            block.append(newline)
        block.append(f"{section}:{newline}")
    else:
        at, dash_col, separated = _append_point(lines, key, value, name)
    if at == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    for item in items:
        previous = block[-1] if block else (lines[at - 1] if at else "")
        if separated and previous.strip():
            block.append(newline)
        block.extend(line + newline for line in _render(item, dash_col))
    return "".join(lines[:at] + block + lines[at:])


def _compose(text: str, name: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=MapLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise AddProblem(f"{where}: not valid YAML ({exc.problem}); fix it before adding to it") from None


def _section_nodes(root: yaml.Node | None, section: str, name: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    if root is not None and not (isinstance(root, yaml.MappingNode) and not root.flow_style):
        raise AddProblem(f"{name}: not a claim file written as a block mapping (`key: value` lines)")
    for key, value in root.value if root is not None else ():
        if isinstance(key, yaml.ScalarNode) and key.value == section:
            return key, value
    return None, None


def _append_point(lines: list[str], key: yaml.Node, value: yaml.Node, name: str) -> tuple[int, int, bool]:
    """Where new items go (a line index), the column of their `- `, and whether items are set apart by blank lines."""
    if isinstance(value, yaml.SequenceNode) and not value.flow_style:
        last = value.value[-1]
        line, col = _content_end(last)
        separated = len(value.value) > 1 and not lines[last.start_mark.line - 1].strip()
        return (line if col == 0 else line + 1), value.start_mark.column, separated
    empty_scalar = isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
    empty_flow = isinstance(value, yaml.SequenceNode) and not value.value
    if not (empty_scalar or empty_flow) or value.end_mark.line != key.start_mark.line:
        raise AddProblem(f"{name}:{value.start_mark.line + 1}:{value.start_mark.column + 1}: `{key.value}` is not "
                         "written as a block list (`- ` items), so argmap add cannot append to it; "
                         "rewrite it as one, or add to another file with --to")
    # `claims: []` becomes `claims:`, keeping whatever follows on the line (a comment).
    row = key.start_mark.line
    head, tail = lines[row][: value.start_mark.column].rstrip(), lines[row][value.end_mark.column:]
    lines[row] = head + (" " + tail.lstrip(" ") if tail.strip() else tail)
    return row + 1, key.start_mark.column + 2, False


def _content_end(node: yaml.Node) -> tuple[int, int]:
    """(line, column) where the last value written inside `node` ends, before trailing comments and blank lines."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        return node.end_mark.line, node.end_mark.column
    if isinstance(node, yaml.MappingNode):
        key, value = node.value[-1]
        if isinstance(value, yaml.ScalarNode) and value.value == "" and value.start_mark.index == value.end_mark.index:
            return key.end_mark.line, key.end_mark.column  # `note:` with nothing after it
        return _content_end(value)
    return _content_end(node.value[-1])


def _render(item: CommentedMap, dash_col: int) -> list[str]:
    """The item as block-sequence lines whose `- ` sits at `dash_col`."""
    out = io.StringIO()
    _yaml().dump({"x": [item]}, out)  # renders "x:\n  - ...": the item's `- ` at column 2
    lines = out.getvalue().splitlines()[1:]
    while lines and not lines[-1].strip():
        lines.pop()
    shift = dash_col - 2
    if shift >= 0:
        return [" " * shift + line if line.strip() else line for line in lines]
    return [line[min(-shift, len(line) - len(line.lstrip(" "))):] for line in lines]


# -- the add stage ------------------------------------------------------------------------


@dataclass
class AddResult:
    target: Path
    old_text: str | None
    new_text: str
    #: (id, where written) of every new entry, in file order.
    added: list[tuple[str, Loc]]
    generated: list[str]
    #: Diagnostics the map has after the addition and did not have before.
    introduced: list[Diagnostic]
    written: bool

    @property
    def refused(self) -> bool:
        return any(d.severity is Severity.error for d in self.introduced)


def add(folder: Path, sections: Sections, target: Path | None = None, *, force: bool = False,
        dry_run: bool = False, sources: Sequence[Path] = ()) -> AddResult:
    """Add `sections` to the claim file `target` of the map at `folder`, if that brings no new error.

    `sources` are the folders of source texts the user gave, for verifying quotes.

    Raises `MapNotFound` when `folder` is no map, `AddProblem` when the addition cannot be made."""
    with _locked(folder):
        before = check_map(folder, sources=sources)
        target = choose_target(folder, target)
        old_text = _read(target)
        generated = assign_ids(sections, set(before.amap.claims) | set(before.amap.arguments))
        new_text = insert_entries(old_text if old_text is not None else _new_file(folder, target), sections,
                                  str(target))
        after = check_map(folder, texts={target: new_text}, sources=sources)
        if not after.ran_rules and not force:
            # With a file unreadable the rules do not run, so the addition could not be checked.
            listed = "\n".join(line for d in after.diagnostics for line in text_lines(d))
            raise AddProblem(f"{folder}: the map has input errors, so the addition cannot be checked; "
                             f"fix them first or add with --force:\n{listed}")
        ids = [str(entry["id"]) for items in sections.values() for entry in items]
        result = AddResult(target, old_text, new_text, _added(after, target, ids), generated,
                           introduced(before.diagnostics, after.diagnostics), written=False)
        if not dry_run and (force or not result.refused):
            result.written = atomic_write(target, new_text)
    return result


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    if not folder.is_dir():
        check_map(folder)  # raises MapNotFound with the loader's message
    lock = FileLock(folder / LOCK_NAME, timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise AddProblem(f"{folder}: another argmap add has held {LOCK_NAME} for {LOCK_TIMEOUT} s; try again") from None
    except OSError as exc:
        raise AddProblem(f"{folder / LOCK_NAME}: cannot take the map's lock: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def choose_target(folder: Path, given: Path | None) -> Path:
    """The claim file to write: `given` (relative to the map folder, or a path inside it), or the map's only one."""
    if given is None:
        files = [p for p in map_files(folder) if p != folder / MANIFEST_NAME]
        if len(files) > 1:
            names = ", ".join(str(p.relative_to(folder)) for p in files)
            raise AddProblem(f"the map has {len(files)} claim files ({names}); choose one with --to")
        return files[0] if files else folder / "claims.yaml"
    inside = folder.resolve()
    path = given if given.resolve().is_relative_to(inside) else folder / given
    if not path.resolve().is_relative_to(inside):
        raise AddProblem(f"{given}: the claim file must be inside the map folder {folder}")
    if path.suffix not in YAML_SUFFIXES or path.resolve() == (folder / MANIFEST_NAME).resolve():
        raise AddProblem(f"{given}: not a claim file; claim files are *.yaml or *.yml other than {MANIFEST_NAME}")
    return path


def _read(path: Path) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AddProblem(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AddProblem(f"{path}: not valid UTF-8; argmap check names the place") from None


def _new_file(folder: Path, target: Path) -> str:
    """A new claim file starts with the schema modeline when the map keeps the schema."""
    schema = folder / SCHEMA_FILES["claims"]
    if not schema.is_file():
        return ""
    relative = Path(os.path.relpath(schema, target.parent)).as_posix()
    return modeline("claims").replace(SCHEMA_FILES["claims"], relative)


def _added(after: CheckResult, target: Path, ids: list[str]) -> list[tuple[str, Loc]]:
    """Where each new entry landed: the last entry with its id in the target file (it was appended)."""
    placed = {ident: entry.where.loc() for ident, entry in after.amap.entries
              if ident in ids and entry.where.file.resolve() == target.resolve()}
    return [(ident, placed.get(ident, Loc(str(target)))) for ident in ids]


def introduced(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of `after` that `before` does not have, ignoring line shifts."""
    remaining = Counter(_signature(d) for d in before)
    new = []
    for diag in after:
        if remaining[_signature(diag)]:
            remaining[_signature(diag)] -= 1
        else:
            new.append(diag)
    return new


def _signature(diag: Diagnostic) -> tuple:
    return diag.code, diag.loc.path, diag.subject, _POSITION.sub("", diag.message)
