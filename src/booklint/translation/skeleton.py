"""A chapter's skeleton: the blocks a translation keeps as they are, in page order.

Headings, display math, figures (figure.liquid, images, iframes, videos), code blocks,
tables, details blocks, footnotes and ``<d-cite>`` citations. Each block has a ``key``: what
must be equal in a faithful translation (a heading's level, an equation with its ``\\text``
arguments blanked, a figure's path, a code block's text, a citation's keys). Prose is not
in the skeleton: translating it is the point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..book.model import Book
from ..document.model import Document, Span

KIND_NAMES = {
    "heading": "heading",
    "math": "display equation",
    "figure": "figure",
    "code": "code block",
    "table": "table",
    "details": "details block",
    "footnote": "footnote",
    "cite": "citation",
}


@dataclass(frozen=True)
class Block:
    kind: str  # one of KIND_NAMES
    key: object  # what a faithful translation keeps equal
    span: Span
    shown: str  # the block as written (shortened), for messages
    anchor: str | None = None  # a heading's id


# text-mode arguments a translator translates: \text{...} and its relatives, braces nested
_TEXT_CMD = re.compile(r"\\(?:text|textrm|textit|textbf|textsf|texttt|textnormal|mbox|hbox)\s*\{")


def blank_text_arguments(tex: str) -> str:
    """``\\text{Computation FLOPs}`` → ``\\text{}`` (nested braces followed)."""
    out: list[str] = []
    pos = 0
    for m in _TEXT_CMD.finditer(tex):
        if m.start() < pos:
            continue
        depth = 1
        i = m.end()
        while i < len(tex) and depth:
            c = tex[i]
            if c == "\\":
                i += 2
                continue
            depth += (c == "{") - (c == "}")
            i += 1
        out.append(tex[pos : m.end()])
        out.append("}")
        pos = i
    out.append(tex[pos:])
    return "".join(out)


_MATH_TOKEN = re.compile(r"\\[A-Za-z@]+|\\.|\s+|.", re.S)


def normalise_math(tex: str) -> str:
    """Equal for two equations that render the same but for their ``\\text`` words: text
    arguments blanked, white space dropped except where it ends a control word."""
    toks = _MATH_TOKEN.findall(blank_text_arguments(tex))
    out: list[str] = []
    for i, t in enumerate(toks):
        if t.isspace():
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if out and re.fullmatch(r"\\[A-Za-z@]+", out[-1]) and nxt[:1].isalpha():
                out.append(" ")
            continue
        out.append(t)
    return "".join(out)


def _short(text: str, n: int = 60) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def skeleton(book: Book, doc: Document) -> list[Block]:
    """The blocks of ``doc`` in page order (built once a run per page)."""
    return book.memo(("translation.skeleton", doc.path), lambda: _skeleton(book, doc))


def _skeleton(book: Book, doc: Document) -> list[Block]:
    blocks: list[Block] = []
    ids = {}
    anchors = book.anchors(doc.path)
    if anchors is not None:
        ids = {h.span.start: hid for h, hid in anchors.headings}
    for h in doc.headings:
        blocks.append(Block("heading", h.level, h.span, "#" * h.level + " " + _short(h.text), ids.get(h.span.start)))
    for m in doc.math:
        if m.display and m.context == "block":
            blocks.append(Block("math", normalise_math(m.tex), m.span, "$$" + _short(m.tex) + "$$"))
    for im in doc.images:
        if im.kind in ("figure", "markdown", "html", "iframe", "video"):
            blocks.append(Block("figure", im.src.strip(), im.span, f"{im.kind} `{_short(im.src, 80)}`"))
    for c in doc.code_blocks:
        body = "\n".join(line.rstrip() for line in c.content.strip("\n").splitlines())
        blocks.append(Block("code", body, c.span, "```" + c.info + " " + _short(body, 40)))
    src = doc.source
    for tok in doc.tokens:
        if getattr(tok, "type", "") == "table_open" and tok.map:
            start = src.offset(tok.map[0] + 1, 1)
            end = src.line_end(min(tok.map[1], src.line_count))
            blocks.append(Block("table", "table", Span(start, end), "a table"))
    for lt in doc.liquid:
        if lt.kind == "tag" and lt.name == "details":
            blocks.append(Block("details", "details", lt.span, "{% details %}"))
    for tag in doc.html:
        if tag.closing or tag.name == "!--":
            continue
        if tag.name == "details":
            blocks.append(Block("details", "details", tag.span, "<details>"))
        elif tag.name == "d-footnote":
            blocks.append(Block("footnote", "footnote", tag.span, "<d-footnote>"))
        elif tag.name == "d-cite":
            a = tag.attr("key")
            keys = tuple(k.strip() for k in (a.value or "").split(",") if k.strip()) if a is not None else ()
            blocks.append(Block("cite", keys, tag.span, f'<d-cite key="{",".join(keys)}">'))
    blocks.sort(key=lambda b: (b.span.start, b.kind))
    return blocks
