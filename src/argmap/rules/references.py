"""Reference rules: ids are unique, and every id written names an entry of the right kind."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Finding, did_you_mean
from argmap.graph import ArgumentMap, Entry, Item, ItemKind, Reference, Shared, references
from argmap.namespaces import KIND_OF, NAMESPACE, Namespace
from argmap.rules import Rule

_KINDS: Shared[dict[Namespace, dict[str, ItemKind]]] = Shared("kinds", rules_only=True)


def _kinds(amap: ArgumentMap) -> dict[Namespace, dict[str, ItemKind]]:
    """Namespace -> each id in it -> what it names (the first kind of `amap.tables()` that has
    it), built once per map: every reference asks."""

    def build() -> dict[Namespace, dict[str, ItemKind]]:
        found: dict[Namespace, dict[str, ItemKind]] = {}
        for kind, table in reversed(amap.tables().items()):  # a kind named first wins
            found[NAMESPACE[kind]] = dict.fromkeys(table, kind) | found.get(NAMESPACE[kind], {})
        return found

    return amap.memo.get(_KINDS, build)


class DuplicateId(Rule):
    """Two entries share an id.

    Claims and arguments share one set of ids; authors, sources and positions each have their
    own. Ids must be unique across all files of the map, or relations become ambiguous.

    Fails (in two files):

        claims: [{id: closures, text: Nine posts were closed.}]
        claims: [{id: closures, text: Embassies closed in 2023.}]

    Passes:

        claims: [{id: closures-2023, text: Embassies closed in 2023.}]
    """

    code = "R001"
    name = "duplicate-id"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        first: dict[tuple[str, str], Entry[Item]] = {}
        for ident, entry in amap.entries:
            kind = KIND_OF[type(entry.item)]
            key = (NAMESPACE[kind], ident)
            if key in first:
                yield self.at(
                    entry.where,
                    "id",
                    subject=ident,
                    message=f"duplicate {kind} id {ident!r}: first defined at {first[key].where.loc('id')}",
                )
            else:
                first[key] = entry  # located only if a duplicate turns up: positions cost a parse


class UnknownReference(Rule):
    """A relation names a claim or argument that the map does not define.

    The message suggests the closest existing id.

    Fails:

        claims:
          - {id: a, text: A., supports: [bb]}
          - {id: b, text: B.}

    Passes:

        claims:
          - {id: a, text: A., supports: [b]}
          - {id: b, text: B.}
    """

    code = "R002"
    name = "unknown-reference"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        statements = None
        known = _kinds(amap)["statement"]
        for ref in references(amap):
            if ref.target not in known and ref.expected in ("claim", "argument"):
                statements = statements or sorted([*amap.claims, *amap.arguments])
                yield self.at(
                    ref.where,
                    *ref.path,
                    subject=ref.subject,
                    message=f"unknown {ref.expected} {ref.target!r}{did_you_mean(ref.target, statements)}",
                )


class WrongKindReference(Rule):
    """A relation names an entry of the wrong kind.

    Supports, rebuttals and premises name claims; an undercut names an argument (or an
    inference written `{from: premise, to: conclusion}`), because it attacks an inference,
    not a claim.

    Fails:

        claims:
          - {id: c, text: C., undercuts: [a]}   # a is a claim
        arguments:
          - {id: arg, premises: [a, b], supports: d}

    Passes:

        claims:
          - {id: c, text: C., undercuts: [arg]}
    """

    code = "R003"
    name = "wrong-kind-reference"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        kinds = _kinds(amap)
        for ref in references(amap):
            found = kinds[NAMESPACE[ref.expected]].get(ref.target)
            if found is not None and found != ref.expected:
                yield self.at(ref.where, *ref.path, subject=ref.subject, message=_wrong_kind_message(ref, found))


def _wrong_kind_message(ref: Reference, found: str) -> str:
    message = f"{ref.target!r} is {_a(found)}, but {_a(ref.expected)} is needed here"
    if ref.expected == "argument":
        return message + f"; to undercut a simple support write {{from: PREMISE, to: {ref.target}}}"
    return message


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


class SelfRelation(Rule):
    """A claim or argument relates to itself.

    A claim cannot support, rebut or report itself, and an argument's conclusion cannot be
    one of its own premises.

    Fails:

        claims:
          - {id: a, text: A., supports: [a]}

    Passes:

        claims:
          - {id: a, text: A., supports: [b]}
    """

    code = "R004"
    name = "self-relation"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for ref in references(amap):
            if ref.expected != "claim" or ref.path[0] not in ("supports", "rebuts", "contradicts", "reports"):
                continue
            if ref.target == ref.subject:
                message = f"{ref.subject!r} {ref.path[0]} itself"
            elif ref.subject not in amap.claims and ref.target in _premises(amap, ref.subject):
                message = f"argument {ref.subject!r} {ref.path[0]} {ref.target!r}, one of its own premises"
            else:
                continue
            yield self.at(ref.where, *ref.path, subject=ref.subject, message=message)


def _premises(amap: ArgumentMap, ident: str) -> list[str]:
    """The premises of linked argument `ident` (none for an id that is no argument)."""
    entry = amap.arguments.get(ident)
    return entry.item.premises if entry else []


class UnknownDeclared(Rule):
    """A claim names an author, source or position that `map.yaml` does not declare.

    Fails:

        # map.yaml declares the author `bondaz`
        claims: [{id: a, text: A., author: bondas}]

    Passes:

        claims: [{id: a, text: A., author: bondaz}]
    """

    code = "R005"
    name = "unknown-declared"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        tables = amap.tables()
        for ref in references(amap):
            if ref.expected in ("author", "source", "position") and ref.target not in tables[ref.expected]:
                hint = did_you_mean(ref.target, sorted(tables[ref.expected]))
                yield self.at(
                    ref.where,
                    *ref.path,
                    subject=ref.subject,
                    message=f"unknown {ref.expected} {ref.target!r}: declare it in map.yaml{hint}",
                )


class EmptyText(Rule):
    """A claim's text or quote is empty or only white space.

    Fails:

        - {id: a, text: "  "}

    Passes:

        - {id: a, text: The strategy is changing.}
    """

    code = "R006"
    name = "empty-text"

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for cid, entry in amap.claims.items():
            for field_name in ("text", "quote"):
                value = getattr(entry.item, field_name)
                if value is not None and not value.strip():
                    yield self.at(
                        entry.where, field_name, subject=cid, message=f"claim {cid!r} has an empty {field_name}"
                    )
