"""The in-memory map: claims, inferences and what they refer to, as a graph later stages query.

Every support, rebuttal and undercut becomes an `Inference`, the way AIF has an RA or CA node
for each: a claim's `supports: [b]` is the simple inference "a supports b"; an entry under
`arguments:` is a linked inference from several premises at once. An undercut targets an
inference, never a claim. The graph is tolerant: duplicate ids, dangling references and
relations of the wrong kind are kept as written, so that rules can report them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar, cast

from argmap.diagnostics import FieldPath, Loc, PendingLoc
from argmap.model import (
    Argument,
    ArgumentRef,
    Author,
    Claim,
    ClaimFile,
    InferenceRef,
    Link,
    Manifest,
    Position,
    Source,
)
from argmap.vocabulary import Kind

if TYPE_CHECKING:  # the loader emits the input rules' codes, and the rules read the graph
    from argmap.loader import Document, LoadResult

RelationKind = Literal["support", "rebut", "undercut"]
ATTACKS = ("rebut", "undercut")

#: What an entry with an id can be.
Item = Claim | Argument | Author | Source | Position
ItemKind = Literal["claim", "argument", "author", "source", "position"]
_Item_co = TypeVar("_Item_co", bound=Item, covariant=True)
_I = TypeVar("_I", bound=Item)
_T = TypeVar("_T")


class Where(NamedTuple):
    """A place in a document, resolved to a line and column only when someone asks.

    A named tuple, not a frozen dataclass: a map makes one per entry and relation, and a frozen
    dataclass takes four times as long to make."""

    doc: Document
    path: FieldPath

    def loc(self, *more: str | int, key: bool = False) -> Loc:
        return self.doc.loc(self.path + more, key=key)

    def pending(self, *more: str | int, key: bool = False) -> PendingLoc:
        """The place of `more` inside this one, to be resolved later with others of its file."""
        return PendingLoc(self.doc, self.path + more, key)

    @property
    def file(self) -> Path:
        return self.doc.path


@dataclass(frozen=True, slots=True)
class Entry(Generic[_Item_co]):
    """A claim, argument, author, source or position as written, with where it was written.

    Generic in what it holds, so that the map's `claims` table gives a rule a `Claim`."""

    item: _Item_co
    where: Where

    @property
    def id(self) -> str:
        return self.item.id


@dataclass(frozen=True, slots=True)
class Target:
    """What an undercut names: an argument id, or the inference from one claim to another."""

    argument: str | None = None
    premise: str | None = None
    conclusion: str | None = None


@dataclass(slots=True)
class Inference:
    """One support, rebuttal or undercut: premises -> target, as an AIF RA or CA node."""

    id: str
    kind: RelationKind
    premises: tuple[str, ...]
    #: A claim id for supports and rebuttals; for undercuts, the inference id once resolved.
    target: str
    linked: bool
    mapper: bool
    note: str | None
    where: Where
    #: For undercuts: what the file names as the attacked inference.
    names: Target | None = None
    #: One of the two rebuttals a `contradicts:` entry makes; `mirror` is the one written the other way.
    contrary: bool = False
    mirror: bool = False
    #: An attack that challenges (a critical question) rather than refutes: written `challenge: true`,
    #: or made by a question. Whether it defeats is the evaluation's choice (map.yaml `evaluation:`).
    challenge: bool = False

    @property
    def is_attack(self) -> bool:
        return self.kind in ATTACKS


def simple_id(premise: str, kind: RelationKind, target: str) -> str:
    """The id of the inference a claim's own `supports`/`rebuts`/`undercuts` entry makes.

    Spaces cannot occur in ids written by hand, so these never collide with them."""
    return f"{premise} {kind}s {target}"


@dataclass(frozen=True, eq=False)
class Shared(Generic[_T]):
    """The name of a result later stages derive from a map once and share, and (as its type
    parameter) what the result is: the key of `ArgumentMap.memo`."""

    name: str
    #: Needed only while the rules run: dropped before the semantics' framework is built.
    rules_only: bool = False


