"""What a book's author switched off, and where: each page's directives resolved to rule codes.

The document layer reads the directives (:mod:`booklint.document.directives`); this module
turns their words into codes with the registry, once a run per page (through the Book's
memo), for the engine, which drops covered findings, and for X002, which reports words that
name no rule. Codes may be prefixes (``S``) or names (``broken-link``), as in config.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document.directives import read_line_directives
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
    """The suppressions of page ``rel`` (or of a side file: a .bib, a YAML file), resolved once a run."""
    if rel in book.docs:
        return book.memo(("suppress", rel), lambda: _resolve(book.docs[rel]))
    return book.memo(("suppress", rel), lambda: _resolve_side(book, rel))


def _resolve_side(book: Book, rel: str) -> Suppressions:
    """Comment lines of a side file (:func:`~booklint.document.directives.read_line_directives`).
    ``disable-next-entry`` covers the .bib entry that starts on the next line whose first
    character is `@`, up to the line before the next such line (BibTeX ignores the text between
    entries, so a comment line there changes nothing; inside an entry it would not be safe)."""
    sup = Suppressions()
    try:
        src = book.source(rel)
    except Exception:  # an unreadable file has nothing switched off
        return sup
    if src is None:
        return sup
    directives = read_line_directives(src)
    if not directives:
        return sup
    lines = src.text.split("\n")
    entry_starts = [i + 1 for i, t in enumerate(lines) if t.lstrip().startswith("@")]
    for d in directives:
        codes = _codes(d.words, d.span, sup)
        if d.kind == "disable-file":
            sup.file_codes.update(codes)
        elif d.kind == "disable-next-line":
            for code in codes:
                sup.ranges.append((code, d.line + 1, d.line + 1))
        else:  # disable-next-entry
            start = next((n for n in entry_starts if n > d.line), None)
            if start is None:
                continue
            end = next((n - 1 for n in entry_starts if n > start), len(lines))
            for code in codes:
                sup.ranges.append((code, start, end))
    return sup


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
