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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, overload

import yaml
from filelock import FileLock, Timeout
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from argmap.check import CheckResult, check_map
from argmap.diagnostics import Diagnostic, Loc
from argmap.files import atomic_write
from argmap.loader import MANIFEST_NAME, YAML_SUFFIXES, MapLoader, load_file, load_snippet, map_files
from argmap.rules.input import AliasBomb, UnreadableFile, UnsafeTag, YamlSyntax
from argmap.schema import SCHEMA_FILES, modeline
from argmap.vocabulary import Severity

SECTIONS = ("claims", "arguments")
#: One lock per map: an addition is checked against every file, so two must not interleave.
LOCK_NAME = ".argmap.lock"
LOCK_TIMEOUT = 60
#: Words left out of generated ids, so that they start with what the claim is about.
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "it",
        "its",
        "for",
        "as",
        "by",
        "with",
    ]
)
_ID_WORDS, _ID_MAX = 5, 40
#: Input problems that leave a file unreadable, as opposed to readable but invalid.
_UNREADABLE = (YamlSyntax.code, UnsafeTag.code, AliasBomb.code, UnreadableFile.code)
#: Positions inside messages ("first defined at a.yaml:3:5") move when lines are inserted.
_POSITION = re.compile(r":\d+:\d+|\bline \d+")

Sections = dict[str, list[CommentedMap]]
#: What a command-line option gives a claim's field: a text, texts (repeatable options), or nothing.
OptionValue = str | Sequence[str] | None
_T = TypeVar("_T")


