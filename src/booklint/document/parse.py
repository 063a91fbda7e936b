"""One parse of one file: markdown-it-py (with the plugins measured to read the book the
way kramdown + MathJax do) turned into a :class:`Document` whose every element has a Span.
"""

from __future__ import annotations

import functools
import html as _html
import re
from bisect import bisect_right
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it import __version__ as markdown_it_version
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_inline import text as _markdown_it_text
from mdit_py_plugins import __version__ as plugins_version
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .directives import read_directives
from .frontmatter import parse_front_matter
from .html import scan_html
from .kramdown_blocks import kramdown_blocks_plugin, kramdown_html_block, liquid_code_block, mathjax_math, text_tex
from .liquid import Closers, liquid_block, liquid_plugin, scan_liquid
from .model import (
    BlockToken,
    CodeBlock,
    CodeSpan,
    Comment,
    Document,
    Heading,
    HtmlTag,
    Image,
    InlineItem,
    Link,
    LiquidTag,
    MathSpan,
    ParseNote,
    Span,
    TextRun,
)
from .positions import ContentMap, locate_child
from .source import Source

MAX_FRAGMENT_DEPTH = 8  # `markdown=1` blocks inside `markdown=1` blocks
_MASK = "\ue000"  # stands for a space inside a Liquid tag, so `[x]({{ site.baseurl }}/y)` stays a link
_LIQUID_SPAN = re.compile(r"\{\{[^{}\n]{0,500}\}\}|\{%[^%\n]{0,500}%\}")
_MD1 = re.compile(r"""<([A-Za-z][\w-]*)\b[^>]*?\bmarkdown\s*=\s*(?:"1"|'1'|1)[^>]*>""")
_HEADER_ID = re.compile(r"[\t ]\{#([A-Za-z][\w:-]*)\}\s*$")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_DOLLARS = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)([^$\n]+?)(?<![\\\s])\$(?!\d)", re.S)
_HEADING_TAG = re.compile(r"h[1-6]")
# inline tokens that are an InlineItem and nothing else (the walk's common case after text)
_ITEM_ONLY = frozenset({"softbreak", "hardbreak", "text_special", "em_open", "em_close", "strong_open",
                        "strong_close", "s_open", "s_close"})


@functools.cache
def markdown_parser(kramdown: bool = False) -> MarkdownIt:
    """The parser; ``kramdown=True`` draws raw HTML blocks where kramdown does (a page Jekyll renders)."""
    return new_parser(kramdown)


# The fast loops below copy markdown-it's own (ParserBlock.tokenize, ParserInline.tokenize and
# skipToken, the pair rules' calls) with a dispatch by character: they are installed only for
# the markdown-it releases the tests held them to (tests/lib/document/test_fast_paths.py, which
# fails on any other, so an upgrade is checked before it is listed here). Another release gets
# markdown-it's own loops: slower, never different.
FAST_LOOPS_FOR = ("4.3.",)
FAST_LOOPS_PLUGINS_FOR = ("0.7.",)  # mdit-py-plugins: the triggers name its dollarmath rules' first character


def new_parser(kramdown: bool = False, *, fast_inline: bool = True) -> MarkdownIt:
    """A parser as :func:`markdown_parser` builds it; ``fast_inline=False`` keeps markdown-it's own
    loops (block, inline, skipToken and the pair rules' calls; the tests hold the two to the same
    tokens)."""
    md = (
        MarkdownIt("commonmark")  # its maxNesting of 20 keeps nested brackets and lists linear
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(dollarmath_plugin, double_inline=True, allow_digits=False)
        .use(liquid_plugin)
        .use(kramdown_blocks_plugin, kramdown)
    )
    # keep escapes and entities as their own tokens: their markup is what was written,
    # which lets positions.walk_inline find every token where it is in the source
    md.disable("text_join")
    # kramdown keeps `file:`, `javascript:` and `data:` links; markdown-it would drop them,
    # and then no rule could report them
    md.validateLink = lambda url: True
    # markdown-it normalizes every link's and image's destination (URL-encoding, punycode) into
    # its `href`/`src`; only a reference's is read from there (_destination normalizes it then),
    # so the parser keeps destinations as written (`normalizeLink` is markdown-it's hook for this)
    md.normalizeLink = _as_written
    if fast_inline and markdown_it_version.startswith(FAST_LOOPS_FOR) and plugins_version.startswith(FAST_LOOPS_PLUGINS_FOR):
        _dispatch_inline(md)
        _pair_rules_when_paired(md)
        _dispatch_block(md)
    return md


