"""A view of the map as a Graphviz graph, built with the `graphviz` package.

Claims are boxes whose HTML-like label carries who says it, what kind of claim it is, its text,
whether its words are a verified quote, and its evaluation status. Every inference is a small
node on its link, as AIF draws RA and CA nodes: premises join into it, it points at its target,
and an undercut has a node to land on.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import graphviz

from argmap.graph import ArgumentMap, Inference
from argmap.model import Claim
from argmap.render import style
from argmap.render.views import View, drawn_inferences
from argmap.safety import dot_html as html, dot_string

ColorBy = Literal["author", "position"]


@dataclass(frozen=True)
class Annotations:
    """What a rendering shows beyond the map itself; evaluation and quote checks fill it."""

    color_by: ColorBy = "author"
    #: Claim id -> "holds" | "contested" | "fails" | "undecided" (see `argmap.semantics.verdict`).
    labels: Mapping[str, str] | None = None
    #: Claims a challenge is put to, and those whose status the mapper's links decide (-> the other status).
    challenged: frozenset[str] = frozenset()
    without_mapper: Mapping[str, str] = field(default_factory=dict)
    #: How prominent the status is: `full` badge, `small` word in the footer, `off`.
    badges: str = "full"
    #: Claim id -> "verified" | "not-found" | "no-text" | "no-quote".
    quote_status: Mapping[str, str] | None = None
    #: Layout threshold; tests lower it to exercise the large-map layout on small maps.
    large_map_nodes: int = field(default=style.LARGE_MAP_NODES)

    @property
    def cluster_by(self) -> ColorBy:
        return "position" if self.color_by == "author" else "author"


def wrapped(text: str, width: int = style.WRAP) -> str:
    return "<BR/>".join(html(line) for line in textwrap.wrap(text, width) or [""])


def speaker(amap: ArgumentMap, claim: Claim) -> str:
    """Who says it, as a reader needs it: "Frank, as reported by Bondaz"."""
    who = _name(amap, claim.author) if claim.author else "unattributed"
    if claim.reported_by:
        who += f", as reported by {_name(amap, claim.reported_by)}"
    if claim.agreed_by:
        who += "; also held by " + ", ".join(_name(amap, a) for a in claim.agreed_by)
    return who


def _name(amap: ArgumentMap, author_id: str) -> str:
    entry = amap.authors.get(author_id)
    return (entry.item.name.split() or [author_id])[-1] if entry else author_id  # a blank name: the id


def group_ids(amap: ArgumentMap, by: ColorBy) -> list[str]:
    return list(amap.authors if by == "author" else amap.positions)


def group_of(claim: Claim, by: ColorBy) -> str | None:
    return claim.author if by == "author" else claim.position


def group_label(amap: ArgumentMap, by: ColorBy, gid: str) -> str:
    table = amap.authors if by == "author" else amap.positions
    entry = table.get(gid)
    if entry is None:
        return gid
    return entry.item.name if by == "author" else f"Position: {entry.item.label}"


def is_large(view: View, inferences: list[Inference], ann: Annotations) -> bool:
    return len(view.nodes()) + len(inferences) > ann.large_map_nodes


def build(amap: ArgumentMap, view: View, ann: Annotations, rank_renders: bool = False) -> graphviz.Digraph:
    """The view as DOT. The "renders" arrows leave the ranking alone unless `rank_renders`:
    Graphviz 2.43's `newrank` fails ("trouble in init_rank") on some clustered graphs with such
    unconstrained edges, and `outputs._pipe` then builds the view again with them ranked."""
    inferences = drawn_inferences(amap, view.nodes())
    large = is_large(view, inferences, ann)
    g = graphviz.Digraph(view.name, engine="sfdp" if large else "dot")
    g.attr("graph", label=_title(amap, view), labelloc="t", fontname=style.FONT, rankdir="LR",
           nodesep="0.25", ranksep="0.45", newrank="true", tooltip=_tooltip(view.title), bgcolor="white",
           **({"overlap": "prism", "outputorder": "edgesfirst"} if large else {}))
    g.attr("node", fontname=style.FONT, fontsize="11", margin="0.12,0.06")
    g.attr("edge", fontname=style.FONT, fontsize="9")
    colours = style.palettes(group_ids(amap, ann.color_by))
    context = set(view.context)
    for cluster, members in _clusters(amap, view, ann, large):
        target = g
        if cluster is not None:
            target = graphviz.Digraph(f"cluster_{cluster}")
            target.attr(label=html(group_label(amap, ann.cluster_by, cluster)), style="rounded,filled",
                        fillcolor="#fafafa", color="#cccccc", fontsize="12", fontcolor="#555555",
                        labelloc="t", labeljust="l")
        for cid in members:
            _claim_node(target, amap, cid, view, ann, colours, cid in context)
        if cluster is not None:
            g.subgraph(target)
    numbers = {inf.id: f"i{n}" for n, inf in enumerate(inferences, 1)}
    for inf in inferences:
        _inference(g, inf, numbers)
    _reports(g, amap, view, constrain=rank_renders)
    g.node("legend", label=legend(amap, view, inferences, ann, colours), shape="plain", id="legend")
    return g


def _clusters(amap: ArgumentMap, view: View, ann: Annotations, large: bool):
    """Claims grouped by cluster id in map.yaml's order of groups; None holds the unclustered."""
    nodes = view.nodes()
    if large:
        return [(None, nodes)]
    order = group_ids(amap, ann.cluster_by)
    groups: dict[str | None, list[str]] = {g: [] for g in [*order, None]}
    for cid in nodes:
        gid = group_of(amap.claim(cid), ann.cluster_by)
        groups[gid if gid in groups else None].append(cid)
    return [(gid, members) for gid, members in groups.items() if members]


