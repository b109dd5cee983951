"""Other tools' formats in and out of argmap: AIF (AIFdb, OVA), the microtext corpus, Argdown, JSON.

Importers read a file into an `Imported` map (a manifest and claim files, as the models define
them) plus diagnostics; `argmap.interop.writer` writes it as a map folder. Exporters read a
checked `ArgumentMap` and return the text of one file. The CLI looks formats up here by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.graph import ArgumentMap
    from argmap.model import Manifest

#: Format name -> `module:function` reading one file into an `Imported`.
IMPORTERS = {
    "aif": "argmap.interop.aif:read",
    "microtext": "argmap.interop.microtext:read",
    "json": "argmap.interop.jsonfmt:read",
    "argdown-json": "argmap.interop.argdown_json:read",
    "argdown": "argmap.interop.argdown_json:read_argdown",
}
#: Format name -> `module:function` turning a checked map into the text of one file.
EXPORTERS = {
    "aif": "argmap.interop.aif:write",
    "argdown": "argmap.interop.argdown:write",
    "json": "argmap.interop.jsonfmt:write",
}


def manifest_of(amap: ArgumentMap) -> Manifest:
    """The manifest of a map given to an exporter: exporters get checked maps without errors,
    and a map without `map.yaml` has one (Y006)."""
    if amap.manifest is None:
        raise ValueError(f"{amap.folder}: the map has no manifest; export only a map that checks without errors")
    return amap.manifest
