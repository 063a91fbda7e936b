"""Liquid tags (`{% ... %}`) and outputs (`{{ ... }}`) as markdown-it rules, with parameters.

Jekyll renders Liquid before kramdown sees the page, so to booklint a Liquid tag is an
opaque element with a position: a block rule takes tags that start a line (including a
figure include whose caption runs over several lines), an inline rule takes the ones
inside a paragraph. There is no Liquid plugin for markdown-it, hence this module.
"""

from __future__ import annotations

import re

from .model import LiquidParam, LiquidTag, Span

_TAG_NAME = re.compile(r"\{%-?\s*([A-Za-z_][\w.-]*)")
# key="value" | key='value' | key=bare, as Jekyll's include tag reads them (\" allowed inside)
_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s"'%}]+))""", re.S)
_MAX_TAG_LINES = 200


class Closers:
    """Finds `%}` / `}}` after a position, remembering where none exists (keeps scans linear)."""

    def __init__(self, text: str):
        self.text = text
        self._none_after: dict[str, int] = {}

    def find(self, closer: str, start: int, end: int) -> int:
        na = self._none_after.get(closer)
        if na is not None and start >= na and end >= len(self.text):
            return -1
        k = self.text.find(closer, start, end)
        if k == -1 and end >= len(self.text):
            self._none_after[closer] = min(start, na if na is not None else start)
        return k


def scan_liquid(text: str, pos: int, end: int, closers: Closers) -> LiquidTag | None:
    """The Liquid tag or output starting exactly at ``pos`` (`{%` or `{{`), or None."""
    if text.startswith("{%", pos):
        closer, kind = "%}", "tag"
    elif text.startswith("{{", pos):
        closer, kind = "}}", "output"
    else:
        return None
    k = closers.find(closer, pos + 2, end)
    closed = k != -1
    stop = k + 2 if closed else end
    inner_end = k if closed else end
    if kind == "tag":
        m = _TAG_NAME.match(text, pos, inner_end)
        name = m.group(1) if m else ""
        markup_start = m.end() if m else pos + 2
    else:
        name, markup_start = "", pos + 2
    markup = text[markup_start:inner_end]
    if markup.endswith("-"):
        markup = markup[:-1]
    params = tuple(_params(text, markup_start, inner_end)) if kind == "tag" else ()
    return LiquidTag(kind, name, markup, params, Span(pos, stop), closed)


def _params(text: str, start: int, end: int):
    for m in _PARAM.finditer(text, start, end):
        for g, quoted in ((2, True), (3, True), (4, False)):
            v = m.group(g)
            if v is not None:
                # Jekyll unescapes only the quote character inside a quoted value
                value = v.replace("\\" + text[m.start(g) - 1], text[m.start(g) - 1]) if quoted else v
                yield LiquidParam(m.group(1), value, Span(m.start(), m.end()), Span(m.start(g), m.end(g)), quoted)
                break


# -- markdown-it rules ------------------------------------------------------------------

def tag_line_start(state, line: int) -> int:
    """Where a Liquid tag opens line ``line`` of a block (not an indented code line), or -1."""
    if state.sCount[line] - state.blkIndent >= 4:
        return -1
    pos = state.bMarks[line] + state.tShift[line]
    return pos if state.src.startswith("{%", pos) else -1


def liquid_block(state, startLine: int, endLine: int, silent: bool) -> bool:
    """A line starting with `{%`: one or more Liquid tags (possibly over several lines)."""
    pos = tag_line_start(state, startLine)
    if pos == -1:
        return False
    src = state.src
    closers = state.env.setdefault("_liquid_closers", Closers(src))
    # find the end of the tag, at most _MAX_TAG_LINES lines down
    last = min(endLine, startLine + _MAX_TAG_LINES)
    limit = state.eMarks[last - 1] if last - 1 >= startLine else state.eMarks[startLine]
    k = closers.find("%}", pos + 2, limit)
    if k == -1:
        return False  # unclosed: let the paragraph/inline rule keep it (the markup rule reports it)
    line = startLine
    while line < last and state.eMarks[line] < k:
        line += 1
    # the rest of the last line must be blank or more tags
    rest = src[k + 2 : state.eMarks[line]]
    if rest.strip() and not rest.lstrip().startswith("{%"):
        return False
    if silent:
        return True
    tok = state.push("liquid_block", "", 0)
    tok.map = [startLine, line + 1]
    tok.content = src[pos : state.eMarks[line]]
    state.line = line + 1
    return True


def liquid_inline(state, silent: bool) -> bool:
    pos = state.pos
    src = state.src
    if pos + 1 >= state.posMax or src[pos] != "{" or src[pos + 1] not in "%{":
        return False
    closer = "%}" if src[pos + 1] == "%" else "}}"
    closers = state.env.setdefault("_liquid_inline_closers", {})
    key = (id(src), closer)
    none_after = closers.get(key)
    if none_after is not None and pos >= none_after:
        return False
    k = src.find(closer, pos + 2, state.posMax)
    if k == -1:
        if state.posMax >= len(src):
            closers[key] = pos
        return False
    if not silent:
        tok = state.push("liquid_inline", "", 0)
        tok.content = src[pos : k + 2]
        tok.markup = tok.content
    state.pos = k + 2
    return True


def liquid_plugin(md) -> None:
    md.block.ruler.before(
        "table", "liquid_block", liquid_block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.inline.ruler.before("escape", "liquid_inline", liquid_inline)