def _claim_node(g: graphviz.Digraph, amap: ArgumentMap, cid: str, view: View, ann: Annotations,
                colours: dict[str, style.Palette], faded: bool) -> None:
    claim = amap.claim(cid)
    kind = style.KINDS[claim.kind]
    gid = group_of(claim, ann.color_by)
    palette = style.CONTEXT if faded else colours.get(gid or "", style.NO_GROUP)
    classes = ["claim", f"kind-{claim.kind.value}", f"{ann.color_by}-{gid or 'none'}"]
    classes += status_classes(cid, ann)
    classes += ["context"] if faded else []
    classes += ["focus"] if cid == view.focus else []
    g.node(cid, label=claim_label(amap, claim, ann, faded), id=f"claim-{cid}", **{"class": " ".join(classes)},
           shape=kind.shape, style=kind.style, peripheries=str(kind.peripheries), fillcolor=palette.fill,
           color="#000000" if cid == view.focus else palette.line,
           penwidth="3" if cid == view.focus else "1.2", tooltip=_tooltip(claim.text))


def claim_label(amap: ArgumentMap, claim: Claim, ann: Annotations, faded: bool = False) -> str:
    ink = "#888888" if faded else "#000000"
    head = f'<B>{html(claim.kind.value.upper())}</B> \u00b7 {html(speaker(amap, claim))}'
    badge = _status_badge(claim.id, ann)
    mark = style.quote_mark(claim.quote is not None, (ann.quote_status or {}).get(claim.id))
    foot = html(mark.text) + (f" \u00b7 {html(claim.locator)}" if claim.locator else "") + _status_foot(claim.id, ann)
    span = ' COLSPAN="2"' if badge else ""
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#444444">{_wrap_head(head)}</FONT></TD>{badge}</TR>'
        f'<TR><TD{span} ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{ink}">{wrapped(claim.text)}</FONT></TD></TR>'
        f'<TR><TD{span} ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="{mark.colour}">{foot}</FONT></TD></TR>'
        f'<TR><TD{span} ALIGN="LEFT"><FONT POINT-SIZE="7" COLOR="#999999">{html(claim.id)}</FONT></TD></TR>'
        "</TABLE>>"
    )


def status_classes(cid: str, ann: Annotations) -> list[str]:
    """The SVG classes that carry a claim's status and marks, whatever `badges` shows."""
    status = (ann.labels or {}).get(cid)
    classes = [f"status-{status}"] if status else []
    classes += ["challenged"] if cid in ann.challenged else []
    return classes + (["mapper-decides"] if cid in ann.without_mapper else [])


