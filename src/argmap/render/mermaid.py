"""A view as a Mermaid flowchart, which GitHub and GitLab draw natively in Markdown.

Mermaid's own syntax gives no safe way to quote arbitrary text, so every character of a label
outside letters, digits, spaces and plain punctuation is written as an entity code (`#60;`);
node ids are generated (`c1`, `i1`), never taken from the map.
"""

from __future__ import annotations

import json

from argmap.graph import ArgumentMap
from argmap.render import style
from argmap.render.annotate import Annotations, group_ids, group_label, group_of, speaker
from argmap.render.views import View, drawn_inferences
from argmap.safety import mermaid as text

#: Mermaid's label width in pixels: about the width of a claim box in the Graphviz views.
WRAPPING_PX = 220
#: Mermaid arrows per relation: supports end in an arrowhead, attacks in a cross.
_ARROWS = {"support": ("---", "-->"), "rebut": ("---", "--x"), "undercut": ("---", "--x"), "contrary": ("x---", "--x")}
_MAPPER_ARROWS = {
    "support": ("-.-", "-.->"),
    "rebut": ("-.-", "-.-x"),
    "undercut": ("-.-", "-.-x"),
    "contrary": ("x-.-", "-.-x"),
}


def render(amap: ArgumentMap, view: View, ann: Annotations) -> str:
    title = amap.manifest.title if amap.manifest else "Argument map"
    # JSON is YAML: a double-quoted title cannot end the front matter or start a comment.
    heading = json.dumps(f"{title}: {view.title}")
    # Mermaid wraps a label at `wrappingWidth` itself, so argmap breaks no line of a claim's text
    # (both did, once); `useMaxWidth: false` keeps the drawing at its own size instead of shrinking
    # it into the page's (or mmdc's default 800 px) width, where a large view cannot be read.
    lines = [
        "---",
        f"title: {heading}",
        "config:",
        "  flowchart:",
        f"    wrappingWidth: {WRAPPING_PX}",
        "    useMaxWidth: false",
        "---",
        "flowchart BT",
    ]
    ids = {cid: f"c{n}" for n, cid in enumerate(view.nodes(), 1)}
    colours = style.palettes(group_ids(amap, ann.color_by))
    classes = {gid: f"g{n}" for n, gid in enumerate(colours)}
    for gid, palette in colours.items():
        lines.append(f"  classDef {classes[gid]} fill:{palette.fill},stroke:{palette.line},color:#000")
    lines.append(f"  classDef context fill:{style.CONTEXT.fill},stroke:{style.CONTEXT.line},color:#888")
    context = set(view.context)
    for cid, node in ids.items():
        claim = amap.claim(cid)
        lines.append(f'  {node}["{_label(amap, cid, ann)}"]')
        group = group_of(claim, ann.color_by)
        if cid in context:
            lines.append(f"  class {node} context")
        elif group in classes:
            lines.append(f"  class {node} {classes[group]}")
    links: list[str] = []
    inferences = drawn_inferences(amap, view.nodes())
    for n, inf in enumerate(inferences, 1):
        ids[inf.id] = f"i{n}"
    for inf in inferences:
        look = style.RELATIONS[style.relation(inf)]
        node = ids[inf.id]
        symbol = text(f"{look.symbol} linked" if inf.linked else look.symbol)
        lines.append(f'  {node}(("{symbol}"))')
        lines.append(f"  style {node} fill:{look.colour},stroke:{look.colour},color:#fff")
        # A contrary attacks both ways: a cross at its premise's end too.
        join, arrow = (_MAPPER_ARROWS if inf.mapper else _ARROWS)["contrary" if inf.contrary else inf.kind]
        for premise in inf.premises:
            lines.append(f"  {ids[premise]} {join} {node}")
            links.append(look.colour)
        label = "|mapper|" if inf.mapper else ""
        lines.append(f"  {node} {arrow}{label} {ids[inf.target]}")
        links.append(look.colour)
    for cid in view.nodes():
        original = amap.claim(cid).reports
        if original in ids and original in amap.claims:
            lines.append(f"  {ids[cid]} -.-o|renders| {ids[original]}")
            links.append(style.REPORTS_COLOUR)
    for n, colour in enumerate(links):
        lines.append(f"  linkStyle {n} stroke:{colour},stroke-width:2px")
    legend = ", ".join(f"{text(group_label(amap, ann.color_by, g))} = {p.fill}" for g, p in colours.items())
    lines.append(f"%% colours by {ann.color_by}: {legend}")
    return "\n".join(lines) + "\n"


def _label(amap: ArgumentMap, cid: str, ann: Annotations) -> str:
    claim = amap.claim(cid)
    status = (ann.labels or {}).get(cid) if ann.badges != "off" else None
    mark = style.quote_mark(claim.quote is not None, (ann.quote_status or {}).get(cid))
    head = f"{claim.kind.value.upper()} \u00b7 {speaker(amap, claim)}" + (f" [{status}]" if status else "")
    parts = [f"<b>{text(head)}</b>", text(claim.text), f"<i>{text(mark.text)}</i>"]
    return "<br/>".join(parts)