def _block_triggers(rules) -> dict:
    """The block rules (of ``rules``) that return False, touching nothing, unless the line's first
    character (after its indentation) is one of theirs: each reads that character first. (Not
    the front matter's: it reads the text's first character, not the line's, and so matches
    `- x--` in a list item on the first line.)"""
    from markdown_it import rules_block as rb

    known = {rb.fence: "`~", rb.blockquote: ">", rb.hr: "*-_", rb.list_block: "*-+0123456789", rb.reference: "[",
             rb.html_block: "<", rb.heading: "#", kramdown_html_block: "<", liquid_code_block: "{", liquid_block: "{"}
    out = {fn: known[fn] for fn in rules if fn in known}
    for fn in rules:  # dollarmath's rule is made by a function of the plugin's options
        if getattr(fn, "__qualname__", "") == "math_block_dollar.<locals>._math_block_dollar" and \
                fn.__module__ == "mdit_py_plugins.dollarmath.index":
            out[fn] = "$"
    return out


def _dispatch_block(md: MarkdownIt) -> None:
    """Replace markdown-it's block tokenizer by one that tries, at each line, only the rules its
    first character can start (and every rule not known to test that character first), in their
    order; the rest of the loop is markdown-it's."""
    block = md.block
    rules = block.ruler.getRules("")
    triggers = _block_triggers(rules)
    always = tuple(fn for fn in rules if fn not in triggers)
    by_char = {ch: tuple(fn for fn in rules if fn not in triggers or ch in triggers[fn])
               for ch in set("".join(triggers.values()))}

    def tokenize(state, startLine: int, endLine: int) -> None:
        """markdown-it's ParserBlock.tokenize, with the rules looked up by the line's first character."""
        line = startLine
        max_nesting = state.md.options.maxNesting
        has_empty_lines = False
        while line < endLine:
            state.line = line = state.skipEmptyLines(line)
            if line >= endLine:
                break
            if state.sCount[line] < state.blkIndent:
                break
            if state.level >= max_nesting:
                state.line = endLine
                break
            ok = False
            for rule in by_char.get(state.src[state.bMarks[line] + state.tShift[line]], always):
                ok = rule(state, line, endLine, False)
                if ok:
                    if state.line <= line:
                        raise RuntimeError("block rule didn't increment state.line")
                    break
            if not ok:
                raise RuntimeError("none of the block rules matched")
            state.tight = not has_empty_lines
            line = state.line
            if (line - 1) < endLine and state.isEmpty(line - 1):
                has_empty_lines = True
            if line < endLine and state.isEmpty(line):
                has_empty_lines = True
                line += 1
                state.line = line

    block.tokenize = tokenize


def _pair_rules_when_paired(md: MarkdownIt) -> None:
    """markdown-it's pair rules (links' brackets, `~~`, `*`/`_`) run after an inline token only
    when its parse left a delimiter (the emphasis and strikethrough rules leave one for each
    run of `*`, `_`, `~`): each of them walks the delimiter lists and nothing else, so with none
    it does nothing. Only markdown-it's own functions are wrapped so."""
    from markdown_it.rules_inline import emphasis, link_pairs, strikethrough

    ruler2 = md.inline.ruler2
    fns = dict(zip(ruler2.get_active_rules(), ruler2.getRules(""), strict=True))
    for name, known in (("balance_pairs", link_pairs), ("strikethrough", strikethrough.postProcess),
                        ("emphasis", emphasis.postProcess)):
        if fns.get(name) is known:
            ruler2.at(name, _when_paired(known))


def _when_paired(rule):
    def run(state) -> None:
        if state.delimiters:
            rule(state)
            return
        metas = state.tokens_meta  # None but for the tokens that open a link
        if any(metas) and any(m and m.get("delimiters") for m in metas):
            rule(state)

    return run


# The character each inline rule starts at: every one of them returns False, touching nothing,
# at any other character (its first test), so trying only the rules of the character at hand
# gives the same tokens as markdown-it's loop, which calls every rule at every stop of the text
# rule (a dozen calls where one or none can match).
_INLINE_TRIGGERS = {
    "newline": "\n", "math_inline": "$", "liquid_inline": "{", "escape": "\\", "backticks": "`",
    "strikethrough": "~", "emphasis": "*_", "link": "[", "image": "!", "autolink": "<", "html_inline": "<",
    "entity": "&",
}


