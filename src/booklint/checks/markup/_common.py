"""What the markup rules share: which renderer reads a file, and small position helpers."""

from __future__ import annotations

import bisect

from ...document.model import Document, Span


def jekyll_renders(book, doc: Document) -> bool:
    """Jekyll runs this file through Liquid: a Jekyll site, front matter, and not excluded."""
    if book.dialect != "jekyll":
        return False
    if doc.front_matter is None and not any(n.kind == "unterminated-front-matter" for n in doc.notes):
        return False  # no front matter: Jekyll copies the file as it is (a broken one is still meant as a page)
    if doc.front_matter is not None and doc.front_matter.get("render_with_liquid") is False:
        return False  # Jekyll 4.1+: the page opts out of Liquid
    return doc.path in book.site.published


def kramdown_renders(book, doc: Document) -> bool:
    """kramdown turns this file into HTML (a page of a Jekyll site with `markdown: kramdown`)."""
    return book.slugger_for(doc.path) in ("kramdown", "kramdown-gfm")


def line_of(doc: Document, offset: int) -> int:
    return doc.source.line_col(offset)[0]


def heading_marker_span(doc: Document, h) -> Span:
    """The heading's first line (its `##` marker and text)."""
    line = line_of(doc, h.span.start)
    return Span(h.span.start, max(h.span.start, min(h.span.end, doc.source.line_end(line))))


def front_matter_span(fm, path) -> Span:
    """Where the front-matter key at ``path`` is written: its value, else its key, else the opening `---`."""
    return fm.value_spans.get(path) or fm.key_spans.get(path) or Span(fm.span.start, fm.span.start + 3)


class Regions:
    """Sorted, non-overlapping spans with an O(log n) "is this offset inside one?" test."""

    def __init__(self, spans):
        merged: list[list[int]] = []
        for s in sorted((sp.start, sp.end) for sp in spans):
            if merged and s[0] <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], s[1])
            else:
                merged.append([s[0], s[1]])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def find(self, offset: int) -> int:
        """Index of the region holding ``offset``, or -1."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return i
        return -1

    def __contains__(self, offset: int) -> bool:
        return self.find(offset) != -1

    def span(self, i: int) -> Span:
        return Span(self.starts[i], self.ends[i])


def code_regions(doc: Document) -> Regions:
    """Code blocks and code spans: text no Markdown or HTML rule should read."""
    return Regions([c.span for c in doc.code_blocks] + [c.span for c in doc.code_spans])


def code_and_math_regions(doc: Document, extra=()) -> Regions:
    """Code, math, and any ``extra`` spans: text whose `<` is not HTML."""
    return Regions([c.span for c in doc.code_blocks] + [c.span for c in doc.code_spans] + [m.span for m in doc.math]
                   + list(extra))
