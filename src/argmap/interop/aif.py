"""AIF JSON, as AIFdb and OVA exchange it: import and export.

AIF is a graph of information nodes (I: propositions) and scheme nodes: an RA node is an
inference from the I-nodes pointing into it to the node it points at (several premises into
one RA make a linked argument), a CA node a conflict. A CA pointing at an I-node is a
rebuttal, at an RA or CA node an undercut. Import maps them one to one onto argmap's claims,
supports, rebuttals and undercuts; a scheme other than the default one is kept as the
relation's note. A contrary (`contradicts`) is a CA node each way with the scheme "Contrary";
on import such a pair becomes one `contradicts` again.

Treated specially on import:
- MA (rephrase) nodes: argmap has no "says the same as" relation, so both propositions stay
  claims, the rephrasing one gets the note "AIF: rephrases <id>", and the MA node is listed as
  not imported.
- Dialogue layer (L locutions, YA illocutions, TA transitions): an L -> YA -> I chain gives
  the I-node's speaker, from the locution's `personID` (named under `participants`) or from the
  OVA-style L text "Speaker : words"; speakers become the map's authors. Every other dialogue
  node is listed as not imported.

Export writes I, RA and CA nodes with readable, deterministic node ids (a claim's id; an
inference's id) and, for claims with an author, an L -> YA("Asserting") -> I chain with the
author as participant, so authorship survives a round trip.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import TypedDict

from argmap.graph import ArgumentMap, Inference, RelationKind
from argmap.interop.draft import Draft, Imported, JSONObject, Relation, make_id, read_json, slug
from argmap.vocabulary import Severity

SCHEME_NODES: dict[str, RelationKind] = {"RA": "support", "CA": "rebut"}
#: The scheme of the two CA nodes, one each way, that a contrary (`contradicts`) is written as.
CONTRARY_SCHEME = "Contrary"
DIALOGUE_NODES = ("L", "YA", "TA")
DEFAULT_SCHEMES = {"Default Inference", "Default Conflict", ""}
#: OVA writes a locution as "Speaker : words".
_SPEAKER = re.compile(r"^\s*([^:\n]{1,80}?)\s+:\s")


# -- import ------------------------------------------------------------------------------------


def read(path: Path) -> Imported:
    draft = Draft(path, title=path.stem)
    data = _load(path, draft)
    if data is not None:
        _Reader(draft, data).run()
    return draft.finish()


def _load(path: Path, draft: Draft) -> JSONObject | None:
    data = read_json(path, draft)
    # OVA 3 wraps the AIF in {"AIF": {...}, "OVA": {...}} next to its layout.
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        draft.problem("X001", "not an AIF map: expected a JSON object with a list of `nodes`")
        return None
    return data


class _Reader:
    def __init__(self, draft: Draft, data: JSONObject) -> None:
        self.draft = draft
        self.data = data
        self.nodes: dict[str, JSONObject] = {}
        #: Node id -> its type (I, RA, CA, MA, L, YA, TA, ...), as read: every node kept has one.
        self.types: dict[str, str] = {}
        self.into: dict[str, list[str]] = defaultdict(list)
        self.out_of: dict[str, list[str]] = defaultdict(list)
        #: Node ids read but not imported, by node type.
        self.skipped: dict[str, list[str]] = defaultdict(list)

    def type_of(self, node_id: str) -> str:
        return self.types[node_id]

    def run(self) -> None:
        self._read_nodes()
        self._read_edges()
        # Claims first: a rephrase (MA) node may come before the I-nodes it joins.
        for nid, node in self.nodes.items():
            if self.type_of(nid) == "I":
                self.draft.claims[nid] = {"text": " ".join(str(node.get("text") or "").split()) or nid}
                if not str(node.get("text") or "").strip():
                    self.draft.problem("X009", f"I-node {nid} has no text", subject=nid)
        if not self.draft.claims and self.nodes:
            kinds = ", ".join(sorted(set(self.types.values())))
            self.draft.problem(
                "X006",
                f"no I-nodes (propositions), only {kinds} nodes: nothing argmap can map; "
                "an AIFdb export of the argument layer holds them",
            )
            return
        for nid, node in self.nodes.items():
            kind = self.type_of(nid)
            if kind == "I":
                continue
            if kind in SCHEME_NODES:
                self._relation(nid, node)
            elif kind == "MA":
                self._rephrase(nid)
            elif kind not in DIALOGUE_NODES:
                self.skipped[kind].append(nid)
        self._speakers()
        self._report_skipped()

    def _read_nodes(self) -> None:
        for i, node in enumerate(_list(self.data, "nodes")):
            kind = node.get("type") if isinstance(node, dict) else None
            if not isinstance(node, dict) or "nodeID" not in node or not isinstance(kind, str):
                self.draft.problem("X001", f"nodes[{i}] is no AIF node: it needs a `nodeID` and a `type`")
                continue
            nid = str(node["nodeID"])
            if nid in self.nodes:
                self.draft.problem("X001", f"node id {nid} is used twice; the second node is ignored", subject=nid)
                continue
            self.nodes[nid], self.types[nid] = node, kind

    def _read_edges(self) -> None:
        for i, edge in enumerate(_list(self.data, "edges")):
            if not isinstance(edge, dict):
                self.draft.problem("X001", f"edges[{i}] is no AIF edge")
                continue
            eid = str(edge.get("edgeID", f"#{i}"))
            ends = str(edge.get("fromID")), str(edge.get("toID"))
            missing = [e for e in ends if e not in self.nodes]
            if missing:
                self.draft.problem(
                    "X002", f"edge {eid} from {ends[0]} to {ends[1]}: no node {missing[0]}; edge ignored", subject=eid
                )
            elif self.type_of(ends[0]) == "I" and self.type_of(ends[1]) == "I":
                self.draft.problem(
                    "X004",
                    f"edge {eid} joins I-node {ends[0]} to I-node {ends[1]} directly: "
                    "a support or conflict needs an RA or CA node between them; edge ignored",
                    subject=eid,
                )
            else:
                self.out_of[ends[0]].append(ends[1])
                self.into[ends[1]].append(ends[0])

    def _relation(self, nid: str, node: JSONObject) -> None:
        kind = self.type_of(nid)
        premises = [p for p in self.into[nid] if self.type_of(p) == "I"]
        conclusions = [c for c in self.out_of[nid] if self.type_of(c) == "I" or self.type_of(c) in SCHEME_NODES]
        if not premises or not conclusions:
            lacks = "premise (no I-node points into it)" if not premises else "conclusion (it points at nothing)"
            self.draft.problem("X003", f"{kind} node {nid} has no {lacks}; not imported", subject=nid)
            return
        if len(conclusions) > 1:
            self.draft.problem(
                "X003",
                f"{kind} node {nid} has {len(conclusions)} conclusions "
                f"({', '.join(conclusions)}); only {conclusions[0]} is kept",
                subject=nid,
            )
        target = conclusions[0]
        relation: RelationKind = SCHEME_NODES[kind]
        if self.type_of(target) != "I":
            if kind == "RA":
                self.draft.problem(
                    "X008",
                    f"RA node {nid} concludes the inference {target}: argmap supports claims only; not imported",
                    subject=nid,
                )
                return
            relation = "undercut"
        scheme = str(node.get("scheme") or node.get("text") or "")
        contrary = relation == "rebut" and scheme == CONTRARY_SCHEME
        note = None if scheme in DEFAULT_SCHEMES or contrary else scheme
        self.draft.relations[nid] = Relation(nid, relation, premises, target, note, contrary=contrary)

    def _rephrase(self, nid: str) -> None:
        sources = [n for n in self.into[nid] if self.type_of(n) == "I"]
        targets = [n for n in self.out_of[nid] if self.type_of(n) == "I"]
        if sources and targets:
            for source in sources:
                self.draft.claims[source]["note"] = f"AIF: rephrases {make_id(targets[0])}"
        self.skipped["MA"].append(nid)

    def _speakers(self) -> None:
        """Authors from L -> YA -> I chains; the dialogue nodes not used so are listed as skipped."""
        names = _participants(self.data)
        persons = {
            str(loc.get("nodeID")): str(loc.get("personID"))
            for loc in _list(self.data, "locutions")
            if isinstance(loc, dict) and loc.get("personID") is not None
        }
        used: set[str] = set()
        for ya in (n for n in self.nodes if self.type_of(n) == "YA"):
            locutions = [n for n in self.into[ya] if self.type_of(n) == "L"]
            claims = [n for n in self.out_of[ya] if self.type_of(n) == "I" and n in self.draft.claims]
            for loc in locutions[:1]:
                author = self._author(loc, persons, names)
                if author and claims:
                    used.update((loc, ya))
                    for claim in claims:
                        self.draft.claims[claim]["author"] = author
        for nid in self.nodes:
            if self.type_of(nid) in DIALOGUE_NODES and nid not in used:
                self.skipped[self.type_of(nid)].append(nid)

    def _author(self, loc: str, persons: dict[str, str], names: dict[str, str]) -> str | None:
        """The locution's speaker: a named participant, else the name its text starts with
        ("CLINTON : ..."), else its bare person id (AIFdb exports often name no participants)."""
        person = persons.get(loc)
        match = _SPEAKER.match(str(self.nodes[loc].get("text") or ""))
        if person is not None and (person in names or not match):
            name = names.get(person, person)
            author = make_id(person)
        elif match:
            name = match.group(1).strip()
            author = slug(name)
        else:
            return None
        self.draft.authors[author] = name
        return author

    def _report_skipped(self) -> None:
        if self.skipped:
            listed = "; ".join(f"{kind} {', '.join(ids)}" for kind, ids in sorted(self.skipped.items()))
            self.draft.problem("X007", f"not imported: {listed}", Severity.info)


def _participants(data: JSONObject) -> dict[str, str]:
    names = {}
    for person in _list(data, "participants"):
        if isinstance(person, dict) and person.get("participantID") is not None:
            name = " ".join(str(person.get(k) or "") for k in ("firstname", "surname")).strip()
            names[str(person["participantID"])] = name or str(person["participantID"])
    return names


def _list(data: JSONObject, key: str) -> list[object]:
    value = data.get(key)
    return value if isinstance(value, list) else []


# -- export ------------------------------------------------------------------------------------


class AifNode(TypedDict):
    nodeID: str
    text: str
    type: str


class AifSchemeNode(AifNode):
    scheme: str


class AifEdge(TypedDict):
    edgeID: str
    fromID: str
    toID: str
    formEdgeID: None


class AifLocution(TypedDict):
    nodeID: str
    personID: str


class AifParticipant(TypedDict):
    participantID: str
    firstname: str
    surname: str


class AifDocument(TypedDict):
    """What `write` writes: the argument layer (I, RA, CA) and, for authors, the dialogue layer."""

    nodes: list[AifNode]
    edges: list[AifEdge]
    locutions: list[AifLocution]
    participants: list[AifParticipant]


_S_NODE: dict[RelationKind, tuple[str, str]] = {
    "support": ("RA", "Default Inference"),
    "rebut": ("CA", "Default Conflict"),
    "undercut": ("CA", "Default Conflict"),
}


def write(amap: ArgumentMap) -> str:
    """The map as AIF JSON: node and edge order follow the map's, so the output is deterministic."""
    nodes: list[AifNode] = []
    edges: list[AifEdge] = []
    locutions: list[AifLocution] = []
    participants: dict[str, str] = {}

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": src, "toID": dst, "formEdgeID": None})

    for cid in amap.claims:
        claim = amap.claim(cid)
        nodes.append({"nodeID": cid, "text": claim.text, "type": "I"})
        if claim.author and claim.author in amap.authors:
            name = amap.authors[claim.author].item.name
            participants[claim.author] = name
            nodes += [
                {"nodeID": f"{cid} L", "text": f"{name} : {claim.text}", "type": "L"},
                {"nodeID": f"{cid} YA", "text": "Asserting", "type": "YA"},
            ]
            locutions.append({"nodeID": f"{cid} L", "personID": claim.author})
            edge(f"{cid} L", f"{cid} YA")
            edge(f"{cid} YA", cid)
    for inf in amap.inferences.values():
        nodes.append(_scheme_node(inf))
        for premise in inf.premises:
            edge(premise, inf.id)
        edge(inf.id, inf.target)
    doc: AifDocument = {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": [_participant(pid, name) for pid, name in participants.items()],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _scheme_node(inf: Inference) -> AifSchemeNode:
    kind, scheme = ("CA", CONTRARY_SCHEME) if inf.contrary else _S_NODE[inf.kind]
    return {"nodeID": inf.id, "text": scheme, "type": kind, "scheme": scheme}


def _participant(pid: str, name: str) -> AifParticipant:
    first, _, last = name.rpartition(" ")
    return {"participantID": pid, "firstname": first or last, "surname": last if first else ""}