class Memo:
    """Results later stages derive from a map once and share (e.g. source texts read once per
    check), each under a typed `Shared` key."""

    def __init__(self) -> None:
        self._found: dict[Shared[Any], object] = {}

    def get(self, key: Shared[_T], make: Callable[[], _T]) -> _T:
        """The result under `key`, made on first use."""
        if key not in self._found:
            self._found[key] = make()
        # Only `get` stores, and under a key whose type parameter is the type `make` returned.
        return cast(_T, self._found[key])

    def drop_rules_only(self) -> None:
        """Forget what only the rules needed, so it no longer adds to the peak of later stages."""
        self._found = {key: value for key, value in self._found.items() if not key.rules_only}


#: A `suppress:` entry: the claim or argument id, its entry, the rule code, the reason.
Suppression = tuple[str, Entry[Claim | Argument], str, str]
_SUPPRESSIONS: Shared[list[Suppression]] = Shared("suppressions", rules_only=True)


@dataclass
class ArgumentMap:
    folder: Path
    manifest: Manifest | None = None
    manifest_doc: Document | None = None
    claims: dict[str, Entry[Claim]] = field(default_factory=dict)
    arguments: dict[str, Entry[Argument]] = field(default_factory=dict)
    authors: dict[str, Entry[Author]] = field(default_factory=dict)
    sources: dict[str, Entry[Source]] = field(default_factory=dict)
    positions: dict[str, Entry[Position]] = field(default_factory=dict)
    #: Every entry with an id, in file order, duplicates included.
    entries: list[tuple[str, Entry[Item]]] = field(default_factory=list)
    inferences: dict[str, Inference] = field(default_factory=dict)
    #: Claim or inference id -> the inferences that target it, and those it is a premise of.
    #: Tuples, not lists: most ids have one or two, and a list of one is twice the size.
    incoming: defaultdict[str, tuple[Inference, ...]] = field(default_factory=lambda: defaultdict(tuple))
    outgoing: defaultdict[str, tuple[Inference, ...]] = field(default_factory=lambda: defaultdict(tuple))
    #: Folders the user named for source texts (`--sources`), searched after the map's own.
    source_dirs: tuple[Path, ...] = ()
    #: Results later stages derive from the map once and share (e.g. source texts read once per check).
    memo: Memo = field(default_factory=Memo, repr=False, compare=False)

    # -- queries ---------------------------------------------------------------------------

    def claim(self, claim_id: str) -> Claim:
        return self.claims[claim_id].item

    def supporters(self, target: str) -> list[Inference]:
        return [i for i in self.incoming.get(target, ()) if i.kind == "support"]

    def attackers(self, target: str) -> list[Inference]:
        return [i for i in self.incoming.get(target, ()) if i.is_attack]

    def neighbourhood(self, start: str, depth: int) -> set[str]:
        """Claim ids within `depth` relations of `start`, in either direction."""
        seen, frontier = {start}, {start}
        for _ in range(depth):
            nxt: set[str] = set()
            for cid in frontier:
                nxt.update(self.neighbours(cid))
            frontier = nxt - seen
            seen |= frontier
        return seen

    def neighbours(self, claim_id: str) -> Iterator[str]:
        for inf in self.incoming.get(claim_id, ()):
            yield from inf.premises
        for inf in self.outgoing.get(claim_id, ()):
            yield from self.claims_of(inf.target)
            yield from (p for p in inf.premises if p != claim_id)

    def claims_of(self, node: str) -> Iterator[str]:
        """The claims an inference-or-claim id stands for: itself, or an inference's conclusion."""
        if node in self.claims:
            yield node
        elif node in self.inferences:
            yield from self.claims_of(self.inferences[node].target)

    def tables(self) -> dict[ItemKind, Mapping[str, Entry[Item]]]:
        """Each kind of entry -> its table (the first entry of each id)."""
        return {
            "claim": self.claims,
            "argument": self.arguments,
            "author": self.authors,
            "source": self.sources,
            "position": self.positions,
        }

    def suppressions(self) -> list[Suppression]:
        """(claim or argument id, its entry, rule code, reason) for every `suppress:` entry,
        collected once per map (four rules and the settings ask)."""

        def collect() -> list[Suppression]:
            tables: tuple[dict[str, Entry[Claim]], dict[str, Entry[Argument]]] = (self.claims, self.arguments)
            return [
                (ident, entry, code, reason)
                for table in tables
                for ident, entry in table.items()
                if entry.item.suppress
                for code, reason in entry.item.suppress.items()
            ]

        return self.memo.get(_SUPPRESSIONS, collect)


