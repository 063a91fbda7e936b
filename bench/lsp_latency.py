"""Latency of `booklint server` after a keystroke, measured through a real LSP client over stdio.

    python bench/lsp_latency.py [--book scaling-book-en] [--chapter roofline.md] [--edits 20] [--debounce 50]

Starts the server on a temporary copy of a corpus book, opens one chapter (and a second one
that links into it), then types one character at a time into a paragraph of the chapter and
times, from the moment the change is sent, the server's first diagnostics for that version
(every rule but spelling and terminology) and its complete diagnostics (every rule, what
`booklint check` reports). Prints medians and the 90th percentile; the debounce is included.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from book50 import corpus  # noqa: E402


async def run(book: Path, chapter: str, other: str | None, edits: int, debounce: int) -> None:
    client = LanguageClient("booklint-bench", "1")
    times: dict[int, list[float]] = {}
    sent: dict[int, float] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri and params.version in sent:
            times.setdefault(params.version, []).append(time.perf_counter() - sent[params.version])

    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    await client.start_io(sys.executable, "-m", "booklint", "server", "--debounce", str(debounce), env=env)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=book.as_uri()))
    client.initialized(types.InitializedParams())
    path = book / chapter
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    sent[1] = t0
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=text)))
    if other:
        o = book / other
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=o.as_uri(), language_id="markdown", version=1, text=o.read_text(encoding="utf-8"))))
    while len(times.get(1, [])) < 2:
        await asyncio.sleep(0.01)
    print(f"open {chapter}: first diagnostics {times[1][0] * 1000:.0f} ms, complete {times[1][-1] * 1000:.0f} ms "
          f"(loads the book)")
    lines = text.split("\n")
    line = next(i for i, ln in enumerate(lines) if len(ln) > 80 and ln[0].isalpha())
    col = len(lines[line])
    for k in range(edits):
        v = k + 2
        sent[v] = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=v),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=col + k),
                                  end=types.Position(line=line, character=col + k)), text="x" if k % 5 else " ")]))
        deadline = time.perf_counter() + 10
        while len(times.get(v, [])) < 2 and time.perf_counter() < deadline:
            await asyncio.sleep(0.002)
        await asyncio.sleep(0.05)
    first = [times[v][0] * 1000 for v in range(2, edits + 2) if times.get(v)]
    full = [times[v][-1] * 1000 for v in range(2, edits + 2) if len(times.get(v, [])) > 1]

    def p90(xs: list[float]) -> float:
        return sorted(xs)[max(0, int(len(xs) * 0.9) - 1)]

    print(f"{edits} keystrokes in {chapter} ({len(text) / 1000:.0f} kB), debounce {debounce} ms included:")
    print(f"  first diagnostics    median {statistics.median(first):6.0f} ms   p90 {p90(first):6.0f} ms")
    print(f"  complete diagnostics median {statistics.median(full):6.0f} ms   p90 {p90(full):6.0f} ms")
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--book", default="scaling-book-en")
    ap.add_argument("--chapter", default="roofline.md")
    ap.add_argument("--other", default="index.md", help="a second open page (one that links into the chapter)")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--debounce", type=int, default=50)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / a.book
        shutil.copytree(corpus() / a.book, book)
        asyncio.run(run(book, a.chapter, a.other or None, a.edits, a.debounce))


if __name__ == "__main__":
    main()
