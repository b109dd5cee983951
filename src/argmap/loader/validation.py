"""Validation into the models, and pydantic's errors as diagnostics at the place each names.

The models validate a whole file in one call; each error's `loc` is mapped back to the node it
names (union-branch labels dropped), so every problem is reported at `path:line:col`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from argmap.diagnostics import Diagnostic, FieldPath, did_you_mean
from argmap.loader.dialect import char_name, clip
from argmap.loader.document import DEFAULTED_FIELDS, Document, child
from argmap.model import ClaimFile
from argmap.rules.input import MissingField, UnknownField, WrongValue


def apply_defaults(data: dict[str, Any]) -> None:
    """Fill each claim's missing fields from the file's `defaults` (positions still point there)."""
    defaults, claims = data.get("defaults"), data.get("claims")
    if not isinstance(defaults, dict) or not isinstance(claims, list):
        return
    inherited = {k: v for k, v in defaults.items() if k in DEFAULTED_FIELDS}
    for i, claim in enumerate(claims):
        if isinstance(claim, dict):
            claims[i] = {**inherited, **claim}


def share_fields_sets(model: ClaimFile) -> None:
    """Let the claims (and arguments) of a file that give the same fields share one set of their
    names. pydantic keeps, per model, the set of the fields given (`model_fields_set`), and with
    the file's defaults applied a claim gives about ten: a set of 700 bytes per claim, more than
    its fields' dictionary. The models are frozen, so pydantic never adds to the set of a model
    made (a copy gets its own set), and argmap never changes one."""
    shared: dict[frozenset[str], set[str]] = {}
    for item in (*model.claims, *model.arguments):
        given = item.model_fields_set
        # How pydantic's own `model_construct` sets it: the attribute has no public setter.
        object.__setattr__(item, "__pydantic_fields_set__", shared.setdefault(frozenset(given), given))


def validation_diagnostics(doc: Document, model: type[BaseModel], exc: ValidationError) -> list[Diagnostic]:
    found: dict[tuple[object, ...], Diagnostic] = {}
    misplaced = _misplaced_claims(model, exc.errors(include_url=False))
    for path in misplaced:
        found[path] = Diagnostic(
            UnknownField.code,
            f"{_where(path)}{_named(doc, path)} has a text: it looks like a claim, "
            "and claims go under `claims:`, not `arguments:`",
            doc.loc(path),
        )
    for err in exc.errors(include_url=False):
        path = _node_path(model, err["loc"], err["type"])
        if path[:2] in misplaced:
            continue  # one problem for a claim in the wrong list, not one per field
        diag = _diagnostic(doc, model, err, path)
        found.setdefault((diag.loc, diag.code), diag)
    if not found:  # every branch of a union refused the value: say so once
        err = exc.errors(include_url=False)[0]
        path = _node_path(model, err["loc"], err["type"])
        found[()] = Diagnostic(WrongValue.code, f"{_where(path)}: not a valid value", doc.loc(path))
    return list(found.values())


def _misplaced_claims(model: type[BaseModel], errors: list[ErrorDetails]) -> set[FieldPath]:
    """The entries under `arguments:` that have a `text`: claims written in the wrong list."""
    if model is not ClaimFile:
        return set()
    return {
        tuple(err["loc"][:2])
        for err in errors
        if err["type"] == "extra_forbidden" and err["loc"][:1] == ("arguments",) and err["loc"][2:] == ("text",)
    }


def _named(doc: Document, path: FieldPath) -> str:
    """' (claim 'x')' when `path` lies inside a claim or argument whose id is written: the place alone is a number."""
    if len(path) < 2 or path[0] not in ("claims", "arguments") or not isinstance(path[1], int):
        return ""
    node = child(doc.node(path[:2]), "id", False)
    if not isinstance(node, yaml.ScalarNode) or not node.value:
        return ""
    return f" ({path[0][:-1]} {clip(node.value)!r})"


def _node_path(model: type[BaseModel], loc: tuple[int | str, ...], kind: str) -> FieldPath:
    """Keep the parts of a pydantic `loc` that name fields, keys and indices; drop union-branch labels."""
    path: list[int | str] = []
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


def _step(candidates: list[Any], part: int | str) -> list[Any] | None:
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
        elif isinstance(part, int) and origin in (list, tuple):  # a tuple of the models is `tuple[X, ...]`
            reached.append(get_args(ann)[0])
    return reached or None


_MESSAGES = {
    "dict_type": "expected a mapping (`key: value` lines)",
    "model_type": "expected a mapping (`key: value` lines)",
    "model_attributes_type": "expected a mapping (`key: value` lines)",
    "list_type": "expected a list (`[a, b]` or `- ` items)",
    "tuple_type": "expected a list (`[a, b]` or `- ` items)",
    "string_type": "expected text (quote it if YAML reads it as a number, date or boolean)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
}


def _diagnostic(doc: Document, model: type[BaseModel], err: ErrorDetails, path: FieldPath) -> Diagnostic:
    kind = err["type"]
    if kind == "extra_forbidden":
        field_name = str(path[-1])
        allowed = _allowed_fields(model, path[:-1])
        hint = did_you_mean(field_name, allowed) or (f"; allowed: {', '.join(sorted(allowed))}" if allowed else "")
        return Diagnostic(
            UnknownField.code,
            f"unknown field {field_name!r} in {_where(path[:-1])}{_named(doc, path)}{hint}",
            doc.loc(path, key=True),
        )
    if kind == "missing":
        return Diagnostic(
            MissingField.code,
            f"missing field {str(path[-1])!r} in {_where(path[:-1])}{_named(doc, path)}",
            doc.loc(path[:-1]),
        )
    msg = _MESSAGES.get(kind, err["msg"])
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
    elif kind == "string_pattern_mismatch":
        msg = f"not a valid id{_id_problem(err['input'])}: use letters, digits, '-', '_' and '.', starting with a letter or digit"
    elif kind == "literal_error" or kind == "enum":
        expected = str(err.get("ctx", {}).get("expected", ""))
        hint = did_you_mean(str(err["input"]), re.findall(r"'([^']*)'", expected))
        msg = f"{clip(str(err['input']))!r} is not one of the allowed values" + (hint or f": {expected}")
    return Diagnostic(WrongValue.code, f"{_where(path)}{_named(doc, path)}: {msg}", doc.loc(path))


def _id_problem(value: str) -> str:
    """Which character makes `value` no id, named by code point since it may be invisible."""
    for i, char in enumerate(value):
        word = unicodedata.category(char)[0] in "LMN"
        if not (word or (i and char in "_.-")):
            return f" ({'starts with' if i == 0 else 'holds'} U+{ord(char):04X} {char_name(ord(char))})"
    return ""


def _where(path: FieldPath) -> str:
    if not path:
        return "the file"
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" if p.isprintable() else f"[{clip(p)!r}]" for p in path]
    return "".join(parts).lstrip(".")


def _allowed_fields(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The field names a mapping at `path` may have, following the models' annotations."""
    candidates: list[Any] = [model]
    for part in path:
        candidates = _step(candidates, part) or []
    return [
        f.alias or n
        for ann in _expand(candidates)
        if isinstance(ann, type) and issubclass(ann, BaseModel)
        for n, f in ann.model_fields.items()
    ]


def _field_by_name(model: type[BaseModel], name: str) -> FieldInfo | None:
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