def build(loaded: LoadResult) -> ArgumentMap:
    amap = ArgumentMap(loaded.folder)
    for doc in loaded.documents:
        if isinstance(doc.model, Manifest):
            _add_manifest(amap, doc)
    for doc in loaded.documents:
        if isinstance(doc.model, ClaimFile):
            _add_claim_file(amap, doc)
    _mirror_contraries(amap)
    linked = _linked_by_ends(amap)
    incoming: defaultdict[str, list[Inference]] = defaultdict(list)
    outgoing: defaultdict[str, list[Inference]] = defaultdict(list)
    for inf in amap.inferences.values():
        inf.challenge = inf.challenge or (inf.is_attack and _asks(amap, inf))
        _resolve_undercut(amap, inf, linked)
        incoming[inf.target].append(inf)
        for p in inf.premises:
            outgoing[p].append(inf)
    amap.incoming = defaultdict(tuple, ((node, tuple(infs)) for node, infs in incoming.items()))
    amap.outgoing = defaultdict(tuple, ((node, tuple(infs)) for node, infs in outgoing.items()))
    return amap


def _mirror_contraries(amap: ArgumentMap) -> None:
    """A contrary is a rebuttal each way (ASPIC+'s symmetric rebuttal): add the one not written."""
    for inf in [i for i in amap.inferences.values() if i.contrary and i.target in amap.claims]:
        premise = inf.premises[0]
        mirror = Inference(
            simple_id(inf.target, "rebut", premise),
            "rebut",
            (inf.target,),
            premise,
            False,
            inf.mapper,
            inf.note,
            inf.where,
            contrary=True,
            mirror=True,
            challenge=inf.challenge,
        )
        _add_inference(amap, mirror)


def _asks(amap: ArgumentMap, inf: Inference) -> bool:
    """A question attacks by asking: an attack with a question among its premises is a challenge."""
    return any(p in amap.claims and amap.claims[p].item.kind is Kind.question for p in inf.premises)


def _register(amap: ArgumentMap, table: dict[str, Entry[_I]], entry: Entry[_I]) -> None:
    amap.entries.append((entry.id, entry))
    table.setdefault(entry.id, entry)


def _add_manifest(amap: ArgumentMap, doc: Document) -> None:
    manifest = doc.model
    assert isinstance(manifest, Manifest)
    if amap.manifest is None:
        amap.manifest, amap.manifest_doc = manifest, doc
    _register_all(amap, amap.authors, manifest.authors, Where(doc, ("authors",)))
    _register_all(amap, amap.sources, manifest.sources, Where(doc, ("sources",)))
    _register_all(amap, amap.positions, manifest.positions, Where(doc, ("positions",)))


def _register_all(amap: ArgumentMap, table: dict[str, Entry[_I]], items: list[_I], where: Where) -> None:
    for i, item in enumerate(items):
        _register(amap, table, Entry(item, Where(where.doc, (*where.path, i))))


