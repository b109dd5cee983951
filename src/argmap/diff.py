"""What changed between two versions of a map: entries and relations added, removed and changed
(field by field), and claims whose evaluation status changed. Rendered as text or as Markdown
for a pull-request comment.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from argmap.browse import one_line
from argmap.graph import ArgumentMap, Entry, Inference, Item, ItemKind, Where
from argmap.safety import markdown, markdown_code
from argmap.semantics.explain import describe

#: What a diff compares, in the order it reports them.
WHAT = ("claim", "relation", "author", "source", "position")
#: Compared per entry; a claim's relations are compared as relations, not as claim fields.
_RELATION_FIELDS = ("supports", "rebuts", "contradicts", "undercuts")


@dataclass(frozen=True)
class Change:
    what: str  # "claim", "relation", "author", "source", "position"
    ident: str
    how: Literal["added", "removed", "changed"]
    #: The claim's text, or the relation in words.
    summary: str
    #: `file:line`, relative to the map folder (in the new map, or the old one if removed).
    where: str
    fields: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class StatusChange:
    ident: str
    old: str
    new: str
    summary: str


@dataclass
class MapDiff:
    old_label: str
    new_label: str
    changes: list[Change] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes or self.statuses)

    def count(self, what: str, how: str) -> int:
        return sum(c.what == what and c.how == how for c in self.changes)


def diff_maps(
    old: ArgumentMap,
    new: ArgumentMap,
    old_label: str,
    new_label: str,
    old_labels: Mapping[str, object],
    new_labels: Mapping[str, object],
) -> MapDiff:
    """Compare two maps, and the status (a verdict, with its marks) of the claims both have."""
    result = MapDiff(old_label, new_label)
    before, after = _records(old), _records(new)
    for what in WHAT:
        changes = _compare(what, before[what], after[what])
        result.changes += sorted(changes, key=lambda c: ("added", "removed", "changed").index(c.how))
    result.statuses = [
        StatusChange(cid, str(old_labels[cid]), str(new_labels[cid]), one_line(new.claim(cid).text))
        for cid in new.claims
        if cid in old_labels and cid in new_labels and str(old_labels[cid]) != str(new_labels[cid])
    ]
    return result


@dataclass(frozen=True)
class _Record:
    """One entry or relation as compared: how it reads, where it is written, its fields."""

    summary: str
    where: str
    fields: dict[str, object]


def _records(amap: ArgumentMap) -> dict[str, dict[str, _Record]]:
    def record(summary: str, where: Where, fields: dict[str, object]) -> _Record:
        file = _relative(where.file, amap.folder)
        return _Record(summary, f"{file}:{where.loc().line}", {"file": file, **fields})

    tables = amap.tables()
    records: dict[str, dict[str, _Record]] = {
        what: {
            ident: record(_entry_summary(what, entry), entry.where, _entry_fields(entry))
            for ident, entry in tables[what].items()
        }
        for what in _SUMMARY
    }
    # A contrary is one relation as written: its mirror changes with it.
    records["relation"] = {
        inf_id: record(describe(amap, inf_id), inf.where, _inference_fields(inf))
        for inf_id, inf in amap.inferences.items()
        if not inf.mirror
    }
    return records


def _compare(what: str, old: dict[str, _Record], new: dict[str, _Record]) -> list[Change]:
    changes = []
    for ident in [*new, *(i for i in old if i not in new)]:
        if ident not in old:
            changes.append(Change(what, ident, "added", new[ident].summary, new[ident].where))
        elif ident not in new:
            changes.append(Change(what, ident, "removed", old[ident].summary, old[ident].where))
        else:
            before, after = old[ident].fields, new[ident].fields
            changed = tuple(
                (name, _show(before.get(name)), _show(after.get(name)))
                for name in dict.fromkeys([*before, *after])
                if before.get(name) != after.get(name)
            )
            if changed:
                changes.append(Change(what, ident, "changed", new[ident].summary, new[ident].where, changed))
    return changes


def _entry_fields(entry: Entry[Item]) -> dict[str, object]:
    fields: dict[str, object] = entry.item.model_dump(mode="json", by_alias=True, exclude={"id", *_RELATION_FIELDS})
    return fields


#: The field that names each kind of entry in a diff.
_SUMMARY: dict[ItemKind, str] = {"claim": "text", "author": "name", "source": "title", "position": "label"}


def _entry_summary(what: ItemKind, entry: Entry[Item]) -> str:
    return one_line(getattr(entry.item, _SUMMARY[what]))


def _inference_fields(inf: Inference) -> dict[str, object]:
    return {
        "kind": "contrary" if inf.contrary else inf.kind,
        "premises": list(inf.premises),
        "target": inf.target,
        "mapper": inf.mapper,
        "challenge": inf.challenge,
        "note": inf.note,
    }


def _relative(file: Path, folder: Path) -> str:
    try:
        return file.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _show(value: object) -> str:
    """A field's value as the diff prints it: text quoted, lists as [a, b], nothing as (none)."""
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


