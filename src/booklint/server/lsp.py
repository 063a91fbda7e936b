"""`booklint server`: the Language Server (LSP over stdio, built on pygls).

What an editor gets:

* diagnostics for every open page on open, on change (debounced) and on save, with the
  book's cross-chapter knowledge: a change to one page re-checks the other open pages too (a
  renamed heading breaks a link elsewhere);
* code actions for the fixes findings carry (safe ones preferred; unsafe ones say so);
* hover on a finding: the rule's documentation.

After a change the server answers in two steps. First every rule but the book-wide prose ones
(:data:`booklint.server.live.BOOK_WIDE_PROSE`: they read statistics of every page's words), with
that page's earlier spelling and terminology findings moved along with the edit; then the
complete check, which is exactly what `booklint check` reports on the same text.
"""

from __future__ import annotations

import asyncio
import difflib
from dataclasses import replace
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..engine import Options
from ..findings import Finding
from ..registry import RULES
from .live import BOOK_WIDE_PROSE, LiveBook

COLLECT_EVERY = 50  # checks between two full collections (see BooklintServer._settle)

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


class Page:
    """An open page: its book, its name there, and what was last published for it."""

    def __init__(self, live: LiveBook, rel: str):
        self.live = live
        self.rel = rel
        self.findings: list[Finding] = []  # the last complete check's findings
        self.checked_text: str | None = None  # the text they were found in
        self.shown: list[Finding] = []  # what the editor shows now
        self.version: int | None = None  # the editor's version of the text the book holds


class BooklintServer(LanguageServer):
    def __init__(self, opts: Options | None = None, debounce: float = 0.05):
        super().__init__("booklint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.opts = opts or Options()
        self.debounce = debounce
        self.books: dict[Path, LiveBook] = {}
        self.pages: dict[str, Page] = {}  # uri -> open page
        self.dirty: dict[str, tuple[str, int | None]] = {}  # uri -> (text, version) not yet given to its book
        self.closed: list[str] = []  # uris closed since the last check
        self.lock = asyncio.Lock()
        self.generation = 0  # changes seen; a scheduled check runs only if none came after it
        self.tasks: set[asyncio.Future] = set()
        self.checks = 0

    # -- the book behind a page --------------------------------------------------------------
    def page_for(self, uri: str) -> Page | None:
        page = self.pages.get(uri)
        if page is not None:
            return page
        path = to_fs_path(uri)
        if path is None:
            return None
        p = Path(path).resolve()
        for live in self.books.values():
            rel = live.rel(p)
            if rel is not None and live.holds(rel):
                page = self.pages[uri] = Page(live, rel)
                return page
        live = LiveBook.for_path(p, self.opts)
        rel = live.rel(p)
        if rel is None or not live.holds(rel):
            return None  # not a page booklint checks (excluded, not Markdown, outside any book)
        self.books[live.root] = live
        page = self.pages[uri] = Page(live, rel)
        return page

    # -- scheduling ---------------------------------------------------------------------------
    def changed(self, uri: str, text: str, version: int | None, *, delay: float | None = None) -> None:
        self.dirty[uri] = (text, version)
        self.schedule(self.debounce if delay is None else delay)

    def schedule(self, delay: float) -> None:
        """Check after ``delay`` seconds, unless another change comes first (then that one checks)."""
        self.generation += 1
        self.tasks.add(task := asyncio.ensure_future(self._recheck(delay, self.generation)))
        task.add_done_callback(self.tasks.discard)

    async def _recheck(self, delay: float, generation: int) -> None:
        await asyncio.sleep(delay)
        if generation != self.generation:
            return
        async with self.lock:  # one check at a time; a check is never cancelled half-way
            loop = asyncio.get_running_loop()
            dirty, self.dirty = self.dirty, {}
            closed, self.closed = self.closed, []
            await loop.run_in_executor(None, self._apply, dirty, closed)
            first = await loop.run_in_executor(None, self._check, False)
            self._publish(first)
            if generation != self.generation:  # the author typed on: the next round does the complete check
                return
            full = await loop.run_in_executor(None, self._check, True)
            self._publish(full)
            self._settle()

    def _settle(self) -> None:
        """Set the live book aside from the cyclic collector (``gc.freeze``): after a check the
        collector would otherwise walk millions of long-lived objects while the author types the
        next key (~50 ms a time). Once every :data:`COLLECT_EVERY` checks what earlier books left
        in reference cycles is collected."""
        import gc

        self.checks += 1
        if self.checks % COLLECT_EVERY == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()

    def _apply(self, dirty: dict[str, tuple[str, int | None]], closed: list[str]) -> None:
        for uri, (text, version) in dirty.items():
            page = self.page_for(uri)
            if page is not None:
                page.live.set_text(page.rel, text)
                page.version = version
        for uri in closed:
            page = self.pages.pop(uri, None)
            if page is not None and not any(p.live is page.live and p.rel == page.rel for p in self.pages.values()):
                page.live.revert(page.rel)

    def _check(self, complete: bool) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for live in {id(p.live): p.live for p in self.pages.values()}.values():
            open_here = {uri: p for uri, p in self.pages.items() if p.live is live}
            targets = {p.rel for p in open_here.values()}
            codes = live.rule_codes(book_wide_prose=None if complete else False, targets=targets)
            found = live.check(targets, codes)
            for uri, p in open_here.items():
                mine = [f for f in found if f.path == p.rel]
                if complete:
                    p.findings, p.checked_text = mine, live.text(p.rel)
                else:
                    mine = sorted(mine + _carried(p, live.text(p.rel) or ""), key=Finding.sort_key)
                out[uri] = mine
        return out

    def _publish(self, results: dict[str, list[Finding]]) -> None:
        for uri, findings in results.items():
            page = self.pages.get(uri)
            if page is None:
                continue
            page.shown = findings
            # the version of the text these findings are about (the editor may be a keystroke ahead)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=page.version,
                diagnostics=[diagnostic(page, f) for f in findings]))

    def forget(self, uri: str) -> None:
        if uri in self.pages:
            self.closed.append(uri)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            self.schedule(0)


