"""Regions of a page that rules skip: code (and math), as sorted spans with a fast membership test."""

from __future__ import annotations

import bisect

from ..document.model import Document, Span


class Regions:
    """Sorted, non-overlapping spans with an O(log n) "is this offset inside one?" test."""

    def __init__(self, spans):
        """``spans``: objects with ``start`` and ``end``."""
        self._merge([(sp.start, sp.end) for sp in spans])

    @classmethod
    def from_pairs(cls, pairs) -> Regions:
        """From (start, end) tuples: no object made a span where a page has thousands."""
        out = cls.__new__(cls)
        out._merge(pairs)
        return out

    def _merge(self, pairs) -> None:
        merged: list[list[int]] = []
        for s in sorted(pairs):
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
    """Code blocks and code spans: text no Markdown, HTML or character rule should read."""
    return Regions([c.span for c in doc.code_blocks] + [c.span for c in doc.code_spans])


def code_and_math_regions(doc: Document, extra=()) -> Regions:
    """Code, math, and any ``extra`` spans: text whose `<` is not HTML."""
    return Regions([c.span for c in doc.code_blocks] + [c.span for c in doc.code_spans] + [m.span for m in doc.math]
                   + list(extra))
