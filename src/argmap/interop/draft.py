"""What importers build: claims and relations as another tool states them, turned into argmap's models.

An importer fills a `Draft` with the source's own ids (AIF node ids, microtext ADU and edge
ids) and reports what it cannot read as diagnostics. `Draft.finish()` then makes argmap ids,
decides how each relation is written (a claim's own `supports`/`rebuts`/`undercuts`, or an
entry under `arguments:` when it has several premises or an undercut must name it), and checks
what every format can get wrong: empty maps and circular support.
"""

from __future__ import annotations

import codecs
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from pydantic import ValidationError

from argmap.diagnostics import Diagnostic, Loc, display_path
from argmap.graph import RelationKind
from argmap.loader import MAX_DEPTH, MAX_FILE_BYTES
from argmap.model import Argument, Author, Claim, ClaimFile, Manifest, Position
from argmap.safety import CONTROL
from argmap.vocabulary import Severity

#: A JSON object as another tool wrote it: untrusted, so each reader checks what it reads of it.
JSONObject = dict[str, object]
#: A claim's fields as a source gives them (text, and any of kind, author, position, note, ...):
#: other tools' data, validated as a `Claim` when the draft is finished.
ClaimFields = dict[str, object]
#: What an undercut names: an argument's id, or the inference from one claim to another.
Target = str | dict[str, str]
#: A relation as a claim writes it: the bare target, or the mapping form with a note or flags.
Written = str | dict[str, str | bool]

_NOT_ID = re.compile(r"[^\w.-]+")


@dataclass
class Relation:
    """A support, rebuttal or undercut in the source's ids; an undercut's target is a relation id."""

    id: str
    kind: RelationKind
    premises: list[str]
    target: str
    note: str | None = None
    mapper: bool = False
    #: Written under `arguments:` with its own id, even with one premise and nothing naming it.
    argument: bool = False
    suppress: dict[str, str] = field(default_factory=dict)
    #: A rebuttal that is one side of a contrary; the two sides are written once, as `contradicts`.
    contrary: bool = False
    #: An attack that challenges (a critical question) rather than refutes.
    challenge: bool = False


@dataclass
class Imported:
    """A map read from another format, ready for the writer; `failed` when it has errors."""

    source: Path
    manifest: Manifest
    files: dict[str, ClaimFile]
    diagnostics: list[Diagnostic]

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.error for d in self.diagnostics)

    def count(self) -> tuple[int, int]:
        """Claims, and relations (supports, rebuttals, undercuts)."""
        claims = sum(len(f.claims) for f in self.files.values())
        inline = sum(
            len(c.supports) + len(c.rebuts) + len(c.contradicts) + len(c.undercuts)
            for f in self.files.values()
            for c in f.claims
        )
        return claims, inline + sum(len(f.arguments) for f in self.files.values())


