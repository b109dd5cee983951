"""Wrong types everywhere: every field of every model given values of the wrong type, deleted when
required, and joined by an unknown field, each in an otherwise valid map run through `check`.

The cases are derived from the models, so a field added to the format is covered without a
line here. The expected place is found by PyYAML's own composer, independently of argmap's.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from argmap.model import (
    Argument,
    ArgumentRef,
    Author,
    Claim,
    ClaimFile,
    Defaults,
    InferenceRef,
    Link,
    Manifest,
    Position,
    Source,
)
from tests.conftest import BASE_SOURCE_TEXT, run

MANIFEST = {
    "argmap": 1,
    "title": "T",
    "description": "D",
    "authors": [{"id": "ann", "name": "Ann", "affiliation": "A", "url": "https://example.org/ann"}],
    "sources": [
        {
            "id": "s",
            "author": "ann",
            "title": "T",
            "publisher": "P",
            "date": "2023-12",
            "url": "https://example.org/s",
            "text": "ann.txt",
        }
    ],
    "positions": [{"id": "p", "label": "L", "description": "D"}],
    "rules": {"R002": "warning"},
    "allow_paths": ["."],
}
CLAIMS = {
    "defaults": {"author": "ann", "source": "s", "position": "p", "kind": "premise"},
    "claims": [
        {"id": "b", "text": "B.", "supports": ["c"]},
        {"id": "c", "text": "C."},
        {
            "id": "a",
            "text": "A.",
            "kind": "evidence",
            "author": "ann",
            "source": "s",
            "reported_by": "ann",
            "reports": "b",
            "agreed_by": ["ann"],
            "quote": "Trees cool streets",
            "locator": "¶1",
            "position": "p",
            "tags": ["t"],
            "note": "N",
            "suppress": {"R002": "why"},
            "supports": [{"to": "b", "mapper": True, "note": "n"}],
            "rebuts": ["c"],
            "undercuts": [
                {"from": "b", "to": "c", "mapper": False, "note": "n"},
                {"argument": "arg", "mapper": False, "note": "n"},
            ],
        },
    ],
    "arguments": [
        {
            "id": "arg",
            "premises": ["b", "c"],
            "supports": "a",
            "mapper": False,
            "note": "n",
            "suppress": {"R002": "why"},
        }
    ],
}
#: Where each model sits in the documents above: (model, file, path to one instance).
PLACES = [
    (Manifest, "map.yaml", ()),
    (Author, "map.yaml", ("authors", 0)),
    (Source, "map.yaml", ("sources", 0)),
    (Position, "map.yaml", ("positions", 0)),
    (ClaimFile, "claims.yaml", ()),
    (Defaults, "claims.yaml", ("defaults",)),
    (Claim, "claims.yaml", ("claims", 2)),
    (Link, "claims.yaml", ("claims", 2, "supports", 0)),
    (InferenceRef, "claims.yaml", ("claims", 2, "undercuts", 0)),
    (ArgumentRef, "claims.yaml", ("claims", 2, "undercuts", 1)),
    (Argument, "claims.yaml", ("arguments", 0)),
]
WRONG_VALUES = ({"wrong": 1}, ["wrong"], 3.5, "two words", True)
ROOTS = {"map.yaml": (Manifest, MANIFEST), "claims.yaml": (ClaimFile, CLAIMS)}


def _at(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def _invalid(file: str, data: dict) -> bool:
    model, _ = ROOTS[file]
    try:
        model.model_validate(data)
    except ValidationError:
        return True
    return False


def _cases():
    """(id, file, document, path of the node to blame, code, blame the key rather than the value)."""
    for model, file, path in PLACES:
        base = ROOTS[file][1]
        for name, info in model.model_fields.items():
            field = info.alias or name
            wrong = [v for v in WRONG_VALUES if _invalid(file, _with(base, path, field, v))][:2]
            for value in wrong:
                yield (
                    f"{model.__name__}.{field}={value!r}",
                    file,
                    _with(base, path, field, value),
                    (*path, field),
                    "Y011",
                    False,
                )
            if info.is_required():
                doc = copy.deepcopy(base)
                del _at(doc, path)[field]
                yield f"{model.__name__}.{field}-missing", file, doc, path, "Y012", False
        yield (
            f"{model.__name__}-unknown-field",
            file,
            _with(base, path, "wrong_field", 1),
            (*path, "wrong_field"),
            "Y010",
            True,
        )


def _with(base: dict, path: tuple, field: str, value) -> dict:
    doc = copy.deepcopy(base)
    _at(doc, path)[field] = value
    return doc


def _span(text: str, path: tuple, key: bool) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where the node at `path` starts and ends, as (line, column) pairs counted from 1."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(part, int):
            node = node.value[part]
        else:
            node = next(k if key and last else v for k, v in node.value if k.value == part)
    return ((node.start_mark.line + 1, node.start_mark.column + 1), (node.end_mark.line + 1, node.end_mark.column + 1))


def _reported(output: str, file: str) -> list[tuple[tuple[int, int], str]]:
    """((line, column), code) of every diagnostic in `file`."""
    found = []
    for line in output.splitlines():
        place, _, rest = line.partition(": ")
        parts = place.split(":")
        if parts[0] == f"m/{file}" and len(parts) == 3:
            found.append(((int(parts[1]), int(parts[2])), rest.split()[0]))
    return found


def _write(folder: Path, file: str, doc: dict) -> str:
    folder.mkdir()
    (folder / "ann.txt").write_text(BASE_SOURCE_TEXT, encoding="utf-8")
    texts = {name: yaml.safe_dump(data, sort_keys=False, allow_unicode=True) for name, (_, data) in ROOTS.items()}
    texts[file] = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return texts[file]


CASES = list(_cases())


def test_the_base_map_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "m", "claims.yaml", CLAIMS)
    result = run("check", "m", "--no-color")
    assert " Y0" not in result.output, result.output


def test_every_field_of_every_model_is_covered() -> None:
    fields = {(m.__name__, f.alias or n) for m, _, _ in PLACES for n, f in m.model_fields.items()}
    covered = {tuple(case[0].split("=")[0].split("-missing")[0].split(".", 1)) for case in CASES}
    assert fields <= covered, sorted(fields - covered)


@pytest.mark.parametrize(("name", "file", "doc", "path", "code", "key"), CASES, ids=[c[0] for c in CASES])
def test_wrong_value_is_reported_at_its_place(name, file, doc, path, code, key, tmp_path, monkeypatch) -> None:
    """A missing or unknown field is reported exactly there; a wrong value there or inside it
    (`authors: [wrong]` is blamed on the item, `rules: {wrong: 1}` on the key)."""
    monkeypatch.chdir(tmp_path)
    text = _write(tmp_path / "m", file, doc)
    result = run("check", "m", "--format", "text", "--no-color")
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    start, end = _span(text, path, key)
    reported = _reported(result.output, file)
    if code == "Y011":
        assert any(start <= place <= end and found in ("Y010", "Y011", "Y012") for place, found in reported), (
            text + result.output
        )
    else:
        assert (start, code) in reported, text + result.output