def _add_claim_file(amap: ArgumentMap, doc: Document) -> None:
    model = doc.model
    assert isinstance(model, ClaimFile)
    for i, claim in enumerate(model.claims):
        where = Where(doc, ("claims", i))
        _register(amap, amap.claims, Entry(claim, where))
        # The field's name written out: `kind + "s"` made a string per relation.
        relations: tuple[tuple[RelationKind, str, tuple[str | Link | InferenceRef | ArgumentRef, ...]], ...] = (
            ("support", "supports", claim.supports),
            ("rebut", "rebuts", claim.rebuts),
            ("undercut", "undercuts", claim.undercuts),
        )
        for kind, field_name, items in relations:
            for j, item in enumerate(items):
                _add_inference(amap, _simple(claim.id, kind, item, Where(doc, ("claims", i, field_name, j))))
        for j, item in enumerate(claim.contradicts):
            inf = _simple(claim.id, "rebut", item, Where(doc, ("claims", i, "contradicts", j)))
            inf.contrary = True
            _add_inference(amap, inf)
    for i, arg in enumerate(model.arguments):
        where = Where(doc, ("arguments", i))
        _register(amap, amap.arguments, Entry(arg, where))
        _add_inference(amap, _linked(arg, where))


def _add_inference(amap: ArgumentMap, inf: Inference) -> None:
    # The same simple link written twice is one inference; the repeat is harmless.
    amap.inferences.setdefault(inf.id, inf)


def _simple(premise: str, kind: RelationKind, item: str | Link | InferenceRef | ArgumentRef, where: Where) -> Inference:
    mapper, note, names = False, None, None
    challenge = not isinstance(item, str) and item.challenge
    if isinstance(item, str):
        target = item
        names = Target(argument=item) if kind == "undercut" else None
    elif isinstance(item, Link):
        target, mapper, note = item.to, item.mapper, item.note
    elif isinstance(item, InferenceRef):
        names = Target(premise=item.from_, conclusion=item.to)
        target, mapper, note = simple_id(item.from_, "support", item.to), item.mapper, item.note
    else:
        names = Target(argument=item.argument)
        target, mapper, note = item.argument, item.mapper, item.note
    return Inference(
        simple_id(premise, kind, target),
        kind,
        (premise,),
        target,
        False,
        mapper,
        note,
        where,
        names,
        challenge=challenge,
    )


def _linked(arg: Argument, where: Where) -> Inference:
    if arg.undercuts is not None:
        inf = _simple(arg.id, "undercut", arg.undercuts, Where(where.doc, (*where.path, "undercuts")))
        return Inference(
            arg.id,
            "undercut",
            tuple(arg.premises),
            inf.target,
            True,
            arg.mapper,
            arg.note,
            where,
            inf.names,
            challenge=arg.challenge or inf.challenge,
        )
    kind: RelationKind = "support" if arg.supports is not None else "rebut"
    # The model admits an argument with exactly one of supports, rebuts and undercuts.
    target = arg.supports if arg.supports is not None else arg.rebuts
    assert target is not None
    return Inference(
        arg.id, kind, tuple(arg.premises), target, True, arg.mapper, arg.note, where, challenge=arg.challenge
    )


def _linked_by_ends(amap: ArgumentMap) -> dict[tuple[str, str], str]:
    """(premise, conclusion) -> the first linked argument joining them, for undercuts that name
    a linked argument by two of its ends."""
    found: dict[tuple[str, str], str] = {}
    for arg_id in amap.arguments:
        inner = amap.inferences.get(arg_id)
        if inner:
            for premise in inner.premises:
                found.setdefault((premise, inner.target), arg_id)
    return found


def _resolve_undercut(amap: ArgumentMap, inf: Inference, linked: dict[tuple[str, str], str]) -> None:
    """Point an undercut at the inference it names: `{from, to}` may name a support or a rebuttal."""
    names = inf.names
    if inf.kind != "undercut" or names is None or names.premise is None or names.conclusion is None:
        return
    kinds: tuple[RelationKind, ...] = ("support", "rebut")
    for kind in kinds:
        candidate = simple_id(names.premise, kind, names.conclusion)
        if candidate in amap.inferences:
            named = amap.inferences[candidate]
            # A contrary is one link as written and drawn: naming it from either end attacks that link.
            inf.target = simple_id(named.target, "rebut", names.premise) if named.mirror else candidate
            return
    inf.target = linked.get((names.premise, names.conclusion), inf.target)


