"""What a book's author switched off, and where: each page's directives resolved to rule codes.

The document layer reads the directives (:mod:`booklint.document.directives`); this module
turns their words into codes with the registry, once a run per page (through the Book's
memo), for the engine, which drops covered findings, and for X002, which reports words that
name no rule. Codes may be prefixes (``S``) or names (``broken-link``), as in config.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document.model import Span
from .registry import resolve_selector

if TYPE_CHECKING:
    from .book.model import Book

ALL = "*"


@dataclass
class Suppressions:
    file_codes: set[str] = field(default_factory=set)
    # (code or "*", first line, last line) inclusive
    ranges: list[tuple[str, int, int]] = field(default_factory=list)
    unknown: list[tuple[str, Span]] = field(default_factory=list)

    def covers(self, code: str, line: int) -> bool:
        if ALL in self.file_codes or code in self.file_codes:
            return True
        for c, a, z in self.ranges:
            if (c == ALL or c == code) and a <= line <= z:
                return True
        return False


def suppressions(book: Book, rel: str) -> Suppressions:
    """The suppressions of page ``rel``, resolved once a run."""
    return book.memo(("suppress", rel), lambda: _resolve(book.docs[rel]))


def _codes(words: tuple[str, ...], span: Span, sup: Suppressions) -> list[str]:
    words = tuple(w for w in words if w)
    if not words:
        return [ALL]
    out: list[str] = []
    for w in words:
        codes = resolve_selector(w)
        if not codes:
            sup.unknown.append((w, span))
        out.extend(codes)
    return out


def _resolve(doc) -> Suppressions:
    sup = Suppressions()
    open_at: dict[str, int] = {}
    for d in doc.directives:
        codes = _codes(d.words, d.span, sup)
        if d.kind == "disable-file":
            sup.file_codes.update(codes)
        elif d.kind == "disable-next-line":
            for code in codes:
                sup.ranges.append((code, d.end_line + 1, d.end_line + 1))
        elif d.kind == "disable-line":
            for code in codes:
                sup.ranges.append((code, d.line, d.end_line))
        elif d.kind == "disable":
            for code in codes:
                open_at.setdefault(code, d.line)
        else:  # enable
            targets = list(open_at) if codes == [ALL] else codes
            for code in targets:
                start = open_at.pop(code, None)
                if start is not None:
                    sup.ranges.append((code, start, d.line))
    for code, start in open_at.items():
        sup.ranges.append((code, start, doc.source.line_count))
    return sup