def _status_badge(cid: str, ann: Annotations) -> str:
    """The status as a coloured badge cell (with `badges: full`), or nothing."""
    status = (ann.labels or {}).get(cid)
    if status not in style.STATUSES or ann.badges != "full":
        return ""
    # A fixed size keeps the badge as wide as its longest word: a plain cell would stretch
    # across whatever width the claim's text leaves over.
    return (f'<TD FIXEDSIZE="TRUE" WIDTH="74" HEIGHT="14" VALIGN="TOP" BGCOLOR="{style.STATUSES[status].fill}">'
            f'<FONT COLOR="#ffffff" POINT-SIZE="9"><B>{status.upper()}</B></FONT></TD>')


def _status_foot(cid: str, ann: Annotations) -> str:
    """What the footer adds: the status as a small word (`badges: small`), then its marks, a line each."""
    if ann.badges == "off":
        return ""
    status = (ann.labels or {}).get(cid)
    foot = f' \u00b7 <FONT COLOR="{style.STATUSES[status].fill}">{status}</FONT>' \
        if status in style.STATUSES and ann.badges == "small" else ""
    extras = style.status_marks(cid in ann.challenged, ann.without_mapper.get(cid))
    return foot + "".join(f'<BR/><FONT COLOR="{extra.colour}">{html(extra.text)}</FONT>' for extra in extras)


def _status_legend(claims: list[Claim], ann: Annotations) -> tuple[list[tuple[str, str, str]], str | None]:
    """Legend rows (key, text, background) for the statuses and marks the claims show, and the
    caveat that goes under them."""
    shown = {ann.labels.get(c.id) for c in claims} if ann.labels and ann.badges != "off" else set()
    rows = [(f'<FONT COLOR="#ffffff"><B>{status.upper()}</B></FONT>', html(look.meaning), look.fill)
            for status, look in style.STATUSES.items() if status in shown]
    marks = [m.text for c in claims for m in style.status_marks(c.id in ann.challenged, ann.without_mapper.get(c.id))]
    rows += [(f'<FONT COLOR="{mark.colour}">{html(mark.text.split(" ", 1)[0])}</FONT>', html(meaning), "#ffffff")
             for mark, meaning in style.MARK_MEANINGS.items() if shown and any(m.startswith(mark.text) for m in marks)]
    return rows, html(style.STATUS_CAVEAT) if shown else None


def _wrap_head(head: str) -> str:
    # The header is already escaped; break it only at the separator between kind and speaker
    # when it would be much wider than the text below.
    return head.replace(" \u00b7 ", "<BR/>", 1) if len(head) > style.WRAP + 20 else head


def _inference(g: graphviz.Digraph, inf: Inference, numbers: dict[str, str]) -> None:
    look = style.RELATIONS[style.relation(inf)]
    node = numbers[inf.id]
    dashed = "dashed" if inf.mapper else "solid"
    classes = f"inference {inf.kind}" + (" linked" if inf.linked else "") + (" mapper" if inf.mapper else "")
    tip = inf.id + (f" ({style.MAPPER})" if inf.mapper else "") + (f": {inf.note}" if inf.note else "")
    if inf.mapper:
        shape = dict(style="dashed,filled", fillcolor="#ffffff", fontcolor=look.colour, color=look.colour)
    else:
        shape = dict(style="filled", fillcolor=look.colour, fontcolor="#ffffff", color=look.colour)
    label = f"{look.symbol} linked" if inf.linked else look.symbol
    g.node(node, label=label, id=f"inference-{node}", **{"class": classes}, tooltip=_tooltip(tip),
           shape="ellipse" if inf.linked else "circle", fixedsize="false" if inf.linked else "true",
           width="0.3", height="0.3", fontsize="10" if inf.linked else "13", margin="0.02", **shape)
    # A contrary attacks both ways: its premise edge ends in a head too.
    both = dict(dir="both", arrowtail=look.arrowhead) if inf.contrary else {}
    for premise in inf.premises:
        g.edge(premise, node, color=look.colour, arrowhead="none", style=dashed, penwidth=look.penwidth, **both)
    target = numbers.get(inf.target, inf.target)
    g.edge(node, target, color=look.colour, arrowhead=look.arrowhead, style=dashed, penwidth=look.penwidth,
           **({"label": "mapper", "fontcolor": look.colour} if inf.mapper else {}))


def _reports(g: graphviz.Digraph, amap: ArgumentMap, view: View, constrain: bool) -> None:
    """Reported speech points at the claim in the author's own source that it renders; the arrow
    leaves the ranking alone unless `constrain`."""
    drawn = set(view.nodes())
    for cid in view.nodes():
        original = amap.claim(cid).reports
        if original in drawn:
            g.edge(cid, original, style="dotted", color=style.REPORTS_COLOUR, arrowhead="empty",
                   label="renders", fontcolor=style.REPORTS_COLOUR, **({} if constrain else {"constraint": "false"}))


