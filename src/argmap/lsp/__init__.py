"""`argmap lsp`: a language server for a map's YAML files, over stdio (pygls).

It gives an editor what `argmap check` knows, as the writer types: every rule's diagnostics
(debounced), go to definition and find references of claim, argument, author, source and
position ids across files, completion of ids where a field takes one, hover on an id (a claim's
text, author, quote status and status: holds, contested, fails), and rename of an id in every file.

Each analysis is one `check_map` of the map folder with the editor's unsaved texts in place of
the files on disk, so the server and the command line can never disagree.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from argmap import __version__
from argmap.check import CheckResult, check_map
from argmap.diagnostics import Diagnostic
from argmap.loader import MapNotFound
from argmap.namespaces import Namespace

#: Seconds of quiet typing before the map is checked again.
DEBOUNCE_S = 0.3
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
#: What an id is made of (the models' `Id`), to find the one under the cursor.
_ID_CHARS = re.compile(r"[\w.-]+")
#: The fields that take an id, and what they name: claims and arguments share a namespace.
ID_FIELDS: dict[str, Namespace] = {
    "supports": "statement",
    "rebuts": "statement",
    "undercuts": "statement",
    "premises": "statement",
    "from": "statement",
    "to": "statement",
    "argument": "statement",
    "reports": "statement",
    "author": "author",
    "reported_by": "author",
    "agreed_by": "author",
    "source": "source",
    "position": "position",
}
_KEY = re.compile(r"([A-Za-z_]+):(?:\s|$)")


class MapServer(LanguageServer):
    """One server for every map the editor opens files of; one analysis per map, kept until the next."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.results: dict[Path, CheckResult] = {}
        self.pending: dict[Path, asyncio.Task[None]] = {}
        #: The files each map had diagnostics in, so that fixed files get their problems cleared.
        self.published: dict[Path, set[Path]] = {}

    def folder_of(self, uri: str) -> Path | None:
        from argmap.locate import map_folder

        path = to_fs_path(uri)
        return map_folder(Path(path).parent) if path else None

    def analyse(self, folder: Path) -> CheckResult | None:
        """Check the map with the editor's texts; publish every file's diagnostics."""
        texts = {}
        for uri, doc in self.workspace.text_documents.items():
            path = Path(to_fs_path(uri) or "").resolve()
            if path.is_relative_to(folder):
                texts[path] = doc.source
        try:
            result = check_map(folder, texts=texts)
        except MapNotFound:
            return None
        self.results[folder] = result
        self._publish(folder, result, set(texts))
        return result

    def _publish(self, folder: Path, result: CheckResult, open_files: set[Path]) -> None:
        """Every open file gets its diagnostics (none, too), and so does a file that had some."""
        found: dict[Path, list[types.Diagnostic]] = {}
        for diag in result.diagnostics:
            path = (Path.cwd() / diag.loc.path).resolve()
            found.setdefault(path, []).append(self._diagnostic(path, diag))
        for path in sorted(self.published.get(folder, set()) | set(found) | open_files):
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=from_fs_path(str(path)), diagnostics=found.get(path, []))
            )
        self.published[folder] = set(found)

    def _diagnostic(self, path: Path, diag: Diagnostic) -> types.Diagnostic:
        line, col = max(diag.loc.line - 1, 0), max(diag.loc.col - 1, 0)
        text = self._line(path, line)
        token = _ID_CHARS.match(text, col)
        end = token.end() if token else len(text)
        return types.Diagnostic(
            range=_range(line, col, line, max(end, col)),
            message=diag.message,
            severity=_SEVERITY.get(diag.severity.value),
            code=diag.code,
            source="argmap",
        )

    def _line(self, path: Path, line: int) -> str:
        doc = self.workspace.text_documents.get(from_fs_path(str(path)))
        try:
            lines = doc.lines if doc else path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return ""
        return lines[line].rstrip("\r\n") if line < len(lines) else ""

    def result_for(self, uri: str) -> CheckResult | None:
        folder = self.folder_of(uri)
        if folder is None:
            return None
        return self.results.get(folder) or self.analyse(folder)

    def schedule(self, uri: str) -> None:
        """Check the map again once typing pauses (each change restarts the wait)."""
        folder = self.folder_of(uri)
        if folder is None:
            return
        if folder in self.pending:
            self.pending[folder].cancel()

        async def later() -> None:
            await asyncio.sleep(DEBOUNCE_S)
            self.analyse(folder)

        self.pending[folder] = asyncio.ensure_future(later())

    def word_at(self, uri: str, position: types.Position) -> tuple[str, types.Range] | None:
        """The id-shaped word under the cursor, with its range."""
        line = (
            self.workspace.get_text_document(uri).lines[position.line]
            if position.line < len(self.workspace.get_text_document(uri).lines)
            else ""
        )
        for match in _ID_CHARS.finditer(line):
            if match.start() <= position.character <= match.end():
                return match.group(), _range(position.line, match.start(), position.line, match.end())
        return None


def _range(line: int, col: int, end_line: int, end_col: int) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=col), end=types.Position(line=end_line, character=end_col)
    )


def field_at(lines: Sequence[str], position: types.Position) -> str | None:
    """The field whose value the cursor is in: the last `key:` before it on its line, or the
    key of the block the line belongs to (a `- ` item under `supports:`)."""
    current = lines[position.line][: position.character] if position.line < len(lines) else ""
    keys: list[str] = _KEY.findall(current)
    if keys:
        return keys[-1]
    indent = len(current) - len(current.lstrip(" -"))
    for row in range(position.line - 1, -1, -1):
        text = lines[row].rstrip("\r\n")
        stripped = text.lstrip(" -")
        if not stripped or stripped.startswith("#"):
            continue
        if len(text) - len(stripped) < indent:
            keys = _KEY.findall(text)
            return keys[-1] if keys else None
    return None


def create_server() -> MapServer:
    from argmap.lsp import features

    server = MapServer()
    features.register(server)
    return server
