"""Import the JSON that the Argdown CLI writes (`argdown json`): statements, arguments, relations,
tags, data and sections. `read_argdown` runs the CLI on an `.argdown` file first.

Argdown's statements (equivalence classes) become claims, with the statement's title as id
(made an id where it is not one) and the text of its first member that has one, without its
`#tags`. Fields come from data: a statement's `{key: value}` data and that of the `#` heading
sections around it (the nearer wins): `author`, `position`, `kind`, `source`, `quote`,
`locator`, `note`, `reported_by`, `reports`, `agreed_by`, `suppress`. Tags become tags, except
that a tag naming a kind (`#thesis`) is the claim's kind when no data gives one. A section whose
data holds `argmap:` gives the map's manifest (its title is the map's title); otherwise authors
and positions named in data are declared, named by the heading that names them.

An argument with a premise-conclusion structure becomes inferences: each conclusion follows, as
a linked argument, from the premises written since the previous conclusion plus that conclusion
(Argdown's default reading of a structure); the last one keeps the argument's title as its id,
and its data (`mapper`, `note`, `suppress`, `contrary`, `challenge`). An argument's relations to other nodes are its
main conclusion's. A conclusion marked `{conclusion_of: ...}` (argmap's export of a rebutting or
undercutting inference) is no claim: the argument rebuts or undercuts what that statement
attacks. An attack on an argument with a structure undercuts the inference its relation names
(`conclusionIndex`, Argdown's `toType: "inference"`), else its last. An argument that Argdown only
describes (no structure) becomes a claim holding its description, tagged `argdown-argument`: in
the map it is one reason. Relations: support and entails are supports; attack and contrary are
rebuttals, contradictory is argmap's `contradicts` (a rebuttal both ways, also where an
argument's data says `contrary: true`); undercut is an undercut, or, where the
argument has no structure and so no inference, a rebuttal noted as such.

A file of the wrong shape (well-formed JSON that is not what Argdown writes) is X001 naming the
place: `relations[3].from: field required`.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from argmap.graph import RelationKind
from argmap.interop import argdown
from argmap.interop.draft import ClaimFields, Draft, Imported, Relation, make_id, read_json
from argmap.loader import MAX_TEXT_CHARS
from argmap.model import Claim
from argmap.vocabulary import Kind, Severity

#: Argdown's `{key: value}` data on a statement, argument or section: any YAML the author wrote.
Data = dict[str, object]
#: Argdown's relation type -> argmap relation kind: a new kind is one entry here (and its arrow
#: in `argdown.ARROWS`).
KINDS: dict[str, RelationKind] = {
    "support": "support",
    "entails": "support",
    "attack": "rebut",
    "contrary": "rebut",
    "contradictory": "rebut",
    "undercut": "undercut",
}
#: Relation types that hold both ways.
SYMMETRIC = {"contradictory"}
#: Claim fields that data may give, in sections or on the statement.
CLAIM_FIELDS = ("author", "position", *argdown.CLAIM_DATA)
_ID = re.compile(r"^[^\W_][\w.-]*$")
_SIMPLE = re.compile(r"^(\S+) (supports|rebuts|undercuts) (\S+)$")


class _Node(BaseModel):
    """What argmap reads of an Argdown JSON object; everything else in it is let be."""

    model_config = ConfigDict(extra="allow")


class _Member(_Node):
    text: str | None = None


class _Step(_Node):
    title: str
    role: str | None = None


class _Statement(_Node):
    members: list[_Member] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    data: Data = Field(default_factory=dict)
    section: str | None = None


class _Argument(_Statement):
    pcs: list[_Step] = Field(default_factory=list)


class _Relation(_Node):
    from_: str = Field(alias="from")
    to: str
    relationType: str
    fromType: str | None = None
    toType: str | None = None
    conclusionIndex: int | None = None


class _Section(_Node):
    id: str
    title: str = ""
    data: Data = Field(default_factory=dict)
    children: list[_Section] = Field(default_factory=list)


class _Document(_Node):
    statements: dict[str, _Statement]
    arguments: dict[str, _Argument] = Field(default_factory=dict)
    relations: list[_Relation] = Field(default_factory=list)
    sections: list[_Section] = Field(default_factory=list)


def read(path: Path) -> Imported:
    draft = Draft(path, title=path.stem)
    _read_document(read_json(path, draft), draft)
    return draft.finish()


def read_argdown(path: Path) -> Imported:
    """An `.argdown` file, through `argdown json` (raises `argdown.ArgdownMissing` without the CLI)."""
    draft = Draft(path, title=path.stem)
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as out:
        try:
            # problems are reported at the .argdown file's places: the draft names it, not the JSON
            _read_document(read_json(argdown.parse(path, Path(out)), draft), draft)
        except argdown.ArgdownFailed as failed:
            for line, col, message in failed.problems:
                draft.problem("X001", f"Argdown: {message}", line=line, col=col)
    return draft.finish()


def _read_document(doc: object | None, draft: Draft) -> None:
    if doc is None:
        return
    try:
        document = _Document.model_validate(doc)
    except ValidationError as exc:
        for error in exc.errors()[:5]:
            message = re.sub(r" or instance of \w+", "", error["msg"]).lower()  # the class names are argmap's
            draft.problem("X001", f"not Argdown JSON: {_place(error['loc'])}: {message}")
        return
    _Reader(document, draft).read()


def _place(loc: tuple[int | str, ...]) -> str:
    """A JSON path as people write it: `relations[3].from`, `statements.a.members`."""
    place = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")
    return place.replace("from_", "from") or "the document"


class _Reader:
    def __init__(self, doc: _Document, draft: Draft) -> None:
        self.doc, self.draft = doc, draft
        #: Section id -> the section and the id of the one around it.
        self.sections: dict[str, tuple[_Section, str | None]] = {}
        #: Argument title -> conclusion's index in the structure -> the inference concluding it.
        self.steps: dict[str, dict[int, str]] = {}
        #: A marked conclusion's title -> (inference id, premises, argument data), until its relation is met.
        self.pending: dict[str, tuple[str, list[str], Data]] = {}
        #: Position id -> label, for positions named in data (when no manifest declares them).
        self.positions: dict[str, str] = {}

    def read(self) -> None:
        self._index(self.doc.sections, None)
        self._manifest()
        marked = {title for title, s in self.doc.statements.items() if argdown.CONCLUSION_OF in s.data}
        for title, statement in sorted(self.doc.statements.items()):
            if title not in marked:
                self.draft.claims[title] = self._claim(title, statement)
        for title, argument in sorted(self.doc.arguments.items()):
            if argument.pcs:
                self._structure(title, argument, marked)
            else:
                self.draft.claims[_described(title)] = {"text": _text(argument) or title, "tags": ["argdown-argument"]}
        for n, rel in enumerate(self.doc.relations):
            self._relation(n, rel)
        self.draft.positions.update(sorted(self.positions.items()))
        for title in self.pending:
            self.draft.problem(
                "X008",
                f"statement {title!r} concludes an attack that attacks nothing; dropped",
                Severity.warning,
                subject=title,
            )

    def _index(self, sections: list[_Section], parent: str | None) -> None:
        for section in sections:
            self.sections[section.id] = (section, parent)
            self._index(section.children, section.id)

    def _chain(self, section_id: str | None) -> list[Data]:
        """The data of a section and of those around it, outermost first."""
        found = []
        while section_id in self.sections:
            section, section_id = self.sections[section_id]
            found.append(section.data)
        return found[::-1]

    def _manifest(self) -> None:
        """The map's manifest from a section holding `argmap:`; else authors and positions named
        in sections, by the headings that name them."""
        for section, _ in self.sections.values():
            if "argmap" in section.data:
                self.draft.title = section.title.strip() or self.draft.title
                self.draft.manifest = {k: v for k, v in section.data.items() if k != "argmap"}
                return
            for key, table in (("author", self.draft.authors), ("position", self.positions)):
                named = section.data.get(key)
                if isinstance(named, str):
                    table.setdefault(named, section.title.strip() or named)

    def _claim(self, title: str, statement: _Statement) -> ClaimFields:
        fields: ClaimFields = {}
        for found in (*self._chain(statement.section), statement.data):
            fields |= {key: found[key] for key in CLAIM_FIELDS if key in found}
        tags = list(dict.fromkeys(statement.tags))
        if "kind" not in fields:
            kind = next((t for t in tags if t in Kind.__members__), None)
            if kind:
                fields["kind"], tags = kind, [t for t in tags if t != kind]
        if tags:
            fields["tags"] = [make_id(t) for t in tags]
        text = _without_tags(_text(statement) or "", statement.tags) or title
        if len(text) > MAX_TEXT_CHARS:  # what the map's loader would refuse
            self.draft.problem(
                "X001",
                f"statement {title!r}: a text of {len(text):,} characters; argmap accepts up to {MAX_TEXT_CHARS:,}",
                subject=title,
            )
        return {"text": text, **self._valid(title, fields)}

    def _valid(self, title: str, fields: ClaimFields) -> ClaimFields:
        """The fields a claim may hold as given; each other one dropped with a warning."""
        kept: ClaimFields = {}
        for key, value in fields.items():
            try:
                Claim.model_validate({"id": "x", "text": "x", key: value})
            except ValidationError as exc:
                reason = exc.errors()[0]["msg"].lower()
                self.draft.problem(
                    "X008", f"statement {title!r}: data {key}: {reason}; dropped", Severity.warning, subject=title
                )
                continue
            kept[key] = value
            if not isinstance(value, str) or self.draft.manifest is not None:  # an id is a str once valid
                continue
            if key == "author":
                self.draft.authors.setdefault(value, value)
            if key == "position":
                self.positions.setdefault(value, value)
        return kept

    def _structure(self, title: str, argument: _Argument, marked: set[str]) -> None:
        """Add the argument's inferences, the last one named by the argument's title."""
        since: list[str] = []
        last: str | None = None
        steps: dict[int, str] = {}
        conclusions = [n for n, item in enumerate(argument.pcs) if item.role != "premise"]
        for step, item in enumerate(argument.pcs):
            if item.role == "premise":
                since.append(item.title)
                continue
            premises = since + ([argument.pcs[conclusions[conclusions.index(step) - 1]].title] if last else [])
            since = []
            if not premises:
                self.draft.problem(
                    "X003",
                    f"argument {title!r}: conclusion {item.title!r} has no premise",
                    Severity.warning,
                    subject=title,
                )
                continue
            last = title if step == conclusions[-1] else f"{title} #{step}"
            steps[step] = last
            meta = argument.data if last == title else {}
            if item.title in marked:
                self.pending[item.title] = (last, premises, meta)
            else:
                self.draft.relations[last] = _inference(last, "support", premises, item.title, meta, titled=True)
        if last:
            self.steps[title] = steps

    def _relation(self, n: int, rel: _Relation) -> None:
        kind = KINDS.get(rel.relationType)
        if kind is None:
            self.draft.problem(
                "X008", f"relation {n}: type {rel.relationType!r} has no argmap counterpart; dropped", Severity.warning
            )
            return
        titled = rel.from_ in self.pending
        plain: tuple[str, list[str], Data] = (self._fresh(f"r{n}"), [self._end(rel.from_, rel.fromType)], {})
        rid, premises, meta = self.pending.pop(rel.from_, plain)
        note = meta.get("note")
        if rel.toType in ("argument", "inference") and rel.to in self.steps and kind != "support":
            steps = self.steps[rel.to]
            kind, target = "undercut", steps[rel.conclusionIndex] if rel.conclusionIndex in steps else steps[max(steps)]
        else:
            target = self._end(rel.to, rel.toType)
            if kind == "undercut":
                kind, note = "rebut", "Argdown undercut of an argument without a premise-conclusion structure"
        self.draft.relations[rid] = _inference(rid, kind, premises, target, {**meta, "note": note}, titled)
        if kind == "rebut" and rel.relationType in SYMMETRIC:  # one `contradicts`: the draft writes the pair once
            self.draft.relations[rid].contrary = True
            back = self._fresh(f"{rid}-back")
            self.draft.relations[back] = Relation(back, kind, [target], premises[0], contrary=True)

    def _fresh(self, rid: str) -> str:
        """An id for a relation Argdown does not name, taken by no argument's title."""
        while rid in self.doc.arguments or rid in self.draft.relations:
            rid += "'"
        return rid

    def _end(self, title: str, kind: str | None) -> str:
        """The claim standing for a relation's end: a statement, or an argument's main conclusion."""
        if kind not in ("argument", "inference"):
            return title
        steps = self.steps.get(title)
        if steps and steps[max(steps)] in self.draft.relations:
            return self.draft.relations[steps[max(steps)]].target
        return _described(title)


