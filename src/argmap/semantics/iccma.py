"""The ICCMA competition formats: reading frameworks, printing extensions.

Input, by file extension (or `fmt`):
- `apx` (ASPARTIX): `arg(a).` and `att(a,b).` facts, `%` comments;
- `tgf` (Trivial Graph Format): argument names one per line, a `#` line, then `a b` attacks;
- `i23` (ICCMA 2023, files `.af` or `.i23`): `p af N`, then `i j` attacks on arguments 1..N,
  `#` comments.
Output as in the ICCMA 2017-2021 solution files: an extension is `[a1,a3]`, a list of them
`[[a1,a3],[a2]]`; names sorted as strings within an extension, extensions sorted as lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from argmap.semantics.framework import Framework

#: A file's extension -> its format (a key of READERS), when none is named.
FORMATS = {".apx": "apx", ".tgf": "tgf", ".af": "i23", ".i23": "i23"}

_FACT = re.compile(r"\s*(arg|att)\s*\(\s*([^,()\s]+)\s*(?:,\s*([^,()\s]+)\s*)?\)\s*\.\s*")


class FormatError(Exception):
    """An input file that is not a framework in its format; the message starts with `file:line`."""


def read_framework(path: Path, fmt: str | None = None) -> Framework:
    fmt = fmt or FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise FormatError(f"{path}: unknown framework format; name it with --format {'|'.join(READERS)}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: cannot read: {exc}") from None
    names, attacks = READERS[fmt](path, text)
    return Framework.from_names(names, attacks)


def _lines(text: str, comment: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith(comment):
            yield number, line


def _declared(path: Path, number: int, names: dict[str, None], *used: str) -> None:
    for name in used:
        if name not in names:
            raise FormatError(f"{path}:{number}: attack on or by {name!r}, which is not declared as an argument")


def _apx(path: Path, text: str) -> tuple[list[str], list[tuple[str, str]]]:
    names: dict[str, None] = {}
    attacks: list[tuple[str, str]] = []
    facts: list[tuple[int, str, str, str | None]] = []
    for number, line in _lines(text, "%"):
        position = 0
        while position < len(line):
            match = _FACT.match(line, position)
            if match is None or (match[1] == "arg") != (match[3] is None):
                raise FormatError(f"{path}:{number}:{position + 1}: expected `arg(a).` or `att(a,b).`")
            facts.append((number, match[1], match[2], match[3]))
            position = match.end()
    for _, kind, a, _ in facts:
        if kind == "arg":
            names[a] = None
    for number, kind, a, b in facts:
        if kind == "att" and b is not None:  # an attack names two arguments (checked above)
            _declared(path, number, names, a, b)
            attacks.append((a, b))
    return list(names), attacks


def _tgf(path: Path, text: str) -> tuple[list[str], list[tuple[str, str]]]:
    names: dict[str, None] = {}
    attacks: list[tuple[str, str]] = []
    in_edges = False
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        if fields[0] == "#":
            in_edges = True
        elif not in_edges:
            names[fields[0]] = None
        elif len(fields) < 2:
            raise FormatError(f"{path}:{number}: expected an attack `a b` after the `#` line")
        else:
            _declared(path, number, names, fields[0], fields[1])
            attacks.append((fields[0], fields[1]))
    return list(names), attacks


def max_arguments(size: int) -> int:
    """How many arguments a `p af N` header may declare for a file of `size` characters.

    Arguments no attack names take no room in the file, so N is not otherwise bounded; ICCMA's
    instances declare far fewer than four per character, and this keeps a 12-byte file from
    asking for ten million arguments (gigabytes of memory)."""
    return max(10_000, 4 * size)


def _i23(path: Path, text: str) -> tuple[list[str], list[tuple[str, str]]]:
    lines = _lines(text, "#")
    header = next(lines, None)
    match = re.fullmatch(r"p\s+af\s+(\d+)", header[1]) if header else None
    if header is None or match is None:
        raise FormatError(f"{path}:{header[0] if header else 1}: expected the header `p af N`")
    declared_count = int(match[1]) if len(match[1]) <= 12 else None
    if declared_count is None or declared_count > max_arguments(len(text)):
        raise FormatError(
            f"{path}:{header[0]}: the header declares {match[1][:20]} arguments, more than a file of "
            f"{len(text):,} characters can describe (at most {max_arguments(len(text)):,})"
        )
    names = [str(i) for i in range(1, declared_count + 1)]
    declared = dict.fromkeys(names)
    attacks: list[tuple[str, str]] = []
    for number, line in lines:
        fields = line.split()
        if len(fields) != 2:
            raise FormatError(f"{path}:{number}: expected an attack `i j`")
        _declared(path, number, declared, *fields)
        attacks.append((fields[0], fields[1]))
    return names, attacks


#: Every format `argmap solve` reads, by name: ASPARTIX facts, trivial graph format, ICCMA 2023.
READERS: dict[str, Callable[[Path, str], tuple[list[str], list[tuple[str, str]]]]] = {
    "apx": _apx,
    "tgf": _tgf,
    "i23": _i23,
}


def sorted_extensions(extensions: Iterable[Iterable[str]]) -> list[list[str]]:
    return sorted(sorted(extension) for extension in extensions)


def format_extension(extension: Iterable[str]) -> str:
    return "[" + ",".join(sorted(extension)) + "]"


def format_extensions(extensions: Iterable[Iterable[str]]) -> str:
    return "[" + ",".join(format_extension(e) for e in sorted_extensions(extensions)) + "]"
