"""The formulas a page's KaTeX auto-render finds, and where each character came from.

On a kramdown page, `$...$` is text: kramdown copies it into the HTML like any other text
(after its span parsers: escapes lose their backslash, `*...*` becomes emphasis...), and the
Distill template's auto-render (a copy of KaTeX's contrib/auto-render) later looks for the
delimiters in each *text node* of the article. It pairs them on its own terms: the first `$`
of a text node opens a formula and the next `$` outside braces closes it, whatever the author
meant. So what KaTeX gets is decided here, not by the Markdown parser's pairing, which only
tells what the author most likely meant.

:func:`text_nodes` rebuilds the text nodes of each paragraph, heading and table cell from
the Document's inline items: text, escapes and entities as kramdown writes them, `$...$` as
kramdown's span parsers leave it (an element kramdown inserts ends the node), `$$` math as the
`\\(...\\)` kramdown writes; emphasis, links, code, HTML and line breaks end a node.
:func:`split_text_node` is the auto-render's splitWithDelimiters.
"""

from __future__ import annotations

import html as _html
import re
from bisect import bisect_right
from itertools import groupby
from operator import attrgetter

from ..slotted import frozen_slots
from ..tex.kramdown import GFM_ESCAPABLE, kramdown_math_text, table_cell_text

_GROUP = attrgetter("group")
_START = attrgetter("span.start")  # (min/max over a map of these run in C)
_END = attrgetter("span.end")
_TEXT_TYPES = frozenset({"text", "text_special", "softbreak", "math_inline", "math_inline_double"})


@frozen_slots
class Piece:
    """A formula the auto-render finds in a text node."""

    open_at: int                # source offset of the opening delimiter
    close_at: int               # source offset of the closing delimiter
    delimiter: str
    math: str                   # what KaTeX gets
    node: int                   # which text node (pieces of one node share it)
    _node_offsets: _NodeOffsets  # its node's offsets, and where ``math`` is in the node
    _lo: int
    _hi: int

    @property
    def offsets(self) -> tuple[int, ...]:
        """The source offset of each character of ``math`` (spelled out when asked: most pieces are
        the author's formulas, whose offsets the analysis never reads)."""
        return self._node_offsets.slice(self._lo, self._hi)


@frozen_slots
class Lone:
    """A `$` the auto-render leaves as text."""

    at: int
    after: str                  # the node text that follows it
    node: int


_STOPS = {"$": re.compile(r"[\\{}$]"), "$$": re.compile(r"[\\{}]|\$\$")}


def find_end_of_math(delim: str, text: str, start: int) -> int:
    """KaTeX auto-render's findEndOfMath: the next ``delim`` outside braces, skipping escapes.

    It jumps from one character that matters to the next (linear, and fast on long runs)."""
    stops = _STOPS.get(delim) or re.compile(r"[\\{}]|" + re.escape(delim))
    depth = 0
    i = start
    search = stops.search
    while True:
        g = search(text, i)
        if g is None:
            return -1
        j = g.start()
        c = text[j]
        if c == "\\":
            i = j + 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth <= 0:
            return j
        i = j + 1


def split_text_node(text: str, delimiters: tuple[str, ...]) -> list[tuple[str, int, int, str]]:
    """The pieces of one text node, as splitWithDelimiters makes them.

    Returns ("text", start, end, "") and ("math", open, close, delimiter) items, where for
    math ``open`` is the index of the left delimiter and ``close`` that of the right one.
    """
    pieces: list[tuple[str, int, int, str]] = [("text", 0, len(text), "")]
    for delim in delimiters:
        if delim not in text:  # (`$$` in most nodes) no text piece has it: the pieces stay as they are
            continue
        out: list[tuple[str, int, int, str]] = []
        dl = len(delim)
        for kind, s, e, d in pieces:
            if kind != "text":
                out.append((kind, s, e, d))
                continue
            seg = text[s:e]
            nxt = seg.find(delim)
            if nxt == -1:
                out.append(("text", s, e, ""))
                continue
            out.append(("text", s, s + nxt, ""))
            cur = nxt
            looking_for_left = False
            while True:
                if looking_for_left:
                    nxt = seg.find(delim, cur)
                    if nxt == -1:
                        break
                    out.append(("text", s + cur, s + nxt, ""))
                    cur = nxt
                else:
                    nxt = find_end_of_math(delim, seg, cur + dl)
                    if nxt == -1:
                        break
                    out.append(("math", s + cur, s + nxt, delim))
                    cur = nxt + dl
                looking_for_left = not looking_for_left
            out.append(("text", s + cur, e, ""))
        pieces = out
    return pieces


