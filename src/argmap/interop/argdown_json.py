"""Import the JSON that the Argdown CLI writes (`argdown json`): statements, arguments, relations.

Argdown's statements (equivalence classes) become claims: the text of their first member that
has one, else the title. An argument with a premise-conclusion structure becomes inferences:
each conclusion follows, as a linked argument, from the premises written since the previous
conclusion plus that conclusion (Argdown's default reading of a structure); an argument's
relations to other nodes are its main conclusion's, and an attack on it undercuts its last
inference. An argument that Argdown only describes (no structure) becomes a claim holding its
description, tagged `argdown-argument`: in the map it is one reason. Relations: support and
entails are supports; attack and contrary are rebuttals, contradictory is argmap's
`contradicts` (a rebuttal both ways); undercut is an undercut of the attacked argument's last inference, or, where that
argument has no structure and so no inference, a rebuttal noted as such.
"""

from __future__ import annotations

from pathlib import Path

from argmap.interop.draft import Draft, Imported, Relation, read_json
from argmap.model import Severity

KINDS = {"support": "support", "entails": "support", "attack": "rebut", "contrary": "rebut",
         "contradictory": "rebut", "undercut": "undercut"}


def read(path: Path) -> Imported:
    draft = Draft(path, title=path.stem)
    doc = read_json(path, draft)
    if doc is not None and not (isinstance(doc, dict) and isinstance(doc.get("statements"), dict)
                                and isinstance(doc.get("arguments"), dict)):
        draft.problem("X001", "not Argdown JSON: `statements` and `arguments` mappings are needed")
    elif doc is not None:
        _read(doc, draft)
    return draft.finish()


def _read(doc: dict, draft: Draft) -> None:
    for title, statement in sorted(doc["statements"].items()):
        draft.claims[_statement(title)] = {"text": _text(statement) or title}
    last_inference: dict[str, str] = {}
    for title, argument in sorted(doc["arguments"].items()):
        inference = _structure(title, argument.get("pcs") or [], draft)
        if inference:
            last_inference[title] = inference
        else:
            draft.claims[_argument(title)] = {"text": _text(argument) or title, "tags": ["argdown-argument"]}
    for n, rel in enumerate(doc.get("relations") or []):
        _relation(n, rel, last_inference, draft)


def _statement(title: str) -> str:
    return f"s:{title}"


def _argument(title: str) -> str:
    return f"a:{title}"


def _text(node: dict) -> str | None:
    return next((m["text"].strip() for m in node.get("members") or [] if (m.get("text") or "").strip()), None)


def _structure(title: str, pcs: list[dict], draft: Draft) -> str | None:
    """Add the argument's inferences; return the id of its last one (None when it has none)."""
    since: list[str] = []
    last: str | None = None
    for step, item in enumerate(pcs):
        claim = _statement(item["title"])
        if item.get("role") == "premise":
            since.append(claim)
            continue
        premises = since + ([draft.relations[last].target] if last else [])
        if not premises:
            draft.problem("X003", f"argument {title!r}: conclusion {item['title']!r} has no premise",
                          Severity.warning, subject=title)
            continue
        last = f"{title} #{step}"
        draft.relations[last] = Relation(last, "support", premises, claim)
        since = []
    return last


def _relation(n: int, rel: dict, last_inference: dict[str, str], draft: Draft) -> None:
    kind = KINDS.get(rel.get("relationType"))
    if kind is None:
        draft.problem("X008", f"relation {n}: type {rel.get('relationType')!r} has no argmap counterpart; dropped",
                      Severity.warning)
        return
    source = _end(rel["from"], rel.get("fromType"), last_inference, draft)
    to_argument = rel.get("toType") == "argument"
    target = _end(rel["to"], rel.get("toType"), last_inference, draft)
    note = None
    if to_argument and rel["to"] in last_inference and kind != "support":
        kind, target = "undercut", last_inference[rel["to"]]
    elif kind == "undercut":
        kind, note = "rebut", "Argdown undercut of an argument without a premise-conclusion structure"
    both = rel.get("relationType") == "contradictory" and kind == "rebut"
    draft.relations[f"r{n}"] = Relation(f"r{n}", kind, [source], target, note, contrary=both)
    if both:  # one `contradicts`: the draft writes the pair once
        draft.relations[f"r{n}-back"] = Relation(f"r{n}-back", "rebut", [target], source, contrary=True)


def _end(title: str, kind: str | None, last_inference: dict[str, str], draft: Draft) -> str:
    """The claim standing for a relation's end: a statement, or an argument's main conclusion."""
    if kind != "argument":
        return _statement(title)
    if title in last_inference:
        return draft.relations[last_inference[title]].target
    return _argument(title)
