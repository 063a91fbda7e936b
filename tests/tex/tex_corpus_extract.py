"""TEMPORARY, test-only: find the math spans of a Jekyll/kramdown book with markdown-it.

The Markdown engine (booklint.document) will own span extraction; until it lands, the corpus
oracle tests need spans, so this small extraction lives here, in tests, and nowhere in src/.
It follows the measured recipe of shared/research/deps.md Appendix A: markdown-it-py with
front_matter and dollarmath(double_inline=True, allow_digits=False), a Liquid block rule that
also reads multi-line tags, a re-parse of the inside of ``markdown=1`` HTML blocks, and the
``$...$`` math of Liquid ``caption="..."`` attributes (raw HTML to kramdown, so KaTeX's
auto-render gets it untouched).

Owner of each span: ``$$...$$`` (block or inside a paragraph) goes through kramdown to
MathJax; ``$...$`` is Markdown text to kramdown and reaches KaTeX.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

_LIQUID_START = re.compile(r"\{%-?\s*(\w+)")
_MD1_OPEN = re.compile(r"""^\s*<([A-Za-z][\w-]*)\b[^>]*\bmarkdown\s*=\s*(?:"1"|'1'|1)[^>]*>""")
_CAPTION = re.compile(r'caption="((?:[^"\\]|\\.)*)"', re.S)


@dataclass(frozen=True)
class Span:
    chapter: str        # e.g. "scaling-book-en/sharding.md"
    line: int           # 1-based line of the opening delimiter
    source: str         # "block" | "double" | "single" | "caption"
    raw: str            # the text between the delimiters, as in the file
    offset: int         # character offset of raw in the file
    display: bool
    renderer: str       # "mathjax" | "katex"
    in_table: bool = False


def _liquid_block(state, start_line, end_line, silent):
    pos = state.bMarks[start_line] + state.tShift[start_line]
    if state.sCount[start_line] - state.blkIndent >= 4 or not state.src.startswith("{%", pos):
        return False
    m = _LIQUID_START.match(state.src, pos)
    if not m:
        return False
    close = state.src.find("%}", pos)
    if close < 0:
        return False
    last = start_line
    while last < end_line and state.eMarks[last] < close:
        last += 1
    if silent:
        return True
    tok = state.push("liquid", "", 0)
    tok.info = m.group(1)
    tok.content = state.src[pos:close + 2]
    tok.map = [start_line, last + 1]
    state.line = last + 1
    return True


def make_parser() -> MarkdownIt:
    md = (MarkdownIt("commonmark").enable(["table", "strikethrough"])
          .use(front_matter_plugin)
          .use(dollarmath_plugin, double_inline=True, allow_digits=False))
    md.block.ruler.before("paragraph", "liquid", _liquid_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    return md


def _katex_autorender_split(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the `$...$` math KaTeX's auto-render finds in a text node."""
    i = text.find("$")
    while i >= 0:
        j = i + 1
        depth = 0
        while j < len(text):
            c = text[j]
            if depth <= 0 and c == "$":
                break
            if c == "\\":
                j += 1
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            j += 1
        if j >= len(text):
            return
        yield i + 1, j
        i = text.find("$", j + 1)


def iter_spans(book_dir: Path) -> Iterator[Span]:
    md = make_parser()
    for path in sorted(book_dir.glob("*.md")):
        if path.name == "README.md":
            continue
        src = path.read_text(encoding="utf-8")
        chapter = f"{book_dir.name}/{path.name}"
        yield from _spans_of(md, src, chapter)


def _spans_of(md: MarkdownIt, src: str, chapter: str) -> Iterator[Span]:
    line_starts = [0] + [m.end() for m in re.finditer("\n", src)]

    def line_of(offset: int) -> int:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    cursor = 0

    def locate(raw: str, opener: str) -> int:
        nonlocal cursor
        k = src.find(opener + raw, cursor)
        if k < 0:
            raise AssertionError(f"{chapter}: cannot locate math {raw[:40]!r}")
        cursor = k + len(opener) + len(raw)
        return k + len(opener)

    def walk(tokens, in_table=False):
        nonlocal cursor
        for t in tokens:
            if t.type in ("td_open", "th_open"):
                in_table = True
            elif t.type in ("td_close", "th_close"):
                in_table = False
            if t.type == "math_block":
                off = locate(t.content, "")
                yield Span(chapter, line_of(off), "block", t.content, off, True, "mathjax")
            elif t.type == "inline" and t.children:
                for c in t.children:
                    if c.type == "math_inline":
                        off = locate(c.content, "$")
                        yield Span(chapter, line_of(off), "single", c.content, off, False, "katex",
                                   in_table)
                    elif c.type == "math_inline_double":
                        off = locate(c.content, "$$")
                        yield Span(chapter, line_of(off), "double", c.content, off, False, "mathjax")
            elif t.type == "html_block":
                m = _MD1_OPEN.match(t.content)
                if m:
                    inner = re.sub(rf"</{re.escape(m.group(1))}>\s*$", "",
                                   t.content[m.end():].rstrip())
                    yield from walk(md.parse(inner))
            elif t.type == "liquid":
                base = src.find(t.content, cursor)
                if base < 0:
                    raise AssertionError(f"{chapter}: cannot locate {t.content[:40]!r}")
                cursor = base + len(t.content)
                for cm in _CAPTION.finditer(t.content):
                    cap = cm.group(1)
                    for s, e in _katex_autorender_split(cap):
                        off = base + cm.start(1) + s
                        yield Span(chapter, line_of(off), "caption", cap[s:e], off, False, "katex")

    yield from walk(md.parse(src))
