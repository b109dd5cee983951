"""The map format as pydantic models: what a person may write in `map.yaml` and in claim files.

These models are the format's single definition: the loader validates against them, `argmap
schema` derives the JSON Schema from them, and docs/format.md documents them field by field.
"""

from __future__ import annotations

import datetime as _dt
import sys
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from argmap import safety
from argmap.vocabulary import Kind, Severity  # noqa: F401  (part of the format's models)

FORMAT_VERSION: Literal[1] = 1


# The empty defaults are made by functions of argmap's, not by `tuple`, `list` and `dict`: pydantic
# reads each default factory's signature, and a built-in type's is parsed from its text (Python's
# tokenizer, set up on first use): 3 ms of every command that loads a map, for 15 fields.
def _no_items() -> tuple[()]:
    return ()


def _new_list() -> list[Any]:
    return []


def _new_dict() -> dict[Any, Any]:
    return {}


def _visible_id(value: str) -> str:
    """Refuse ids that look like another id: invisible characters, or a letter spelt in two ways.

    The pattern's `\\w` lets through the zero-width joiners; and `é` written as `e` plus a
    combining accent looks like `é` written as one character but would be a different id.

    An id is interned: a map writes each id many times (every reference, tag and author), and
    the parser makes a string of each."""
    if value.isascii():  # no ASCII character is invisible, and ASCII is NFC: most ids stop here
        return sys.intern(value)
    hidden = next((c for c in value if unicodedata.category(c) == "Cf"), None)
    if hidden:
        raise ValueError(
            f"the id holds the invisible character U+{ord(hidden):04X} "
            f"({unicodedata.name(hidden, 'format character')}); ids must be visible text"
        )
    if not unicodedata.is_normalized("NFC", value):
        raise ValueError(
            f"the id {unicodedata.normalize('NFC', value)!r} is written with combining characters; "
            "write each accented letter as one character (Unicode NFC)"
        )
    return sys.intern(value)


#: Ids are words joined by `-`, `_`, `.`: readable in YAML, DOT, Mermaid and URLs alike.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[^\W_][\w.-]*$", max_length=120),
    AfterValidator(_visible_id),
    Field(description="An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."),
]
Text = Annotated[str, Field(description="Prose; one proposition for a claim's text.")]


def _safe_url(value: str) -> str:
    if safety.url(value) is None:
        raise ValueError(
            f"{value[:60]!r} is not a link argmap will show: write an absolute "
            f"{', '.join(safety.URL_SCHEMES[:-1])} or {safety.URL_SCHEMES[-1]} URL"
        )
    return value


#: Pages shown as links in the HTML views: any other scheme (javascript:, data:, file:) could run or read.
Url = Annotated[str, AfterValidator(_safe_url), Field(description="An absolute http://, https:// or mailto: link.")]


def _paragraph(value: object) -> object:
    """A bare number is a paragraph, so `locator: 3`, `locator: '3'` and `--locator 3` all read "¶3"."""
    if (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and value.isascii() and value.isdigit()
    ):
        return f"¶{value}"
    return value


Locator = Annotated[str, BeforeValidator(_paragraph)]


class Strict(BaseModel):
    """Base of every format model: unknown fields are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Author(Strict):
    id: Id
    name: Text
    affiliation: Text | None = None
    url: Url | None = None


class Source(Strict):
    id: Id
    author: Id = Field(description="Id of the source's author, as listed under `authors`.")
    title: Text
    publisher: Text | None = None
    date: _dt.date | str | None = Field(None, description="ISO date (2023-12-13) or a partial one (2023-12).")
    url: Url | None = None
    text: str | None = Field(
        None,
        description="File name (or path inside the map's folder) of a copy of the source, plain text, HTML "
        "or PDF, used to verify quotes; looked for in the map's folder, then in folders the user "
        "gives (--sources, ARGMAP_SOURCES), then in the fetch cache.",
    )


class Position(Strict):
    id: Id
    label: Text
    description: Text | None = None


RuleSetting = Literal["off", "error", "warning", "info"]


class EvaluationSettings(Strict):
    """How the map's relations count when argmap says which claims hold."""

    challenges: Literal["challenge", "attack"] = Field(
        "challenge",
        description="`challenge` (default): a question's attack, or a relation marked `challenge: true`, marks its "
        "target challenged but defeats nothing; `attack`: it attacks like any rebuttal or undercut.",
    )


class Manifest(Strict):
    """`map.yaml`: what the map is about and the things its claims refer to."""

    argmap: Literal[1] = Field(FORMAT_VERSION, description="Version of the map format.")
    title: Text
    description: Text | None = None
    authors: list[Author] = Field(default_factory=_new_list)
    sources: list[Source] = Field(default_factory=_new_list)
    positions: list[Position] = Field(default_factory=_new_list)
    rules: dict[str, RuleSetting] = Field(
        default_factory=_new_dict, description="Per rule code: `off`, or the severity to report it with."
    )
    #: No longer part of the format: a map may not widen what argmap reads (rule Q006 says so).
    #: Kept only so that such a map gets that message rather than an unknown-field error.
    allow_paths: SkipJsonSchema[list[str] | None] = Field(None, exclude=True)
    evaluation: EvaluationSettings = Field(
        default_factory=EvaluationSettings, description="How `argmap evaluate` reads the map's relations."
    )


