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
from itertools import groupby
from operator import attrgetter

from ..slotted import frozen_slots
from ..tex.kramdown import GFM_ESCAPABLE, kramdown_math_text, table_cell_text

_GROUP = attrgetter("group")
_TEXT_TYPES = frozenset({"text", "text_special", "softbreak", "math_inline", "math_inline_double"})


@frozen_slots
class Piece:
    """A formula the auto-render finds in a text node."""

    open_at: int                # source offset of the opening delimiter
    close_at: int               # source offset of the closing delimiter
    delimiter: str
    math: str                   # what KaTeX gets
    offsets: tuple[int, ...]    # source offset of each character of ``math``
    node: int                   # which text node (pieces of one node share it)


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


class _Node:
    """A text node being built: its pieces and their offsets, kept as given; the offset of
    each character is spelled out only for a node that has a `$` (most have none)."""

    __slots__ = ("chars", "ats", "dollar")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.ats: list = []
        self.dollar = False

    def add(self, s: str, at) -> None:
        """Append ``s``; ``at`` is one source offset for all of it, or one per character."""
        self.chars.append(s)
        self.ats.append(at)
        if not self.dollar and "$" in s:
            self.dollar = True

    def offsets(self) -> list[int]:
        out: list[int] = []
        for s, at in zip(self.chars, self.ats, strict=True):
            if isinstance(at, int):
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
    text = doc.text
    out: list[tuple[str, list[int]]] = []
    if "$" not in text and "&" not in text:
        return out
    node = _Node()

    def flush() -> None:
        nonlocal node
        if node.dollar:
            out.append(("".join(node.chars), node.offsets()))
            node = _Node()
        elif node.chars:
            node = _Node()

    # A node ends where the group does, and only a `$` in the source (or an entity, `&#36;`)
    # puts one in a node: a run of one group whose source has neither makes no node to keep.
    for _group, run in groupby(doc.inline, _GROUP):
        items = list(run)
        lo = min([i.span.start for i in items])
        hi = max([i.span.end for i in items])
        if text.find("$", lo, hi) == -1 and text.find("&", lo, hi) == -1:
            continue
        for item in items:
            t = item.type
            if t not in _TEXT_TYPES:
                flush()
                continue
            a, z = item.span.start, item.span.end
            raw = text[a:z]
            if t == "text":
                node.add(raw, range(a, z))
            elif t == "softbreak":
                node.add("\n", a)
            elif t == "text_special":
                if raw.startswith("\\") and len(raw) == 2:
                    if raw[1] in GFM_ESCAPABLE:
                        node.add(raw[1], a + 1)
                    else:
                        node.add(raw, range(a, z))
                elif raw.startswith("&"):
                    node.add(_html.unescape(raw), a)
                else:
                    node.add(raw, range(a, z))
            elif t == "math_inline":
                if a in skip:
                    flush()
                    continue
                inner = raw[1:-1]
                k = kram(inner, in_table_row=item.where == "table")
                if not k.split:
                    node.add("$", a)
                    node.add(k.text, [a + 1 + o for o in k.offsets[:-1]])
                    node.add("$", z - 1)
                    continue
                # kramdown puts elements into it: a node ends at each one
                bounds = sorted({d.start for d in k.damage if d.splits} | {d.end for d in k.damage if d.splits})
                seq = [("$", -1), *zip(k.text, k.offsets[:-1], strict=True), ("$", len(inner))]
                prev = None
                for ch, o in seq:
                    if prev is not None and any(prev < b <= o for b in bounds):
                        flush()
                    node.add(ch, a + 1 + o)
                    prev = o
            else:  # math_inline_double: kramdown writes \( ... \)
                inner = raw[2:-2]
                cell = table_cell_text(inner) if item.where == "table" else None
                body = cell.text if cell is not None else inner
                offs = [a + 2 + o for o in cell.offsets[:-1]] if cell is not None else list(range(a + 2, z - 2))
                node.add("\\(", [a, a + 1])
                node.add(body, offs)
                node.add("\\)", [z - 2, z - 1])
        flush()
    return out


def formulas(doc, delimiters: tuple[str, ...], kram=kramdown_math_text,
             skip: frozenset[int] = frozenset()) -> list[Piece | Lone]:
    """Every formula the auto-render makes and every `$` it leaves, in source order."""
    out: list[Piece | Lone] = []
    for n, (s, offs) in enumerate(text_nodes(doc, kram, skip)):
        for kind, a, z, d in split_text_node(s, delimiters):
            if kind == "math":
                body = s[a + len(d):z]
                out.append(Piece(offs[a], offs[z] if z < len(offs) else offs[-1], d, body,
                                 tuple(offs[a + len(d):z]), n))
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
