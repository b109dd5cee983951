"""Looking around a map: one claim and its neighbours (`show`), a filtered list (`list`), counts (`stats`).

Each function takes the built map plus, where the build has them, the claims' evaluation labels
and quote statuses (see `argmap.status`), and returns plain data or text; the CLI prints it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from argmap.graph import ArgumentMap, Entry, Inference, Item
from argmap.model import Argument, Claim
from argmap.places import locate_all
from argmap.semantics.explain import describe
from argmap.status import STATUS_NOTE

if TYPE_CHECKING:
    from argmap.semantics.verdict import ClaimVerdict


def one_line(text: str) -> str:
    return " ".join(text.split())


# -- show ---------------------------------------------------------------------------------


def show(amap: ArgumentMap, ident: str, labels: dict[str, ClaimVerdict], quotes: dict[str, str]) -> str:
    """A claim or a linked argument: its fields, where it is written, and every relation in and out."""
    lines = _claim_fields(amap, ident, labels, quotes) if ident in amap.claims else _argument_fields(amap, ident)
    lines += _relations(amap, ident)
    return "\n".join(lines) + "\n"


#: How `show` says a quote's status where the code alone would puzzle a reader.
QUOTE_WORDS = {"recorded": "verified against the record", "unrecorded": "not in the record; source text absent"}


def show_data(
    amap: ArgumentMap, ident: str, labels: dict[str, ClaimVerdict], quotes: dict[str, str]
) -> dict[str, object]:
    """What `show` says, as data: the entry's fields as written (defaults filled in), its status
    and quote status, where it is written, and its relations by inference id."""
    entry = amap.claims.get(ident) or amap.arguments[ident]
    data: dict[str, object] = {
        "id": ident,
        "type": "claim" if ident in amap.claims else "argument",
        **entry.item.model_dump(mode="json", exclude_none=True, exclude_defaults=True, by_alias=True),
    }
    if ident in amap.claims:
        data["kind"] = amap.claim(ident).kind.value
        verdict = labels.get(ident)
        data.update(
            status=verdict and verdict.status,
            challenged=verdict is not None and verdict.challenged,
            without_mapper=verdict and verdict.without_mapper,
            quote_status=quotes.get(ident),
        )
    outgoing = amap.outgoing.get(ident, ())
    data["written_at"] = str(entry.where.loc())
    data["relations"] = {
        "supports": [i.target for i in outgoing if not i.linked and i.kind == "support"],
        "rebuts": [i.target for i in outgoing if not i.linked and i.kind == "rebut" and not i.contrary],
        "contradicts": [i.target for i in outgoing if i.contrary],
        "undercuts": [i.target for i in outgoing if not i.linked and i.kind == "undercut"],
        "premise_of": [i.id for i in outgoing if i.linked],
        "supported_by": [i.id for i in amap.supporters(ident)],
        "attacked_by": [i.id for i in amap.attackers(ident)],
    }
    return data


def _claim_fields(amap: ArgumentMap, cid: str, labels: dict[str, ClaimVerdict], quotes: dict[str, str]) -> list[str]:
    entry = amap.claims[cid]
    claim = amap.claim(cid)
    source = claim.source and _named(amap.sources, claim.source, "title")
    if source and claim.locator:
        source += f", {claim.locator}"
    quote = claim.quote and f'"{one_line(claim.quote)}" [{QUOTE_WORDS.get(quotes[cid], quotes[cid])}]'
    rows = [
        ("kind", claim.kind.value),
        ("author", claim.author and _named(amap.authors, claim.author, "name")),
        ("reported by", claim.reported_by and _named(amap.authors, claim.reported_by, "name")),
        ("reports", claim.reports),
        ("agreed by", ", ".join(_named(amap.authors, a, "name") for a in claim.agreed_by)),
        ("source", source),
        ("locator", claim.locator if not source else None),
        ("quote", quote or "none (a paraphrase)"),
        ("position", claim.position and _named(amap.positions, claim.position, "label")),
        ("tags", ", ".join(claim.tags)),
        ("status", f"{labels[cid]} ({STATUS_NOTE})" if cid in labels else None),
        ("note", claim.note and one_line(claim.note)),
        ("written at", str(entry.where.loc())),
    ]
    return [f"{cid}: {one_line(claim.text)}", *_table(rows)]


def _argument_fields(amap: ArgumentMap, aid: str) -> list[str]:
    entry = amap.arguments[aid]
    arg: Argument = entry.item
    rows = [
        ("linked", describe(amap, aid)),
        ("premises", ", ".join(arg.premises)),
        ("mapper", "yes: the mapper's reading" if arg.mapper else None),
        ("note", arg.note and one_line(arg.note)),
        ("written at", str(entry.where.loc())),
    ]
    return [f"{aid}: linked argument", *_table(rows)]


def _named(table: Mapping[str, Entry[Item]], ident: str, attribute: str) -> str:
    entry = table.get(ident)
    return f"{getattr(entry.item, attribute)} ({ident})" if entry else f"{ident} (not declared)"


def _table(rows: Iterable[tuple[str, str | None]]) -> list[str]:
    return [f"  {name:<11} {value}" for name, value in rows if value]


def _relations(amap: ArgumentMap, ident: str) -> list[str]:
    outgoing = [i for i in amap.outgoing.get(ident, ()) if not i.linked]
    sections = [
        ("supports", [_out(amap, i) for i in outgoing if i.kind == "support"]),
        ("rebuts", [_out(amap, i) for i in outgoing if i.kind == "rebut" and not i.contrary]),
        ("contradicts", [_out(amap, i) for i in outgoing if i.contrary]),
        ("undercuts", [_out(amap, i) for i in outgoing if i.kind == "undercut"]),
        ("premise of", [_line(describe(amap, i.id), i) for i in amap.outgoing.get(ident, ()) if i.linked]),
        ("supported by", [line for i in amap.supporters(ident) for line in _in(amap, i)]),
        ("rebutted by", [line for i in amap.attackers(ident) if not i.contrary for line in _in(amap, i)]),
    ]
    lines = []
    for title, items in sections:
        if items:
            lines += ["", f"{title}:", *items]
    return lines


def _out(amap: ArgumentMap, inf: Inference) -> str:
    if inf.kind == "undercut":
        return _line(describe(amap, inf.target), inf)
    return _line(_claim_words(amap, inf.target), inf)


def _in(amap: ArgumentMap, inf: Inference, depth: int = 1) -> list[str]:
    """A relation into the claim, then the undercuts that attack that relation, indented below it."""
    who = describe(amap, inf.id) if inf.linked else _claim_words(amap, inf.premises[0])
    verb = "undercut by " if inf.kind == "undercut" else ""
    lines = [_line(verb + who, inf, depth)]
    for undercut in amap.attackers(inf.id):
        lines += _in(amap, undercut, depth + 1)
    return lines


def _claim_words(amap: ArgumentMap, cid: str) -> str:
    return f"{cid}: {one_line(amap.claim(cid).text)}" if cid in amap.claims else f"{cid} (not in the map)"


def _line(words: str, inf: Inference, depth: int = 1) -> str:
    marks = (" [mapper's reading]" if inf.mapper else "") + (" [challenge]" if inf.challenge else "")
    return f"{'  ' * depth}- {words}{marks}  ({inf.where.loc()})"


# -- list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Keep a claim when it matches one of the values given for every field that has values."""

    author: tuple[str, ...] = ()
    position: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    status: tuple[str, ...] = ()

    def keep(self, claim: Claim, verdict: ClaimVerdict | None) -> bool:
        return all(
            (
                not self.author or claim.author in self.author,
                not self.position or claim.position in self.position,
                not self.kind or claim.kind.value in self.kind,
                not self.tag or bool(set(claim.tags) & set(self.tag)),
                not self.status or (verdict is not None and any(verdict.matches(word) for word in self.status)),
            )
        )


