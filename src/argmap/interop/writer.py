"""An imported map -> a map folder: `map.yaml`, claim files and the schemas their modelines name.

The YAML is dumped from the models themselves (only fields that differ from their defaults),
so whatever the loader accepts is what gets written, in a fixed key order: same input, same bytes.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import yaml
from pydantic import BaseModel

from argmap.files import atomic_write
from argmap.interop.draft import Imported
from argmap.loader import MANIFEST_NAME
from argmap.model import FORMAT_VERSION
from argmap.scaffold import write_schemas
from argmap.schema import SCHEMA_FILES

#: Relations go last in a claim, after what the claim says.
_LAST = ("supports", "rebuts", "contradicts", "undercuts", "suppress")


class _Dumper(yaml.CSafeDumper):
    """Block style, long lines kept whole, and enums (a claim's kind) written as their value."""


_Dumper.add_multi_representer(Enum, lambda dumper, value: dumper.represent_str(value.value))


def _sequence(dumper: _Dumper, value: list[object] | tuple[object, ...]) -> yaml.Node:
    """Lists of ids read best on one line, as people write them: `supports: [a, b]`."""
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=all(isinstance(v, str) for v in value))


_Dumper.add_representer(list, _sequence)
# A claim's relations and tags are tuples in the models.
_Dumper.add_representer(tuple, _sequence)


def dump(data: dict[str, object]) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1_000_000
    )


def fields(model: BaseModel) -> dict[str, object]:
    """The fields set to other than their defaults, `id` and `kind` first, relations last."""
    data = model.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    first = {k: data[k] for k in ("id", "kind") if k in data}
    last = {k: data[k] for k in _LAST if k in data}
    return first | {k: v for k, v in data.items() if k not in first and k not in last} | last


def _modeline(which: str, name: str) -> str:
    """The yaml-language-server comment, with the schema's path relative to the file."""
    up = "../" * name.count("/")
    return f"# yaml-language-server: $schema={up}{SCHEMA_FILES[which]}\n"


def write_map(directory: Path, imported: Imported) -> list[Path]:
    """Write the map into `directory`; returns the files written (unchanged ones included)."""
    manifest = {"argmap": FORMAT_VERSION} | fields(imported.manifest)
    outputs = {MANIFEST_NAME: _modeline("map", MANIFEST_NAME) + dump(manifest)}
    for name, claim_file in imported.files.items():
        body = {key: [fields(item) for item in getattr(claim_file, key)] for key in ("claims", "arguments")}
        outputs[name] = _modeline("claims", name) + dump({k: v for k, v in body.items() if v})
    written = []
    for name, text in outputs.items():
        atomic_write(directory / name, text)
        written.append(directory / name)
    return written + write_schemas(directory)