def _offsets(chars: list[str], ats: list) -> list[int]:
    """The source offset of each character of a node built of ``chars``, where each piece's
    ``at`` is one source offset for all of it, or one per character."""
    out: list[int] = []
    for s, at in zip(chars, ats, strict=True):
        if at.__class__ is int:
            out.extend([at] * len(s))
        else:
            out.extend(at)
    return out


def text_nodes(doc, kram=kramdown_math_text, skip: frozenset[int] = frozenset()) -> list[tuple[str, list[int]]]:
    """The text nodes (with a `$` in them) kramdown writes for the document's paragraphs,
    headings and table cells: (text, source offset of each character).

    ``kram(raw, in_table_row=...)`` is kramdown's span model (a caching one may be passed);
    a `$...$` item starting at an offset in ``skip`` is left out (a node ends there).
    """
    return [(s, _offsets(chars, ats)) for s, chars, ats in _nodes(doc, kram, skip)]


def _nodes(doc, kram, skip: frozenset[int]) -> list[tuple[str, list[str], list]]:
    """:func:`text_nodes` with each node's offsets as its pieces give them (see _offsets)."""
    text = doc.text
    out: list[tuple[str, list[str], list]] = []
    if "$" not in text and "&" not in text:
        return out
    # the node being built: its pieces and, for each, one source offset for all of it or one per
    # character (spelled out only for a node that has a `$`: most have none)
    chars: list[str] = []
    ats: list = []

    def flush() -> None:
        if chars:
            s = "".join(chars)
            if "$" in s:
                out.append((s, chars.copy(), ats.copy()))
            chars.clear()
            ats.clear()

    # A node ends where the group does, and only a `$` in the source (or an entity, `&#36;`)
    # puts one in a node: a run of one group whose source has neither makes no node to keep.
    find = text.find
    for _group, run in groupby(doc.inline, _GROUP):
        items = list(run)
        lo = min(map(_START, items))
        hi = max(map(_END, items))
        if find("$", lo, hi) == -1 and find("&", lo, hi) == -1:
            continue
        for t, span, _g, where in items:
            if t not in _TEXT_TYPES:
                if chars:
                    flush()
                continue
            a, z = span.start, span.end
            if t == "text":
                chars.append(text[a:z])
                ats.append(range(a, z))
            elif t == "softbreak":
                chars.append("\n")
                ats.append(a)
            elif t == "text_special":
                raw = text[a:z]
                if raw.startswith("\\") and len(raw) == 2:
                    if raw[1] in GFM_ESCAPABLE:
                        chars.append(raw[1])
                        ats.append(a + 1)
                    else:
                        chars.append(raw)
                        ats.append(range(a, z))
                elif raw.startswith("&"):
                    chars.append(_html.unescape(raw))
                    ats.append(a)
                else:
                    chars.append(raw)
                    ats.append(range(a, z))
            elif t == "math_inline":
                if a in skip:
                    flush()
                    continue
                inner = text[a + 1:z - 1]
                k = kram(inner, in_table_row=where == "table")
                if not k.split:
                    chars.append("$")
                    ats.append(a)
                    chars.append(k.text)
                    offsets = k.offsets
                    if k.text == inner and offsets == tuple(range(len(offsets))):
                        ats.append(range(a + 1, z - 1))  # kramdown changed nothing: no list spelled out
                    else:
                        ats.append([a + 1 + o for o in offsets[:-1]])
                    chars.append("$")
                    ats.append(z - 1)
                    continue
                # kramdown puts elements into it: a node ends at each one
                bounds = sorted({d.start for d in k.damage if d.splits} | {d.end for d in k.damage if d.splits})
                seq = [("$", -1), *zip(k.text, k.offsets[:-1], strict=True), ("$", len(inner))]
                prev = None
                for ch, o in seq:
                    if prev is not None and any(prev < b <= o for b in bounds):
                        flush()
                    chars.append(ch)
                    ats.append(a + 1 + o)
                    prev = o
            else:  # math_inline_double: kramdown writes \( ... \)
                inner = text[a + 2:z - 2]
                cell = table_cell_text(inner) if where == "table" else None
                body = cell.text if cell is not None else inner
                offs = [a + 2 + o for o in cell.offsets[:-1]] if cell is not None else range(a + 2, z - 2)
                chars.append("\\(")
                ats.append((a, a + 1))
                chars.append(body)
                ats.append(offs)
                chars.append("\\)")
                ats.append((z - 2, z - 1))
        flush()
    return out


