"""One self-contained HTML page per view: the SVG inline, a side panel, search, highlighting.

The page needs no network at view time: styles, script and data are inline, and its Content
Security Policy forbids every outside fetch and every script but argmap's own, named by its
hash (so a `javascript:` link cannot run either). Claim data travels as JSON in a
`<script type="application/json">` element, escaped so that no text can close it; links are
kept only with an allowed scheme (`argmap.safety.url`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from typing import TypedDict

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from argmap.graph import ArgumentMap, Inference
from argmap.render import style
from argmap.render.annotate import Annotations, source_line, speaker
from argmap.render.views import View
from argmap.safety import url

_LOADER = PackageLoader("argmap.render", "templates")
_ENV = Environment(
    loader=_LOADER,
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
#: The XML declaration, DOCTYPE and comments Graphviz puts before <svg>: not allowed inside HTML.
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
#: What goes without saying: Graphviz's comment before every node and edge, the font on every line
#: of text (the page's style sheet says it once), SVG's default text anchor and black text, and the
#: title of every node and edge (a claim's id is printed in its box, a relation's tooltip stays);
#: a quarter of a large view's drawing.
TRIM = re.compile(
    r"<!--.*?-->\n?| font-family=\""
    + re.escape(style.FONT)
    + r'"| text-anchor="start"| fill="#000000"(?=>)|<title>[^<]*</title>\n?',
    re.S,
)
#: Graphviz writes every hyphen in an id, a class or a text as a character reference.
HYPHEN = "&#45;"


#: argmap's script, and the CSP source that lets it alone run.
_SCRIPT = _LOADER.get_source(_ENV, "page.js")[0]
_SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")


def page(amap: ArgumentMap, view: View, ann: Annotations, svg: str, index: Sequence[View] = ()) -> str:
    """The page of one view; `index` is every view rendered with it, for the page's list of views."""
    title = amap.manifest.title if amap.manifest else "Argument map"
    claims = claims_data(amap, view, ann)
    return _ENV.get_template("page.html.j2").render(
        title=title,
        view=view,
        svg=Markup(TRIM.sub("", _PROLOG.sub("", svg, count=1)).replace(HYPHEN, "-")),
        views=[(v.name, v.title) for v in index or [view]],
        data=Markup(
            script_json(
                {
                    "claims": claims,
                    "outside": outside(amap, claims),
                    # Where a claim this view does not draw can be seen, if anywhere.
                    "whole": "map.html" if any(v.name == "map" for v in index) and view.name != "map" else None,
                    # Said once, not on every claim: what each status means, and each source.
                    "statuses": {word: look.text for word, look in style.STATUSES.items()},
                    "caveat": style.STATUS_CAVEAT,
                    "sources": sources_data(amap, claims),
                }
            )
        ),
        sources=[source_line(amap, sid) for sid in amap.sources],
        statuses=style.STATUSES,
        script=Markup(_SCRIPT),
        script_hash=_SCRIPT_HASH,
    )


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` can end or open a tag.
    Members that are null or false are left out: the page reads them as absent anyway, and a
    large view's page names a few thousand of them."""
    text = json.dumps(_lean(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _lean(value: object) -> object:
    if isinstance(value, dict):
        return {k: _lean(v) for k, v in value.items() if v is not None and v is not False}
    if isinstance(value, list):
        return [_lean(v) for v in value]
    return value


class Relation(TypedDict):
    """A relation as the panel lists it: the claims at its other end and what it does."""

    ids: list[str]
    verb: str
    mapper: bool
    linked: bool


class Panel(TypedDict):
    """What the side panel shows of one claim."""

    text: str
    kind: str
    speaker: str
    quote: str | None
    quoteMark: str
    #: A source id of the map's `sources` (the page's data names each once), or as written.
    source: str | None
    locator: str | None
    status: str | None
    marks: list[str]
    note: str | None
    supporters: list[Relation]
    attackers: list[Relation]
    supports: list[Relation]
    attacks: list[Relation]
    renders: str | None
    undercutters: list[Relation]


def claims_data(amap: ArgumentMap, view: View, ann: Annotations) -> dict[str, Panel]:
    """What the side panel shows for each drawn claim."""
    data: dict[str, Panel] = {}
    for cid in view.nodes():
        claim = amap.claim(cid)
        qstatus = (ann.quote_status or {}).get(cid)
        data[cid] = {
            "text": claim.text,
            "kind": claim.kind.value,
            "speaker": speaker(amap, claim),
            "quote": claim.quote,
            "quoteMark": style.quote_mark(claim.quote is not None, qstatus).text,
            "source": claim.source,
            "locator": claim.locator,
            "status": (ann.labels or {}).get(cid),
            "marks": [m.text for m in style.status_marks(cid in ann.challenged, ann.without_mapper.get(cid))],
            "note": claim.note,
            "supporters": _relations(amap.supporters(cid)),
            "attackers": _relations(amap.attackers(cid)),
            "supports": [_target(amap, i) for i in amap.outgoing.get(cid, ()) if i.kind == "support"],
            "attacks": [_target(amap, i) for i in amap.outgoing.get(cid, ()) if i.is_attack],
            "renders": claim.reports if claim.reports in amap.claims else None,
            "undercutters": _relations(
                [
                    att
                    for inf in [*amap.incoming.get(cid, ()), *amap.outgoing.get(cid, ())]
                    for att in amap.attackers(inf.id)
                ]
            ),
        }
    return data


def outside(amap: ArgumentMap, claims: dict[str, Panel]) -> dict[str, str]:
    """Claim id -> text for every claim the panel names that this view does not draw: the panel
    links those to the whole map, which is how a summary view expands."""
    named = {
        cid
        for c in claims.values()
        for relations in (c["supporters"], c["attackers"], c["supports"], c["attacks"], c["undercutters"])
        for r in relations
        for cid in r["ids"]
    }
    named |= {c["renders"] for c in claims.values() if c["renders"]}
    return {cid: amap.claim(cid).text for cid in sorted(named - claims.keys()) if cid in amap.claims}


def sources_data(amap: ArgumentMap, claims: dict[str, Panel]) -> dict[str, dict[str, str | None]]:
    """The citation and link of every source the view's claims name, once for the page."""
    named = {c["source"] for c in claims.values() if c["source"] is not None}
    return {
        sid: {"line": source_line(amap, sid), "url": url(amap.sources[sid].item.url)}
        for sid in sorted(named & amap.sources.keys())
    }


def _relations(inferences: list[Inference]) -> list[Relation]:
    return [_relation(list(inf.premises), inf) for inf in inferences]


def _target(amap: ArgumentMap, inf: Inference) -> Relation:
    return _relation(sorted(set(amap.claims_of(inf.target))), inf)


def _relation(ids: list[str], inf: Inference) -> Relation:
    return {"ids": ids, "verb": style.verb(inf), "mapper": inf.mapper, "linked": inf.linked}