def _dispatch_inline(md: MarkdownIt) -> None:
    """Replace markdown-it's inline tokenizer by one that tries the rules a character can start
    (same rules, same order); left as it is when a rule without a known trigger is enabled."""
    inline = md.inline
    named = [(r.name, r.fn) for r in inline.ruler.__rules__ if r.enabled]
    if [fn for _n, fn in named] != inline.ruler.getRules("") or not named or named[0][0] != "text":
        return
    if any(n not in _INLINE_TRIGGERS for n, _fn in named[1:]):
        return
    text_rule = named[0][1]
    by_char: dict[str, tuple] = {}
    for ch in set("".join(_INLINE_TRIGGERS[n] for n, _fn in named[1:])):
        by_char[ch] = tuple(fn for n, fn in named[1:] if ch in _INLINE_TRIGGERS[n])
    none: tuple = ()
    inline.skipToken = _dispatching_skip(text_rule, by_char)
    terminator = inline.terminator_re
    if text_rule is _markdown_it_text and all(terminator.match(ch) for ch in by_char):
        inline.tokenize = _jumping_tokenize(by_char, terminator)
        return

    def tokenize(state) -> None:
        """markdown-it's ParserInline.tokenize, with the rules looked up by character."""
        end = state.posMax
        max_nesting = state.md.options["maxNesting"]
        src = state.src
        while state.pos < end:
            pos = state.pos
            ok = False
            if state.level < max_nesting:
                ok = text_rule(state, False)
                if not ok:
                    for rule in by_char.get(src[pos], none):
                        ok = rule(state, False)
                        if ok:
                            break
                if ok and state.pos <= pos:
                    raise RuntimeError("inline rule didn't increment state.pos")
            if ok:
                if state.pos >= end:
                    break
                continue
            state.append_pending(src[state.pos])
            state.pos += 1
        if state.pending:
            state.pushPending()

    inline.tokenize = tokenize


def _dispatching_skip(text_rule, by_char: dict[str, tuple]):
    """markdown-it's ParserInline.skipToken (a link label's scan steps over each token so), with
    the rules looked up by character as the inline loop does."""
    none: tuple = ()

    def skip_token(state) -> None:
        pos = state.pos
        cache = state.cache
        if pos in cache:
            state.pos = cache[pos]
            return
        ok = False
        if state.level < state.md.options["maxNesting"]:
            state.level += 1  # as markdown-it does around each rule, to bound the recursion
            ok = text_rule(state, True)
            state.level -= 1
            if not ok:
                for rule in by_char.get(state.src[pos], none):
                    state.level += 1
                    ok = rule(state, True)
                    state.level -= 1
                    if ok:
                        break
            if ok and state.pos <= pos:
                raise RuntimeError("inline rule didn't increment state.pos")
        else:
            state.pos = state.posMax
        if not ok:
            state.pos += 1
        cache[pos] = state.pos

    return skip_token


def _jumping_tokenize(by_char: dict[str, tuple], terminator: re.Pattern):
    """markdown-it's inline loop going from one character that starts a rule to the next.

    Between two such characters markdown-it's loop only adds text to ``pending``: its ``text``
    rule takes the run up to the next terminator character, and a terminator that starts no
    rule is added on its own (every rule returns False there). Every character that starts a
    rule is a terminator, so the text between two of them is added in one piece here, with no
    rule called: the same ``pending`` text, the same tokens. Past the last such character the
    ``text`` rule's own steps are followed (its search for a terminator is not bounded by
    ``posMax``, and neither is this one)."""
    next_rule = re.compile("[" + re.escape("".join(sorted(by_char))) + "]").search
    next_terminator = terminator.search

    def tokenize(state) -> None:
        end = state.posMax
        max_nesting = state.md.options["maxNesting"]
        src = state.src
        append = state.append_pending
        pos = state.pos
        while pos < end:
            if state.level >= max_nesting:  # no rule runs: markdown-it adds the rest a character at a time
                append(src[pos:end])
                state.pos = end
                break
            m = next_rule(src, pos, end)
            if m is None:  # no rule can start before the end: only the text rule's steps are left
                while pos < end:
                    t = next_terminator(src, pos)
                    t = t.start() if t is not None else end
                    if t == pos:
                        append(src[pos])
                        pos += 1
                    else:
                        append(src[pos:t])
                        pos = t
                state.pos = pos
                break
            r = m.start()
            if r > pos:
                append(src[pos:r])
                state.pos = r
            ok = False
            for rule in by_char[src[r]]:
                ok = rule(state, False)
                if ok:
                    break
            if ok:
                pos = state.pos
                if pos <= r:
                    raise RuntimeError("inline rule didn't increment state.pos")
                continue
            append(src[r])
            pos = state.pos = r + 1
        if state.pending:
            state.pushPending()

    return tokenize