def _carried(page: Page, text: str) -> list[Finding]:
    """The page's last spelling and terminology findings, moved along with the edits made since
    (a finding on a changed line is dropped until the complete check finds it again)."""
    old = page.checked_text
    kept = [f for f in page.findings if (r := RULES.get(f.code)) is not None and r.family in BOOK_WIDE_PROSE]
    if old is None or not kept:
        return []
    if old == text:
        return kept
    a, b = old.split("\n"), text.split("\n")
    moved: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                moved[i1 + k + 1] = j1 + k + 1
    out = []
    for f in kept:
        if f.line in moved and f.end_line in moved and moved[f.end_line] - moved[f.line] == f.end_line - f.line:
            out.append(replace(f, line=moved[f.line], end_line=moved[f.end_line], fix=None, edit_positions=()))
    return out


# -- positions: booklint counts characters from 1, LSP counts UTF-16 code units from 0 --------

def _utf16(line_text: str, column: int) -> int:
    head = line_text[: max(0, column - 1)]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def _position(page: Page, line: int, column: int) -> types.Position:
    doc = page.live.book.docs.get(page.rel)
    text = doc.source.line_text(line) if doc is not None and line <= doc.source.line_count else ""
    return types.Position(line=max(0, line - 1), character=_utf16(text, column))


def _range(page: Page, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    return types.Range(start=_position(page, line, column), end=_position(page, end_line, end_column))


def diagnostic(page: Page, f: Finding) -> types.Diagnostic:
    return types.Diagnostic(
        range=_range(page, f.line, f.column, f.end_line, f.end_column),
        message=f.message, severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
        code=f.code, source="booklint",
        data={"name": f.name, "fixable": f.fix is not None},
    )


def _inside(pos: types.Position, r: types.Range) -> bool:
    return (r.start.line, r.start.character) <= (pos.line, pos.character) <= (r.end.line, r.end.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return not ((a.end.line, a.end.character) < (b.start.line, b.start.character)
                or (b.end.line, b.end.character) < (a.start.line, a.start.character))


def code_actions(server: BooklintServer, uri: str, where: types.Range) -> list[types.CodeAction]:
    page = server.pages.get(uri)
    if page is None:
        return []
    actions = []
    for f in page.shown:
        if f.fix is None or not f.fix.edits or len(f.edit_positions) != len(f.fix.edits):
            continue
        diag = diagnostic(page, f)
        if not _overlaps(diag.range, where):
            continue
        edits = [types.TextEdit(range=_range(page, *pos), new_text=e.new)
                 for e, pos in zip(f.fix.edits, f.edit_positions, strict=True)]
        title = f"{f.fix.description} ({f.code})" + ("" if f.fix.safe else " — unsafe: check the result")
        actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                                        is_preferred=f.fix.safe,
                                        edit=types.WorkspaceEdit(changes={uri: edits})))
    return actions


def hover(server: BooklintServer, uri: str, pos: types.Position) -> types.Hover | None:
    page = server.pages.get(uri)
    if page is None:
        return None
    parts = []
    for f in page.shown:
        if _inside(pos, _range(page, f.line, f.column, f.end_line, f.end_column)):
            rule = RULES.get(f.code)
            doc = rule.doc.strip() if rule else ""
            parts.append(f"**{f.code} {f.name}**: {f.message}\n\n{doc}")
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def make_server(opts: Options | None = None, debounce: float = 0.05) -> BooklintServer:
    server = BooklintServer(opts, debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BooklintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.changed(params.text_document.uri, params.text_document.text, params.text_document.version, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BooklintServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        ls.changed(params.text_document.uri, doc.source, doc.version)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: BooklintServer, params: types.DidSaveTextDocumentParams) -> None:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        ls.changed(params.text_document.uri, doc.source, doc.version, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BooklintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.dirty.pop(params.text_document.uri, None)
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: BooklintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return code_actions(ls, params.text_document.uri, params.range)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: BooklintServer, params: types.HoverParams) -> types.Hover | None:
        return hover(ls, params.text_document.uri, params.position)

    return server


def serve(opts: Options | None = None, debounce: float = 0.05) -> None:
    """Speak LSP on stdin and stdout until the client says exit."""
    import gc

    # the live book is millions of long-lived objects: with the default thresholds the collector
    # walks all of them again every few thousand allocations a keystroke makes (as `check` does)
    gc.set_threshold(100_000, 50, 100)
    make_server(opts, debounce).start_io()
