"""A small, linear scanner for the raw HTML inside Markdown: tags, attributes, comments.

markdown-it hands us raw HTML as opaque strings (``html_block`` / ``html_inline``); rules
need each tag's name and each attribute's value with its exact span (``<d-cite key=...>``,
``<img src=...>``, ``<h3 id=...>``). We write this scanner ourselves because an HTML
parser (html.parser, lxml) would either lose source offsets or try to repair the markup
the markup rules must report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Comment, HtmlAttr, HtmlTag, Span

_NAME = r"[A-Za-z][A-Za-z0-9:-]*"
_OPEN = re.compile(
    r"<(" + _NAME + r")"
    r"((?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"\s*(/?)>"
)
_CLOSE = re.compile(r"</(" + _NAME + r")\s*>")
_ATTR = re.compile(r"([^\s\"'<>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_MAX_TAG = 8192  # no tag in a book is longer; bounds the work per `<`
# where a raw-text element's content ends (HTML compares tag names in ASCII case only)
_RAW_END = {name: re.compile("</" + name, re.I | re.A) for name in ("script", "style")}


def scan_html(text: str, start: int, end: int, *, block: bool) -> Iterator[HtmlTag | Comment]:
    """Tags and comments in ``text[start:end]``, with absolute spans."""
    pos = start
    no_comment_close_after = -1  # once `-->` is missing after p, no later comment closes
    while True:
        lt = text.find("<", pos, end)
        if lt == -1:
            return
        if text.startswith("<!--", lt):
            if no_comment_close_after != -1 and lt >= no_comment_close_after:
                close = -1
            else:
                close = text.find("-->", lt + 4, end)
            if close == -1:
                no_comment_close_after = lt
                yield Comment(text[lt + 4 : end], Span(lt, end))
                return
            yield Comment(text[lt + 4 : close], Span(lt, close + 3))
            pos = close + 3
            continue
        limit = min(end, lt + _MAX_TAG)
        m = _CLOSE.match(text, lt, limit)
        if m:
            yield HtmlTag(m.group(1).lower(), True, False, (), Span(lt, m.end()), block, m.group(0))
            pos = m.end()
            continue
        m = _OPEN.match(text, lt, limit)
        if m:
            name = m.group(1).lower()
            attrs = tuple(_attrs(text, m.start(2), m.end(2)))
            yield HtmlTag(name, False, bool(m.group(3)), attrs, Span(lt, m.end()), block, m.group(0))
            pos = m.end()
            raw_end = _RAW_END.get(name)
            if raw_end is not None:  # their content is not markup
                close = raw_end.search(text, pos, end)
                pos = end if close is None else close.start()
            continue
        pos = lt + 1


def _attrs(text: str, start: int, end: int) -> Iterator[HtmlAttr]:
    for m in _ATTR.finditer(text, start, end):
        name = m.group(1).lower()
        for g, quote in ((2, '"'), (3, "'"), (4, "")):
            if m.group(g) is not None:
                yield HtmlAttr(name, m.group(g), Span(m.start(), m.end()), Span(m.start(g), m.end(g)), quote)
                break
        else:
            yield HtmlAttr(name, None, Span(m.start(), m.end()), None, "")


def parse_tag(raw: str, offset: int, *, block: bool) -> HtmlTag | Comment | None:
    """One inline HTML token (markdown-it's ``html_inline``) at ``offset``."""
    for item in scan_html(raw, 0, len(raw), block=block):
        if isinstance(item, Comment):
            return Comment(item.body, item.span.shift(offset))
        return HtmlTag(
            item.name,
            item.closing,
            item.self_closing,
            tuple(
                HtmlAttr(a.name, a.value, a.span.shift(offset), a.value_span.shift(offset) if a.value_span else None, a.quote)
                for a in item.attrs
            ),
            item.span.shift(offset),
            block,
            item.raw,
        )
    return None