class Row(TypedDict):
    """One claim as `list` shows it."""

    id: str
    kind: str
    author: str | None
    position: str | None
    status: str | None
    text: str
    where: str


def select(amap: ArgumentMap, filters: Filters, labels: dict[str, ClaimVerdict]) -> list[Row]:
    """The claims that pass `filters`, in file order, as rows of what `list` shows."""
    kept = [cid for cid in amap.claims if filters.keep(amap.claim(cid), labels.get(cid))]
    places = locate_all([(where.doc, where.path, False) for where in (amap.claims[cid].where for cid in kept)])
    return [_row(amap.claim(cid), labels.get(cid), str(loc)) for cid, loc in zip(kept, places, strict=False)]


def _row(claim: Claim, verdict: ClaimVerdict | None, where: str) -> Row:
    return {
        "id": claim.id,
        "kind": claim.kind.value,
        "author": claim.author,
        "position": claim.position,
        "status": str(verdict) if verdict else None,
        "text": one_line(claim.text),
        "where": where,
    }


def list_text(rows: list[Row]) -> str:
    cells = [[value or "-" for value in (r["id"], r["kind"], r["author"], r["status"])] for r in rows]
    widths = [max((len(row[n]) for row in cells), default=0) for n in range(4)]
    lines = [
        "  ".join(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=True)) + "  " + r["text"]
        for row, r in zip(cells, rows, strict=True)
    ]
    return "".join(line + "\n" for line in lines)


