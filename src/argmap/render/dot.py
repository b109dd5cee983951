"""A view of the map as a Graphviz graph, built with the `graphviz` package.

Claims are boxes whose HTML-like label carries who says it, what kind of claim it is, its text,
whether its words are a verified quote, and its evaluation status. The graph is drawn bottom to
top: reasons below the claims they are for (green arrows) or against (red), theses on the top
row. A plain support or rebuttal is one edge; an inference gets a node of its own (as AIF draws
RA and CA nodes) only where it carries something: the premises of a linked argument meet there,
or an undercut lands on it. docs/rendering.md has the measured figures behind these choices.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import graphviz

from argmap.graph import ArgumentMap, Inference
from argmap.model import Claim
from argmap.render import style
from argmap.render.annotate import Annotations, ColorBy, group_ids, group_label, group_of, source_line, speaker
from argmap.render.views import View, drawn_inferences
from argmap.safety import dot_html as html
from argmap.safety import dot_string


def wrapped(text: str, width: int = style.WRAP) -> str:
    # A word longer than a line stays whole: split, it would read as two words.
    return "<BR/>".join(html(line) for line in textwrap.wrap(text, width, break_long_words=False) or [""])


def is_large(view: View, inferences: list[Inference], ann: Annotations) -> bool:
    return len(view.nodes()) + len(inferences) > ann.large_map_nodes


def hubs(inferences: list[Inference]) -> dict[str, str]:
    """Inference id -> its node, for the inferences that need one: a linked argument, whose
    premises meet there, and an inference an undercut lands on. Every other support or attack
    is a plain edge from its premise to its target."""
    attacked = {inf.target for inf in inferences if inf.kind == "undercut"}
    needed = [inf for inf in inferences if len(inf.premises) > 1 or inf.id in attacked]
    return {inf.id: f"i{n}" for n, inf in enumerate(needed, 1)}


#: The layouts `render` tries for a view `dot` lays out: the rows a claim's unsupported reasons are
#: staggered on, and how edges are drawn (each on its own spline; or edges that share an end merged
#: into one trunk, drawn as polylines). Which draws a view best depends on the view
#: (docs/rendering.md has the figures), so render draws each and keeps the one `measure.best` picks.
STAGGER_ROWS = (2, 1, 3)
EDGE_STYLES: tuple[dict[str, str], ...] = ({}, {"concentrate": "true", "splines": "polyline"})


def layouts(amap: ArgumentMap, view: View, ann: Annotations) -> list[graphviz.Digraph]:
    """The graphs to choose the view's drawing from; one for a view too large to lay out six times."""
    frame = Frame(amap, view, ann)
    if not frame.thorough:
        return [frame.graph(STAGGER_ROWS[0], EDGE_STYLES[0])]
    return [frame.graph(rows, edges) for edges in EDGE_STYLES for rows in STAGGER_ROWS]


def build(
    amap: ArgumentMap,
    view: View,
    ann: Annotations,
    rows: int = STAGGER_ROWS[0],
    edges: Mapping[str, str] = EDGE_STYLES[0],
) -> graphviz.Digraph:
    return Frame(amap, view, ann).graph(rows, edges)