def _as_written(url: str) -> str:
    return url


def _mask_liquid(text: str) -> str:
    if "{{" not in text and "{%" not in text:
        return text
    return _LIQUID_SPAN.sub(lambda m: m.group(0).replace(" ", _MASK), text)


def _unmask(s: str) -> str:
    return s.replace(_MASK, " ") if _MASK in s else s


def unescape_md(s: str) -> str:
    """A link destination as the browser gets it: backslash escapes and entities resolved."""
    s = _ESCAPE.sub(r"\1", _unmask(s))
    return _html.unescape(s) if "&" in s else s


def parse(source: Source) -> Document:
    doc = Document(source=source)
    if source.binary:
        doc.notes.append(ParseNote("binary", "this file looks binary (it contains NUL bytes); booklint did not read it", Span(0, 0)))
        return doc
    text = source.text
    masked = _mask_liquid(text)
    # Jekyll runs only files with front matter through kramdown; the rest (a README) GitHub shows
    b = _Builder(doc, text, masked, kramdown=text.startswith("---"))
    b.run(masked, 0, depth=0)
    _text_math(doc, b.group_ranges)
    doc.links.sort(key=lambda x: x.span.start)
    doc.images.sort(key=lambda x: x.span.start)
    doc.math.sort(key=lambda x: x.span.start)
    doc.html.sort(key=lambda x: x.span.start)
    doc.liquid.sort(key=lambda x: x.span.start)
    doc.prose.sort(key=lambda x: x.span.start)
    doc.headings.sort(key=lambda x: x.span.start)
    doc.comments.sort(key=lambda x: x.span.start)
    doc.directives = read_directives(doc)
    doc.tokens = [BlockToken(t) for t in doc.tokens]  # markdown-it's inline children are not kept
    return doc


def _text_math(doc: Document, ranges: list[tuple[int, int]]) -> None:
    """TeX written in Markdown text that reaches MathJax (or is meant to, and does not): as math spans
    of context "text", and out of the prose. ``ranges``: each paragraph's, table cell's and heading's
    (first item's start, last end of its items), as the walk found them."""
    text = doc.text
    if "\\" not in text:
        return
    if not ranges:
        return
    taken = sorted([(m.span.start, m.span.end) for m in doc.math] + [(c.span.start, c.span.end) for c in doc.code_spans])
    found: list[MathSpan] = []
    for a, z in sorted(ranges):
        if "\\" not in text[a:z]:
            continue
        for o, cs, ce, e, d in text_tex(text, a, z):
            if any(s < e and o < t for s, t in taken):
                continue
            found.append(MathSpan(text[cs:ce], Span(o, e), Span(cs, ce), d, d in ("env", "\\\\[", "lost\\["), "text"))
    if not found:
        return
    doc.math.extend(found)
    spans = sorted((m.span.start, m.span.end) for m in found)
    kept: list[TextRun] = []
    for run in doc.prose:
        s, e = run.span.start, run.span.end
        cut = [(max(s, a), min(e, z)) for a, z in spans if a < e and s < z]
        if not cut:
            kept.append(run)
            continue
        pos = s
        for a, z in cut + [(e, e)]:
            if a > pos and text[pos:a].strip():
                kept.append(TextRun(text[pos:a], Span(pos, a), run.where))
            pos = max(pos, z)
    doc.prose = kept


def _line_starts(s: str) -> list[int]:
    starts = [0]
    i = s.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = s.find("\n", i + 1)
    return starts


