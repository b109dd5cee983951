"""argmap JSON: the whole map in one versioned JSON document, for other programs; export and import.

    {
      "argmap_json": 1,                 # version of this document's layout
      "generator": "argmap 0.1.0",
      "manifest": {...},                # map.yaml, every field
      "claims": [{"file": "claims.yaml", "id": ..., "text": ..., ...}],   # every field, as written
      "arguments": [{"file": ..., "id": ..., "premises": [...], ...}],
      "inferences": [{"id", "kind", "premises", "target", "linked", "mapper", "contrary", "challenge", "note"}],
      "evaluation": {"semantics": "preferred", "labels": {"<claim or inference id>": "IN" | "OUT" | "UNDEC"},
                     "statuses": {"<claim or inference id>": "holds" | "contested" | "fails"}}
    }

`claims` and `arguments` hold every field of the format (defaults filled in, relations as
written) plus the file each comes from; import reads these back. `inferences` is the resolved
graph for consumers: one entry per support, rebuttal and undercut, an undercut's `target` being
the id of the inference it attacks (a simple inference's id is "<premise> supports <target>");
a contrary is two rebuttals, one each way, both with `contrary: true`.
`evaluation` says which claims and inferences hold across the preferred extensions (`argmap
evaluate`): `labels` IN in every one, OUT attacked by every one, else UNDEC; `statuses` as
`argmap evaluate` words them. Import ignores it, since it follows from the map.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TypedDict, TypeVar

from pydantic import BaseModel, ValidationError

from argmap import __version__
from argmap.graph import ArgumentMap, RelationKind
from argmap.interop import manifest_of
from argmap.interop.draft import Draft, Imported, JSONObject, read_json
from argmap.loader import MANIFEST_NAME, YAML_SUFFIXES
from argmap.model import Argument, Claim, ClaimFile, Manifest
from argmap.semantics import evaluate
from argmap.semantics.evaluation import DEFAULT_SEMANTICS
from argmap.semantics.verdict import status

VERSION = 1
SEMANTICS = DEFAULT_SEMANTICS
DEFAULT_FILE = "claims.yaml"
_Model = TypeVar("_Model", bound=BaseModel)


class InferenceJSON(TypedDict):
    id: str
    kind: RelationKind
    premises: list[str]
    target: str
    linked: bool
    mapper: bool
    contrary: bool
    challenge: bool
    note: str | None


class EvaluationJSON(TypedDict):
    semantics: str
    labels: dict[str, str]
    statuses: dict[str, str]


class DocumentJSON(TypedDict):
    """The document `write` writes (the module's docstring shows it)."""

    argmap_json: int
    generator: str
    manifest: dict[str, object]
    claims: list[dict[str, object]]
    arguments: list[dict[str, object]]
    inferences: list[InferenceJSON]
    evaluation: EvaluationJSON


def write(amap: ArgumentMap) -> str:
    doc: DocumentJSON = {
        "argmap_json": VERSION,
        "generator": f"argmap {__version__}",
        "manifest": manifest_of(amap).model_dump(mode="json", by_alias=True),
        "claims": [_with_file(amap, e.item, e.where.file) for e in amap.claims.values()],
        "arguments": [_with_file(amap, e.item, e.where.file) for e in amap.arguments.values()],
        "inferences": [
            {
                "id": i.id,
                "kind": i.kind,
                "premises": list(i.premises),
                "target": i.target,
                "linked": i.linked,
                "mapper": i.mapper,
                "contrary": i.contrary,
                "challenge": i.challenge,
                "note": i.note,
            }
            for i in amap.inferences.values()
        ],
        "evaluation": _evaluation(amap),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _evaluation(amap: ArgumentMap) -> EvaluationJSON:
    ev = evaluate(amap, semantics=SEMANTICS)
    return {"semantics": SEMANTICS, "labels": ev.labels, "statuses": {node: status(ev, node) for node in ev.labels}}


def _with_file(amap: ArgumentMap, item: BaseModel, file: Path) -> dict[str, object]:
    return {"file": file.relative_to(amap.folder).as_posix()} | item.model_dump(mode="json", by_alias=True)


def read(path: Path) -> Imported:
    draft = Draft(path, title=path.stem)
    manifest, files = Manifest(title=path.stem), {}
    doc = _load(path, draft)
    if doc is not None:
        manifest = _validated(draft, Manifest, _restore_dates(doc.get("manifest")), "manifest") or manifest
        files = _claim_files(draft, doc)
    return Imported(path, manifest, files, draft.diagnostics)


def _load(path: Path, draft: Draft) -> JSONObject | None:
    doc = read_json(path, draft)
    if doc is None:
        return None
    if not isinstance(doc, dict) or "argmap_json" not in doc:
        draft.problem("X001", "not argmap JSON: no `argmap_json` version field")
        return None
    if doc["argmap_json"] != VERSION:
        draft.problem("X001", f"argmap JSON version {doc['argmap_json']!r}; this argmap reads version {VERSION}")
        return None
    return doc


def _claim_files(draft: Draft, doc: JSONObject) -> dict[str, ClaimFile]:
    claims: dict[str, list[Claim]] = {}
    arguments: dict[str, list[Argument]] = {}
    for name, claim in _entries(draft, doc, "claims", Claim):
        claims.setdefault(name, []).append(claim)
    for name, argument in _entries(draft, doc, "arguments", Argument):
        arguments.setdefault(name, []).append(argument)
    if not any(claims.values()):
        draft.problem("X006", "the map holds no claims")
    return {
        name: ClaimFile(claims=claims.get(name, []), arguments=arguments.get(name, []))
        for name in sorted(claims.keys() | arguments.keys())
    }


def _entries(draft: Draft, doc: JSONObject, key: str, model: type[_Model]) -> Iterator[tuple[str, _Model]]:
    """The valid entries under `key`, each with the claim file it goes into."""
    items = doc.get(key) or []
    for i, raw in enumerate(items if isinstance(items, list) else []):
        if not isinstance(raw, dict):
            draft.problem("X001", f"{key}[{i}]: expected an object")
            continue
        item = _validated(draft, model, {k: v for k, v in raw.items() if k != "file"}, f"{key}[{i}]")
        if item is not None:
            yield _file_name(raw.get("file")), item


def _validated(draft: Draft, model: type[_Model], data: object, where: str) -> _Model | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
            draft.problem("X001", f"{where}{field}: {err['msg']}")
        return None


def _file_name(value: object) -> str:
    """The claim file to write an entry into: a relative `.yaml` path inside the map, else the default."""
    if not isinstance(value, str):
        return DEFAULT_FILE
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or path.suffix not in YAML_SUFFIXES or value == MANIFEST_NAME:
        return DEFAULT_FILE
    return str(path)


def _restore_dates(manifest: object) -> object:
    """JSON has no dates: a source's full ISO date string becomes a date again, as YAML wrote it."""
    if isinstance(manifest, dict):
        for source in manifest.get("sources") or []:
            if isinstance(source, dict) and isinstance(source.get("date"), str):
                with contextlib.suppress(ValueError):
                    source["date"] = _dt.date.fromisoformat(source["date"])
    return manifest
