"""Import the Argumentative Microtext Corpus' `arggraph` XML (Peldszus & Stede 2015).

An `<adu type="pro|opp">` is a claim, its text the EDUs joined to it by `seg` edges, its
position `proponent` or `opponent`. `sup` and `exa` edges are supports (`exa`: by example,
kept as the note "Example", the AIF scheme's name), `reb` rebuttals, `und` undercuts of the edge they target, and
`add` adds its source as a further premise of the edge it targets, making that argument linked.
The central claim (the one ADU that supports or attacks nothing) becomes the `thesis`.
The XML is parsed by defusedxml, which refuses entity expansion bombs and external entities.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from argmap.graph import RelationKind
from argmap.interop.draft import ClaimFields, Draft, Imported, Relation, read_bounded
from argmap.vocabulary import Severity

KINDS: dict[str, RelationKind] = {"sup": "support", "exa": "support", "reb": "rebut", "und": "undercut"}
POSITIONS = {
    "pro": ("proponent", "The proponent: what the text's author argues"),
    "opp": ("opponent", "The opponent: objections the author considers"),
}


def read(path: Path) -> Imported:
    draft = Draft(path, title=path.stem)
    root = _parse(path, draft)
    if root is not None:
        _describe(root, draft)
        _add_claims(root, draft)
        _add_relations(root, draft)
    return draft.finish()


def _parse(path: Path, draft: Draft) -> Element | None:
    raw = read_bounded(path, draft)
    if raw is None:
        return None
    try:
        root: Element = SafeET.fromstring(raw)
    except ParseError as exc:
        line, col = exc.position
        draft.problem("X001", f"not well-formed XML at line {line}, column {col + 1}")
        return None
    except DefusedXmlException as exc:
        draft.problem("X001", f"refused: {exc}")
        return None
    if root.tag != "arggraph":
        draft.problem("X001", f"the root element is <{root.tag}>, not <arggraph>: not a microtext argument graph")
        return None
    return root


def _describe(root: Element, draft: Draft) -> None:
    text_id, topic, stance = root.get("id", draft.source.stem), root.get("topic_id"), root.get("stance")
    draft.title = f"Microtext {text_id}" + (f": {topic.replace('_', ' ')}" if topic else "")
    facts = [f"topic {topic}" if topic else None, f"the author's stance: {stance}" if stance else None]
    draft.description = (
        f"Argumentative Microtext Corpus, text {text_id}" + "".join(f"; {fact}" for fact in facts if fact) + "."
    )


def _add_claims(root: Element, draft: Draft) -> None:
    # Ids as the XML writes them; an id it leaves out reads "None", as a missing one always has.
    edus = {str(e.get("id")): " ".join((e.text or "").split()) for e in root.iter("edu")}
    segments: dict[str, list[str]] = {}
    for edge in _edges(root, "seg"):
        src = str(edge.get("src"))
        if src not in edus:
            draft.problem(
                "X002",
                f"seg edge {edge.get('id')} comes from {edge.get('src')!r}, which is no EDU",
                subject=edge.get("id"),
            )
        else:
            segments.setdefault(str(edge.get("trg")), []).append(edus[src])
    used = []
    for adu in root.iter("adu"):
        aid, side = str(adu.get("id")), adu.get("type")
        if aid not in segments:
            draft.problem("X009", f"ADU {aid} has no text: no seg edge joins an EDU to it", subject=aid)
        fields: ClaimFields = {"text": " ".join(segments.get(aid, [])) or aid}
        if side in POSITIONS:
            fields["position"] = POSITIONS[side][0]
            used.append(side)
        draft.claims[aid] = fields
    draft.positions = {POSITIONS[s][0]: POSITIONS[s][1] for s in POSITIONS if s in used}


def _add_relations(root: Element, draft: Draft) -> None:
    for edge in root.iter("edge"):
        eid, src, trg, kind = edge.get("id"), edge.get("src"), edge.get("trg"), edge.get("type")
        if kind in ("seg", "add"):
            continue
        if kind is None or kind not in KINDS:
            draft.problem("X007", f"edge {eid} has the unknown type {kind!r}; skipped", Severity.info, eid)
        elif str(src) not in draft.claims:
            draft.problem("X002", f"{kind} edge {eid} comes from {src!r}, which is no ADU", subject=eid)
        else:
            note = "Example" if kind == "exa" else None
            draft.relations[str(eid)] = Relation(str(eid), KINDS[kind], [str(src)], str(trg), note)
    for edge in _edges(root, "add"):
        eid, src, trg = edge.get("id"), edge.get("src"), edge.get("trg")
        if str(trg) in draft.relations and str(src) in draft.claims:
            draft.relations[str(trg)].premises.append(str(src))
        else:
            draft.problem(
                "X002", f"add edge {eid} joins {src!r} to {trg!r}: it needs an ADU and an argument edge", subject=eid
            )
    _mark_thesis(draft)


def _mark_thesis(draft: Draft) -> None:
    premises = {p for rel in draft.relations.values() for p in rel.premises}
    roots = [cid for cid in draft.claims if cid not in premises]
    if len(roots) == 1:
        draft.claims[roots[0]]["kind"] = "thesis"


def _edges(root: Element, kind: str) -> list[Element]:
    return [e for e in root.iter("edge") if e.get("type") == kind]
