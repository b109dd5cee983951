"""Argdown (https://argdown.org) both ways: export a map as an `.argdown` file, and read an
`.argdown` file through the Argdown CLI (`argdown json`), whose JSON `argdown_json` imports.

The export carries every field of the map in what Argdown itself keeps (and writes into its
JSON): statements, arguments with premise-conclusion structures, relations, tags, `{key:
value}` data and `#` heading sections, so that export -> Argdown -> import gives the same map.

    # <map title> {argmap: 1, authors: [...], sources: [...], positions: [...]}
    [claim-without-author]: text
    ## <author's name> {author: bondaz}
    [claim]: text #tag {quote: "...", locator: "¶8"}
      +> [other-claim]
    ### <position's label> {position: decoupling}
    ...
    # Inferences
    <isolation-argument> {note: "..."}

    (1) [nuclear-build-up]
    (2) [sanctions-tightened]
    ----
    (3) [isolation-trend]

Claims sit under a section per author and, inside it, per position; the section's data says
whose and which they are. A claim's other fields are its data; its kind is data too (tags that
name a kind stay tags). A simple support, rebuttal, contrary or undercut is written under its claim
(`+>`, `->`, `><` once for both sides, `_>`). Argdown groups premises only inside an argument, undercuts only
arguments, and has no place for a note on a relation, so an inference becomes an argument
`<id>` when it is linked (an `arguments:` entry), when something undercuts it, or when it has
a note or the mapper flag (the argument's data). A supporting argument concludes its target
claim. A rebutting or undercutting one concludes a statement of its own, titled by the
inference's id and marked `{conclusion_of: <id>}`, that attacks (`->`) the claim or undercuts
(`_>`) the argument. Text is escaped with backslashes, which Argdown reads as the plain
character; data strings escape every sign Argdown's lexer would read (`#` starts a tag even
there, braces end the data) as `\\uXXXX`, which its YAML reads back.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from argmap.graph import ArgumentMap, Inference, simple_id
from argmap.interop import manifest_of
from argmap.model import Claim, Manifest
from argmap.vocabulary import Kind

_CHARS = r"\\\[\]<>#@*_{}()~+\-/=`|:!"
# The Argdown parser (1.x) keeps the backslashes literally in a word that has a "." before an
# escape, unless that "." is escaped too; a sentence's final "." stays as it is.
_SPECIAL = re.compile(rf"([{_CHARS}]|\.(?=\S*[{_CHARS}]))")
_PLAIN_TAG = re.compile(r"^[A-Za-z0-9-]+$")
#: Signs Argdown's lexer reads even inside a quoted data string (`#` a tag, braces the data's end).
_DATA_SIGNS = set('#{}"\\')
_PLAIN_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

#: argmap relation kind -> Argdown's arrow for it. The importer reads the arrows back through
#: `argdown_json.KINDS` (Argdown's relation type -> argmap kind): a new kind is one entry in each.
ARROWS = {"support": "+>", "rebut": "->", "undercut": "_>", "contrary": "><"}
#: Claim fields written as a statement's data (author and position come from its section).
CLAIM_DATA = ("kind", "source", "reported_by", "reports", "agreed_by", "quote", "locator", "note", "suppress")
#: The data key that marks a statement as the conclusion an attacking argument needs.
CONCLUSION_OF = "conclusion_of"
#: Where the Argdown CLI comes from, for the message when it is missing.
CLI_PACKAGE = "@argdown/cli"


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def data(value: object) -> str:
    """A value as YAML flow, the syntax of Argdown's `{key: value}` data, on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(k))}: {data(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(data, value)) + "]"
    if isinstance(value, str):
        return _quoted(value)
    return json.dumps(value)  # numbers, true, false, null


def _key(key: str) -> str:
    return key if _PLAIN_KEY.match(key) else _quoted(key)


def _quoted(text: str) -> str:
    """A double-quoted YAML string; line breaks, control and format characters escaped too."""
    return '"' + "".join(c if c.isprintable() and c not in _DATA_SIGNS else _code_point(c) for c in text) + '"'