class Frame:
    """What every layout of one view shares (its claims' nodes, title and legend), built once:
    the layouts differ only in how edges are drawn and how leaf reasons are staggered."""

    def __init__(self, amap: ArgumentMap, view: View, ann: Annotations) -> None:
        self.name = view.name
        self.inferences = drawn_inferences(amap, view.nodes())
        self.nodes = hubs(self.inferences)
        large = is_large(view, self.inferences, ann)
        self.engine = "sfdp" if large else "dot"
        self.thorough = not large and len(view.nodes()) + len(self.inferences) <= style.THOROUGH_NODES
        colours = style.palettes(group_ids(amap, ann.color_by))
        # The legend travels in the graph's label with the title: as a node it took part in the layout
        # and either widened the drawing beside it or pulled the rows below it.
        title = _title(amap, view, legend(amap, view, self.inferences, self.nodes, ann, colours))
        # Bottom to top: every reason sits below the claim it is a reason for or against, so the
        # theses end up on top and arrows always point upwards.
        self.attrs = dict(
            label=title,
            labelloc="t",
            fontname=style.FONT,
            rankdir="BT",
            nodesep="0.1",
            ranksep="0.25",
            newrank="true",
            tooltip=_tooltip(view.title),
            bgcolor="white",
            **({"overlap": "prism", "outputorder": "edgesfirst"} if large else {}),
            # Four times dot's crossing-minimisation passes: a third fewer crossings in the large
            # author and position views, at no cost worth measuring on a map this size.
            **({"mclimit": "4"} if self.thorough else {}),
        )
        claims = graphviz.Digraph()
        context = set(view.context)
        for cid in columns(amap, view):
            _claim_node(claims, amap, cid, view, ann, colours, cid in context)
        self.claims = claims.body
        self._relations: dict[int, list[str]] = {}

    def graph(self, rows: int, edges: Mapping[str, str]) -> graphviz.Digraph:
        g = graphviz.Digraph(self.name, engine=self.engine)
        g.attr("graph", **self.attrs, **edges)
        g.attr("node", fontname=style.FONT, fontsize="11", margin="0.06,0.04")
        g.attr("edge", fontname=style.FONT, fontsize="9")
        g.body += self.claims
        g.body += self.relations(rows)
        return g

    def relations(self, rows: int) -> list[str]:
        """The relations' statements with leaf reasons staggered on `rows` rows."""
        if rows not in self._relations:
            relations = graphviz.Digraph()
            lengths = staggered(self.inferences, self.nodes, rows)
            for inf in self.inferences:
                _relation(relations, inf, self.nodes, lengths)
            self._relations[rows] = relations.body
        return self._relations[rows]


def columns(amap: ArgumentMap, view: View) -> list[str]:
    """The view's claims in the order Graphviz starts from, left to right: the first half of the
    positions, the claims several authors hold (or no position holds), then the other half, so
    that dot starts with shared ground between the sides (it keeps it there where that costs no
    crossings)."""
    by: ColorBy = "position"
    order = group_ids(amap, by)
    middle = (len(order) + 1) // 2

    def column(cid: str) -> int:
        claim = amap.claim(cid)
        gid = group_of(claim, by)
        if claim.agreed_by or gid not in order:
            return middle * 2 - 1
        return order.index(gid) * 2 + (1 if order.index(gid) >= middle else 0)

    return sorted(view.nodes(), key=column)


def _claim_node(
    g: graphviz.Digraph,
    amap: ArgumentMap,
    cid: str,
    view: View,
    ann: Annotations,
    colours: dict[str, style.Palette],
    faded: bool,
) -> None:
    claim = amap.claim(cid)
    kind = style.KINDS[claim.kind]
    gid = group_of(claim, ann.color_by)
    palette = style.CONTEXT if faded else colours.get(gid or "", style.NO_GROUP)
    classes = ["claim", f"kind-{claim.kind.value}", f"{ann.color_by}-{gid or 'none'}"]
    classes += status_classes(cid, ann)
    classes += ["context"] if faded else []
    classes += ["focus"] if cid == view.focus else []
    g.node(
        cid,
        label=claim_label(amap, claim, ann, faded),
        id=f"claim-{cid}",
        **{"class": " ".join(classes)},
        shape=kind.shape,
        style=kind.style,
        peripheries=str(kind.peripheries),
        fillcolor=palette.fill,
        color="#000000" if cid == view.focus else palette.line,
        penwidth="3" if cid == view.focus else "1.2",
        # Only a shortened claim needs its text as a tooltip: on the others it doubled the file.
        **({"tooltip": _tooltip(claim.text)} if faded else {}),
    )


CONTEXT_CHARS = 50


