"""Where each inline token of markdown-it came from.

markdown-it gives block tokens a line range and inline tokens no position at all. We
rebuild exact offsets in two steps, both linear:

1. ``ContentMap``: the ``content`` of an inline token is its source lines with block
   markers and indentation removed (and the whole stripped). Each content line is a
   suffix of its source line, so one offset per line maps content offsets to file offsets.
2. ``walk_inline``: with markdown-it's ``text_join`` rule disabled, every child token's
   source form is known (text is verbatim, escapes and entities keep their ``markup``), so
   a cursor moving through the content finds each child where it was written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from markdown_it.common.utils import MD_TRIM_CHARS, isStrSpace
from markdown_it.helpers import parseLinkDestination, parseLinkTitle


class ContentMap:
    """Maps offsets in an inline token's ``content`` to offsets in the file's text."""

    def __init__(self, text: str, line_starts: list[int], first_line: int, content: str, cursor: int | None = None,
                 cell: bool = False):
        # first_line: 0-based line index of the token's first line in ``text``;
        # cell: the token is a table cell (one line; cursor is where the row's previous cell ended)
        self.content = content
        self._cstarts: list[int] = []  # content offset of each content line
        self._gstarts: list[int] = []  # file offset where that content line begins
        coff = 0
        n_lines = len(line_starts)
        for j, cline in enumerate(content.split("\n")):
            li = first_line + j
            if li >= n_lines:
                g = len(text)
            else:
                ls = line_starts[li]
                le = line_starts[li + 1] - 1 if li + 1 < n_lines else len(text)
                if cell and j == 0 and "|" in cline:
                    pieces = self._locate_cell(text, max(cursor or 0, ls), le, cline)
                    if pieces is not None:
                        for c, g in pieces:
                            self._cstarts.append(coff + c)
                            self._gstarts.append(g)
                        coff += len(cline) + 1
                        continue
                first = (cursor if cursor is not None else ls) if cell else cursor  # a row's first cell starts the search
                g = self._locate(text, ls, le, cline, first if j == 0 else None)
            self._cstarts.append(coff)
            self._gstarts.append(g)
            coff += len(cline) + 1

    @staticmethod
    def _locate_cell(text: str, start: int, le: int, cline: str) -> list[tuple[int, int]] | None:
        """A table cell whose content has a `|`: markdown-it wrote it for `\\|` in the source
        (the backslash of an escaped pipe is dropped when the row is split into cells), so
        the cell is found with each `|` allowed to stand for `\\|`, and each piece after a
        dropped backslash gets its own offset."""
        parts = cline.split("|")
        pattern = "(" + r")\\?\|(".join(re.escape(p) for p in parts) + ")"
        m = re.compile(pattern).search(text, start, le)
        if m is None:
            return None
        out = []
        c = 0
        for i, p in enumerate(parts):
            g = m.start(i + 1)
            if i:
                out.append((c - 1, g - 1))  # the `|` itself
            out.append((c, g))
            c += len(p) + 1
        return out

    @staticmethod
    def _locate(text: str, ls: int, le: int, cline: str, cursor: int | None) -> int:
        if cursor is not None:  # several inline tokens on one line (table cells)
            k = text.find(cline, max(cursor, ls), le) if cline else -1
            return k if k != -1 else max(cursor, ls)
        # markdown-it trims content with CommonMark's whitespace, not Python's: U+0085 and
        # other characters `str.strip()` removes are content to it, so they are here too.
        stripped = cline.rstrip(MD_TRIM_CHARS)
        src_end = le
        while src_end > ls and text[src_end - 1] in " \t":
            src_end -= 1
        if not stripped:
            return src_end
        if text.endswith(stripped, ls, src_end):
            return src_end - len(stripped)
        k = text.find(stripped, ls, le)
        return k if k != -1 else ls

    def __call__(self, offset: int) -> int:
        j = bisect.bisect_right(self._cstarts, offset) - 1
        if j < 0:
            j = 0
        return self._gstarts[j] + (offset - self._cstarts[j])

    @property
    def start(self) -> int:
        return self._gstarts[0]


def _find(content: str, needle: str, cursor: int) -> int:
    k = content.find(needle, cursor)
    return k if k != -1 else cursor


def _code_span_end(content: str, start: int, marker: str) -> int:
    """End (exclusive) of a code span opened by ``marker`` at ``start``."""
    n = len(marker)
    pos = start + n
    while True:
        k = content.find(marker, pos)
        if k == -1:
            return len(content)
        end = k + n
        if (end >= len(content) or content[end] != "`") and content[k - 1] != "`":
            return end
        while end < len(content) and content[end] == "`":
            end += 1
        pos = end


def _label_end(content: str, start: int) -> int:
    """Offset of the `]` closing a link label whose `[` is at ``start`` (escapes and nesting)."""
    depth = 0
    i = start
    n = len(content)
    while i < n:
        c = content[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            j = i
            while j < n and content[j] == "`":
                j += 1
            i = _code_span_end(content, i, content[i:j])
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


def link_tail(content: str, close: int) -> tuple[int, int, int, bool]:
    """After the `]` at ``close``: (dest_start, dest_end, tail_end, inline).

    For an inline link `](dest "title")` the destination's exact span; for a reference
    link `][ref]` / `]` the span is empty at the label.
    """
    n = len(content)
    pos = close + 1
    if pos < n and content[pos] == "(":
        pos += 1
        while pos < n and isStrSpace(content[pos]) or (pos < n and content[pos] == "\n"):
            pos += 1
        res = parseLinkDestination(content, pos, n)
        dest_start = pos
        dest_end = res.pos if res.ok else pos
        pos = dest_end
        while pos < n and (isStrSpace(content[pos]) or content[pos] == "\n"):
            pos += 1
        if pos < n and content[pos] in "\"'(":
            t = parseLinkTitle(content, pos, n)
            if t.ok:
                pos = t.pos
        while pos < n and (isStrSpace(content[pos]) or content[pos] == "\n"):
            pos += 1
        if pos < n and content[pos] == ")":
            pos += 1
        return dest_start, dest_end, pos, True
    if pos < n and content[pos] == "[":
        end = content.find("]", pos)
        end = n if end == -1 else end + 1
        return close, close, end, False
    return close, close, pos, False


def walk_inline(children: list, content: str) -> Iterator[tuple[object, int, int, dict]]:
    """Yield (token, start, end, extra) with content offsets for each child token.

    ``extra`` carries sub-spans: for links and images ``dest`` (start, end) of the
    destination and ``inline`` (bool); for links the span covers only the opening `[`
    (the closing token carries the tail).
    """
    cur = 0
    link_stack: list[int] = []
    for tok in children:
        s, e, extra, nxt = locate_child(tok, tok.type, content, cur, link_stack)
        yield tok, s, e, extra
        cur = nxt


_NO_EXTRA: dict = {}  # shared by the tokens without sub-spans: never written to


def locate_child(tok, t: str, content: str, cur: int, link_stack: list[int]) -> tuple[int, int, dict, int]:
    """One step of :func:`walk_inline`: (start, end, extra, the cursor for the next child) of
    ``tok`` (of type ``t``), with the cursor at ``cur``; ``link_stack`` is the walk's state."""
    if t == "text":
        c = tok.content
        if c:
            s = content.find(c, cur)
            if s == -1:
                s = cur
        else:
            s = cur
        e = s + len(c)
        return s, e, _NO_EXTRA, e if e > cur else cur
    extra: dict = _NO_EXTRA
    if t == "text_special":
        m = tok.markup or tok.content
        s = _find(content, m, cur)
        e = s + len(m)
    elif t in ("softbreak", "hardbreak"):
        k = content.find("\n", cur)
        if k == -1:
            s = e = cur
        else:
            s, e = k, k + 1
    elif t in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
        s = _find(content, tok.markup, cur)
        e = s + len(tok.markup)
    elif t == "code_inline":
        s = _find(content, tok.markup, cur)
        e = _code_span_end(content, s, tok.markup)
    elif t in ("math_inline", "math_inline_double"):
        m = tok.markup or ("$" if t == "math_inline" else "$$")
        s = _find(content, m + tok.content + m, cur)
        e = s + len(tok.content) + 2 * len(m)
    elif t == "html_inline":
        s = _find(content, tok.content, cur)
        e = s + len(tok.content)
    elif t == "link_open":
        if tok.markup == "autolink":
            s = _find(content, "<", cur)
            e = content.find(">", s)
            e = len(content) if e == -1 else e + 1
            link_stack.append(-1)
            return s, e, {"dest": (s + 1, e - 1), "autolink": True}, s + 1
        s = _find(content, "[", cur)
        e = s + 1
        link_stack.append(s)
    elif t == "link_close":
        start = link_stack.pop() if link_stack else -1
        if start == -1:  # autolink: the closing `>`
            s = _find(content, ">", cur)
            e = s + 1
        else:
            close = _label_end(content, start)
            ds, de, tail, inline = link_tail(content, close)
            s, e = start, tail
            extra = {"dest": (ds, de), "inline": inline, "label_end": close}
    elif t == "image":
        s = _find(content, "![", cur)
        close = _label_end(content, s + 1)
        ds, de, e, inline = link_tail(content, close)
        extra = {"dest": (ds, de), "inline": inline}
    else:  # liquid_inline and anything a plugin adds: its content is verbatim
        raw = tok.markup or tok.content
        s = _find(content, raw, cur) if raw else cur
        e = s + len(raw)
    return s, e, extra, e if e > cur else cur