def _code_point(c: str) -> str:
    return f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"


def _tag(tag: str) -> str:
    return f"#{tag}" if _PLAIN_TAG.match(tag) else f"#({tag})"


def write(amap: ArgumentMap) -> str:
    as_argument = argument_inferences(amap)
    manifest = manifest_of(amap)
    lines = _front_matter(manifest)
    fields = manifest.model_dump(mode="json", by_alias=True, exclude_defaults=True, exclude={"title", "argmap"})
    lines += [f"# {escape(manifest.title)} {data({'argmap': 1, **fields})}", ""]
    for heading, claims in _sections(amap, manifest):
        lines += [heading, ""] if heading else []
        for claim in claims:
            lines += _statement(claim, amap, as_argument)
    arguments = [inf for inf in amap.inferences.values() if inf.id in as_argument]
    if arguments:
        lines += ["# Inferences", ""]
    for inf in arguments:
        lines += _argument(inf, amap)
    return "\n".join(lines).rstrip("\n") + "\n"


def drawn_by_other_side(inf: Inference, as_argument: set[str]) -> bool:
    """A contrary is Argdown's contradiction `><`, written once: its mirror is left out, unless
    the side written is an argument (undercut), where `><` cannot stand."""
    return inf.mirror and simple_id(inf.target, "rebut", inf.premises[0]) not in as_argument


def argument_inferences(amap: ArgumentMap) -> set[str]:
    """Inferences written as Argdown arguments: linked ones (every `arguments:` entry), those
    something undercuts, and those with a note, the mapper flag or a written challenge
    (argument data holds them)."""
    undercut = {i.target for i in amap.inferences.values() if i.kind == "undercut"}
    return {
        i.id
        for i in amap.inferences.values()
        if i.linked or i.id in undercut or i.mapper or i.note or written_challenge(amap, i)
    }


def written_challenge(amap: ArgumentMap, inf: Inference) -> bool:
    """A challenge the map writes (`challenge: true`), not one a question makes by asking."""
    return inf.challenge and not any(p in amap.claims and amap.claim(p).kind is Kind.question for p in inf.premises)


def _sections(amap: ArgumentMap, manifest: Manifest) -> Iterator[tuple[str | None, list[Claim]]]:
    """(heading, claims) in the order the manifest lists authors and positions; claims with no
    author or position come first, under their parent heading."""
    claims = [amap.claim(cid) for cid in amap.claims]
    authors = [None, *(a.id for a in manifest.authors)]
    positions = [None, *(p.id for p in manifest.positions)]
    names = {a.id: a.name for a in manifest.authors}
    labels = {p.id: p.label for p in manifest.positions}
    for author in authors:
        mine = [c for c in claims if c.author == author]
        if author is not None and mine:
            yield f"## {escape(names[author])} {data({'author': author})}", []
        for position in positions:
            here = [c for c in mine if c.position == position]
            if here:
                heading = f"### {escape(labels[position])} {data({'position': position})}" if position else None
                if heading and author is None:
                    heading = "#" + heading[2:]  # a position section straight under the map's
                yield heading, here


def _statement(claim: Claim, amap: ArgumentMap, as_argument: set[str]) -> list[str]:
    fields = claim.model_dump(mode="json", by_alias=True, exclude_defaults=True, include=set(CLAIM_DATA))
    if any(tag in Kind.__members__ for tag in claim.tags):
        fields["kind"] = claim.kind.value  # a tag that names a kind must not be read as the kind
    words = [f"[{claim.id}]: {escape(claim.text)}", *map(_tag, claim.tags), *([data(fields)] if fields else [])]
    arrows = [
        f"  {ARROWS['contrary' if inf.contrary else inf.kind]} {_end(inf.target, amap)}"
        for inf in amap.outgoing.get(claim.id, ())
        if inf.id not in as_argument and not drawn_by_other_side(inf, as_argument)
    ]
    return [" ".join(words), *arrows, ""]