def claim_label(amap: ArgumentMap, claim: Claim, ann: Annotations, faded: bool = False) -> str:
    ink = "#888888" if faded else "#000000"
    head = _head(claim.kind.value.upper(), speaker(amap, claim))
    badge = _status_badge(claim.id, ann)
    mark = style.quote_mark(claim.quote is not None, (ann.quote_status or {}).get(claim.id))
    # In its smaller type the footer gets a few more characters a line than the text above it.
    locator = f" \u00b7 {claim.locator.replace(' ', chr(0xA0))}" if claim.locator else ""
    foot = wrapped(mark.text + locator, style.WRAP + 8) + _status_foot(claim.id, ann)
    span = ' COLSPAN="2"' if badge else ""
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#444444">{head}</FONT></TD>{badge}</TR>'
        f'<TR><TD{span} ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{ink}">{_text(claim.text, faded)}</FONT></TD></TR>'
        f'<TR><TD{span} ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="{mark.colour}">{foot}</FONT></TD></TR>'
        f'<TR><TD{span} ALIGN="LEFT"><FONT POINT-SIZE="7" COLOR="#999999">{_id_line(claim)}</FONT></TD></TR>'
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
    # across whatever width the claim's text leaves over. A table of its own keeps the badge one
    # line high at the top when the header beside it wraps; a cell of the header's row would
    # stretch to the row's height.
    return (
        f'<TD VALIGN="TOP" ALIGN="RIGHT"><TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>'
        f'<TD FIXEDSIZE="TRUE" WIDTH="74" HEIGHT="14" BGCOLOR="{style.STATUSES[status].colour}">'
        f'<FONT COLOR="#ffffff" POINT-SIZE="9"><B>{status.upper()}</B></FONT></TD></TR></TABLE></TD>'
    )


def _status_foot(cid: str, ann: Annotations) -> str:
    """What the footer adds: the status as a small word (`badges: small`), then its marks, a line each."""
    if ann.badges == "off":
        return ""
    status = (ann.labels or {}).get(cid)
    foot = (
        f' \u00b7 <FONT COLOR="{style.STATUSES[status].colour}">{status}</FONT>'
        if status in style.STATUSES and ann.badges == "small"
        else ""
    )
    extras = style.status_marks(cid in ann.challenged, ann.without_mapper.get(cid))
    return foot + "".join(f'<BR/><FONT COLOR="{extra.colour}">{html(extra.text)}</FONT>' for extra in extras)


def _status_legend(claims: list[Claim], ann: Annotations) -> tuple[list[tuple[str, str, str]], str | None]:
    """Legend rows (key, text, background) for the statuses and marks the claims show, and the
    caveat that goes under them."""
    shown = {ann.labels.get(c.id) for c in claims} if ann.labels and ann.badges != "off" else set()
    rows = [
        (f'<FONT COLOR="#ffffff"><B>{status.upper()}</B></FONT>', html(look.text), look.colour)
        for status, look in style.STATUSES.items()
        if status in shown
    ]
    marks = [m.text for c in claims for m in style.status_marks(c.id in ann.challenged, ann.without_mapper.get(c.id))]
    rows += [
        (f'<FONT COLOR="{mark.colour}">{html(mark.text.split(" ", 1)[0])}</FONT>', html(meaning), "#ffffff")
        for mark, meaning in style.MARK_MEANINGS.items()
        if shown and any(m.startswith(mark.text) for m in marks)
    ]
    return rows, html(style.STATUS_CAVEAT) if shown else None


def _id_line(claim: Claim) -> str:
    # Reported speech names the claim it renders instead of an edge to it: such edges run
    # between the two authors' trees and crossed most of the others.
    return html(claim.id) + (f"<BR/>renders {html(claim.reports)}" if claim.reports else "")


def _text(text: str, faded: bool) -> str:
    # A claim outside the view is there to show what touches the view, and is drawn in full in
    # its own: its opening words keep the view narrow enough for its page.
    return wrapped(textwrap.shorten(text, CONTEXT_CHARS, placeholder=" \u2026") if faded else text)


def _head(kind: str, who: str) -> str:
    # The header's smaller type and the badge beside it share the width of the text below; a
    # header left unbroken made the box wider than its claim.
    lines = [html(line) for line in textwrap.wrap(f"{kind} \u00b7 {who}", style.WRAP - 6)]
    # A space that starts a text run of its own is dropped by browsers: a non-breaking one is kept.
    lines[0] = lines[0].replace(f"{html(kind)} ", f"<B>{html(kind)}</B>\u00a0", 1)
    return "<BR/>".join(lines)


