"""`booklint server` driven through a real LSP client over stdio (pytest-lsp), as an editor drives it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

A = "# Chapter A\n\n## Matrix multiplication\n\nSome text about it.\n"
B = "# Chapter B\n\nSee [the section](a.md#matrix-multiplication).\n"

pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "booklint", "server",
                                                              "--debounce", "10"]))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def start(client: LanguageClient, root: Path) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="book")]))


def book(tmp_path: Path) -> Path:
    (tmp_path / "booklint.toml").write_text("")
    (tmp_path / "a.md").write_text(A)
    (tmp_path / "b.md").write_text(B)
    return tmp_path


def open_page(client: LanguageClient, path: Path, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=version, text=path.read_text())))
    return uri


async def until(client: LanguageClient, holds, timeout: float = 30.0) -> None:
    """Wait for diagnostics until ``holds()`` is true (the server publishes in two steps)."""

    async def wait() -> None:
        while not holds():
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(wait(), timeout)


def codes(client: LanguageClient, uri: str) -> list[str]:
    return sorted(str(d.code) for d in client.diagnostics.get(uri, []))


async def test_open_shows_the_pages_findings(client: LanguageClient, tmp_path):
    root = book(tmp_path)
    (root / "c.md").write_text("# C\n\nBroken [link](a.md#no-such-heading).\n")
    await start(client, root)
    uri = open_page(client, root / "c.md")
    await until(client, lambda: codes(client, uri) == ["L002"])
    d = client.diagnostics[uri][0]
    assert d.range.start.line == 2 and d.source == "booklint"
    assert d.severity == types.DiagnosticSeverity.Error


async def test_a_renamed_heading_breaks_a_link_in_another_open_page(client: LanguageClient, tmp_path):
    root = book(tmp_path)
    await start(client, root)
    b = open_page(client, root / "b.md")
    a = open_page(client, root / "a.md")
    await until(client, lambda: a in client.diagnostics and b in client.diagnostics)
    assert codes(client, b) == []
    # rename the heading in a.md, unsaved: `## Matrix multiplications`
    line = A.split("\n").index("## Matrix multiplication")
    end = len("## Matrix multiplication")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=a, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=end),
                              end=types.Position(line=line, character=end)), text="s")]))
    await until(client, lambda: codes(client, b) == ["L002"])
    diag = client.diagnostics[b][0]
    assert "matrix-multiplication" in diag.message

    # hover on the finding shows the rule's documentation
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=b), position=diag.range.start))
    assert hover is not None and "L002" in hover.contents.value and "What it does" in hover.contents.value

    # the code action carries the fix: point the link at the renamed heading
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=b), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag])))
    assert actions, "L002 offers a fix"
    action = actions[0]
    assert action.kind == types.CodeActionKind.QuickFix
    assert ("unsafe" in action.title) == (not action.is_preferred)  # L002's guess at the heading is unsafe
    edits = action.edit.changes[b]
    text = _apply(B, edits)
    assert "a.md#matrix-multiplications" in text and text != B
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=b, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    await until(client, lambda: codes(client, b) == [])

    # closing a.md unsaved brings back the file on disk: the link is right again, the fix now wrong
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=a)))
    await until(client, lambda: codes(client, b) == ["L002"])


async def test_diagnostics_count_utf16_columns(client: LanguageClient, tmp_path):
    root = book(tmp_path)
    (root / "d.md").write_text("# D\n\n\U0001d400 and [x](a.md#nope).\n")  # a character outside the BMP first
    await start(client, root)
    uri = open_page(client, root / "d.md")
    await until(client, lambda: codes(client, uri) == ["L002"])
    d = client.diagnostics[uri][0]
    # the link's target starts after U+1D400 (two UTF-16 code units, one character) and " and [x]("
    assert d.range.start.character == len("\U0001d400 and [x](".encode("utf-16-le")) // 2 == 11


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    out = text
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a = starts[e.range.start.line] + e.range.start.character
        b = starts[e.range.end.line] + e.range.end.character
        out = out[:a] + e.new_text + out[b:]
    return out