class EditProblem(Exception):
    """The edit cannot be made as asked (a bad snippet, an unusable target file, an unknown id).

    `message` says what is wrong, `loc` where, when that is a file or a place in one, and
    `diagnostics` are the map's own problems that stand in the way (its input errors), for the
    caller to report as it reports any diagnostic."""

    def __init__(self, message: str, loc: Loc | None = None, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(f"{loc}: {message}" if loc else message)
        self.message = message
        self.loc = loc
        self.diagnostics = list(diagnostics)


class SnippetProblem(EditProblem):
    """What is to be added has errors of its own, found at their place in the snippet (or option)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("the addition itself has errors", diagnostics=diagnostics)

    @property
    def unreadable(self) -> bool:
        """Not even YAML (exit 2), as opposed to YAML that breaks the format's rules (exit 1)."""
        return any(d.code in _UNREADABLE for d in self.diagnostics)


# -- the new entries ----------------------------------------------------------------------


def _yaml() -> YAML:
    rt = YAML()  # round-trip: keeps a snippet's comments, key order and styles
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 4096  # a claim's text stays on one line
    return rt


@dataclass
class Snippet:
    """The entries to add, and what rides along with them."""

    sections: Sections
    #: (section, index) -> the comment lines written just before that entry.
    comments: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    #: The snippet's own `defaults:`: a new file gets them as its block, an existing one in each claim.
    defaults: CommentedMap | None = None


def parse_snippet(raw: bytes, name: str) -> Snippet:
    """Entries from YAML: a claim file's content (`claims`, `arguments`, `defaults`), a list of claims, or one claim.

    The snippet gets every guard and check a map file gets first, so its problems are reported
    at their place in the snippet (`SnippetProblem`)."""
    text, problems = load_snippet(raw, name)
    if problems:
        raise SnippetProblem(problems)
    loaded = _yaml().load(text)  # a list or a mapping: load_snippet has checked the snippet's shape
    top: list[str] = []
    data: CommentedMap
    if isinstance(loaded, CommentedSeq):
        data = CommentedMap([("claims", loaded)])  # its top comment is its first item's
    elif not loaded.keys() & {"claims", "arguments", "defaults"}:
        top, loaded.ca.comment = _comment_lines(loaded.ca.comment), None  # placed before the claim, once
        data = CommentedMap([("claims", CommentedSeq([loaded]))])
    else:
        data, top = loaded, _comment_lines(loaded.ca.comment)
    snippet = Snippet({section: list(data.get(section) or []) for section in SECTIONS}, defaults=data.get("defaults"))
    for section in SECTIONS:
        items = data.get(section) or CommentedSeq()
        for index in range(len(items)):
            before = items.ca.comment if index == 0 else items.ca.items.get(index)
            snippet.comments[(section, index)] = _comment_lines(before)
    first = next(((section, 0) for section in SECTIONS if snippet.sections[section]), None)
    if first is None:
        raise EditProblem("the snippet holds no claims or arguments", Loc(name))
    snippet.comments[first] = top + snippet.comments[first]
    return snippet


def _comment_lines(comment: Sequence[CommentToken | list[CommentToken | None] | None] | None) -> list[str]:
    """The `# ...` lines of a ruamel comment slot (tokens, or lists of them), blank lines left out."""
    lines: list[str] = []
    for token in comment or ():
        for part in token if isinstance(token, list) else [token]:
            if part is not None:
                lines += [line.strip() for line in part.value.splitlines() if line.strip().startswith("#")]
    return lines


def options_snippet(fields: Mapping[str, OptionValue], mapper: bool = False) -> Snippet:
    """The claim that command-line options describe, checked as a snippet would be; a problem names its option."""
    claim = claim_from_options(fields, mapper)
    out = io.StringIO()
    _yaml().dump(claim, out)
    _, problems = load_snippet(out.getvalue().encode("utf-8"), "options")
    if problems:
        raise SnippetProblem(
            [
                Diagnostic(d.code, _OPTION_FIELD.sub(_option_name, d.message), Loc("command line"), d.severity)
                for d in problems
            ]
        )
    return Snippet({"claims": [claim], "arguments": []})


#: A field of the one claim options write, as the loader's messages name it.
_OPTION_FIELD = re.compile(r"^claims\[0\]\.(\w+)(\[\d+\])?( \(claim '[^']*'\))?")


def _option_name(match: re.Match[str]) -> str:
    field = match[1]
    return "--" + {"tags": "tag"}.get(field, field).replace("_", "-")


def claim_from_options(fields: Mapping[str, OptionValue], mapper: bool = False) -> CommentedMap:
    """One claim from command-line values (field -> text or list of texts), in the field order of docs/format.md.

    `undercuts` items are an argument id or `PREMISE->CONCLUSION`; `mapper` marks every link
    written as the mapper's reading."""
    claim = CommentedMap()
    for key, value in fields.items():
        if value is None or value in ((), []):
            continue
        if isinstance(value, str):
            claim[key] = as_scalar(value)
        elif key in ("supports", "rebuts", "contradicts"):
            claim[key] = _flow([_flow_map({"to": v, "mapper": True}) if mapper else v for v in value])
        elif key == "undercuts":
            claim[key] = _flow([_undercut(v, mapper) for v in value])
        else:
            claim[key] = _flow(list(value))
    return claim


def _undercut(text: str, mapper: bool) -> str | CommentedMap:
    premise, arrow, conclusion = text.partition("->")
    if not arrow:
        return _flow_map({"argument": text, "mapper": True}) if mapper else text
    return _flow_map({"from": premise.strip(), "to": conclusion.strip()} | ({"mapper": True} if mapper else {}))


def _flow(items: list[str] | list[str | CommentedMap]) -> CommentedSeq:
    seq = CommentedSeq(as_scalar(v) for v in items)
    seq.fa.set_flow_style()
    return seq


def _flow_map(values: dict[str, str | bool]) -> CommentedMap:
    mapping = CommentedMap((k, as_scalar(v)) for k, v in values.items())
    mapping.fa.set_flow_style()
    return mapping


@overload
def as_scalar(value: str) -> str: ...
@overload
def as_scalar(value: _T) -> _T: ...
def as_scalar(value: object) -> object:
    """Quote text that argmap's loader would read as something else (a number, a date, null)."""
    if not isinstance(value, str):
        return value
    # types-PyYAML leaves BaseResolver.resolve unannotated; it returns the tag, a str.
    tag = MapLoader("").resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
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


def insert_entries(text: str, snippet: Snippet, name: str) -> str:
    """`text` with the new entries added after the last item of each section (or a new section at the end)."""
    for section, items in snippet.sections.items():
        if items:
            comments = [snippet.comments.get((section, i), []) for i in range(len(items))]
            text = _insert_section(text, section, list(zip(items, comments, strict=False)), name)
    return text


def _insert_section(text: str, section: str, items: list[tuple[CommentedMap, list[str]]], name: str) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    found = _section_nodes(_compose(text, name), section, name)
    block = []
    if found is None:
        at, dash_col, separated = len(lines), 2, False
        if lines and lines[-1].strip():
            block.append(newline)
        block.append(f"{section}:{newline}")
    else:
        at, dash_col, separated = _append_point(lines, *found, name)
    if at == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    for item, comments in items:
        previous = block[-1] if block else (lines[at - 1] if at else "")
        if separated and previous.strip():
            block.append(newline)
        block.extend(" " * dash_col + comment + newline for comment in comments)
        block.extend(line + newline for line in _render(item, dash_col))
    return "".join(lines[:at] + block + lines[at:])


def _compose(text: str, name: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=MapLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Loc(name, mark.line + 1, mark.column + 1) if mark else Loc(name)
        raise EditProblem(f"not valid YAML ({exc.problem}); fix it before adding to it", where) from None


def _section_nodes(root: yaml.Node | None, section: str, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value of the file's `section`, None when it has none."""
    if root is not None and not (isinstance(root, yaml.MappingNode) and not root.flow_style):
        raise EditProblem("not a claim file written as a block mapping (`key: value` lines)", Loc(name))
    for key, value in root.value if root is not None else ():
        if isinstance(key, yaml.ScalarNode) and key.value == section:
            return key, value
    return None


def _append_point(lines: list[str], key: yaml.Node, value: yaml.Node, name: str) -> tuple[int, int, bool]:
    """Where new items go (a line index), the column of their `- `, and whether items are set apart by blank lines."""
    if isinstance(value, yaml.SequenceNode) and not value.flow_style:
        last = value.value[-1]
        line, col = content_end(last)
        separated = len(value.value) > 1 and not lines[last.start_mark.line - 1].strip()
        return (line if col == 0 else line + 1), value.start_mark.column, separated
    empty_scalar = isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
    empty_flow = isinstance(value, yaml.SequenceNode) and not value.value
    if not (empty_scalar or empty_flow) or value.end_mark.line != key.start_mark.line:
        raise EditProblem(
            f"`{key.value}` is not written as a block list (`- ` items), so argmap add cannot append to it; "
            "rewrite it as one, or add to another file with --to",
            Loc(name, value.start_mark.line + 1, value.start_mark.column + 1),
        )
    # `claims: []` becomes `claims:`, keeping whatever follows on the line (a comment).
    row = key.start_mark.line
    head, tail = lines[row][: value.start_mark.column].rstrip(), lines[row][value.end_mark.column :]
    lines[row] = head + (" " + tail.lstrip(" ") if tail.strip() else tail)
    return row + 1, key.start_mark.column + 2, False


def content_end(node: yaml.Node) -> tuple[int, int]:
    """(line, column) where the last value written inside `node` ends, before trailing comments and blank lines."""
    if isinstance(node, yaml.ScalarNode) or (isinstance(node, yaml.CollectionNode) and node.flow_style):
        return node.end_mark.line, node.end_mark.column
    if isinstance(node, yaml.MappingNode):
        key, value = node.value[-1]
        if isinstance(value, yaml.ScalarNode) and value.value == "" and value.start_mark.index == value.end_mark.index:
            return key.end_mark.line, key.end_mark.column  # `note:` with nothing after it
        return content_end(value)
    return content_end(node.value[-1])


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
    return [line[min(-shift, len(line) - len(line.lstrip(" "))) :] for line in lines]


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

    @property
    def unreadable(self) -> bool:
        """The file as it would be breaks the format (`--force` does not write it: it would not read back)."""
        return _breaks_format(self.introduced)


def add(
    folder: Path,
    snippet: Snippet,
    target: Path | None = None,
    *,
    force: bool = False,
    dry_run: bool = False,
    sources: Sequence[Path] = (),
) -> AddResult:
    """Add the snippet's entries to the claim file `target` of the map at `folder`, if that brings no new error.

    `sources` are the folders of source texts the user gave, for verifying quotes.

    Raises `MapNotFound` when `folder` is no map, `EditProblem` when the addition cannot be made.
    An addition whose text would not read back (a problem of the format) is never written,
    even with `force`: `force` is for rule errors only."""
    with locked(folder):
        before = check_map(folder, sources=sources)
        target = choose_target(folder, target)
        old_text = _read(target, folder)
        generated = assign_ids(snippet.sections, set(before.amap.claims) | set(before.amap.arguments))
        if old_text is None:
            start = _new_file(folder, target, snippet.defaults)
        else:
            start = old_text
            _inherit(snippet.sections["claims"], snippet.defaults)
        new_text = insert_entries(start, snippet, str(target))
        after = check_map(folder, texts={target: new_text}, sources=sources)
        if not after.ran_rules and not force and not _breaks_format(introduced(before.diagnostics, after.diagnostics)):
            # With a file unreadable the rules do not run, so the addition could not be checked.
            raise EditProblem(
                "the map has input errors, so the addition cannot be checked; fix them first or add with --force:",
                Loc(str(folder)),
                errors_of(after.diagnostics),
            )
        ids = [str(entry["id"]) for items in snippet.sections.values() for entry in items]
        result = AddResult(
            target,
            old_text,
            new_text,
            _added(after, target, ids),
            generated,
            introduced(before.diagnostics, after.diagnostics),
            written=False,
        )
        if not dry_run and (force or not result.refused) and not result.unreadable:
            result.written = atomic_write(target, new_text)
    return result


def _breaks_format(diagnostics: list[Diagnostic]) -> bool:
    return any(d.code.startswith("Y") for d in diagnostics)


def errors_of(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.error]


def _inherit(claims: list[CommentedMap], defaults: CommentedMap | None) -> None:
    """Write the snippet's defaults into each claim that does not set the field, after its id."""
    for claim in claims:
        at = 1 if "id" in claim else 0
        for key, value in (defaults or {}).items():
            if key not in claim:
                claim.insert(at, key, value)
                at += 1


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    if not folder.is_dir():
        check_map(folder)  # raises MapNotFound with the loader's message
    lock = FileLock(folder / LOCK_NAME, timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise EditProblem(
            f"another argmap add has held {LOCK_NAME} for {LOCK_TIMEOUT} s; try again", Loc(str(folder))
        ) from None
    except OSError as exc:
        raise EditProblem(f"cannot take the map's lock: {exc.strerror or exc}", Loc(str(folder / LOCK_NAME))) from None
    try:
        yield
    finally:
        lock.release()


def claim_files(folder: Path) -> list[Path]:
    return [p for p in map_files(folder) if p != folder / MANIFEST_NAME]


def choose_target(folder: Path, given: Path | None) -> Path:
    """The claim file to write: `given` (relative to the map folder, or a path inside it), or the map's only one."""
    if given is None:
        files = claim_files(folder)
        if len(files) > 1:
            names = ", ".join(str(p.relative_to(folder)) for p in files)
            raise EditProblem(f"the map has {len(files)} claim files ({names}); choose one with --to")
        return files[0] if files else folder / "claims.yaml"
    inside = folder.resolve()
    path = given if given.resolve().is_relative_to(inside) else folder / given
    if not path.resolve().is_relative_to(inside):
        raise EditProblem(f"the claim file must be inside the map folder {folder}", Loc(str(given)))
    if path.suffix not in YAML_SUFFIXES or path.resolve() == (folder / MANIFEST_NAME).resolve():
        raise EditProblem(
            f"not a claim file; claim files are *.yaml or *.yml other than {MANIFEST_NAME}", Loc(str(given))
        )
    return path


def _read(path: Path, folder: Path) -> str | None:
    """The target file's text, None if it does not exist yet; read with the loader's guards."""
    if not os.path.lexists(path):
        return None
    doc, problems = load_file(path, False, folder=folder)
    # An alias inside its own anchor reads, but no node tree can be composed from it to insert into.
    if doc.text is None or any(d.code == AliasBomb.code for d in problems):
        raise EditProblem("cannot add to this file until it reads as YAML:", Loc(str(path)), errors_of(problems))
    return doc.text


def _new_file(folder: Path, target: Path, defaults: CommentedMap | None) -> str:
    """A new claim file: the schema modeline when the map keeps the schema, and the snippet's `defaults:`."""
    head = ""
    schema = folder / SCHEMA_FILES["claims"]
    if schema.is_file():
        relative = Path(os.path.relpath(schema, target.parent)).as_posix()
        head = modeline("claims").replace(SCHEMA_FILES["claims"], relative)
    if defaults:
        out = io.StringIO()
        _yaml().dump({"defaults": defaults}, out)
        head += ("\n" if head else "") + out.getvalue()
    return head


def _added(after: CheckResult, target: Path, ids: list[str]) -> list[tuple[str, Loc]]:
    """Where each new entry landed: the last entry with its id in the target file (it was appended)."""
    placed = {
        ident: entry.where.loc()
        for ident, entry in after.amap.entries
        if ident in ids and entry.where.file.resolve() == target.resolve()
    }
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


def _signature(diag: Diagnostic) -> tuple[str, str, str | None, str]:
    return diag.code, diag.loc.path, diag.subject, _POSITION.sub("", diag.message)
