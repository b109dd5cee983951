"""JSON Schemas of the map format, derived from the pydantic models, for editors and other tools."""

from __future__ import annotations

import json
from functools import cache

from pydantic import BaseModel

from argmap.model import ClaimFile, Manifest

SCHEMAS: dict[str, type[BaseModel]] = {"map": Manifest, "claims": ClaimFile}
#: Where `argmap init` and the bundled map keep the schemas, next to the YAML files.
SCHEMA_FILES = {"map": "schema/map.schema.json", "claims": "schema/claims.schema.json"}


@cache  # constant for a run; importing many maps writes it into each
def json_schema(which: str) -> str:
    schema = SCHEMAS[which].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = {"map": "argmap manifest (map.yaml)", "claims": "argmap claim file"}[which]
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def modeline(which: str) -> str:
    """The comment that points yaml-language-server at the schema for completion and checking."""
    return f"# yaml-language-server: $schema={SCHEMA_FILES[which]}\n"