class Reference(NamedTuple):
    """One id written in the map that should name an entry of the `expected` kind (a named tuple,
    as `Where`: a map has several per claim)."""

    target: str
    expected: ItemKind
    where: Where
    path: FieldPath
    #: The claim or argument that holds the reference.
    subject: str

    def loc(self) -> Loc:
        return self.where.loc(*self.path)


_REFERENCES: Shared[list[Reference]] = Shared("references", rules_only=True)


def references(amap: ArgumentMap) -> list[Reference]:
    """Every id the map's claims and arguments refer to, with where each is written.

    Collected once per map: several rules walk them."""
    return amap.memo.get(_REFERENCES, lambda: _references(amap))


def _references(amap: ArgumentMap) -> list[Reference]:
    found: list[Reference] = []
    for _, entry in amap.entries:
        item, where = entry.item, entry.where
        if isinstance(item, Claim):
            _claim_references(item, where, found)
        elif isinstance(item, Argument):
            found.extend(_argument_references(item, where))
        elif isinstance(item, Source):
            found.append(Reference(item.author, "author", where, ("author",), item.id))
    return found


#: A claim's fields that name one entry, and the kind each names.
_NAMED: tuple[tuple[str, ItemKind], ...] = (
    ("author", "author"),
    ("source", "source"),
    ("position", "position"),
    ("reported_by", "author"),
    ("reports", "claim"),
)
_LINKS = ("supports", "rebuts", "contradicts")


@lru_cache(maxsize=4096)
def _path(*parts: str | int) -> FieldPath:
    """One tuple for each path a reference is at (`("author",)`, `("supports", 0)`), shared by
    every claim's references: a map has several per claim, and their own tuples were a quarter
    of the references' memory."""
    return parts


def _claim_references(claim: Claim, where: Where, found: list[Reference]) -> None:
    """Appended to `found` (a map has several per claim; most claims leave most fields empty)."""
    cid = claim.id
    for name, expected in _NAMED:
        value = getattr(claim, name)
        if value is not None:
            found.append(Reference(value, expected, where, _path(name), cid))
    for j, author in enumerate(claim.agreed_by):
        found.append(Reference(author, "author", where, _path("agreed_by", j), cid))
    for field_name in _LINKS:
        for j, item in enumerate(getattr(claim, field_name)):
            if isinstance(item, str):
                found.append(Reference(item, "claim", where, _path(field_name, j), cid))
            else:
                found.append(Reference(item.to, "claim", where, _path(field_name, j, "to"), cid))
    for j, undercut in enumerate(claim.undercuts):
        found.extend(_undercut_references(undercut, where, _path("undercuts", j), cid))


def _argument_references(arg: Argument, where: Where) -> Iterator[Reference]:
    for k, premise in enumerate(arg.premises):
        yield Reference(premise, "claim", where, ("premises", k), arg.id)
    for field_name, value in (("supports", arg.supports), ("rebuts", arg.rebuts)):
        if value is not None:
            yield Reference(value, "claim", where, (field_name,), arg.id)
    if arg.undercuts is not None:
        yield from _undercut_references(arg.undercuts, where, ("undercuts",), arg.id)


def _undercut_references(
    item: str | InferenceRef | ArgumentRef, where: Where, path: FieldPath, subject: str
) -> Iterator[Reference]:
    if isinstance(item, str):
        yield Reference(item, "argument", where, path, subject)
    elif isinstance(item, ArgumentRef):
        yield Reference(item.argument, "argument", where, (*path, "argument"), subject)
    else:
        yield Reference(item.from_, "claim", where, (*path, "from"), subject)
        yield Reference(item.to, "claim", where, (*path, "to"), subject)