class Link(Strict):
    """A support or rebuttal written out in full, to say more than the target's id."""

    to: Id = Field(description="Id of the claim supported or rebutted.")
    mapper: bool = Field(
        False, description="True when the link is the mapper's reading, not the author's explicit move."
    )
    challenge: bool = Field(
        False,
        description="True when the attack is a challenge (a critical question): "
        "it marks its target challenged rather than defeating it.",
    )
    note: Text | None = None


class InferenceRef(Strict):
    """Names the inference an undercut attacks: the support (or rebuttal) from `from` to `to`."""

    from_: Id = Field(alias="from", description="The premise claim of the inference.")
    to: Id = Field(description="The claim the inference concludes.")
    mapper: bool = False
    note: Text | None = None

    challenge: bool = False

    model_config = ConfigDict(populate_by_name=False)


class ArgumentRef(Strict):
    """Names a linked argument as the inference an undercut attacks, with a note or mapper flag."""

    argument: Id
    mapper: bool = False
    challenge: bool = False
    note: Text | None = None


def _shape(value: object) -> str:
    """Which form of a union an input (or, when dumping, a model) takes, so errors speak of that form only."""
    if isinstance(value, dict):
        return "argument-ref" if "argument" in value else "mapping"
    if isinstance(value, ArgumentRef):
        return "argument-ref"
    return "mapping" if isinstance(value, (Link, InferenceRef)) else "id"


LinkItem = Annotated[
    Annotated[Id, Tag("id")] | Annotated[Link, Tag("mapping")],
    Discriminator(lambda v: "mapping" if isinstance(v, (dict, Link)) else "id"),
]
UndercutItem = Annotated[
    Annotated[Id, Tag("id")] | Annotated[InferenceRef, Tag("mapping")] | Annotated[ArgumentRef, Tag("argument-ref")],
    Discriminator(_shape),
]


class Relations(Strict):
    supports: tuple[LinkItem, ...] = Field(default_factory=_no_items, description="Claims this one gives a reason for.")
    rebuts: tuple[LinkItem, ...] = Field(default_factory=_no_items, description="Claims this one attacks.")
    contradicts: tuple[LinkItem, ...] = Field(
        default_factory=_no_items,
        description="Claims that cannot hold together with this one: a rebuttal both ways, written once on either claim.",
    )
    undercuts: tuple[UndercutItem, ...] = Field(
        default_factory=_no_items,
        description="Inferences this one attacks: an argument's id, or {from: premise, to: conclusion}.",
    )


class Claim(Relations):
    id: Id
    text: Text
    kind: Kind = Kind.premise
    author: Id | None = Field(None, description="Who asserts the claim; defaults to the file's `defaults.author`.")
    source: Id | None = Field(None, description="Where it is asserted; defaults to the file's `defaults.source`.")
    reported_by: Id | None = Field(
        None,
        description="Author whose text reports this claim (reported speech): the claim is `author`'s, as that author renders it.",
    )
    reports: Id | None = Field(
        None, description="For reported speech: the claim, in the author's own source, that this one renders."
    )
    agreed_by: tuple[Id, ...] = Field(default_factory=_no_items, description="Other authors who hold this claim too.")
    quote: Text | None = Field(None, description="The shortest verbatim passage of the source that carries the claim.")
    locator: Locator | None = Field(None, description="Where in the source: '¶3', '§ Opening', 'p. 12'.")
    position: Id | None = None
    tags: tuple[Id, ...] = Field(default_factory=_no_items)
    note: Text | None = None
    suppress: dict[str, Text] = Field(
        default_factory=_new_dict, description="Rule code -> reason: silences that rule for this claim."
    )


class Argument(Strict):
    """A linked argument: premises that support, rebut or undercut only jointly."""

    id: Id
    premises: list[Id] = Field(description="Ids of the claims that work together.")
    supports: Id | None = None
    rebuts: Id | None = None
    undercuts: UndercutItem | None = None
    mapper: bool = False
    challenge: bool = False
    note: Text | None = None
    suppress: dict[str, Text] = Field(default_factory=_new_dict)

    @model_validator(mode="after")
    def _one_conclusion(self) -> Argument:
        given = [k for k in ("supports", "rebuts", "undercuts") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("an argument needs exactly one of 'supports', 'rebuts' or 'undercuts'")
        return self


class Defaults(Strict):
    author: Id | None = None
    source: Id | None = None
    position: Id | None = None
    kind: Kind | None = None


class ClaimFile(Strict):
    """Any other `*.yaml` file of the map: claims and linked arguments."""

    defaults: Defaults = Field(default_factory=Defaults)
    claims: list[Claim] = Field(default_factory=_new_list)
    arguments: list[Argument] = Field(default_factory=_new_list)