# -- output -------------------------------------------------------------------------------

_MARK = {"added": "+", "removed": "-", "changed": "~"}


def _label(change: Change) -> str:
    return f"relation {change.summary}" if change.what == "relation" else f"{change.what} {change.ident}"


def _counts(result: MapDiff) -> list[tuple[str, dict[str, int]]]:
    """Per kind of entry that changed at all: how many were added, removed, changed."""
    table = [(what, {how: result.count(what, how) for how in ("added", "removed", "changed")}) for what in WHAT]
    return [(what, counts) for what, counts in table if any(counts.values())]


def render_text(result: MapDiff) -> str:
    lines = [f"argmap diff {result.old_label} -> {result.new_label}"]
    parts = [
        f"{what}s: " + ", ".join(f"{n} {how}" for how, n in counts.items() if n) for what, counts in _counts(result)
    ]
    if result.statuses:
        parts.append(f"status: {len(result.statuses)} changed")
    lines.append("; ".join(parts) if parts else "no differences")
    if result.changes or result.statuses:
        lines.append("")
    for change in result.changes:
        text = f": {change.summary}" if change.what != "relation" and change.summary else ""
        lines.append(f"{_MARK[change.how]} {_label(change)} ({change.where}){text}")
        lines += [f"    {name}: {old} -> {new}" for name, old, new in change.fields]
    for status in result.statuses:
        lines.append(f"~ status {status.ident}: {status.old} -> {status.new}: {status.summary}")
    return "\n".join(lines) + "\n"


def render_markdown(result: MapDiff) -> str:
    """A pull-request comment: a count table, then one list per kind of entry, then status changes."""
    lines = [f"### argmap diff: {markdown_code(result.old_label)} → {markdown_code(result.new_label)}", ""]
    counts = _counts(result)
    if not counts and not result.statuses:
        lines.append("No changes to the map.")
    if counts:
        lines += ["| | added | removed | changed |", "|---|---:|---:|---:|"]
        lines += [f"| {what}s | {c['added']} | {c['removed']} | {c['changed']} |" for what, c in counts]
    for what, _ in counts:
        lines += ["", f"#### {what.capitalize()}s", ""]
        for change in (c for c in result.changes if c.what == what):
            name = (
                markdown(change.summary)
                if what == "relation"
                else f"{markdown_code(change.ident)}: {markdown(change.summary)}"
            )
            lines.append(f"- **{change.how}** {name} ({markdown_code(change.where)})")
            if change.fields:
                lines += ["", "  | field | before | after |", "  |---|---|---|"]
                lines += [f"  | {name} | {markdown(old)} | {markdown(new)} |" for name, old, new in change.fields]
                lines.append("")
    if result.statuses:
        lines += [
            "",
            "#### Status (across the preferred readings)",
            "",
            "| claim | before | after | text |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {markdown_code(s.ident)} | {s.old} | **{s.new}** | {markdown(s.summary)} |" for s in result.statuses
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
