"""The parsed bibliography: entries and fields with exact source positions, and problems.

Positions are 1-based lines and columns (columns count Unicode characters). An end column is
one past the last character, as in SARIF and LSP. Lines already include the ``first_line``
offset given to the parser, so a BibTeX block embedded in a README reports README lines.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..slotted import frozen_slots

__all__ = [
    "BibEntry",
    "BibField",
    "BibProblem",
    "Bibliography",
    "FailedBlock",
    "LineIndex",
    "Span",
]


@frozen_slots
class BibProblem:
    """One finding about a bibliography.

    ``kind`` is a stable kebab-case id (see :data:`booklint.bibliography.KINDS`); ``message``
    says what is wrong in a book author's words, and its second sentence says how to fix it.
    """

    kind: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    entry_key: str | None = None
    field: str | None = None


@frozen_slots
class Span:
    line: int
    column: int
    end_line: int
    end_column: int


class LineIndex:
    """Maps character offsets of a text to (line, column), with a line offset."""

    __slots__ = ("_starts", "first_line", "first_column", "length")

    def __init__(self, text: str, first_line: int = 1, first_column: int = 1) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in re.finditer("\n", text))
        self.first_line = first_line
        self.first_column = first_column
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        i = bisect.bisect_right(self._starts, offset) - 1
        col = offset - self._starts[i] + 1
        if i == 0:
            col += self.first_column - 1
        return i + self.first_line, col

    def span(self, start: int, end: int) -> Span:
        line, col = self.position(start)
        end_line, end_col = self.position(max(start, end))
        return Span(line, col, end_line, end_col)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a (first_line-based) line."""
        i = min(max(0, line - self.first_line), len(self._starts) - 1)
        return self._starts[i]


@dataclass(slots=True)
class BibField:
    """One ``name = value`` pair of an entry.

    ``raw`` is the value exactly as written (with its braces or quotes, or a bare macro or
    number, or a ``#`` concatenation); ``value`` is the LaTeX source after delimiters are
    removed, parts concatenated and ``@string`` macros expanded (inner braces are kept);
    :attr:`text` is the plain Unicode text. Offsets are character offsets into the parsed
    text; the ``*_span`` properties turn them into lines and columns.
    """

    name: str
    raw: str
    value: str
    index: LineIndex = field(repr=False)
    name_start: int = 0
    value_start: int = 0  # offset of raw[0]
    value_end: int = 0  # offset after the value
    # absolute offset (in the parsed text) of value[0] when value maps 1:1 onto the source,
    # else None (concatenations, macros)
    value_offset: int | None = None
    _text: str | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        """The field name in lower case (BibTeX field names are case-insensitive)."""
        return self.name.lower()

    @property
    def span(self) -> Span:
        """From the field name to the end of its value."""
        return self.index.span(self.name_start, self.value_end)

    @property
    def name_span(self) -> Span:
        return self.index.span(self.name_start, self.name_start + len(self.name))

    @property
    def value_span(self) -> Span:
        return self.index.span(self.value_start, self.value_end)

    @property
    def line(self) -> int:
        return self.index.position(self.name_start)[0]

    @property
    def text(self) -> str:
        if self._text is None:
            from .latex import latex_to_text

            self._text = latex_to_text(self.value)
        return self._text


@dataclass(slots=True)
class BibEntry:
    """One ``@type{key, fields...}`` entry."""

    entry_type: str  # lower case
    type_as_written: str
    key: str
    fields: list[BibField]
    index: LineIndex = field(repr=False)
    start: int = 0  # offset of the "@"
    end: int = 0  # offset after the closing delimiter
    key_start: int = 0
    _by_name: dict[str, BibField] | None = field(default=None, repr=False)

    @property
    def span(self) -> Span:
        return self.index.span(self.start, self.end)

    @property
    def key_span(self) -> Span:
        return self.index.span(self.key_start, self.key_start + len(self.key))

    @property
    def head_span(self) -> Span:
        """From the ``@`` to the end of the key: where entry-level problems point."""
        return self.index.span(self.start, max(self.key_start + len(self.key), self.start + 1))

    @property
    def line(self) -> int:
        return self.index.position(self.start)[0]

    def _index(self) -> dict[str, BibField]:
        if self._by_name is None:
            d: dict[str, BibField] = {}
            for f in self.fields:
                d.setdefault(f.key, f)
            self._by_name = d
        return self._by_name

    def get(self, name: str) -> BibField | None:
        """The first field of that name (case-insensitive), or None."""
        return self._index().get(name.lower())

    def has(self, name: str) -> bool:
        f = self.get(name)
        return f is not None and f.value.strip() != ""

    def text(self, name: str, default: str = "") -> str:
        """Plain text of a field (LaTeX decoded, white space collapsed), or ``default``."""
        f = self.get(name)
        return f.text if f is not None else default

    def names(self) -> list[str]:
        return list(self._index())


@frozen_slots
class FailedBlock:
    """A block the parser had to give up on; its type and key when they could be read."""

    entry_type: str | None
    key: str | None
    span: Span


@dataclass(slots=True)
class Bibliography:
    """A parsed .bib text: entries in source order, macros, and parse problems."""

    entries: list[BibEntry]
    strings: dict[str, str]
    problems: list[BibProblem]
    failed: list[FailedBlock]
    index: LineIndex
    source: str | None = None  # a path or label, for callers' convenience
    _by_key: dict[str, BibEntry] | None = field(default=None, repr=False)

    def by_key(self) -> dict[str, BibEntry]:
        """First entry for each key (keys compared exactly, as BibTeX and Distill do)."""
        if self._by_key is None:
            d: dict[str, BibEntry] = {}
            for e in self.entries:
                d.setdefault(e.key, e)
            self._by_key = d
        return self._by_key

    def get(self, key: str) -> BibEntry | None:
        return self.by_key().get(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self.by_key()

    def keys(self) -> set[str]:
        """Every key defined, including keys of entries that failed to parse."""
        ks = set(self.by_key())
        ks.update(b.key for b in self.failed if b.key)
        return ks
