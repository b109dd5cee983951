"""YAML files -> validated models, with the file, line and column of every value kept.

The loader's jobs, one module each:

- `discovery`: find the map's files and read each as text (links, pipes, sizes, encodings);
- `dialect`: the YAML a map is written in and the guards on it (tags, keys, lengths, nesting);
- `events`: the libyaml event pass that builds a file's plain data and guards it as it goes
  (most files skip it: `argmap.fastload` reads a file with yaml-rs when cheap checks prove the
  data would be the same and no guard would fire);
- `validation`: the models validate a whole file at once, their errors mapped to places;
- `document`: a file's text, model and the places in it, composed only when asked for
  (`argmap.places` finds many places of a file in one pass over its events).

This module loads a map, a file or a snippet; every problem is a diagnostic whose code is one
of the input rules (`argmap.rules.input`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import yaml
from pydantic import ValidationError

from argmap.collector import no_cycle_collection
from argmap.diagnostics import Diagnostic, Loc, display_path
from argmap.loader.dialect import (
    MAX_ALIAS_EXPANSION,
    MAX_DEPTH,
    MAX_TEXT_CHARS,
    MapLoader,
    kind_name,
    reader_error,
    syntax_error,
)
from argmap.loader.discovery import (
    MANIFEST_NAME,
    MAX_FILE_BYTES,
    YAML_SUFFIXES,
    Unreadable,
    absolute,
    decode,
    map_files,
    ordered,
    read_text,
    walk,
)
from argmap.loader.document import DEFAULTED_FIELDS, Document, LoadResult, Snippet
from argmap.loader.events import EventBuilder
from argmap.loader.validation import apply_defaults, share_fields_sets, validation_diagnostics
from argmap.model import ClaimFile, Manifest
from argmap.rules.input import DuplicateKey, NoManifest, UnreadableFile, WrongValue

__all__ = [
    "DEFAULTED_FIELDS",
    "MANIFEST_NAME",
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "YAML_SUFFIXES",
    "Document",
    "LoadResult",
    "MapLoader",
    "MapNotFound",
    "load_file",
    "load_map",
    "load_snippet",
    "map_files",
    "no_cycle_collection",
]


class MapNotFound(Exception):
    """The path given is not a map at all: reported as a usage error (exit 2)."""


def load_map(folder: Path | str, texts: Mapping[Path, str] | None = None) -> LoadResult:
    """Load every YAML file of the map at `folder`.

    `texts` gives files' contents in memory instead of on disk (a file not on disk yet is
    added): `argmap add` checks the map as it would be before writing anything."""
    folder = Path(folder)
    if not folder.exists():
        raise MapNotFound(f"{folder}: no such file or directory")
    if not folder.is_dir():
        raise MapNotFound(f"{folder}: a map is a folder of YAML files (with {MANIFEST_NAME})")
    in_memory = {absolute(path): (path, text) for path, text in (texts or {}).items()}
    walked = list(walk(folder))
    files = ordered(folder, [p for p, problem in walked if problem is None])
    on_disk = {absolute(p) for p in files}
    files += sorted(path for key, (path, _) in in_memory.items() if key not in on_disk)
    if not walked and not files:
        raise MapNotFound(f"{folder}: no *.yaml files here; `argmap init {folder}` starts a map")
    result = LoadResult(folder)
    for path, problem in walked:
        if problem is not None:
            result.diagnostics.append(Diagnostic(UnreadableFile.code, problem, Loc(display_path(path))))
    manifest = folder / MANIFEST_NAME
    with no_cycle_collection():
        for path in files:
            path, text = in_memory.get(absolute(path), (path, None))
            doc, diags = load_file(path, absolute(path) == absolute(manifest), text=text, folder=folder)
            result.documents.append(doc)
            result.diagnostics.extend(diags)
    if manifest.is_dir() and not manifest.is_symlink():
        result.diagnostics.append(
            Diagnostic(
                UnreadableFile.code,
                f"{MANIFEST_NAME} is a folder; the manifest must be a file",
                Loc(display_path(manifest)),
            )
        )
    elif not os.path.lexists(manifest) and absolute(manifest) not in in_memory:
        result.diagnostics.append(
            Diagnostic(
                NoManifest.code,
                f"the map has no {MANIFEST_NAME}: title, authors, sources and positions go there",
                Loc(display_path(manifest)),
            )
        )
    return result


def load_file(
    path: Path, is_manifest: bool, text: str | None = None, folder: Path | None = None
) -> tuple[Document, list[Diagnostic]]:
    """Load one file; `text`, when given, is its content instead of what is on disk.

    `folder` is the map's, which a linked file must not leave (default: the file's own)."""
    from argmap import fastload  # here, not above: it imports the loader's modules

    doc = Document(path, display_path(path))
    try:
        if text is None:
            text = read_text(path, folder or path.parent)
        data = fastload.parse(text)
        parsed = (data, []) if data is not fastload.FALLBACK else EventBuilder(doc.name).build(text)
    except Unreadable as exc:
        return doc, [Diagnostic(UnreadableFile.code, str(exc), Loc(doc.name, exc.line, exc.col))]
    except yaml.MarkedYAMLError as exc:
        return doc, [syntax_error(doc.name, exc)]
    except yaml.reader.ReaderError as exc:
        return doc, [reader_error(doc.name, text or "", exc)]
    doc.text, doc.fast = text, data is not fastload.FALLBACK
    if parsed is None:
        return doc, [Diagnostic(UnreadableFile.code, "the file is empty", Loc(doc.name, 1, 1))]
    data, found = parsed
    if any(d.code != DuplicateKey.code for d in found):
        return doc, found
    model = Manifest if is_manifest else ClaimFile
    if not isinstance(data, dict):
        what = "map.yaml" if is_manifest else "a claim file"
        found.append(
            Diagnostic(WrongValue.code, f"{what} must be a mapping of keys to values, not {kind_name(data)}", doc.loc())
        )
        return doc, found
    if not is_manifest:
        apply_defaults(data)
    try:
        doc.model = model.model_validate(data)
    except ValidationError as exc:
        found += validation_diagnostics(doc, model, exc)
    if isinstance(doc.model, ClaimFile):
        share_fields_sets(doc.model)
    return doc, found


def load_snippet(raw: bytes, name: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a snippet with every guard a map file gets and validate it; returns its text (None
    when it cannot be read) and the problems found, at their place in the snippet."""
    doc = Snippet(Path(name), name)
    try:
        doc.text = decode(raw)
        parsed = EventBuilder(name).build(doc.text)
    except Unreadable as exc:
        return None, [Diagnostic(UnreadableFile.code, str(exc), Loc(name, exc.line, exc.col))]
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_error(name, exc)]
    except yaml.reader.ReaderError as exc:
        return None, [reader_error(name, doc.text or "", exc)]
    if parsed is None:
        return None, [Diagnostic(UnreadableFile.code, "the snippet is empty", Loc(name, 1, 1))]
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
                WrongValue.code,
                f"expected a claim file's content, a list of claims or one claim, not {kind_name(data)}",
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
    apply_defaults(checked)
    try:
        ClaimFile.model_validate(checked)
    except ValidationError as exc:
        return doc.text, validation_diagnostics(doc, ClaimFile, exc)
    return doc.text, []
