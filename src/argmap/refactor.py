"""Renaming and removing ids across a map's files (`argmap rename`, `argmap remove`, the language
server's rename).

Every edit is made as text at the places the loader found (the id's definition and each
reference to it), so comments, quoting and layout everywhere else stay as they were. The map is
checked as it would be before anything is written, and all files change together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from argmap.authoring import EditProblem, as_scalar, content_end, introduced, listed_errors, locked
from argmap.check import check_map
from argmap.diagnostics import Diagnostic, Loc, did_you_mean, display_path
from argmap.files import atomic_write_all
from argmap.graph import ArgumentMap, Entry, Item, references
from argmap.model import Argument, Author, Claim, Id, Position, Severity, Source

#: Claims and arguments share one set of ids; authors, sources and positions have their own.
NAMESPACE = {Claim: "statement", Argument: "statement", Author: "author", Source: "source", Position: "position"}
_EXPECTED = {
    "claim": "statement",
    "argument": "statement",
    "author": "author",
    "source": "source",
    "position": "position",
}


@dataclass(frozen=True)
class Span:
    """Where an id is written: a file and a character range (with lines and columns from 0, as editors count)."""

    path: Path
    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int
    definition: bool

    @classmethod
    def of(cls, path: Path, node: yaml.Node, definition: bool) -> Span:
        first, last = node.start_mark, node.end_mark
        return cls(path, first.index, last.index, first.line, first.column, last.line, last.column, definition)

    def loc(self) -> Loc:
        return Loc(display_path(self.path), self.line + 1, self.col + 1)


def definitions(amap: ArgumentMap, ident: str) -> list[Entry[Item]]:
    return [entry for eid, entry in amap.entries if eid == ident]


def id_spans(amap: ArgumentMap, ident: str, namespace: str) -> list[Span]:
    """Every place `ident` is written in `namespace`: its definitions, then each reference, in file order."""
    spans = {}
    for entry in definitions(amap, ident):
        if NAMESPACE[type(entry.item)] == namespace:
            span = Span.of(entry.where.file, entry.where.doc.node((*entry.where.path, "id")), True)
            spans[(span.path, span.start)] = span
    for ref in references(amap):
        if ref.target == ident and _EXPECTED[ref.expected] == namespace:
            node = ref.where.doc.written(ref.where.path + ref.path)
            if isinstance(node, yaml.ScalarNode):  # several claims may inherit one default
                span = Span.of(ref.where.file, node, False)
                spans.setdefault((span.path, span.start), span)
    return sorted(spans.values(), key=lambda s: (str(s.path), s.start))


def namespace_of(amap: ArgumentMap, ident: str) -> str:
    """The one namespace in which `ident` is defined; raises `EditProblem` otherwise."""
    found = sorted({NAMESPACE[type(entry.item)] for entry in definitions(amap, ident)})
    if not found:
        known = [eid for eid, _ in amap.entries]
        raise EditProblem(
            f"no claim, argument, author, source or position has the id {ident!r}{did_you_mean(ident, known)}"
        )
    if len(found) > 1:
        raise EditProblem(f"{ident!r} names a {' and a '.join(found)}; rename one of them by hand")
    return found[0]


def rename_edits(amap: ArgumentMap, old: str, new: str) -> dict[Path, list[tuple[Span, str]]]:
    """The text edits that rename `old` to `new` in every file (path -> (span, replacement))."""
    namespace = namespace_of(amap, old)
    try:
        TypeAdapter(Id).validate_python(new)
    except ValidationError:
        raise EditProblem(
            f"{new!r} is not a valid id: use letters, digits, '-', '_' and '.', starting with a letter or digit"
        ) from None
    taken = [entry for entry in definitions(amap, new) if NAMESPACE[type(entry.item)] == namespace]
    if taken:
        raise EditProblem(f"{new!r} is taken already: defined at {taken[0].where.loc('id')}")
    edits: dict[Path, list[tuple[Span, str]]] = {}
    texts = _texts(amap)
    for span in id_spans(amap, old, namespace):
        text = texts[span.path][span.start : span.end]
        quote = text[:1] if text[:1] in "'\"" else ""
        edits.setdefault(span.path, []).append((span, f"{quote}{new}{quote}" if quote else _plain(new)))
    return edits


def _plain(ident: str) -> str:
    value = as_scalar(ident)
    return ident if value is ident else f"'{ident}'"


def _texts(amap: ArgumentMap) -> dict[Path, str]:
    return {entry.where.file: entry.where.doc.text for _, entry in amap.entries}


def applied(text: str, edits: list[tuple[Span, str]]) -> str:
    for span, replacement in sorted(edits, key=lambda e: e[0].start, reverse=True):
        text = text[: span.start] + replacement + text[span.end :]
    return text


@dataclass
class EditResult:
    #: path -> (old text, new text) of every file that changes.
    changes: dict[Path, tuple[str, str]]
    #: Errors the map has after the edit and did not have before: the edit is refused.
    introduced: list[Diagnostic]
    places: list[Loc]
    written: bool = False


def rename(folder: Path, old: str, new: str, *, dry_run: bool = False) -> EditResult:
    """Rename the id `old` to `new` in every file of the map at `folder`, if the map stays as sound."""
    with locked(folder):
        before = _sound(folder)
        edits = rename_edits(before.amap, old, new)
        texts = _texts(before.amap)
        changes = {path: (texts[path], applied(texts[path], spans)) for path, spans in edits.items()}
        places = [span.loc() for spans in edits.values() for span, _ in spans]
        return _commit(folder, before, changes, places, dry_run, {old: new})


def remove(folder: Path, ident: str, *, dry_run: bool = False) -> EditResult:
    """Remove the entry `ident` from its file, if nothing refers to it any more."""
    with locked(folder):
        before = _sound(folder)
        namespace_of(before.amap, ident)
        entry = definitions(before.amap, ident)[0]
        text = entry.where.doc.text
        changes = {entry.where.file: (text, _without_item(text, entry))}
        return _commit(folder, before, changes, [entry.where.loc()], dry_run)


def _sound(folder: Path):
    before = check_map(folder)
    if not before.ran_rules:
        raise EditProblem(f"{folder}: the map has input errors; fix them first:\n{listed_errors(before.diagnostics)}")
    return before


def _commit(
    folder: Path,
    before,
    changes: dict[Path, tuple[str, str]],
    places: list[Loc],
    dry_run: bool,
    renamed: dict[str, str] | None = None,
) -> EditResult:
    after = check_map(folder, texts={path: new for path, (_, new) in changes.items()})
    old_diagnostics = [_renamed(d, renamed or {}) for d in before.diagnostics]
    new_errors = [d for d in introduced(old_diagnostics, after.diagnostics) if d.severity is Severity.error]
    result = EditResult(changes, new_errors, places)
    if not dry_run and not new_errors:
        result.written = bool(atomic_write_all({path: new for path, (_, new) in changes.items()}))
    return result


def _renamed(diag: Diagnostic, renamed: dict[str, str]) -> Diagnostic:
    """`diag` as it reads once ids are renamed, so that a renamed problem is not a new one."""
    message = diag.message
    for old, new in renamed.items():
        message = re.sub(rf"'{re.escape(old)}'", f"'{new}'", message)
    subject = renamed.get(diag.subject, diag.subject)
    return Diagnostic(diag.code, message, diag.loc, diag.severity, subject, diag.details)


def _without_item(text: str, entry: Entry[Item]) -> str:
    """`text` without the lines of `entry`'s list item (and the blank line that set it apart)."""
    doc, path = entry.where.doc, entry.where.path
    seq = doc.node(path[:-1])
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style:
        where = doc.loc(path[:-1])
        raise EditProblem(
            f"{where}: the list is written in flow style (`[...]`), so argmap cannot remove one "
            "item of it; remove it by hand"
        )
    lines = text.splitlines(keepends=True)
    item = seq.value[path[-1]]
    first = item.start_mark.line
    end_line, end_col = content_end(item)
    last = end_line if end_col else end_line - 1
    if first > 0 and not lines[first - 1].strip() and (last + 1 >= len(lines) or not lines[last + 1].strip()):
        first -= 1
    if len(seq.value) == 1:  # the list would be empty: `claims: []` keeps it a list
        key = doc.node(path[:-1], key=True)
        row, col = key.end_mark.line, key.end_mark.column + 1  # just after the key's colon
        lines[row] = lines[row][:col] + " []" + lines[row][col:]
    return "".join(lines[:first] + lines[last + 1 :])