def staggered(inferences: list[Inference], nodes: dict[str, str], rows: int) -> dict[tuple[str, str], str]:
    """(premise, inference id) -> minlen for the edges of leaf reasons, as Graphviz's `unflatten -l ROWS`
    staggers them: a claim's unsupported reasons take turns on `rows` rows instead of one long one."""
    supported = {nodes.get(inf.target, inf.target) for inf in inferences}
    under: dict[str, list[tuple[str, str]]] = {}
    for inf in inferences:
        head = nodes.get(inf.id, nodes.get(inf.target, inf.target))
        for premise in inf.premises:
            if premise not in supported:
                under.setdefault(head, []).append((premise, inf.id))
    return {edge: str(1 + n % rows) for leaves in under.values() if len(leaves) > 1 for n, edge in enumerate(leaves)}


def _relation(g: graphviz.Digraph, inf: Inference, nodes: dict[str, str], lengths: dict[tuple[str, str], str]) -> None:
    look = style.RELATIONS[style.relation(inf)]
    line = dict(color=look.colour, style="dashed" if inf.mapper else "solid", penwidth=look.penwidth)
    kinds = dict.fromkeys((inf.kind, style.relation(inf)))  # a contrary or challenge says so beside its kind
    classes = "relation " + " ".join(kinds) + (" linked" if inf.linked else "") + (" mapper" if inf.mapper else "")
    tip = _tooltip(inf.id + (f" ({style.MAPPER})" if inf.mapper else "") + (f": {inf.note}" if inf.note else ""))
    target = nodes.get(inf.target, inf.target)
    node = nodes.get(inf.id)
    # A contrary attacks both ways: the end at its premise carries a head too.
    both = dict(dir="both", arrowtail=look.arrowhead) if inf.contrary else {}
    if node is None:
        g.edge(
            inf.premises[0],
            target,
            arrowhead=look.arrowhead,
            tooltip=tip,
            **{"class": classes},
            minlen=lengths.get((inf.premises[0], inf.id), "1"),
            **both,
            **line,
        )
        return
    if inf.mapper:
        shape = dict(style="dashed,filled", fillcolor="#ffffff", fontcolor=look.colour, color=look.colour)
    else:
        shape = dict(style="filled", fillcolor=look.colour, fontcolor="#ffffff", color=look.colour)
    g.node(
        node,
        label=look.symbol,
        id=f"inference-{node}",
        **{"class": "inference " + classes.removeprefix("relation ")},
        tooltip=tip,
        shape="circle",
        fixedsize="true",
        width="0.3",
        height="0.3",
        fontsize="13",
        margin="0.02",
        **shape,
    )
    for premise in inf.premises:
        g.edge(
            premise,
            node,
            arrowhead="none",
            **both,
            **{"class": classes},
            minlen=lengths.get((premise, inf.id), "1"),
            **line,
        )
    g.edge(node, target, arrowhead=look.arrowhead, **{"class": classes}, **line)


def _tooltip(text: str) -> str:
    # Always quoted text: a tooltip shaped like <...> would otherwise be an HTML-like string.
    return dot_string(text)


def _title(amap: ArgumentMap, view: View, key: str) -> str:
    # One line: a title of line breaks alone would leave the bold run empty, which Graphviz
    # refuses inside the table that holds title and legend.
    title = " ".join((amap.manifest.title if amap.manifest else "").split()) or "Argument map"
    # The view's title and the citations wrap: on one line they set the width of a small view.
    lines = [
        f'<FONT POINT-SIZE="20"><B>{html(title)}</B></FONT>',
        f'<FONT POINT-SIZE="14">{wrapped(view.title, TITLE_WRAP)}</FONT>',
    ]
    cited = {amap.claim(c).source for c in view.nodes()}
    for sid in amap.sources:
        if sid in cited:
            lines.append(f'<FONT POINT-SIZE="10" COLOR="#444444">{wrapped(source_line(amap, sid), SOURCE_WRAP)}</FONT>')
    return (
        f'<<TABLE BORDER="0" CELLSPACING="0"><TR><TD>{"<BR/>".join(lines)}</TD></TR>'
        f'<TR><TD ALIGN="CENTER">{key}</TD></TR></TABLE>>'
    )