def _front_matter(manifest: Manifest) -> list[str]:
    meta = {"title": manifest.title}
    if manifest.description:
        meta["description"] = manifest.description
    return ["===", *(f"{key}: {_yaml_string(value)}" for key, value in meta.items()), "===", ""]


def _yaml_string(value: str) -> str:
    """A double-quoted YAML string (JSON's are); "=" as an escape, since "===" would end the front matter."""
    return json.dumps(value, ensure_ascii=False).replace("=", "\\u003d")


def _end(node: str, amap: ArgumentMap) -> str:
    """How Argdown names a relation's end: a claim is a statement, an inference an argument."""
    return f"[{node}]" if node in amap.claims else f"<{node}>"


def _argument(inf: Inference, amap: ArgumentMap) -> list[str]:
    given: dict[str, bool | str | dict[str, str] | None] = {
        "mapper": inf.mapper,
        "note": inf.note,
        "contrary": inf.contrary,
        "challenge": written_challenge(amap, inf),
    }
    if inf.id in amap.arguments:
        given["suppress"] = amap.arguments[inf.id].item.suppress
    meta = {key: value for key, value in given.items() if value}
    lines = [f"<{inf.id}>" + (f" {data(meta)}" if meta else ""), ""]
    lines += [f"({n}) [{premise}]" for n, premise in enumerate(inf.premises, 1)]
    lines.append("----")
    number = len(inf.premises) + 1
    if inf.kind == "support":
        lines.append(f"({number}) [{inf.target}]")
    else:
        lines.append(f"({number}) [{inf.id}]: {escape(_conclusion(inf, amap))} {data({CONCLUSION_OF: inf.id})}")
        lines.append(f"  {ARROWS[inf.kind]} {_end(inf.target, amap)}")
    return [*lines, ""]


def _conclusion(inf: Inference, amap: ArgumentMap) -> str:
    if inf.kind == "rebut":
        return f"Not: {amap.claim(inf.target).text}"
    return f"The inference {inf.target} does not hold."


class ArgdownMissing(Exception):
    """The Argdown CLI is not installed: the message says how to install it."""


class ArgdownFailed(Exception):
    """The Argdown CLI refused the file: `problems` are (line, column, message) from its report."""

    def __init__(self, problems: list[tuple[int, int, str]]) -> None:
        super().__init__("the Argdown CLI refused the file")
        self.problems = problems


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_AT = re.compile(r"^At (\d+):(\d+)$")


def parse(path: Path, out: Path, timeout: float = 300) -> Path:
    """Run `argdown json` on the file at `path`; returns the JSON file it wrote into `out`."""
    cli = shutil.which("argdown")
    if cli is None:
        raise ArgdownMissing(
            f"{path}: reading .argdown needs the Argdown CLI (`argdown`), which is not installed: "
            f"`npm install -g {CLI_PACKAGE}` (Node.js), or convert with `argdown json FILE` "
            "and use `argmap import argdown-json`"
        )
    _utf8(path.read_bytes())
    try:
        # the CLI prints its own messages to standard output too, so the JSON goes to a file
        done = subprocess.run([cli, "json", str(path), str(out)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ArgdownFailed([(0, 0, f"the Argdown CLI took longer than {timeout:g} s; stopped")]) from None
    written = out / f"{path.stem}.json"
    if done.returncode != 0 or not written.exists():
        raise ArgdownFailed(_problems(_ANSI.sub("", done.stderr + done.stdout)))
    return written


def _utf8(raw: bytes) -> None:
    """Refuse what the CLI would read with replacement characters: Argdown files are UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise ArgdownFailed([(line, col, f"not valid UTF-8 (byte {exc.start}); Argdown files are UTF-8")]) from None


def _problems(report: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for each "At L:C" block of the CLI's report; else its last line."""
    lines = [line.strip() for line in report.splitlines()]
    found = []
    for n, line in enumerate(lines):
        at = _AT.match(line)
        if at:
            message = next((text for text in lines[n + 1 :] if text), "syntax error")
            found.append((int(at[1]), int(at[2]), message))
    return found or [(0, 0, next((line for line in reversed(lines) if line), "the Argdown CLI failed"))]
