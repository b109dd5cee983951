"""What every stage reports: a diagnostic with a rule code, a severity and a place in a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.vocabulary import Severity

if TYPE_CHECKING:  # the loader reports diagnostics itself, so it cannot be imported here
    from argmap.loader import Document

#: Where a value sits inside a file's YAML: mapping keys and sequence indices from the top.
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True, order=True)
class Loc:
    """A place in an input file; line and column count from 1, as editors do."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class PendingLoc:
    """A place in an input file before its line and column are looked up.

    All of a check's places in one file are looked up together, in one pass over its events
    (`argmap.places.locate_all`)."""

    doc: Document
    path: FieldPath
    key: bool = False


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem as users see it: always at a resolved place."""

    code: str
    message: str
    loc: Loc
    severity: Severity = Severity.error
    #: Id of the claim or argument the problem belongs to, for per-claim suppression.
    subject: str | None = None
    #: Extra lines shown under the message (a cycle, the closest passage of a source, ...).
    details: tuple[str, ...] = field(default=())

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.loc.path, self.loc.line, self.loc.col, self.code, self.message)

    def with_severity(self, severity: Severity) -> Diagnostic:
        return Diagnostic(self.code, self.message, self.loc, severity, self.subject, self.details)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: a diagnostic whose place is not looked up yet.

    The check stage looks up the places of all of a check's findings at once and only then
    makes them `Diagnostic`s, so that no diagnostic a user sees lacks a line."""

    code: str
    message: str
    place: PendingLoc
    severity: Severity = Severity.error
    #: Id of the claim or argument the problem belongs to, for per-claim suppression.
    subject: str | None = None
    details: tuple[str, ...] = field(default=())

    def at(self, loc: Loc) -> Diagnostic:
        """The diagnostic, once the line and column of `place` are known."""
        return Diagnostic(self.code, self.message, loc, self.severity, self.subject, self.details)


def display_path(path: Path, base: Path | None = None) -> str:
    """Paths as the user would type them: relative to the working folder where possible."""
    base = base or Path.cwd()
    try:
        # The folder is resolved, not the file: a link is shown by its own name (and a link loop
        # cannot make resolving fail).
        shown = str((path.parent.resolve() / path.name).relative_to(base.resolve()))
    except ValueError:
        shown = str(path)
    # A file name that is not UTF-8 holds surrogate escapes, which no output can encode.
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def repository_root() -> Path | None:
    """The git work tree holding the working folder (the nearest folder with a `.git`), or None.

    CI services (GitHub annotations, code scanning) place a file by its path from there."""
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / ".git").exists()), None)


def from_root(path: str, root: Path | None) -> str:
    """A diagnostic's path (as displayed: relative to the working folder) relative to `root`,
    with `/` separators; as given when there is no root, absolute when the file lies outside it."""
    if root is None:
        return path
    absolute = Path.cwd() / path
    absolute = absolute.parent.resolve() / absolute.name
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def did_you_mean(word: str, choices: list[str]) -> str:
    """A '; did you mean X?' hint, or '' when nothing is close."""
    import difflib  # here, not above: only a mistake needs it

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