#: Rows per column of the legend: a low table above the drawing rather than a tall one beside it;
#: its lines wrap so that the legend is no wider than a small view.
LEGEND_ROWS = 7
LEGEND_WRAP = 34
#: Characters per line of the view's title (14 pt) and of a citation (10 pt): about 9 inches.
TITLE_WRAP = 80
SOURCE_WRAP = 110


def legend(
    amap: ArgumentMap,
    view: View,
    inferences: list[Inference],
    nodes: dict[str, str],
    ann: Annotations,
    colours: dict[str, style.Palette],
) -> str:
    """How to read the map, as an HTML-like table for the graph's label: only what this view uses."""
    entries: list[tuple[str, str, str]] = []

    def row(key: str, text: str, bg: str = "#ffffff") -> None:
        entries.append((key, text, bg))

    claims = [amap.claim(c) for c in view.claims]
    used = {group_of(c, ann.color_by) for c in claims}
    for gid, palette in colours.items():
        if gid in used:
            row("", f"fill colour: {html(group_label(amap, ann.color_by, gid))}", palette.fill)
    if view.context:
        row("", "grey: outside this view, touching it", style.CONTEXT.fill)
    for kind, look in style.KINDS.items():
        if any(c.kind == kind for c in claims):
            row(html(look.looks), f"shape: {kind.value.upper()}")
    for relation, drawn in style.RELATIONS.items():
        if any(style.relation(i) == relation for i in inferences):
            row(f'<FONT COLOR="{drawn.colour}"><B>\u2500\u2500\u2500{drawn.head_glyph}</B></FONT>', html(drawn.meaning))
    if any(len(i.premises) > 1 for i in inferences):
        row("\u2500(+)\u2500\u25b6", "linked: premises that give a reason only together")
    if any(i.kind != "undercut" and i.id in nodes and len(i.premises) == 1 for i in inferences):
        row("\u2500(+)\u2500\u25b6", "one reason, with a node for the undercut that lands on it")
    if any(i.mapper for i in inferences):
        row("- - - -", "dashed: the mapper's reading, not said outright")
    if any(c.reports for c in claims):
        row("renders ID", "reported speech: the author's own claim it renders")
    marks = {style.quote_mark(c.quote is not None, (ann.quote_status or {}).get(c.id)) for c in claims}
    for mark in style.QUOTE_MARKS.values():
        if mark in marks:
            row(
                f'<FONT COLOR="{mark.colour}">{html(mark.text.split(" ", 1)[0])}</FONT>',
                html(mark.text.split(" ", 1)[1]),
            )
    statuses, caveat = _status_legend(claims, ann)
    for key, text, bg in statuses:
        row(key, text, bg)
    return _grid(entries, caveat)


def _lines(text: str) -> str:
    # `text` is escaped already: it is only broken at its spaces.
    return "<BR/>".join(textwrap.wrap(text, LEGEND_WRAP, break_long_words=False))


def _grid(entries: list[tuple[str, str, str]], caveat: str | None) -> str:
    columns = [entries[i : i + LEGEND_ROWS] for i in range(0, len(entries), LEGEND_ROWS)]
    rows = [f'<TR><TD COLSPAN="{2 * len(columns)}" ALIGN="LEFT"><B>How to read this map</B></TD></TR>']
    for r in range(LEGEND_ROWS):
        cells = [
            f'<TD BGCOLOR="{bg}" ALIGN="CENTER">{key}</TD><TD ALIGN="LEFT" BALIGN="LEFT">{_lines(text)}</TD>'
            for key, text, bg in (col[r] for col in columns if r < len(col))
        ]
        if cells:
            rows.append("<TR>" + "".join(cells) + "</TR>")
    if caveat:
        rows.append(f'<TR><TD COLSPAN="{2 * len(columns)}" ALIGN="LEFT"><I>{caveat}</I></TD></TR>')
    return (
        '<FONT POINT-SIZE="9"><TABLE BORDER="1" COLOR="#999999" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE></FONT>"
    )
