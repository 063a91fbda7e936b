"""Where things are written on a page: line numbers, a heading's first line, a front-matter key."""

from __future__ import annotations

from ..document.model import Document, Span


def line_of(doc: Document, offset: int) -> int:
    return doc.source.line_col(offset)[0]


def heading_marker_span(doc: Document, h) -> Span:
    """The heading's first line (its `##` marker and text)."""
    line = line_of(doc, h.span.start)
    return Span(h.span.start, max(h.span.start, min(h.span.end, doc.source.line_end(line))))


def front_matter_span(fm, path) -> Span:
    """Where the front-matter key at ``path`` is written: its value, else its key, else the opening `---`."""
    return fm.value_spans.get(path) or fm.key_spans.get(path) or Span(fm.span.start, fm.span.start + 3)
