"""What a rule gets besides its Document: the book, its settings, and a finding factory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .document.model import Document, Span
from .document.source import Source
from .findings import Finding, Fix
from .registry import Rule

if TYPE_CHECKING:
    from .book.model import Book
    from .config import Config


class Context:
    """One rule's view of the run: the book, the configuration, and how to make a finding."""

    def __init__(self, book: Book, config: Config, rule: Rule):
        self.book = book
        self.config = config
        self.rule = rule
        self.severity = config.severity.get(rule.code) or rule.severity

    def settings(self, family: str | None = None) -> dict[str, Any]:
        """The settings of ``family`` (default: the rule's own), defaults filled in."""
        return self.config.family(family or self.rule.family)

    def finding(self, where: Document | Source, span: Span, message: str, *, fix: Fix | None = None) -> Finding:
        """A finding at ``span`` (offsets into the file's text)."""
        src = where.source if isinstance(where, Document) else where
        n = len(src.text)
        start = max(0, min(span.start, n))
        end = max(start, min(span.end, n))
        line, col = src.line_col(start)
        eline, ecol = src.line_col(end)
        if (eline, ecol) == (line, col) and start < n and src.text[start] != "\n":
            ecol += 1  # an empty span still marks one character
        positions: tuple = ()
        if fix is not None:
            positions = tuple((*src.line_col(e.start), *src.line_col(e.end)) for e in fix.edits)
        return Finding(src.path, line, col, eline, ecol, self.rule.code, self.rule.name, self.severity, message,
                       fix, start, end, positions)

    def finding_at(self, where: Document | Source, line: int, column: int, message: str, *,
                   end_line: int | None = None, end_column: int | None = None, fix: Fix | None = None) -> Finding:
        """A finding at a 1-based line and column (for libraries that count lines themselves)."""
        src = where.source if isinstance(where, Document) else where
        line = max(1, min(line, src.line_count))
        start = src.offset(line, max(1, column))
        if end_line is not None and end_column is not None:
            end_line = max(line, min(end_line, src.line_count))
            end = src.offset(end_line, max(1, end_column))
        else:
            end = start
        return self.finding(src, Span(start, max(start, end)), message, fix=fix)