class _NodeOffsets:
    """The offsets :func:`_offsets` spells out, looked up where they are needed instead: a
    node is mostly prose, of which the auto-render's formulas and lone `$` are a small part."""

    __slots__ = ("starts", "ats", "n")

    def __init__(self, chars: list[str], ats: list) -> None:
        starts: list[int] = []
        pos = 0
        for s, at in zip(chars, ats, strict=True):
            starts.append(pos)
            pos += len(s) if at.__class__ is int else len(at)
        self.starts = starts
        self.ats = ats
        self.n = pos

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        j = bisect_right(self.starts, i) - 1
        at = self.ats[j]
        return at if at.__class__ is int else at[i - self.starts[j]]

    def slice(self, a: int, z: int) -> tuple[int, ...]:
        """``tuple(offsets[a:z])`` for 0 <= a."""
        starts, ats, n = self.starts, self.ats, self.n
        if z > n:
            z = n
        j = bisect_right(starts, a) - 1
        last = len(starts) - 1
        if z <= (starts[j + 1] if j < last else n):  # within one piece (a formula's body, mostly)
            return tuple(_piece(ats[j], starts[j], a, z))
        out: list[int] = []
        while a < z:
            e0 = starts[j + 1] if j < last else n
            if e0 > a:
                hi = z if z < e0 else e0
                out.extend(_piece(ats[j], starts[j], a, hi))
                a = hi
            j += 1
        return tuple(out)


def _piece(at, start: int, a: int, z: int):
    """The offsets of node characters ``a:z``, all within the piece that begins at ``start``
    and whose offsets are ``at`` (one int for all of its characters, or one a character)."""
    return (at,) * (z - a) if at.__class__ is int else at[a - start:z - start]


def formulas(doc, delimiters: tuple[str, ...], kram=kramdown_math_text,
             skip: frozenset[int] = frozenset()) -> list[Piece | Lone]:
    """Every formula the auto-render makes and every `$` it leaves, in source order."""
    out: list[Piece | Lone] = []
    for n, (s, chars, ats) in enumerate(_nodes(doc, kram, skip)):
        offs = _NodeOffsets(chars, ats)
        for kind, a, z, d in split_text_node(s, delimiters):
            if kind == "math":
                body = s[a + len(d):z]
                out.append(Piece(offs[a], offs[z] if z < len(offs) else offs[-1], d, body, n, offs, a + len(d), z))
            else:
                k = s.find("$", a, z)
                while k != -1:
                    out.append(Lone(offs[k], s[k + 1:z], n))
                    k = s.find("$", k + 1, z)
    return out


_TEXLIKE = re.compile(r"\\[A-Za-z]|[{^_]|[A-Za-z][_^]")


def looks_like_tex(after: str) -> bool:
    """Whether the text after a lone `$` reads as the start of a formula (not a price)."""
    return bool(_TEXLIKE.match(after))