# -- stats --------------------------------------------------------------------------------


class Tally(TypedDict):
    """What `stats` counts; each `dict` counts by name, most first."""

    claims: int
    files: int
    arguments: int
    linked_arguments: int
    relations: dict[str, int]
    linked: int
    mapper: int
    authors: dict[str, int]
    kinds: dict[str, int]
    positions: dict[str, int]
    quotes: dict[str, int]
    status: dict[str, int]


def tally(amap: ArgumentMap, labels: dict[str, ClaimVerdict], quotes: dict[str, str]) -> Tally:
    """Counts of the map's claims and relations, for `stats`."""
    claims = [amap.claim(cid) for cid in amap.claims]
    inferences = list(amap.inferences.values())
    return {
        "claims": len(claims),
        "files": len({e.where.file for e in amap.claims.values()}),
        "arguments": len(amap.arguments),
        # linked means premises that work only together: an `arguments:` entry with one premise is not
        "linked_arguments": sum(len(i.premises) > 1 for i in inferences if i.id in amap.arguments),
        "relations": _ranked(Counter(i.kind for i in inferences)),
        "linked": sum(len(i.premises) > 1 for i in inferences),
        "mapper": sum(i.mapper for i in inferences),
        "authors": _ranked(Counter(c.author or "(none)" for c in claims)),
        "kinds": _ranked(Counter(c.kind.value for c in claims)),
        "positions": _ranked(Counter(c.position or "(none)" for c in claims)),
        "quotes": _ranked(Counter(quotes.values())),
        "status": _ranked(Counter(v.status for v in labels.values())),
    }


def _ranked(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def stats_text(counts: Tally) -> str:
    relations = counts["relations"]
    rows = [
        ("claims", f"{counts['claims']} in {counts['files']} file{'s' if counts['files'] != 1 else ''}"),
        ("arguments", f"{counts['arguments']}, {counts['linked_arguments']} linked (two or more premises)"),
        (
            "relations",
            f"{sum(relations.values())}: {_listing(relations)}; {counts['linked']} linked, "
            f"{counts['mapper']} the mapper's reading",
        ),
        ("per author", _listing(counts["authors"])),
        ("per kind", _listing(counts["kinds"])),
        ("per position", _listing(counts["positions"])),
        ("quotes", _quotes_line(counts["quotes"])),
        ("status", f"{_listing(counts['status'])} ({STATUS_NOTE})"),
    ]
    return "".join(f"{name:<13} {value}\n" for name, value in rows)


def _quotes_line(quotes: dict[str, int]) -> str:
    """Verified (in the text, or against the record where the text is absent), unverified (not
    found, or no source text nor record to check), and paraphrase (no quote)."""
    recorded = quotes.get("recorded", 0)
    unverified = quotes.get("not-found", 0) + quotes.get("no-text", 0) + quotes.get("unrecorded", 0)
    no_text = quotes.get("no-text", 0) + quotes.get("unrecorded", 0)
    against = f" ({recorded} against the record)" if recorded else ""
    return (
        f"{quotes.get('verified', 0) + recorded} verified{against}, {unverified} unverified "
        f"({quotes.get('not-found', 0)} not found, {no_text} without a source text), "
        f"{quotes.get('no-quote', 0)} paraphrase (no quote)"
    )


def _listing(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items()) or "none"
