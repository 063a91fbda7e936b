"""A file's bytes turned into text, with the facts of that decoding and a line index.

Every position booklint reports is an offset into :attr:`Source.text`, converted to a
1-based line and column here. The text has its line endings normalised to ``\\n`` (the
Markdown parser does the same, so offsets agree); lines and columns are the same in the
original file, which is what :mod:`booklint.fix` relies on to write edits back.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DecodeProblem:
    """A stretch of bytes that is not valid UTF-8 (replaced by U+FFFD in the text)."""

    byte_offset: int
    length: int
    offset: int  # offset of the replacement character in Source.text


@dataclass(eq=False)
class Source:
    """A file's bytes and its text. When the text is the bytes decoded as they are (UTF-8, no
    `\\r`), the bytes are not kept but made again from the text on demand (:attr:`raw`): a big
    book's pages are held, pickled and cached once, not twice."""

    path: str  # relative to the book root, "/" separators
    _raw: bytes | None  # None: the bytes are the BOM (if any) and the text encoded
    text: str
    bom: bool = False
    decode_problems: list[DecodeProblem] = field(default_factory=list)
    binary: bool = False
    _starts: array = field(default_factory=lambda: array("I"), repr=False)  # line start offsets

    @property
    def raw(self) -> bytes:
        if self._raw is not None:
            return self._raw
        body = self.text.encode("utf-8")
        return b"\xef\xbb\xbf" + body if self.bom else body

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Source):
            return NotImplemented
        return (self.path, self.text, self.bom, self.decode_problems, self.binary) == (
            other.path, other.text, other.bom, other.decode_problems, other.binary) and self.raw == other.raw

    @classmethod
    def from_bytes(cls, path: str, raw: bytes) -> Source:
        bom, body, text, problems = _decoded(raw)
        binary = b"\x00" in body[:8192]
        kept: bytes | None = raw if problems else None  # a clean decode is made again from the text
        if "\r" in text:
            kept = raw
            if problems:  # keep the offsets of decode problems true after normalising
                crlf = [m.start() for m in re.finditer("\r\n", text)]  # one pass, not one count per problem
                problems = [
                    DecodeProblem(p.byte_offset, p.length, p.offset - bisect.bisect_left(crlf, p.offset))
                    for p in problems
                ]
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        src = cls(path, kept, text, bom=bom, decode_problems=problems, binary=binary)
        src._index()
        return src

    @staticmethod
    def text_of(raw: bytes) -> str:
        """``Source.from_bytes(path, raw).text`` without the rest (the line index, the problems'
        offsets): for a quick look at a file's start."""
        text = _decoded(raw)[2]
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text

    @classmethod
    def from_text(cls, path: str, text: str) -> Source:
        return cls.from_bytes(path, text.encode("utf-8"))

    def _index(self) -> None:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = array("I" if len(self.text) < 1 << 32 else "Q", starts)

    # -- positions -------------------------------------------------------------------
    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[max(0, min(line, len(self._starts)) - 1)]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of ``line`` (before its newline)."""
        if line >= len(self._starts):
            return len(self.text)
        return self._starts[line] - 1

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def offset(self, line: int, column: int) -> int:
        return min(self.line_start(line) + column - 1, len(self.text))

    def line_of_byte(self, byte_offset: int) -> int:
        return self.raw[:byte_offset].count(b"\n") + 1


_BAD = re.compile("[\udc80-\udcff]+")


def _decoded(raw: bytes) -> tuple[bool, bytes, str, list[DecodeProblem]]:
    """(a BOM starts it, the bytes after it, their text, where they are not UTF-8): the decode
    :meth:`Source.from_bytes` and :meth:`Source.text_of` share (line ends not yet normalised)."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    try:
        return bom, body, body.decode("utf-8"), []
    except UnicodeDecodeError:
        text, problems = _decode_with_problems(body)
        return bom, body, text, problems


def _decode_with_problems(body: bytes) -> tuple[str, list[DecodeProblem]]:
    """Decode UTF-8, replacing each run of invalid bytes by one U+FFFD and remembering where.

    Linear: ``surrogateescape`` keeps each bad byte as a lone surrogate, which a regex finds.
    """
    escaped = body.decode("utf-8", "surrogateescape")
    parts: list[str] = []
    problems: list[DecodeProblem] = []
    prev = 0
    byte_pos = 0
    out_len = 0
    for m in _BAD.finditer(escaped):
        good = escaped[prev : m.start()]
        parts.append(good)
        byte_pos += len(good.encode("utf-8"))
        out_len += len(good)
        bad_len = m.end() - m.start()  # one surrogate per bad byte
        problems.append(DecodeProblem(byte_pos, bad_len, out_len))
        parts.append("\ufffd")
        out_len += 1
        byte_pos += bad_len
        prev = m.end()
    parts.append(escaped[prev:])
    return "".join(parts), problems


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """Lines as Markdown (and booklint's line numbers) count them: ends at ``\\n``, ``\\r\\n`` or ``\\r``
    only. ``str.splitlines()`` also breaks at U+0085, U+2028, ``\\f`` and others, which would put a
    diff or a word list out of step with the file's real lines."""
    out = _LINE.findall(text)
    return out if keepends else [s.rstrip("\r\n") for s in out]