@dataclass
class Draft:
    source: Path
    title: str
    description: str | None = None
    #: Source id -> the claim's fields.
    claims: dict[str, ClaimFields] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    #: Author id -> name, for claims whose `author` the source gives.
    authors: dict[str, str] = field(default_factory=dict)
    #: Position id -> label, for the positions the source names.
    positions: dict[str, str] = field(default_factory=dict)
    #: The manifest's fields other than the title, where the source carries a whole manifest.
    manifest: dict[str, object] | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def problem(
        self,
        code: str,
        message: str,
        severity: Severity = Severity.error,
        subject: str | None = None,
        line: int = 0,
        col: int = 0,
    ) -> None:
        self.diagnostics.append(Diagnostic(code, message, Loc(display_path(self.source), line, col), severity, subject))

    def finish(self) -> Imported:
        if not self.claims and not self.diagnostics:
            self.problem("X006", "the map holds no claims (no propositions found)")
        self._drop_dangling()
        self._replace_controls()
        self._report_circular_support()
        self._report_self_attacks()
        ids = _claim_ids(self.claims)
        named = self._named_relations()
        arg_ids = _unique_ids(named, set(ids.values()))
        #: Claim -> its own relations (`supports`, `rebuts`, `contradicts`, `undercuts`) -> their entries.
        links: dict[str, dict[str, list[Written]]] = defaultdict(dict)
        arguments = []
        contraries: set[tuple[str, str]] = set()
        for rel in self.relations.values():
            if rel.contrary and len(rel.premises) == 1:
                if (rel.target, rel.premises[0]) not in contraries:  # the other side is already written
                    contraries.add((rel.premises[0], rel.target))
                    links[rel.premises[0]].setdefault("contradicts", []).append(_with_note(ids[rel.target], rel))
                continue
            premises = [ids[p] for p in rel.premises]
            target = self._target(rel, ids, arg_ids)
            if rel.id in arg_ids:
                arguments.append(
                    Argument.model_validate(
                        {
                            "id": arg_ids[rel.id],
                            "premises": premises,
                            rel.kind + "s": target,
                            "note": rel.note,
                            "mapper": rel.mapper,
                            "challenge": rel.challenge,
                            "suppress": rel.suppress,
                        }
                    )
                )
            else:
                links[rel.premises[0]].setdefault(rel.kind + "s", []).append(_with_note(target, rel))
        manifest = self._manifest()
        claims = [Claim.model_validate({"id": ids[cid], **fields, **links[cid]}) for cid, fields in self.claims.items()]
        return Imported(
            self.source, manifest, {"claims.yaml": ClaimFile(claims=claims, arguments=arguments)}, self.diagnostics
        )

    def _manifest(self) -> Manifest:
        """The manifest the source gives, else one declaring the authors and positions it names."""
        if self.manifest is not None:
            try:
                return Manifest.model_validate({"title": self.title, **self.manifest})
            except ValidationError as exc:
                error = exc.errors()[0]
                self.problem(
                    "X008",
                    f"the map's data ({'.'.join(map(str, error['loc']))}): {error['msg'].lower()}; "
                    "declaring only the authors and positions the claims name",
                    Severity.warning,
                )
        return Manifest(
            title=self.title,
            description=self.description,
            authors=[Author(id=a, name=n) for a, n in sorted(self.authors.items())],
            positions=[Position(id=p, label=label) for p, label in self.positions.items()],
        )

    def _named_relations(self) -> list[str]:
        """Relations written under `arguments:`: linked ones, those the source names as arguments,
        and undercuts that another undercut names."""
        undercut = {r.target for r in self.relations.values() if r.kind == "undercut"}
        return [
            r.id
            for r in self.relations.values()
            if len(r.premises) > 1 or r.argument or (r.id in undercut and r.kind == "undercut")
        ]

    def _target(self, rel: Relation, ids: dict[str, str], arg_ids: dict[str, str]) -> Target:
        if rel.kind != "undercut":
            return ids[rel.target]
        if rel.target in arg_ids:
            return arg_ids[rel.target]
        inner = self.relations[rel.target]
        return {"from": ids[inner.premises[0]], "to": ids[inner.target]}

    def _drop_dangling(self) -> None:
        """Drop relations whose ends were not imported, and then the undercuts of those, and so on."""
        changed = True
        while changed:
            changed = False
            for rid, rel in list(self.relations.items()):
                table, what = (self.relations, "relation") if rel.kind == "undercut" else (self.claims, "claim")
                missing = [p for p in rel.premises if p not in self.claims]
                if missing:
                    end = f"premise {missing[0]!r} is no claim"
                elif rel.target not in table:
                    end = f"target {rel.target!r} is no {what}"
                else:
                    continue
                self.problem("X002", f"{rel.kind} {rid}: its {end} of the map; dropped", subject=rid)
                del self.relations[rid]
                changed = True

    def _report_circular_support(self) -> None:
        graph: dict[str, set[str]] = {}
        for rel in self.relations.values():
            if rel.kind == "support":
                for premise in rel.premises:
                    graph.setdefault(premise, set()).add(rel.target)
        try:
            TopologicalSorter(graph).prepare()
        except CycleError as exc:
            cycle = exc.args[1]
            self.problem("X005", "circular support: " + " -> ".join(reversed(cycle)), subject=cycle[0])

    def _replace_controls(self) -> None:
        """Control characters (other tools' files hold stray ones) would make every command
        refuse the map (Y013): each becomes a space, and the import says where."""
        for cid, fields in self.claims.items():
            for name, value in fields.items():
                if isinstance(value, str):
                    fields[name] = self._clean(cid, name, value)
        for rid, rel in self.relations.items():
            if rel.note is not None:
                rel.note = self._clean(rid, "note", rel.note)
        self.authors = {a: self._clean(a, "name", n) for a, n in self.authors.items()}
        self.title = self._clean("the map", "title", self.title)
        if self.description is not None:
            self.description = self._clean("the map", "description", self.description)

    def _clean(self, ident: str, name: str, value: str) -> str:
        if not CONTROL.search(value):
            return value
        self.problem(
            "X011", f"{ident}: control characters in its {name} replaced by spaces", Severity.warning, subject=ident
        )
        return CONTROL.sub(" ", value)

    def _report_self_attacks(self) -> None:
        """A claim that rebuts itself is inconsistent, and `argmap check` would refuse the map:
        the rebuttal is reported, and dropped from what --partial writes."""
        for rid, rel in list(self.relations.items()):
            if rel.kind == "rebut" and rel.target in rel.premises:
                self.problem("X010", f"{rid}: claim {rel.target} rebuts itself; dropped", subject=rid)
                del self.relations[rid]