class _Builder:
    def __init__(self, doc: Document, text: str, masked: str, kramdown: bool = False):
        self.doc = doc
        self.kramdown = kramdown
        self.text = text  # the real text: every span indexes it
        self.masked = masked
        self.closers = Closers(text)
        self.groups = 0  # inline tokens walked so far (InlineItem.group)
        self.group_ranges: list[tuple[int, int]] = []  # (first item's start, furthest end) of each group

    # -- blocks --------------------------------------------------------------------------
    def run(self, frag: str, base: int, depth: int) -> None:
        md = markdown_parser(self.kramdown)
        try:
            tokens = md.parse(frag, {})
        except RecursionError:
            self.doc.notes.append(ParseNote("too-deep", "this file nests too deeply for booklint to read", Span(base, base)))
            return
        if depth == 0:
            self.doc.tokens = tokens
            self._front_matter_check(tokens)
        starts = _line_starts(frag)
        n = len(tokens)
        i = 0
        in_cell = False
        row_cursor: dict[int, int] = {}  # table row line -> file offset after the last cell read
        while i < n:
            tok = tokens[i]
            t = tok.type
            if t == "front_matter" and depth == 0:
                self._front_matter(tok, starts)
            elif t == "heading_open":
                inline = tokens[i + 1] if i + 1 < n and tokens[i + 1].type == "inline" else None
                if inline is not None:
                    self._heading(tok, inline, frag, starts, base)
                    i += 2
                    continue
            elif t in ("th_open", "td_open"):
                in_cell = True
            elif t in ("th_close", "td_close"):
                in_cell = False
            elif t == "inline":
                if in_cell:
                    row = tok.map[0] if tok.map else -1
                    cmap = self._inline(tok, frag, starts, base, "table", row_cursor.get(row))
                    if cmap is not None:
                        row_cursor[row] = base + cmap(len(tok.content))
                else:
                    self._inline(tok, frag, starts, base, "paragraph")
            elif t == "math_block":
                self._math_block(tok, frag, starts, base)
            elif t in ("fence", "code_block"):
                self._code_block(tok, frag, starts, base)
            elif t == "html_block":
                self._html_block(tok, frag, starts, base, depth)
            elif t == "liquid_block":
                self._liquid_block(tok, frag, starts, base)
            elif t == "liquid_code":
                self._liquid_code(tok, frag, starts, base)
            i += 1

    def _front_matter_check(self, tokens) -> None:
        text = self.text
        if text.startswith("---") and text[3:4] in ("\n", "") and not any(t.type == "front_matter" for t in tokens[:1]):
            self.doc.notes.append(
                ParseNote(
                    "unterminated-front-matter",
                    "front matter opened here is never closed with `---`; Jekyll will publish this file unrendered",
                    Span(0, 3),
                )
            )

    def _front_matter(self, tok, starts) -> None:
        end_line = tok.map[1]
        fm_end = starts[end_line] - 1 if end_line < len(starts) else len(self.text)
        content_start = starts[1] if len(starts) > 1 else len(self.text)
        close_line = end_line - 1
        content_end = starts[close_line] if close_line < len(starts) else len(self.text)
        content_end = max(content_start, content_end)
        self.doc.front_matter = parse_front_matter(self.text, 0, content_start, content_end, fm_end, starts)

    def _block_span(self, tok, starts, frag, base) -> Span:
        a, z = tok.map
        s = starts[a] if a < len(starts) else len(frag)
        e = starts[z] - 1 if z < len(starts) else len(frag)
        return Span(base + s, base + max(s, e))

    def _math_block(self, tok, frag, starts, base) -> None:
        span = self._block_span(tok, starts, frag, base)
        raw = self.text[span.start : span.end]
        open_at = raw.find("$$")
        close_at = raw.rfind("$$")
        if open_at == -1 or close_at <= open_at:
            cs = Span(span.start, span.end)
        else:
            cs = Span(span.start + open_at + 2, span.start + close_at)
        self.doc.math.append(
            MathSpan(self.text[cs.start : cs.end], span, cs, "$$", True, "block")
        )

    def _code_block(self, tok, frag, starts, base) -> None:
        span = self._block_span(tok, starts, frag, base)
        fenced = tok.type == "fence"
        if fenced:
            a = tok.map[0] + 1
            cs_start = base + (starts[a] if a < len(starts) else len(frag))
            cs = Span(cs_start, cs_start + len(tok.content))
        else:
            cs = span
        self.doc.code_blocks.append(CodeBlock(tok.info.strip(), tok.content, span, cs, fenced))

    def _liquid_block(self, tok, frag, starts, base) -> None:
        span = self._block_span(tok, starts, frag, base)
        pos = self.text.find("{%", span.start, span.end)  # the block starts (after indentation) with a tag
        end = span.end
        while pos != -1 and pos < end:
            tag = scan_liquid(self.text, pos, end, self.closers)
            if tag is None:
                break
            self._add_liquid(tag)
            nxt = self.text.find("{%", tag.span.end, end)
            if nxt == -1:
                break
            pos = nxt

    def _liquid_code(self, tok, frag, starts, base) -> None:
        """`{% highlight %}` / `{% mermaid %}`: its two tags, and a code block between them."""
        span = self._block_span(tok, starts, frag, base)
        a, z = tok.meta["body"]
        cs = Span(base + a, base + z)
        # the code is the body alone: the two tags around it are Liquid, which Jekyll runs (they are
        # the page's Liquid tags below, not text inside the code)
        self.doc.code_blocks.append(CodeBlock(tok.info.strip(), self.text[cs.start:cs.end], cs, cs, True))
        for lo, hi in ((span.start, cs.start), (cs.end, span.end)):
            pos = self.text.find("{%", lo, hi)
            if pos != -1:
                tag = scan_liquid(self.text, pos, hi, self.closers)
                if tag is not None:
                    self._add_liquid(tag)

    def _html_block(self, tok, frag, starts, base, depth) -> None:
        span = self._block_span(tok, starts, frag, base)
        for item in scan_html(self.text, span.start, span.end, block=True):
            self._add_html(item)
        m = _MD1.search(self.text, span.start, min(span.end, span.start + 8192))
        if m is None:
            self._html_math(span)
            return
        if depth >= MAX_FRAGMENT_DEPTH:
            self.doc.notes.append(ParseNote("too-deep", "`markdown=1` blocks nest too deeply; booklint stopped here", Span(m.start(), m.end())))
            return
        name = m.group(1).lower()
        inner_start = m.end()
        inner_end = span.end
        tail = self.text[inner_start:inner_end].rstrip()
        close_re = re.compile(r"</" + re.escape(name) + r"\s*>\s*$", re.I)
        cm = close_re.search(tail)
        if cm:
            inner_end = inner_start + cm.start()
        self.run(self.masked[inner_start:inner_end], inner_start, depth + 1)

    def _html_math(self, span: Span) -> None:
        """The formulas MathJax typesets in a raw HTML block (kramdown passes its text through)."""
        text = self.text
        for o, cs, ce, e, d in mathjax_math(text, span.start, span.end):
            self.doc.math.append(MathSpan(text[cs:ce], Span(o, e), Span(cs, ce), d, d != "\\(", "html"))

    # -- inline --------------------------------------------------------------------------
    def _heading(self, tok, inline, frag, starts, base) -> None:
        self._inline(inline, frag, starts, base, "heading")
        span = self._block_span(tok, starts, frag, base)
        plain: list[str] = []
        id_parts: list[str] = []
        for c in inline.children or []:
            ct = c.type
            if ct in ("text", "text_special"):
                plain.append(_unmask(c.content))
                id_parts.append(_typographic(_unmask(c.content)) if ct == "text" else c.content)
            elif ct == "code_inline":
                plain.append(c.content)
                id_parts.append(c.content)
            elif ct in ("math_inline", "math_inline_double"):
                plain.append(c.content)
                id_parts.append(c.content)
            elif ct == "softbreak":
                plain.append(" ")
                id_parts.append(" ")
        text = "".join(plain).strip()
        id_text = "".join(id_parts).strip()
        kids = inline.children or []
        if kids and kids[-1].type == "html_inline":
            # kramdown keeps the text inside a trailing inline element (`AC-MIX<a id="A"> </a>`):
            # only the line's own trailing spaces are dropped
            id_text = "".join(id_parts).lstrip()
        explicit = None
        m = _HEADER_ID.search(" " + id_text)
        if m:
            explicit = m.group(1)
            id_text = (" " + id_text)[: m.start()].strip()
            mt = _HEADER_ID.search(" " + text)
            if mt:
                text = (" " + text)[: mt.start()].strip()
        self.doc.headings.append(Heading(int(tok.tag[1]), text, id_text, span, explicit, False))

    def _inline(self, tok, frag, starts, base, where: str, cursor: int | None = None):
        if tok.map is None or not tok.children:
            return None
        local_cursor = cursor - base if cursor is not None else None
        cmap = ContentMap(frag, starts, tok.map[0], tok.content, local_cursor, cell=where == "table")
        content = tok.content
        children = tok.children
        self._walk(children, content, cmap, base, where)
        return cmap

    def _walk(self, children, content, cmap, base, where) -> None:
        text = self.text
        doc = self.doc
        link_stack: list[tuple[int, object]] = []
        items = doc.inline
        prose = doc.prose
        group = self.groups
        self.groups += 1
        # the content map inlined (a call and a bisect for every offset cost more than the walk):
        # one content line maps by a constant shift
        cstarts = cmap._cstarts
        gstarts = cmap._gstarts
        single = len(cstarts) == 1
        shift = base + gstarts[0] - cstarts[0]
        new_item = tuple.__new__
        new_object = object.__new__
        set_field = object.__setattr__
        cur = 0
        pos_stack: list[int] = []
        first = last = None
        for child in children:
            t = child.type
            if t == "text":  # positions.locate_child's first case, inlined: most children are text
                c = child.content
                if c:
                    s = content.find(c, cur)
                    if s == -1:
                        s = cur
                else:
                    s = cur
                e = s + len(c)
                if e > cur:
                    cur = e
            else:
                s, e, extra, cur = locate_child(child, t, content, cur, pos_stack)
            if single:
                gs = shift + s
                ge = shift + e
            else:
                j = bisect_right(cstarts, s) - 1
                if j < 0:
                    j = 0
                gs = base + gstarts[j] + (s - cstarts[j])
                j = bisect_right(cstarts, e) - 1
                if j < 0:
                    j = 0
                ge = base + gstarts[j] + (e - cstarts[j])
            if ge < gs:
                ge = gs
            # one Span for every element of this token (Spans are frozen), made as Span(gs, ge)
            # makes it, without the call
            sp = new_object(Span)
            set_field(sp, "start", gs)
            set_field(sp, "end", ge)
            items.append(new_item(InlineItem, (t, sp, group, where)))
            if first is None:
                first = gs
                last = ge
            elif ge > last:
                last = ge
            if t == "text":
                if c.strip():
                    prose.append(TextRun(text[gs:ge], sp, "link" if link_stack else where))
            elif t in _ITEM_ONLY:
                continue
            elif t == "code_inline":
                self.doc.code_spans.append(CodeSpan(child.content, sp))
            elif t in ("math_inline", "math_inline_double"):
                d = len(child.markup) or (1 if t == "math_inline" else 2)
                cs = Span(gs + d, max(gs + d, ge - d))
                self.doc.math.append(
                    MathSpan(text[cs.start : cs.end], sp, cs, "$" * d, False, where if where != "link" else "paragraph")
                )
            elif t == "html_inline":
                # parse_tag(text[gs:ge], gs) without the copy and the shift: the scanner reads
                # the tag in place (its patterns look neither before nor past the range)
                for item in scan_html(text, gs, ge, block=False):
                    self._add_html(item)
                    break
            elif t == "liquid_inline":
                tag = scan_liquid(text, gs, ge, self.closers)
                if tag is not None:
                    self._add_liquid(tag)
            elif t == "link_open":
                link_stack.append((gs, child, extra))
            elif t == "link_close":
                if not link_stack:
                    continue
                start, open_tok, open_extra = link_stack.pop()
                if open_extra.get("autolink"):
                    ds, de = open_extra["dest"]
                    raw = text[base + cmap(ds) : base + cmap(de)]
                    self.doc.links.append(
                        Link(raw, raw, Span(base + cmap(ds), base + cmap(de)), Span(start, ge), "autolink")
                    )
                    continue
                label = text[start + 1 : base + cmap(extra["label_end"])]
                href, raw, at = self._destination(extra, cmap, base, open_tok.attrGet("href"), Span(start, ge))
                kind = "markdown" if extra["inline"] else "reference"
                self.doc.links.append(Link(href, raw, at, Span(start, ge), kind, label))
            elif t == "image":
                alt = "".join(c.content for c in (child.children or []) if c.type in ("text", "text_special", "code_inline"))
                src, raw, at = self._destination(extra, cmap, base, child.attrGet("src"), sp)
                self.doc.images.append(Image(src, raw, at, sp, "markdown", alt))
                a0 = gs + 2
                if alt.strip() and text.startswith(alt, a0):
                    self.doc.prose.append(TextRun(alt, Span(a0, a0 + len(alt)), "alt"))
        if first is not None:
            self.group_ranges.append((first, last))

    def _destination(self, extra: dict, cmap, base: int, resolved: str | None, whole: Span) -> tuple[str, str, Span]:
        """(target as the browser gets it, as written, where it is written) of a link or image.

        An inline destination is read from the source; a reference one (`[x][ref]`) only
        exists in its definition, so the usage's whole span stands for it.
        """
        if extra["inline"]:
            ds, de = extra["dest"]
            where = Span(base + cmap(ds), base + cmap(de))
            raw = self.text[where.start : where.end]
            return unescape_md(raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw), raw, where
        raw = _unmask(normalizeLink(resolved) if resolved else "")
        return unquote(raw), raw, whole

    # -- elements found in several places ---------------------------------------------------
    def _add_html(self, item) -> None:
        if isinstance(item, Comment):
            self.doc.comments.append(item)
            return
        tag: HtmlTag = item
        self.doc.html.append(tag)
        if tag.closing:
            return
        name = tag.name
        if name == "a":
            a = tag.attr("href")
            if a is not None and a.value is not None and a.value_span is not None:
                self.doc.links.append(Link(_html.unescape(a.value), a.value, a.value_span, tag.span, "html"))
        elif name in ("img", "iframe", "video", "source", "audio", "embed"):
            a = tag.attr("src")
            if a is not None and a.value is not None and a.value_span is not None:
                alt = tag.attr("alt")
                self.doc.images.append(
                    Image(_html.unescape(a.value), a.value, a.value_span, tag.span, "html" if name == "img" else name,
                          alt.value if alt is not None else None)
                )
        if _HEADING_TAG.fullmatch(name):
            idattr = tag.attr("id")
            self.doc.headings.append(
                Heading(int(name[1]), "", "", tag.span, idattr.value if idattr is not None else None, True)
            )

    def _add_liquid(self, tag: LiquidTag) -> None:
        self.doc.liquid.append(tag)
        if tag.name != "include":
            return
        path = tag.param("path")
        if path is not None:
            alt = tag.param("alt")
            cap = tag.param("caption")
            kind = "figure" if (tag.include_file or "").startswith("figure") else "include"
            self.doc.images.append(
                Image(path.value, self.text[path.value_span.start : path.value_span.end], path.value_span, tag.span,
                      kind, alt.value if alt else None, cap.value if cap else None)
            )
        cap = tag.param("caption")
        if cap is not None and cap.quoted:
            self._caption(cap)

    def _caption(self, cap) -> None:
        """A figure caption is raw HTML with math: its tags, links, math and prose."""
        text = self.text
        s, e = cap.value_span.start, cap.value_span.end
        raw = text[s:e]
        if '\\"' in raw:  # `\"` inside: scan the unescaped value, map offsets back
            value, omap = _unescape_with_map(raw)
        else:
            value, omap = raw, None

        def g(i: int) -> int:
            """File offset of value index ``i`` (a start)."""
            if omap is None:
                return s + i
            return s + (omap[i] if i < len(omap) else len(raw))

        def g_end(i: int) -> int:
            """File offset just after value index ``i - 1`` (an end)."""
            if omap is None or i == 0:
                return s + i
            return s + omap[i - 1] + 1

        covered: list[tuple[int, int]] = []
        for item in scan_html(value, 0, len(value), block=False):
            if isinstance(item, Comment):
                continue
            tag = HtmlTag(
                item.name, item.closing, item.self_closing,
                tuple(
                    type(a)(a.name, a.value, Span(g(a.span.start), g_end(a.span.end)),
                            Span(g(a.value_span.start), g_end(a.value_span.end)) if a.value_span else None, a.quote)
                    for a in item.attrs
                ),
                Span(g(item.span.start), g_end(item.span.end)), False, item.raw,
            )
            self._add_html(tag)
            covered.append((item.span.start, item.span.end))
        for m in _DOLLARS.finditer(value):
            grp = 1 if m.group(1) is not None else 2
            d = 2 if grp == 1 else 1
            self.doc.math.append(
                MathSpan(m.group(grp), Span(g(m.start()), g_end(m.end())), Span(g(m.start(grp)), g_end(m.end(grp))), "$" * d, False, "caption")
            )
            covered.append((m.start(), m.end()))
        covered.sort()
        pos = 0
        for a, z in covered + [(len(value), len(value))]:
            if a > pos:
                chunk_s, chunk_e = g(pos), g_end(a)
                piece = text[chunk_s:chunk_e]
                if piece.strip() and omap is None or (piece.strip() and "\\" not in piece):
                    self.doc.prose.append(TextRun(piece, Span(chunk_s, chunk_e), "caption"))
            pos = max(pos, z)


def _typographic(s: str) -> str:
    """kramdown's typographic symbols, which its header ids see as characters (then drop)."""
    if "--" not in s and "..." not in s and "<<" not in s and ">>" not in s:
        return s
    return s.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026").replace("<<", "\u00ab").replace(">>", "\u00bb")


def _unescape_with_map(raw: str) -> tuple[str, list[int]]:
    """Jekyll's include tag turns only `\\"` into `"` inside a quoted value; so do we."""
    out: list[str] = []
    omap: list[int] = []
    i = 0
    n = len(raw)
    while i < n:
        if raw[i] == "\\" and i + 1 < n and raw[i + 1] == '"':
            out.append(raw[i + 1])
            omap.append(i + 1)
            i += 2
        else:
            out.append(raw[i])
            omap.append(i)
            i += 1
    return "".join(out), omap
