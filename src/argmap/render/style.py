"""The visual language of every rendering, in one place: colours, shapes, marks and their meaning.

DOT, Mermaid, the HTML page and the legend all read these tables, so a reader who learns the
language from one legend can read every view and format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.vocabulary import Kind

if TYPE_CHECKING:
    from argmap.graph import Inference

FONT = "DejaVu Sans"
#: Characters per line of a claim's text: a narrow column, so that a view of 30 claims fits an A3
#: page at 8 pt (docs/rendering.md has the measurements).
WRAP = 24
#: Above this many nodes (claims + inferences) `dot` with clusters gets too slow (14 s for 3,000,
#: 108 s for 6,000 nodes here), so the layout switches to `sfdp`, which ignores clusters.
LARGE_MAP_NODES = 2000
#: Up to this many nodes `dot` gets more crossing-minimisation passes (`mclimit`).
THOROUGH_NODES = 500


@dataclass(frozen=True)
class Palette:
    fill: str
    line: str


#: Colour-blind-safe pastel fills with a darker border of the same hue (after Okabe-Ito), given to
#: authors (or positions) in the order map.yaml lists them.
PALETTES = (
    Palette("#cfe2f3", "#0b5394"),
    Palette("#fce5cd", "#b45f06"),
    Palette("#e1d5e7", "#6c3483"),
    Palette("#fff2cc", "#7f6000"),
    Palette("#d0e0e3", "#134f5c"),
    Palette("#f4cccc", "#990000"),
    Palette("#d9ead3", "#274e13"),
    Palette("#eeeeee", "#444444"),
)
NO_GROUP = Palette("#ffffff", "#666666")
#: Claims outside a view, drawn only because they touch it.
CONTEXT = Palette("#f7f7f7", "#b0b0b0")


@dataclass(frozen=True)
class KindStyle:
    shape: str
    style: str
    peripheries: int
    #: How the legend names the shape.
    looks: str


KINDS: dict[Kind, KindStyle] = {
    Kind.thesis: KindStyle("box", "filled,bold", 2, "double box"),
    Kind.conclusion: KindStyle("box", "filled,bold", 1, "bold box"),
    Kind.premise: KindStyle("box", "filled,rounded", 1, "rounded box"),
    Kind.evidence: KindStyle("note", "filled", 1, "note (folded corner)"),
    Kind.concession: KindStyle("box", "filled,rounded,diagonals", 1, "box with cut corners"),
    Kind.caveat: KindStyle("hexagon", "filled", 1, "hexagon"),
    Kind.prediction: KindStyle("cds", "filled", 1, "arrow-ended box"),
    Kind.definition: KindStyle("tab", "filled", 1, "tabbed box"),
    Kind.question: KindStyle("ellipse", "filled", 1, "ellipse"),
    Kind.recommendation: KindStyle("house", "filled", 1, "house"),
}


@dataclass(frozen=True)
class RelationStyle:
    colour: str
    arrowhead: str
    #: Drawn in the small inference node on the link (AIF's RA/CA node).
    symbol: str
    meaning: str
    penwidth: str = "1.4"

    @property
    def head_glyph(self) -> str:
        """The arrowhead as a character, for legends: an arrow or a bar."""
        return "\u25b6" if self.arrowhead == "normal" else "\u2524"


RELATIONS = {
    "support": RelationStyle("#1b7837", "normal", "+", "supports: a reason for the claim"),
    "rebut": RelationStyle("#c0392b", "tee", "\u2212", "rebuts: attacks the claim", "1.8"),
    "undercut": RelationStyle("#7b3294", "tee", "\u00d7", "undercuts: attacks the inference it points at", "1.8"),
    "contrary": RelationStyle("#c0392b", "tee", "\u2260", "contradicts: the two claims attack each other", "1.8"),
    "challenge": RelationStyle(
        "#b35806", "tee", "?", "challenges: a question put to the claim or inference; asks, does not defeat"
    ),
}


def relation(inf: Inference) -> str:
    """Which look of `RELATIONS` an inference takes: contraries and challenges have their own."""
    return "contrary" if inf.contrary else "challenge" if inf.challenge else inf.kind


def verb(inf: Inference) -> str:
    """What the inference does, in a word: supports, rebuts, contradicts, challenges, undercuts."""
    return RELATIONS[relation(inf)].meaning.split(":", 1)[0]


MAPPER = "mapper's reading"
REPORTS_COLOUR = "#888888"


@dataclass(frozen=True)
class Mark:
    text: str
    colour: str


#: How a claim's footer tells whether its words are the author's, keyed by quote status.
QUOTE_MARKS = {
    "verified": Mark("\u2714 quote verified in source", "#1b7837"),
    "not-found": Mark("\u2718 quote NOT found in source", "#c0392b"),
    "no-text": Mark("\u201c\u201d quote, source text not available", "#7f6000"),
    "no-quote": Mark("\u2248 paraphrase, no quote", "#666666"),
    #: When quotes were not checked at all.
    "quoted": Mark("\u201c\u201d quote, not checked", "#444444"),
}
#: Verified against the record (the text absent here) is verified: the same map renders to the
#: same files with or without its texts at hand. A quote the record lacks is as good as unchecked.
_DRAWN_AS = {"recorded": "verified", "unrecorded": "no-text"}


#: Each status as its meaning and the colour its badge is filled with.
STATUSES = {
    "holds": Mark("holds in every reading of the map", "#1a9850"),
    "contested": Mark("contested: holds in some readings, fails in others", "#946200"),
    "fails": Mark("fails in every reading of the map", "#d73027"),
    "undecided": Mark("undecided (grounded semantics)", "#8c8c8c"),
}
#: How prominent the status is drawn: a coloured badge, a small word in the footer, or not at all.
BADGES = ("full", "small", "off")
#: Under the statuses in every legend: what a status is a verdict on.
STATUS_CAVEAT = "a status follows from how the map encodes the debate, not from the world"
#: Marks beside the status, in the claim's footer.
CHALLENGED = Mark("? challenged", "#b35806")
MAPPER_DECIDES = Mark("\u270e the mapper's links decide", "#6c3483")
#: What the legend says of each mark.
MARK_MEANINGS = {
    CHALLENGED: "challenged: a question put to it has no answer yet (it does not defeat it)",
    MAPPER_DECIDES: "the mapper's links (dashed) decide its status; without them it would be as said",
}


def status_marks(challenged: bool, without_mapper: str | None) -> list[Mark]:
    """The marks a claim's footer carries beside its status."""
    marks = [CHALLENGED] if challenged else []
    if without_mapper:
        marks.append(Mark(f"{MAPPER_DECIDES.text} (else {without_mapper})", MAPPER_DECIDES.colour))
    return marks


def palettes(ids: list[str]) -> dict[str, Palette]:
    """A palette per id, in the order given, cycling when there are more ids than palettes."""
    return {gid: PALETTES[i % len(PALETTES)] for i, gid in enumerate(ids)}


def quote_mark(has_quote: bool, status: str | None) -> Mark:
    drawn = _DRAWN_AS.get(status, status) if status is not None else None
    if drawn in QUOTE_MARKS:
        return QUOTE_MARKS[drawn]
    return QUOTE_MARKS["quoted" if has_quote else "no-quote"]
