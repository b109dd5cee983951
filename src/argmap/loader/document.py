"""A map's files as the later stages see them: each file's text, model and the places in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from argmap.diagnostics import Diagnostic, FieldPath, Loc
from argmap.loader.dialect import compose
from argmap.model import ClaimFile, Manifest

#: Fields a claim may inherit from its file's `defaults`.
DEFAULTED_FIELDS = ("author", "source", "position", "kind")


@dataclass
class Document:
    """One input file: its text, its validated model, and its node tree when positions are needed.

    The node tree is composed only when a position is asked for: a map that checks clean never
    pays for positions (and `argmap.places` finds many positions of a file without it)."""

    path: Path
    name: str
    model: Manifest | ClaimFile | None = None
    #: The file's text, once it has been read and parsed without a syntax error.
    text: str | None = None
    #: Whether yaml-rs read it (`argmap.fastload`): its text holds nothing `fastload.unsure` doubts.
    fast: bool = False
    _root: yaml.Node | None = field(default=None, repr=False)

    @property
    def root(self) -> yaml.Node | None:
        """The file's node tree, composed on first use.

        libyaml's composer recurses once per nesting level, which is safe here: the file was
        read once already, and that pass refused nesting deeper than MAX_DEPTH."""
        if self._root is None and self.text is not None:
            self._root = compose(self.text)
        return self._root

    def node(self, path: FieldPath, key: bool = False) -> yaml.Node | None:
        """The node at `path` (mapping keys and sequence indices), or the deepest one found."""
        node = self.root
        for i, part in enumerate(path):
            child_node = child(node, part, key and i == len(path) - 1)
            if child_node is None:
                break
            node = child_node
        return node

    def written(self, path: FieldPath, key: bool = False) -> yaml.Node | None:
        """The node where `path`'s value is written: a claim field inherited from `defaults` is the default's."""
        node = self.node(path, key)
        inherited = len(path) >= 3 and path[0] == "claims" and path[2] in DEFAULTED_FIELDS
        if inherited and child(self.node(path[:2]), path[2], False) is None:
            node = self.node(("defaults", path[2]), key) or node
        return node

    def loc(self, path: FieldPath = (), key: bool = False) -> Loc:
        """Where `path` is written; a claim field inherited from `defaults` points at the default."""
        node = self.written(path, key)
        if node is None:
            return Loc(self.name)
        return Loc(self.name, node.start_mark.line + 1, node.start_mark.column + 1)


def child(node: yaml.Node | None, part: str | int, key: bool) -> yaml.Node | None:
    """The value (or, with `key`, the key) under `part` of a mapping or list node."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == part:
                return k if key else v
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]  # type: ignore[no-any-return]  # the stubs type node.value as Any
    return None


class Snippet(Document):
    """Entries written outside the map (`argmap add --from`), in one of three shapes: a claim
    file's content, a list of claims, or one claim. They are validated as a claim file, and
    each position is looked up in the snippet as written."""

    #: How many leading parts of a claim-file path the snippet's shape leaves out.
    strip: int = 0

    def node(self, path: FieldPath, key: bool = False) -> yaml.Node | None:
        if self.strip and path[: self.strip] == ("claims", 0)[: self.strip]:
            path = path[self.strip :]
        return super().node(path, key)


@dataclass
class LoadResult:
    folder: Path
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def manifest(self) -> Document | None:
        return next((d for d in self.documents if isinstance(d.model, Manifest)), None)