#: Bounds of what an imported JSON file may hold: the loader's for YAML, and number literals
#: short enough for Python's int (which refuses over 4,300 digits) and for any sane map.
MAX_JSON_DEPTH = MAX_DEPTH
MAX_NUMBER_DIGITS = 100
_JSON_TOKEN = re.compile(rf'"(?:[^"\\]|\\.)*"|[\[\]{{}}]|-?\d{{{MAX_NUMBER_DIGITS + 1},}}')
_UTF16_32 = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


def read_json(path: Path, draft: Draft) -> object | None:
    """The JSON document in `path`, or None with the problem reported where it is (line, column).

    Guarded as the map loader is: at most MAX_FILE_BYTES, UTF-8, nesting at most MAX_JSON_DEPTH
    levels and numbers of at most MAX_NUMBER_DIGITS digits, each refused with its place."""
    raw = read_bounded(path, draft)
    text = None if raw is None else _utf8(raw, draft)
    if text is None:
        return None
    bound = _beyond_bounds(text)
    if bound is None:
        try:
            document: object = json.loads(text)  # any JSON value: each reader checks the shape it needs
            return document
        except json.JSONDecodeError as exc:
            draft.problem("X001", f"not JSON: {exc.msg}", line=exc.lineno, col=exc.colno)
            return None
    offset, message = bound
    line = text.count("\n", 0, offset) + 1
    draft.problem("X001", message, line=line, col=offset - text.rfind("\n", 0, offset))
    return None


def read_bounded(path: Path, draft: Draft) -> bytes | None:
    """The file's bytes, or None with a problem when it is larger than a map file may be."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        draft.problem("X001", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        return None
    return raw


def _utf8(raw: bytes, draft: Draft) -> str | None:
    wide = next((name for bom, name in _UTF16_32.items() if raw.startswith(bom)), None)
    if wide is None and len(raw) > 1 and (raw[0] == 0) != (raw[1] == 0):
        wide = "UTF-16"  # no byte-order mark, but every other byte of ASCII text is NUL
    if wide:
        draft.problem("X001", f"the file is {wide}-encoded; JSON files are UTF-8: save it as UTF-8", line=1, col=1)
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        draft.problem(
            "X001",
            f"not valid UTF-8 (byte {exc.start}); JSON files are UTF-8",
            line=raw.count(b"\n", 0, exc.start) + 1,
            col=exc.start - line_start + 1,
        )
        return None


def _beyond_bounds(text: str) -> tuple[int, str] | None:
    """The offset and message of the first nesting too deep or number too long, outside strings."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match[0]
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return match.start(), f"nested more than {MAX_JSON_DEPTH} levels deep; refused"
        elif token in "]}":
            depth -= 1
        elif token[0] != '"':
            digits = len(token.lstrip("-"))
            return match.start(), f"a number of {digits:,} digits; argmap reads numbers of up to {MAX_NUMBER_DIGITS}"
    return None


def _with_note(target: Target, rel: Relation) -> Written:
    """A claim's relation entry: the bare id, or the mapping form that carries a note or the mapper flag."""
    more: dict[str, str | bool] = {flag: True for flag in ("mapper", "challenge") if getattr(rel, flag)}
    if rel.note:
        more["note"] = rel.note
    if isinstance(target, dict):
        return target | more
    if not more:
        return target
    return {"argument" if rel.kind == "undercut" else "to": target} | more


def make_id(raw: str) -> str:
    """An argmap id from any source id: runs of other characters become '-'."""
    cleaned = _NOT_ID.sub("-", str(raw)).strip("-_.")[:120]
    return cleaned or "n"


def _claim_ids(claims: dict[str, ClaimFields]) -> dict[str, str]:
    return _unique_ids(list(claims), set())


def _unique_ids(raw_ids: list[str], taken: set[str]) -> dict[str, str]:
    """Source id -> argmap id, unique among themselves and against `taken`."""
    out: dict[str, str] = {}
    for raw in raw_ids:
        base = make_id(raw)
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        out[raw] = ident
    return out


def slug(name: str) -> str:
    """An author id from a person's name: 'Ann O'Neil' -> 'ann-o-neil'."""
    return make_id(name.lower().replace("_", "-")).strip("-") or "speaker"