def _tooltip(text: str) -> str:
    # Always quoted text: a tooltip shaped like <...> would otherwise be an HTML-like string.
    return dot_string(text)


def _title(amap: ArgumentMap, view: View) -> str:
    # Graphviz refuses bold text that is only white space: a blank title is drawn as the default one.
    title = " ".join(amap.manifest.title.split()) if amap.manifest else ""
    lines = [f'<FONT POINT-SIZE="20"><B>{html(title or "Argument map")}</B></FONT>', f'<FONT POINT-SIZE="14">{html(view.title)}</FONT>']
    cited = {amap.claim(c).source for c in view.nodes()}
    for sid, entry in amap.sources.items():
        if sid in cited:
            lines.append(f'<FONT POINT-SIZE="10" COLOR="#444444">{html(source_line(amap, sid))}</FONT>')
    return "<" + "<BR/>".join(lines) + ">"


def source_line(amap: ArgumentMap, source_id: str) -> str:
    """A source as a citation: Antoine Bondaz, "Decoupling or de-risking ...", FRS, 2023-12."""
    src = amap.sources[source_id].item
    author = amap.authors.get(src.author)
    parts = [author.item.name if author else src.author, f"\u201c{src.title}\u201d"]
    parts += [str(x) for x in (src.publisher, src.date) if x]
    return ", ".join(parts)


def legend(amap: ArgumentMap, view: View, inferences: list[Inference], ann: Annotations,
           colours: dict[str, style.Palette]) -> str:
    """How to read the map, as an HTML-like table: only what this view uses."""
    rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>How to read this map</B></TD></TR>']

    def row(key: str, text: str, bg: str = "#ffffff") -> None:
        rows.append(f'<TR><TD BGCOLOR="{bg}" ALIGN="CENTER">{key}</TD><TD ALIGN="LEFT">{text}</TD></TR>')

    claims = [amap.claim(c) for c in view.claims]
    used = {group_of(c, ann.color_by) for c in claims}
    for gid, palette in colours.items():
        if gid in used:
            row("", f"fill colour: {html(group_label(amap, ann.color_by, gid))}", palette.fill)
    if view.context:
        row("", "grey: outside this view, shown because it touches it", style.CONTEXT.fill)
    kinds = [(kind, look) for kind, look in style.KINDS.items() if any(c.kind == kind for c in claims)]
    if kinds:
        rows.append('<TR><TD COLSPAN="2" ALIGN="LEFT"><I>shape: the kind of claim, also named in its header</I></TD></TR>')
    for kind, look in kinds:
        row(html(look.looks), kind.value.upper())
    for kind, look in style.RELATIONS.items():
        if any(style.relation(i) == kind for i in inferences):
            row(f'<FONT COLOR="{look.colour}"><B>\u2500({html(look.symbol)})\u2500{look.head_glyph}</B></FONT>', html(look.meaning))
    if any(i.linked for i in inferences):
        row("(+ linked)", "premises that give a reason only together")
    if any(i.mapper for i in inferences):
        row("- - mapper - -", "dashed: the mapper's reading, not said outright")
    if any(amap.claim(c).reports in set(view.nodes()) for c in view.nodes()):
        row(f'<FONT COLOR="{style.REPORTS_COLOUR}">\u00b7\u00b7\u00b7 renders \u00b7\u00b7\u25b7</FONT>',
            "reported speech and the author's own claim it renders")
    marks = {style.quote_mark(c.quote is not None, (ann.quote_status or {}).get(c.id)) for c in claims}
    for mark in style.QUOTE_MARKS.values():
        if mark in marks:
            row(f'<FONT COLOR="{mark.colour}">{html(mark.text.split(" ", 1)[0])}</FONT>', html(mark.text.split(" ", 1)[1]))
    statuses, caveat = _status_legend(claims, ann)
    for key, text, bg in statuses:
        row(key, text, bg)
    if caveat:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><I>{caveat}</I></TD></TR>')
    return ('<<TABLE BORDER="1" COLOR="#999999" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
            + "".join(rows) + "</TABLE>>")
