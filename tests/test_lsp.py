"""`argmap lsp` driven by a real LSP client (pytest-lsp) over stdio, as an editor drives it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is in the `test` extra")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from tests.conftest import cli_env, write_map  # noqa: E402

OTHER = """\
claims:
  - id: shade
    author: ben
    source: ben-2024
    position: "no"
    text: Shade helps.
    supports: [plant]
"""
MAIN = """\
defaults:
  author: ann
  source: ann-2024
  position: "yes"
claims:
  - id: plant
    kind: thesis
    text: The town should plant trees.
    quote: The town should plant trees.
  - id: cool
    text: Trees cool streets.
    supports: [plant]
"""


@pytest.fixture
def amap(tmp_path: Path) -> Path:
    return write_map(tmp_path / "m", {"main.yaml": MAIN, "other.yaml": OTHER})


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"], server_env=cli_env())
)
async def client(lsp_client: LanguageClient, amap: Path):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=amap.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


def uri(path: Path) -> str:
    return path.resolve().as_uri()


async def open_file(client: LanguageClient, path: Path) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(path), language_id="yaml", version=1, text=path.read_text(encoding="utf-8")
            )
        )
    )
    await published(client)


async def published(client: LanguageClient) -> None:
    await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20)


def doc(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri(path))


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


@pytest.mark.asyncio
async def test_an_unknown_reference_is_a_diagnostic_with_its_range_as_you_type(
    client: LanguageClient, amap: Path
) -> None:
    other = amap / "other.yaml"
    await open_file(client, other)
    assert list(client.diagnostics.get(uri(other), [])) == []
    # Type a wrong id into `supports`, without saving.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(other), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=OTHER.replace("[plant]", "[plnt]"))],
        )
    )
    await published(client)
    (diag,) = client.diagnostics[uri(other)]
    assert diag.code == "R002" and diag.source == "argmap"
    assert diag.message == "unknown claim 'plnt'; did you mean 'plant'?"
    assert diag.severity == types.DiagnosticSeverity.Error
    assert diag.range == types.Range(start=at(6, 15), end=at(6, 19))


@pytest.mark.asyncio
async def test_ids_complete_where_a_field_takes_one(client: LanguageClient, amap: Path) -> None:
    other = amap / "other.yaml"
    await open_file(client, other)
    claims = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(other), position=at(6, 16))
    )
    labels = {item.label: item.detail for item in claims.items}
    assert labels == {"plant": "The town should plant trees.", "cool": "Trees cool streets.", "shade": "Shade helps."}
    authors = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(other), position=at(2, 12))
    )
    assert {item.label for item in authors.items} == {"ann", "ben"}


@pytest.mark.asyncio
async def test_a_source_completes_with_its_title_not_its_copy(client: LanguageClient, amap: Path) -> None:
    other = amap / "other.yaml"
    await open_file(client, other)
    sources = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(other), position=at(3, 12))
    )
    # ann-2024 has a copy (`text: ann.txt`): the detail says what the source is, its title.
    assert {item.label: item.detail for item in sources.items} == {"ann-2024": "Ann's essay", "ben-2024": "Ben's reply"}


@pytest.mark.asyncio
async def test_definition_in_another_file_and_references(client: LanguageClient, amap: Path) -> None:
    other = amap / "other.yaml"
    await open_file(client, other)
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(other), position=at(6, 18))
    )
    assert [(loc.uri, loc.range) for loc in found] == [
        (uri(amap / "main.yaml"), types.Range(start=at(5, 8), end=at(5, 13)))
    ]
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(other), position=at(6, 18), context=types.ReferenceContext(include_declaration=False)
        )
    )
    assert sorted((Path(r.uri).name, r.range.start.line) for r in refs) == [("main.yaml", 11), ("other.yaml", 6)]
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc(other), position=at(6, 18)))
    assert "The town should plant trees." in hover.contents.value
    assert "author: Ann" in hover.contents.value and "quote: verified" in hover.contents.value
    assert "status: holds (across the preferred readings)" in hover.contents.value


@pytest.mark.asyncio
async def test_rename_reaches_every_file(client: LanguageClient, amap: Path) -> None:
    main = amap / "main.yaml"
    await open_file(client, main)
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc(main), position=at(5, 10), new_name="plant-trees")
    )
    changes = {
        Path(u).name: sorted((e.range.start.line, e.range.start.character, e.new_text) for e in edits)
        for u, edits in edit.changes.items()
    }
    assert changes == {
        "main.yaml": [(5, 8, "plant-trees"), (11, 15, "plant-trees")],
        "other.yaml": [(6, 15, "plant-trees")],
    }
