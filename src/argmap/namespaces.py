"""Which ids share a namespace: claims and arguments are both statements (either may be a
relation's end), and must not share an id; authors, sources and positions each have their own.

Read by the reference rules (`rules/references.py`), renaming (`refactor.py`) and the language
server, so that the three agree on what an id names.
"""

from __future__ import annotations

from typing import Literal

from argmap.graph import Item, ItemKind
from argmap.model import Argument, Author, Claim, Position, Source

Namespace = Literal["statement", "author", "source", "position"]

#: An entry's model -> its kind, as references name what they expect (`Reference.expected`).
KIND_OF: dict[type[Item], ItemKind] = {
    Claim: "claim",
    Argument: "argument",
    Author: "author",
    Source: "source",
    Position: "position",
}
#: An entry's kind -> the namespace its ids live in.
NAMESPACE: dict[ItemKind, Namespace] = {
    "claim": "statement",
    "argument": "statement",
    "author": "author",
    "source": "source",
    "position": "position",
}


def id_namespace(item: Item) -> Namespace:
    """The namespace the id of `item` (an entry's model) lives in."""
    return NAMESPACE[KIND_OF[type(item)]]
