"""The language server's features, each a thin handler over the map's last analysis."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol, TypeVar

from lsprotocol import types
from pygls.uris import from_fs_path

from argmap.authoring import EditProblem
from argmap.check import CheckResult
from argmap.lsp import ID_FIELDS, MapServer, _range, field_at
from argmap.model import Argument, Author, Claim, Position, Source
from argmap.namespaces import Namespace, id_namespace
from argmap.refactor import Span, id_spans, rename_edits


def register(server: MapServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MapServer, params: types.DidOpenTextDocumentParams) -> None:
        folder = ls.folder_of(params.text_document.uri)
        if folder is not None:
            ls.analyse(folder)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MapServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MapServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MapServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)  # the file on disk counts again

    server.feature(types.TEXT_DOCUMENT_DEFINITION)(_on_id(_definition))
    server.feature(types.TEXT_DOCUMENT_REFERENCES)(_on_id(_references))
    server.feature(types.TEXT_DOCUMENT_HOVER)(_on_id(_hover))
    server.feature(types.TEXT_DOCUMENT_RENAME)(_on_id(_rename))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ","]))
    def completion(ls: MapServer, params: types.CompletionParams) -> types.CompletionList | None:
        lines = ls.workspace.get_text_document(params.text_document.uri).lines
        namespace = ID_FIELDS.get(field_at(lines, params.position) or "")
        result = ls.result_for(params.text_document.uri)
        if namespace is None or result is None:
            return None
        items = [
            types.CompletionItem(label=ident, kind=types.CompletionItemKind.Reference, detail=_summary(entry.item))
            for ident, entry in result.amap.entries
            if id_namespace(entry.item) == namespace
        ]
        return types.CompletionList(is_incomplete=False, items=items)


class _AtCursor(Protocol):
    """What every request about a place in a document carries."""

    @property
    def text_document(self) -> types.TextDocumentIdentifier: ...

    @property
    def position(self) -> types.Position: ...


class _Cursor(NamedTuple):
    """The map's last analysis, and the id under the cursor: its namespace and where it is written."""

    result: CheckResult
    ident: str
    namespace: Namespace
    range: types.Range


_Params = TypeVar("_Params", bound=_AtCursor)
_Answer = TypeVar("_Answer")


def _on_id(
    answer: Callable[[_Params, _Cursor], _Answer],
) -> Callable[[MapServer, _Params], _Answer | None]:
    """A request about the id under the cursor; the answer is None where there is none."""

    def handler(ls: MapServer, params: _Params) -> _Answer | None:
        found = _id_under_cursor(ls, params.text_document.uri, params.position)
        return None if found is None else answer(params, found)

    return handler


def _definition(params: types.DefinitionParams, at: _Cursor) -> list[types.Location]:
    return [_location(span) for span in id_spans(at.result.amap, at.ident, at.namespace) if span.definition]


def _references(params: types.ReferenceParams, at: _Cursor) -> list[types.Location]:
    spans = id_spans(at.result.amap, at.ident, at.namespace)
    return [_location(span) for span in spans if params.context.include_declaration or not span.definition]


def _hover(params: types.HoverParams, at: _Cursor) -> types.Hover:
    # Plain text: a claim's text is the map's, and Markdown could make the editor fetch an image.
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.PlainText, value=_describe(at.result, at.ident)),
        range=at.range,
    )


def _rename(params: types.RenameParams, at: _Cursor) -> types.WorkspaceEdit:
    try:
        edits = rename_edits(at.result.amap, at.ident, params.new_name)
    except EditProblem as exc:
        raise ValueError(str(exc)) from None  # pygls answers the request with this message as an error
    return types.WorkspaceEdit(
        changes={
            from_fs_path(str(path)): [types.TextEdit(range=_span_range(span), new_text=text) for span, text in spans]
            for path, spans in edits.items()
        }
    )


def _id_under_cursor(ls: MapServer, uri: str, position: types.Position) -> _Cursor | None:
    """The analysis and the id of the map under the cursor, or None."""
    word = ls.word_at(uri, position)
    result = ls.result_for(uri)
    if word is None or result is None:
        return None
    ident, where = word
    kinds = [entry for eid, entry in result.amap.entries if eid == ident]
    if not kinds:
        return None
    wanted = ID_FIELDS.get(field_at(ls.workspace.get_text_document(uri).lines, position) or "")
    namespaces = {id_namespace(entry.item) for entry in kinds}
    return _Cursor(result, ident, wanted if wanted in namespaces else sorted(namespaces)[0], where)


def _span_range(span: Span) -> types.Range:
    return _range(span.line, span.col, span.end_line, span.end_col)


def _location(span: Span) -> types.Location:
    return types.Location(uri=from_fs_path(str(span.path)), range=_span_range(span))


def _summary(item: Claim | Argument | Author | Source | Position) -> str:
    """The words that say what an entry is: a claim's text, an author's name, a source's title, a position's label."""
    if isinstance(item, Claim):
        return item.text
    if isinstance(item, Author):
        return item.name
    if isinstance(item, Source):
        return item.title
    if isinstance(item, Position):
        return item.label
    return ""


def _describe(result: CheckResult, ident: str) -> str:
    """A claim's text, author, quote status and status; for other ids, what they name."""
    from argmap.semantics.verdict import status
    from argmap.status import STATUS_NOTE, quote_statuses

    amap = result.amap
    if ident in amap.claims:
        claim = amap.claim(ident)
        author = amap.authors.get(claim.author or "")
        label = status(result.evaluation, ident) if result.evaluation else "not evaluated"
        quote = quote_statuses(amap).get(ident, "no-quote")
        return (
            f"{ident} ({claim.kind.value}): {claim.text}\n\n"
            f"author: {_summary(author.item) if author else claim.author or 'none'} · quote: {quote} · "
            f"status: {label} ({STATUS_NOTE})"
        )
    entry = next(entry for eid, entry in amap.entries if eid == ident)
    return f"{ident} ({type(entry.item).__name__.lower()}): {_summary(entry.item)}"