def _inference(rid: str, kind: RelationKind, premises: list[str], target: str, meta: Data, titled: bool) -> Relation:
    """A relation with the data of the argument it comes from. An argument's inference (`titled`)
    named like argmap's simple ones (`a supports b`) is written as the claim's own; one whose
    title is an id becomes an argument of that id (even with one premise)."""
    simple = _SIMPLE.match(rid) and len(premises) == 1
    note, suppress = meta.get("note"), meta.get("suppress")
    return Relation(
        rid,
        kind,
        premises,
        target,
        note if isinstance(note, str) else None,
        mapper=meta.get("mapper") is True,
        argument=titled and bool(_ID.match(rid)) and not simple,
        suppress=suppress if isinstance(suppress, dict) else {},
        contrary=meta.get("contrary") is True and kind == "rebut",
        challenge=meta.get("challenge") is True,
    )


def _described(title: str) -> str:
    """The claim of an argument that Argdown only describes."""
    return f"a:{title}"


def _text(node: _Statement) -> str | None:
    texts = (m.text.strip() for m in node.members if m.text)
    return next((text for text in texts if text), None)


def _without_tags(text: str, tags: list[str]) -> str:
    """Argdown keeps a statement's `#tag`s in its text; the claim's text is without them."""
    for tag in tags:
        text = re.sub(rf"#\({re.escape(tag)}\)|#{re.escape(tag)}(?=\s|$)", " ", text)
    return " ".join(text.split())
